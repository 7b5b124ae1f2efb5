// 决议落实 in the console: the convener opens the community's decisions; progress on a decision without an
// owner is refused with "name the owner first"; after naming the owner and the deadline, a 进行中 update
// with a photo and then 已完成 appear in its history (the photo is served as a JPEG) and a resident's
// rating shows under it; a decision given a deadline in the past shows 已逾期 and is under that filter; a
// decision that cannot be carried out needs its reason.
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { createDb } from '../../lib/platform/db/client';
import { newId } from '../../lib/platform/tokens';
import { DEMO, PHONE, expectNoSeriousA11yViolations, openPage, shoot, e2eDatabaseUrl } from './support';

const LAPTOP_1280 = { viewport: { width: 1280, height: 800 } };

type Task = { id: string; pollId: string; title: string; owner: string | null; deadline: string | null; status: string; reason: string | null; overdue: boolean; updates: { id: string; status: string; note: string; hasPhoto: boolean }[] };

async function staffLogin(page: Page): Promise<string> {
  const res = await page.context().request.post('/api/auth/login', { data: { username: DEMO.username, password: DEMO.password } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { user: { scope: { communityId: string } } }).user.scope.communityId;
}

async function tasksOf(request: APIRequestContext, communityId: string): Promise<Task[]> {
  const res = await request.get(`/api/communities/${communityId}/decisions`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { decisions: Task[] }).decisions;
}

/** A day in Beijing time as the date picker writes it, `days` from today. */
function beijingDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() + days * 86_400_000);
}

/** The decision's card, pressing 显示更多 until the list reaches it. */
async function card(page: Page, taskId: string): Promise<Locator> {
  const article = page.locator(`article[aria-labelledby="decision-${taskId}"]`);
  for (let i = 0; i < 10 && !(await article.isVisible()); i++) {
    const more = page.getByRole('button', { name: '显示更多' });
    if (!(await more.isVisible())) break;
    await more.click();
  }
  await expect(article).toBeVisible();
  return article;
}

/**
 * More decisions than a page shows: the demo community files only a few, so this adds tasks of its own to
 * one of its filed records, straight into the e2e server's database (as support.ts's freshMeeting does).
 */
async function moreDecisions(communityId: string, count: number): Promise<void> {
  const db = createDb(e2eDatabaseUrl());
  try {
    const record = await db.meetingRecord.findFirstOrThrow({ where: { communityId, status: 'filed' }, select: { id: true } });
    for (let i = 1; i <= count; i++) {
      await db.decisionTask.create({ data: { id: newId(), recordId: record.id, pollId: `e2e-poll-${i}`, communityId, title: `增补决议 ${i}：楼道照明检修` } });
    }
  } finally {
    await db.$disconnect();
  }
}

async function plan(decision: Locator, owner: string, day: string): Promise<void> {
  await decision.getByRole('button', { name: '指定责任人和期限' }).click();
  await decision.getByLabel('责任人（个人或单位）').fill(owner);
  await decision.getByLabel('期限（当天 23:59 截止）').fill(day);
  await decision.getByRole('button', { name: '保存责任人和期限' }).click();
  await expect(decision.getByRole('status')).toContainText(`已保存：责任人 ${owner}`);
  await expect(decision.getByRole('definition').filter({ hasText: owner })).toBeVisible();
}

test('staff name owners and deadlines, record progress with photos, and see overdue and impossible decisions', async ({ browser }) => {
  const page = await openPage(browser, LAPTOP_1280);
  const communityId = await staffLogin(page);
  await tasksOf(page.context().request, communityId); // the demo's records get their tasks first
  await moreDecisions(communityId, 31);
  const tasks = await tasksOf(page.context().request, communityId);
  expect(tasks.length).toBeGreaterThan(30);
  // Decisions nobody has taken up yet (the demo carries most of its older ones out; the added ones are fresh).
  const fresh = tasks.filter((x) => x.status === 'not_started' && !x.owner);
  expect(fresh.length).toBeGreaterThanOrEqual(3);
  const [a, b, c] = fresh as [Task, Task, Task];

  await page.goto('/console/community');
  await page.getByRole('link', { name: '决议落实' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '决议落实' })).toBeVisible();
  // The first 30, newest first; 显示更多 shows the rest.
  await expect(page.getByText(`显示 30 项，共 ${tasks.length} 项`)).toBeVisible();
  await expect(page.locator('article')).toHaveCount(30);
  await expect(page.locator('article h3').first()).toHaveText(tasks[0]!.title);
  await page.getByRole('button', { name: '显示更多' }).click();
  await expect(page.getByText(`显示 ${tasks.length} 项，共 ${tasks.length} 项`)).toBeVisible();
  await expect(page.locator('article')).toHaveCount(tasks.length);
  await expect(page.getByRole('button', { name: '显示更多' })).toHaveCount(0);

  // Progress before anyone is named is refused, in words, above the form.
  const first = await card(page, a.id);
  await expect(first.getByText('未指定')).toHaveCount(2);
  await first.getByRole('button', { name: '更新进展' }).click();
  await first.getByLabel('进展说明').fill('已联系施工单位查看现场。');
  await first.getByRole('button', { name: '提交进展' }).click();
  await expect(first.getByRole('alert')).toHaveText('请先指定责任人和期限，再更新进展。');

  // Owner and deadline: the chosen day ends at 23:59:59 Beijing time.
  const due = beijingDay(30);
  await plan(first, '桂湖社区居委会 王敏', due);
  const planned = (await tasksOf(page.context().request, communityId)).find((x) => x.id === a.id)!;
  expect(planned.owner).toBe('桂湖社区居委会 王敏');
  expect(new Date(planned.deadline!).getTime()).toBe(new Date(`${due}T23:59:59+08:00`).getTime());

  // 进行中 with a photo, then 已完成.
  const jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#5a8f6a' } }).jpeg().toBuffer();
  await first.getByRole('button', { name: '更新进展' }).click();
  await first.getByRole('radio', { name: '进行中' }).check();
  await first.getByLabel('进展说明').fill('施工队已进场，正在更换南门路灯。');
  await first.getByLabel('照片（可选，JPEG、PNG 或 WebP）').setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await first.getByRole('button', { name: '提交进展' }).click();
  await expect(first.getByRole('status')).toHaveText('已登记进展：进行中。');
  await expect(first.getByText('施工队已进场，正在更换南门路灯。')).toBeVisible();

  await first.getByRole('button', { name: '更新进展' }).click();
  await first.getByRole('radio', { name: '已完成' }).check();
  await first.getByLabel('进展说明').fill('南门路灯已全部更换完毕，夜间照明恢复。');
  await first.getByRole('button', { name: '提交进展' }).click();
  await expect(first.getByRole('status')).toHaveText('已登记进展：已完成。');
  await expect(first.getByText('这项决议已结束，不再更新。')).toBeVisible();
  await expect(first.getByRole('button', { name: '更新进展' })).toHaveCount(0);

  // The history: the plan, both updates (the first with its photo, served as a JPEG).
  await expect(first.getByText('落实记录（3）')).toBeVisible();
  await expect(first.getByText(/^责任人：桂湖社区居委会 王敏；期限：\d{4}年\d{1,2}月\d{1,2}日$/)).toBeVisible();
  await expect(first.getByText('施工队已进场，正在更换南门路灯。')).toBeVisible();
  await expect(first.getByText('南门路灯已全部更换完毕，夜间照明恢复。')).toBeVisible();
  const photo = first.getByRole('img', { name: /^进展照片：/ });
  await expect(photo).toHaveCount(1);
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  const src = await photo.getAttribute('src');
  const served = await page.request.get(src!);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('image/jpeg');

  // A resident rates the finished decision; its ratings show under it.
  const resident = (await browser.newContext()).request;
  const code = await resident.post('/api/residents/code', { data: { phone: '13987654321' } });
  expect(code.status(), await code.text()).toBe(200);
  const { demoCode } = (await code.json()) as { demoCode: string };
  expect((await resident.post('/api/residents/confirm', { data: { phone: '13987654321', code: demoCode } })).status()).toBe(200);
  const rated = await resident.post(`/api/decisions/${a.id}/ratings`, { data: { rating: 'basically_satisfied', comment: '灯亮了，希望加装一盏在车棚。' } });
  expect(rated.status(), await rated.text()).toBe(200);
  await page.reload();
  const done = await card(page, a.id);
  await expect(done.getByText('居民评议（1 人）')).toBeVisible();
  await expect(done.getByText('基本满意 1 人')).toBeVisible();
  await expect(done.getByText('满意 0 人', { exact: true })).toBeVisible();
  await done.getByText('居民意见（1）').click();
  await expect(done.getByText('灯亮了，希望加装一盏在车棚。')).toBeVisible();
  await done.scrollIntoViewIfNeeded();
  await shoot(page, 'decisions-laptop-done');

  // A deadline in the past: 已逾期 on the card and under the 已逾期 filter.
  const late = await card(page, b.id);
  await expect(late.getByText('已逾期', { exact: true })).toHaveCount(0);
  await plan(late, '第二网格 李红', beijingDay(-3));
  await expect(late.getByText('已逾期', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: /^已逾期（\d+）$/ }).click();
  await expect(page.getByRole('button', { name: /^已逾期（\d+）$/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(await card(page, b.id)).toBeVisible();
  await expect(page.locator(`article[aria-labelledby="decision-${a.id}"]`)).toHaveCount(0);
  await page.getByRole('button', { name: /^全部（\d+）$/ }).click();

  // 无法落实 needs its reason, said next to the field.
  const third = await card(page, c.id);
  await plan(third, '桂湖社区物业服务中心', beijingDay(14));
  await third.getByRole('button', { name: '更新进展' }).click();
  await third.getByRole('radio', { name: '无法落实' }).check();
  await third.getByLabel('进展说明').fill('经现场勘查，该位置地下有燃气管线。');
  await third.getByRole('button', { name: '提交进展' }).click();
  const reason = third.getByLabel('无法落实的原因（必填，居民可见）');
  await expect(reason).toHaveAccessibleDescription('选择“无法落实”时必须写明原因（至少 2 个字），居民会在公示栏看到。');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await reason.fill('地下有燃气主管线，按安全规定不能在此开挖，已转交街道另行选址。');
  await third.getByRole('button', { name: '提交进展' }).click();
  await expect(third.getByRole('status')).toHaveText('已登记进展：无法落实。');
  await expect(third.getByRole('definition').filter({ hasText: '地下有燃气主管线' })).toBeVisible();
  const after = (await tasksOf(page.context().request, communityId)).find((x) => x.id === c.id)!;
  expect(after.status).toBe('impossible');

  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoSeriousA11yViolations(page, 'decisions (laptop)');
  await shoot(page, 'decisions-laptop');

  // The phone: the same page at 390 px, a form open.
  const phone = await openPage(browser, PHONE);
  await staffLogin(phone);
  await phone.goto('/console/community/decisions');
  await expect(phone.getByRole('heading', { level: 1, name: '决议落实' })).toBeVisible();
  await shoot(phone, 'decisions-phone');
  const onPhone = await card(phone, b.id);
  await onPhone.getByRole('button', { name: '更新进展' }).click();
  await onPhone.scrollIntoViewIfNeeded();
  await expectNoSeriousA11yViolations(phone, 'decisions (phone)');
  await shoot(phone, 'decisions-phone-form');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'nothing wider than the phone').toBeLessThanOrEqual(0);
});
