// A written consultation (书面征询协商): staff plan one, write the document, choose two roster members and a
// unit, and send it — the personal links are shown once; two addressees answer on their phones through
// their links (one changes the answer); staff see the table and the counts, mark the silent unit
// reminded, write the conclusion and close; the record page shows the written section. Screenshots of
// every page at phone and laptop size; axe clean.
import { expect, test } from '@playwright/test';
import { DEMO, PHONE, expectNoSeriousA11yViolations, openPage, shoot, staffPage } from './support';

const TITLE = '关于桂湖花园充电桩选址的书面征询';
const MEMBERS = ['张秀英', '王建国'];
const UNIT = '桂湖花园物业服务中心';

test('staff send a written consultation, two addressees answer through their links, staff close it into the record', async ({ browser }) => {
  const staff = await staffPage(browser, DEMO.username);
  // Logging in again answers with the staff member's scope: their community.
  const communityId: string = (await (await staff.context().request.post('/api/auth/login', { data: { username: DEMO.username, password: DEMO.password } })).json()).user.scope.communityId;
  const now = Date.now();
  const planned = await staff.context().request.post('/api/meetings', {
    data: {
      communityId, form: 'written', level: 'community', type: 'supervision', title: TITLE, venue: '书面',
      scheduledAt: new Date(now).toISOString(), endsAt: new Date(now + 7 * 86_400_000).toISOString(),
    },
  });
  expect(planned.status(), await planned.text()).toBe(200);
  const meetingId: string = (await planned.json()).meetingId;
  const consoleUrl = `/console/meetings/${meetingId}`;

  let links: string[] = [];
  await test.step('staff write the document, choose addressees and send it; the links are shown once', async () => {
    await staff.goto(consoleUrl);
    await expect(staff.getByRole('heading', { name: '征询函' })).toBeVisible();
    await staff.getByLabel('标题').fill('关于充电桩选址的征询函');
    await staff.getByLabel('征询事项').fill('拟在 3 号楼北侧空地安装 10 个电动车充电桩，请提出意见。');
    await staff.getByLabel('截止时间').fill(new Date(now + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16));
    for (const name of MEMBERS) await staff.getByRole('checkbox', { name, exact: true }).check();
    await staff.getByRole('button', { name: '添加单位' }).click();
    await staff.getByLabel('名称或姓名').fill(UNIT);
    await expect(staff.getByText('已选 3 个征询对象')).toBeVisible();
    await shoot(staff, 'written-staff-draft', true);
    await expectNoSeriousA11yViolations(staff, 'written draft');
    await staff.getByRole('button', { name: '发送征询函' }).click();
    const region = staff.getByRole('region', { name: '个人链接' });
    await expect(region).toBeVisible();
    const codes = region.getByTestId('written-link');
    await expect(codes).toHaveCount(3);
    links = await codes.allTextContents();
    for (const l of links) expect(l).toMatch(/^\/w\/[A-Za-z0-9_-]{43}$/);
    await shoot(staff, 'written-staff-links', true);
    await region.getByRole('button', { name: '打印二维码清单' }).click();
    await expect(staff.getByRole('img', { name: MEMBERS[0] })).toBeVisible();
    await shoot(staff, 'written-staff-qr-list', true);
    await staff.getByRole('button', { name: '返回' }).click();
  });

  const phoneA = await openPage(browser, PHONE);
  const phoneB = await openPage(browser, PHONE);
  await test.step('two addressees answer on their phones; one changes the answer', async () => {
    await phoneA.goto(links[0]!);
    await expect(phoneA.getByRole('heading', { name: '关于充电桩选址的征询函' })).toBeVisible();
    await expect(phoneA.getByText(`${MEMBERS[0]}，您好`)).toBeVisible();
    await shoot(phoneA, 'written-phone-open', true);
    await expectNoSeriousA11yViolations(phoneA, 'written phone');
    await phoneA.getByRole('radio', { name: '同意', exact: true }).check();
    await phoneA.getByRole('button', { name: '提交意见' }).click();
    await expect(phoneA.getByRole('heading', { name: '您目前的回复：同意', exact: true })).toBeVisible();
    await phoneA.getByRole('button', { name: '更改回复' }).click();
    await phoneA.getByRole('radio', { name: '修改意见' }).check();
    await phoneA.getByRole('button', { name: '提交意见' }).click();
    await expect(phoneA.getByRole('alert').filter({ hasText: '请写明' })).toHaveText('请写明修改意见或不同意的理由');
    await phoneA.getByLabel('意见说明').fill('建议同时加装雨棚。');
    await phoneA.getByRole('button', { name: '提交意见' }).click();
    await expect(phoneA.getByRole('heading', { name: '您目前的回复：修改意见' })).toBeVisible();
    await expect(phoneA.getByRole('status')).toContainText('第 2 次');
    await shoot(phoneA, 'written-phone-answered', true);

    await phoneB.goto(links[1]!);
    await phoneB.getByRole('radio', { name: '不同意' }).check();
    await phoneB.getByLabel('意见说明').fill('3 号楼北侧是消防通道。');
    await phoneB.getByRole('button', { name: '提交意见' }).click();
    await expect(phoneB.getByRole('heading', { name: '您目前的回复：不同意' })).toBeVisible();
    // The same link on a laptop (an addressee at their desk).
    const desk = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    await desk.goto(links[1]!);
    await expect(desk.getByRole('heading', { name: '您目前的回复：不同意' })).toBeVisible();
    await shoot(desk, 'written-laptop-answered', true);
    await desk.context().close();

    const wrong = await openPage(browser, PHONE);
    await wrong.goto(`/w/${'A'.repeat(43)}`);
    await expect(wrong.getByRole('alert').filter({ hasText: '链接无效' })).toBeVisible();
    await wrong.context().close();
  });

  await test.step('staff see who answered what, mark the unit reminded, write the conclusion and close', async () => {
    await staff.reload();
    const replies = staff.getByRole('region', { name: '回复情况' });
    await expect(replies.getByRole('img', { name: /同意 0，修改意见 1，不同意 1，未回复 1/ })).toBeVisible();
    await expect(replies.getByRole('row').filter({ hasText: MEMBERS[0] })).toContainText('建议同时加装雨棚。');
    await expect(replies.getByRole('row').filter({ hasText: MEMBERS[0] })).toContainText('更改过 1 次');
    await replies.getByRole('button', { name: `标记已催办：${UNIT}` }).click();
    await expect(replies.getByRole('row').filter({ hasText: UNIT })).toContainText('已催办 1 次');
    await replies.getByLabel('筛选').selectOption({ label: '不同意' });
    await expect(replies.getByRole('row')).toHaveCount(2);
    await expect(replies.getByRole('row').nth(1)).toContainText(MEMBERS[1]!);
    await replies.getByLabel('筛选').selectOption({ label: '全部' });
    await shoot(staff, 'written-staff-replies', true);
    await expectNoSeriousA11yViolations(staff, 'written replies');
    await staff.getByRole('textbox', { name: '征询结论' }).fill('鉴于消防通道问题，社区将另行选址后再次征询。');
    await staff.getByRole('button', { name: '结束征询并生成记录' }).click();
    await expect(staff.getByRole('heading', { name: /征询已结束/ })).toBeVisible();
    await shoot(staff, 'written-staff-closed', true);
  });

  await test.step('the addressee’s page is read-only; the record page shows the written section', async () => {
    await phoneA.reload();
    await expect(phoneA.getByRole('heading', { name: '征询已结束，以下是您的回复。' })).toBeVisible();
    await expect(phoneA.getByRole('button', { name: '提交意见' })).toHaveCount(0);
    await shoot(phoneA, 'written-phone-closed', true);

    await staff.getByRole('link', { name: '查看会议记录' }).click();
    const section = staff.getByRole('region', { name: '书面征询' });
    await expect(section).toBeVisible({ timeout: 30_000 });
    await expect(section).toContainText('共征询 3 个对象：同意 0，修改意见 1，不同意 1，未回复 1。');
    await expect(section).toContainText('结论：鉴于消防通道问题');
    await expect(section.getByRole('listitem').filter({ hasText: MEMBERS[0] })).toContainText('建议同时加装雨棚。');
    await shoot(staff, 'written-record', true);
    await expectNoSeriousA11yViolations(staff, 'written record');
  });
});

