// The topic cycle from residents' phones: a resident opens the board, confirms a phone with a one-time code
// (the demo server shows the code), proposes a topic with a photo; ten other phones each confirm and co-sign
// (one tries twice and is told so); the board then shows "已有 11 人联名" and the topic a joint one. Staff
// accept it in the console, and the topic's page shows its journey. Screenshots and axe on every new page.
import { expect, test, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import { LAPTOP, PHONE, expectNoSeriousA11yViolations, openPage, shoot, staffPage } from './support';

const phoneNumber = (i: number) => `1390000${String(1000 + i).padStart(4, '0')}`;

async function confirmPhone(page: Page, phone: string) {
  const form = page.getByRole('form', { name: '验证手机号' });
  await form.getByLabel('手机号').fill(phone);
  await form.getByRole('button', { name: '获取验证码' }).click();
  const code = (await form.getByTestId('demo-code').textContent())!.match(/\d{6}/)![0];
  await form.getByLabel('短信验证码（6 位数字）').fill(code);
  await form.getByRole('button', { name: '验证' }).click();
  await expect(page.getByText(`已验证手机号 ${phone.slice(0, 3)}****${phone.slice(-4)}`)).toBeVisible();
}

async function declare(page: Page, name: string, building: string) {
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('楼栋 / 住址').fill(building);
  await page.getByLabel('本人已年满 18 周岁，是本社区居民').check();
}

async function coSign(browser: Browser, topicUrl: string, i: number) {
  const page = await openPage(browser, PHONE);
  await page.goto(topicUrl);
  await page.getByRole('button', { name: '我要联名' }).click();
  await confirmPhone(page, phoneNumber(i));
  await declare(page, `居民${i}`, `${(i % 5) + 1} 号楼`);
  await page.getByRole('button', { name: '确认联名' }).click();
  await expect(page.getByText('您已联名支持这个议题。')).toBeVisible();
  return page;
}

test('a resident proposes from the phone, ten neighbours co-sign, staff accept, the board shows the journey', async ({ browser }) => {
  const proposer = await openPage(browser, PHONE);
  await proposer.goto('/c/guihu');
  const topics = proposer.getByRole('region', { name: '居民议题' });
  await topics.getByRole('link', { name: '提出议题' }).click();
  await expect(proposer.getByRole('heading', { name: '提出议题', level: 1 })).toBeVisible();
  await shoot(proposer, 'topics-propose-phone-confirm');
  await expectNoSeriousA11yViolations(proposer, 'propose (phone confirmation)');

  // A wrong code is refused with a sentence the resident understands; then the right one.
  const form = proposer.getByRole('form', { name: '验证手机号' });
  await form.getByLabel('手机号').fill('139 0000 0999');
  await form.getByRole('button', { name: '获取验证码' }).click();
  const shown = (await form.getByTestId('demo-code').textContent())!.match(/\d{6}/)![0];
  await form.getByLabel('短信验证码（6 位数字）').fill(shown === '000000' ? '111111' : '000000');
  await form.getByRole('button', { name: '验证' }).click();
  await expect(form.getByRole('alert')).toHaveText('验证码不正确或已过期，请重新获取。');
  await form.getByLabel('短信验证码（6 位数字）').fill(shown);
  await form.getByRole('button', { name: '验证' }).click();
  await expect(proposer.getByText('已验证手机号 139****0999')).toBeVisible();

  await proposer.getByLabel('议题标题').fill('小区东门人行道地砖破损');
  await proposer.getByLabel('具体情况').fill('东门人行道有十几块地砖松动破损，下雨天积水，老人和推婴儿车的居民经常绊倒，希望尽快修补。');
  await proposer.getByLabel('地点（小区、楼栋）').fill('桂湖花园东门');
  const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#8a7f70' } }).jpeg().toBuffer();
  await proposer.getByLabel('照片（可选，最多 5 张）').setInputFiles({ name: '东门地砖.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(proposer.getByRole('list', { name: '已选 1 张照片' })).toBeVisible();
  await declare(proposer, '陈淑华', '5 号楼');
  await shoot(proposer, 'topics-propose-phone-form', true);
  await expectNoSeriousA11yViolations(proposer, 'propose form');
  await proposer.getByRole('button', { name: '提交议题' }).click();

  // The topic's page: the proposer's own signature counts; the photo is there; the journey starts.
  await expect(proposer.getByRole('heading', { name: '小区东门人行道地砖破损', level: 1 })).toBeVisible();
  await expect(proposer.getByText('这是您提出的议题。')).toBeVisible();
  await expect(proposer.getByRole('progressbar', { name: '已有 1 人联名，还差 9 人' })).toBeVisible();
  await expect(proposer.getByRole('list', { name: '照片' }).getByRole('img')).toHaveCount(1);
  const topicUrl = proposer.url();
  const topicId = topicUrl.split('/t/')[1]!;

  // Ten neighbours co-sign, each on their own phone; the last one tries again and is told it already did.
  let last: Page | null = null;
  for (let i = 1; i <= 10; i++) {
    if (last) await last.context().close();
    last = await coSign(browser, topicUrl, i);
  }
  await expect(last!.getByRole('progressbar', { name: '已有 11 人联名，达到联名要求' })).toBeVisible();
  await shoot(last!, 'topics-cosigned-phone', true);
  await expectNoSeriousA11yViolations(last!, 'topic page after co-signing');
  const twice = await last!.context().request.post(`/api/topics/${topicId}/cosign`, { data: { name: '居民10', building: '1 号楼', adult: true } });
  expect(twice.status()).toBe(409);
  await last!.context().close();

  // The public page names no co-signer.
  const publicJson = await (await proposer.context().request.get(`/api/topics/${topicId}`)).text();
  for (let i = 1; i <= 10; i++) expect(publicJson).not.toContain(`居民${i}`);
  expect(publicJson).not.toContain('1390000');

  // The board: the topic is a joint one with its count.
  await proposer.goto('/c/guihu');
  const card = proposer.getByRole('article', { name: '小区东门人行道地砖破损' });
  await expect(card).toContainText('居民联名（10 人以上）');
  await expect(card.getByRole('progressbar')).toHaveAccessibleName('已有 11 人联名，达到联名要求');

  // Staff accept it (the console's review is its own spec; here through the same API the console calls).
  const staff = await staffPage(browser, 'facilitator', LAPTOP);
  const accepted = await staff.context().request.post(`/api/topics/${topicId}/review`, { data: { decision: 'accept', level: 'community', placeId: null, type: 'coordination' } });
  expect(accepted.status(), await accepted.text()).toBe(200);

  await proposer.goto(topicUrl);
  await expect(proposer.getByText('已受理', { exact: true })).toBeVisible();
  const journey = proposer.getByRole('region', { name: '议题进程' });
  await expect(journey.getByRole('listitem')).toHaveText([/居民在公示栏提出议题/, /联名达到 10 人，成为居民联名议题/, /审核受理：社区协商，协调型.*王书记/]);
  await expect(proposer.getByRole('region', { name: '联名支持' })).toHaveCount(0);
  await shoot(proposer, 'topics-journey-phone', true);
  await expectNoSeriousA11yViolations(proposer, 'topic journey');
});
