// A hearing (决策听证, issue 13) in the browser: two residents apply from their phones as representatives
// of opposite sides, the console admits them and runs the order of proceedings, the projector shows who
// has the floor and who is next; the representatives confirm their statements in the transcript, one
// after asking for a correction; one raises a hand in the questions; the result is recorded.
import { expect, test, type Page } from '@playwright/test';
import {
  checkInSelf, expectNoSeriousA11yViolations, fetchAccess, freshMeeting, joinWithCard, openPage, PHONE, PROJECTOR, shoot, staffPage,
} from './support';

const panel = (phone: Page) => phone.getByRole('region', { name: '决策听证' });

async function apply(phone: Page, stake: '支持' | '反对', summary: string) {
  const section = panel(phone);
  await section.getByRole('radio', { name: '听证代表' }).check();
  await section.getByRole('radio', { name: stake }).check();
  await section.getByLabel('意见摘要（可不填）').fill(summary);
  await section.getByRole('button', { name: '提交报名' }).click();
  await expect(section.getByText('等待审核')).toBeVisible();
}

test('a hearing: applications, the order of proceedings, the transcript confirmed from the phones, the result', async ({ browser, request }) => {
  const joinCode = await freshMeeting('停车收费调整听证会', [{ title: '小区停车收费调整方案' }], 'hearing');
  const access = await fetchAccess(request, joinCode);
  const consoleUrl = `/console/meetings/${access.meetingId}`;
  const [seatA, seatB] = access.seats as [typeof access.seats[0], typeof access.seats[0]];

  const consolePage = await staffPage(browser, 'facilitator');
  await consolePage.goto(consoleUrl);
  await expect(consolePage.getByText('已连接')).toBeVisible();
  const hearing = consolePage.getByRole('region', { name: '决策听证' });
  await hearing.getByLabel('事项提出方（如：物业公司）').fill('物业公司');
  await hearing.getByLabel('每人发言（分钟）').fill('3');
  await hearing.getByRole('button', { name: '保存设置' }).click();
  await expect(hearing.getByRole('button', { name: '主持人发言' })).toHaveCount(0);
  await consolePage.getByRole('button', { name: '开始会议' }).click();
  await expect(consolePage.getByRole('button', { name: '结束会议' })).toBeVisible();

  const projector = await openPage(browser, { ...PROJECTOR, storageState: await consolePage.context().storageState() });
  await projector.goto(`${consoleUrl}/projector`);
  await expect(projector.getByRole('heading', { name: '扫码参会' })).toBeVisible();

  const [a, b] = await Promise.all([openPage(browser, PHONE), openPage(browser, PHONE)]) as [Page, Page];
  for (const [phone, seat] of [[a, seatA], [b, seatB]] as const) {
    await joinWithCard(phone, joinCode, seat.cardToken);
    await checkInSelf(phone);
  }
  await apply(a, '支持', '按车位大小分档收费更公平');
  await apply(b, '反对', '涨价前先公开物业账目');
  await shoot(b, 'hearing-phone-applied', true);

  // Admitted from the console; the sides' balance follows.
  await hearing.getByRole('button', { name: `确认：${seatA.name}` }).click();
  await hearing.getByRole('button', { name: `确认：${seatB.name}` }).click();
  await expect(hearing.getByText('支持 1 · 反对 1 · 其他 0')).toBeVisible();
  await expect(panel(a).getByText('已确认')).toBeVisible();

  // The order of proceedings: the host, the proposing party, then the representatives in their order.
  const next = (stage: string) => hearing.getByRole('button', { name: `进入${stage}` }).click();
  const end = () => hearing.getByRole('button', { name: '结束发言' }).click();
  await next('宣布纪律');
  await hearing.getByRole('button', { name: '主持人发言' }).click();
  await end();
  await next('事项说明');
  await hearing.getByRole('button', { name: '请物业公司发言' }).click();
  await expect(projector.getByText('物业公司')).toBeVisible();
  await end();
  await next('代表发言');
  await expect(projector.getByText(`下一位：${seatA.name}`)).toBeVisible();
  await hearing.getByRole('button', { name: `请${seatA.name}（支持）发言` }).click();
  await expect(projector.getByText('正在发言')).toBeVisible();
  await expect(projector.getByText(seatA.name, { exact: true })).toBeVisible();
  await expect(panel(b).getByText(seatA.name, { exact: true })).toBeVisible();
  await shoot(projector, 'hearing-projector-turn');
  await end();
  await hearing.getByRole('button', { name: `请${seatB.name}（反对）发言` }).click();
  await end();
  await expect(hearing.getByText('听证代表都已发言')).toBeVisible();

  // The transcript: A confirms; B asks for a correction, then confirms.
  const statements = (phone: Page) => panel(phone).getByRole('button', { name: '确认：笔录与我说的一致' });
  await statements(a).click();
  await expect(panel(a).getByText('本人已确认')).toBeVisible();
  await panel(b).getByLabel('笔录哪里不对？写下更正').fill('我说的是先公开近两年的物业账目');
  await panel(b).getByRole('button', { name: '提出更正' }).click();
  await expect(panel(b).getByText('更正：我说的是先公开近两年的物业账目')).toBeVisible();
  await statements(b).click();
  const transcript = hearing.getByRole('listitem').filter({ hasText: seatB.name }).filter({ hasText: '代表发言' });
  await expect(transcript).toContainText('本人已确认');
  await expect(transcript).toContainText('更正：我说的是先公开近两年的物业账目');
  await shoot(b, 'hearing-phone-transcript', true);

  // Questions: B raises a hand, the console sees it.
  await next('询问与回应');
  await panel(b).getByRole('button', { name: '举手提问' }).click();
  await expect(hearing.getByRole('button', { name: `请${seatB.name}发言（已举手）` })).toBeVisible();

  // The result, on every screen.
  await hearing.getByLabel('决定', { exact: true }).fill('暂缓调整停车费，先公开近两年物业账目');
  await hearing.getByLabel('理由', { exact: true }).fill('双方对账目透明度意见一致');
  await hearing.getByRole('button', { name: '保存听证结果' }).click();
  await expect(projector.getByText('暂缓调整停车费，先公开近两年物业账目')).toBeVisible();
  await expect(panel(a).getByText('暂缓调整停车费，先公开近两年物业账目')).toBeVisible();
  await shoot(consolePage, 'hearing-console', true);
  await shoot(projector, 'hearing-projector-result');
  await expectNoSeriousA11yViolations(consolePage, 'hearing console');
  await expectNoSeriousA11yViolations(b, 'hearing phone');
  await expectNoSeriousA11yViolations(projector, 'hearing projector');
});
