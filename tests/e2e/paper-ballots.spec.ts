// Everyone present can vote (issue 10): the facilitator checks members in on their behalf (代签到, shown
// as such and undone once with a reason), enters a named ballot for a member without a phone, and enters
// two paper ballots of a secret poll with the tellers' names; the results and the record say so.
import { expect, test } from '@playwright/test';
import { closeMeetingDeferringTheRest,
  castVote, checkInSelf, expectNoSeriousA11yViolations, expectReceipt, fetchAccess, freshMeeting, joinWithCard, openPage, PHONE, pollSection, PROJECTOR, shoot, staffPage,
} from './support';

const NAMED = '是否同意在3号楼加装电梯？';
const SECRET = '是否同意调整停车费标准？';

test('staff check-ins, a staff-entered ballot and paper ballots are counted and shown as such', async ({ browser, request }) => {
  const joinCode = await freshMeeting('纸质票与代录演练', [{ title: '议题一：加装电梯与停车' }]);
  const access = await fetchAccess(request, joinCode);
  const [phoneSeat, proxyA, proxyB, mistaken] = access.seats;

  const consolePage = await staffPage(browser, 'facilitator');
  const consoleUrl = `/console/meetings/${access.meetingId}`;
  await consolePage.goto(consoleUrl);
  await expect(consolePage.getByText('已连接')).toBeVisible();
  await consolePage.getByRole('button', { name: '开始会议' }).click();
  await expect(consolePage.getByRole('button', { name: '结束会议' })).toBeVisible();

  const projector = await openPage(browser, { ...PROJECTOR, storageState: await consolePage.context().storageState() });
  await projector.goto(`${consoleUrl}/projector`);

  const phone = await openPage(browser, PHONE);
  await joinWithCard(phone, joinCode, phoneSeat!.cardToken);
  await checkInSelf(phone);

  const attendance = consolePage.getByRole('list', { name: '参会人员名单' });
  const row = (name: string) => attendance.getByRole('listitem').filter({ hasText: name });

  await test.step('the facilitator checks three members in on their behalf and undoes one with a reason', async () => {
    for (const seat of [proxyA!, proxyB!, mistaken!]) await consolePage.getByRole('button', { name: `代签到：${seat.name}` }).click();
    await expect(row(proxyA!.name)).toContainText('代签到 · 王书记');
    await consolePage.getByRole('button', { name: `撤销 ${mistaken!.name} 的代签到` }).click();
    await row(mistaken!.name).getByLabel('撤销原因').fill('签错了人，本人未到');
    await row(mistaken!.name).getByRole('button', { name: '确认撤销' }).click();
    await expect(consolePage.getByRole('button', { name: `代签到：${mistaken!.name}` })).toBeVisible();
    await expect(projector.getByText('已到 3 / 25 人')).toBeVisible();
    await expect(projector.getByText('其中代签到 2 人')).toBeVisible();
    await shoot(projector, 'projector-proxy-check-ins');
  });

  const cardOf = (question: string) => consolePage.getByRole('listitem').filter({ has: consolePage.getByRole('heading', { name: question }) });
  async function createAndOpen(question: string, secret: boolean) {
    await consolePage.getByRole('button', { name: '＋ 新建表决' }).click();
    await consolePage.getByLabel('表决事项').fill(question);
    if (secret) await consolePage.getByRole('radio', { name: '无记名投票', exact: true }).check();
    await consolePage.getByRole('button', { name: '创建表决' }).click();
    const card = cardOf(question);
    await card.getByRole('button', { name: '开始投票' }).click();
    await card.getByLabel('理由').fill('演练：少数成员到会');
    await card.getByRole('button', { name: '说明理由并开始投票' }).click();
    await expect(card).toContainText('投票进行中');
    return card;
  }
  async function close(card: ReturnType<typeof cardOf>) {
    await card.getByRole('button', { name: '结束投票' }).click();
    await card.getByRole('button', { name: '确定' }).click();
  }

  await test.step('a named poll: the phone votes, the facilitator enters one ballot for a member without a phone', async () => {
    const card = await createAndOpen(NAMED, false);
    await castVote(phone, '赞成');
    await expectReceipt(phone);
    // The member whose ballot staff enter has a phone open after all (it was flat, say): it offers the
    // vote until the facilitator enters it, then says so at once, without being touched.
    const latePhone = await openPage(browser, PHONE);
    await joinWithCard(latePhone, joinCode, proxyA!.cardToken);
    await expect(pollSection(latePhone).getByRole('button', { name: '赞成', exact: true })).toBeVisible();
    await card.getByRole('button', { name: `为 ${proxyA!.name} 录入：赞成` }).click();
    await expect(latePhone.getByText('工作人员已为您录入选票')).toBeVisible();
    await expect(pollSection(latePhone).getByRole('button', { name: '赞成', exact: true })).toHaveCount(0);
    await shoot(latePhone, 'phone-ballot-entered-by-staff');
    await latePhone.reload();
    await expect(latePhone.getByText('工作人员已为您录入选票')).toBeVisible();
    await expect(card).toContainText('已投 2 / 3 人');
    await shoot(consolePage, 'console-staff-entered-ballot');
    await expectNoSeriousA11yViolations(consolePage, 'console with staff ballot entry');
    await close(card);
    await expect(card).toContainText('共 2 人投票');
  });

  await test.step('a secret poll: the phone votes, the facilitator enters two paper ballots with the tellers', async () => {
    const card = await createAndOpen(SECRET, true);
    await castVote(phone, '反对');
    await expectReceipt(phone);
    const paper = card.getByRole('form', { name: '纸质票（由计票人清点后录入）' });
    await paper.getByLabel('赞成 票数').fill('2');
    await paper.getByLabel('计票人（以顿号或逗号分隔）').fill('张三、李四');
    await paper.getByRole('button', { name: '录入纸质票' }).click();
    await expect(card).toContainText('已录入纸质票 2 张（计票人：张三、李四）');
    await expect(card).toContainText('已投 3 / 3 人');
    await shoot(consolePage, 'console-paper-ballots');
    await expectNoSeriousA11yViolations(consolePage, 'console with paper ballots');
    await close(card);
    await expect(card).toContainText('共 3 人投票');
    const tally = projector.getByRole('list', { name: '计票结果' });
    await expect(tally.getByRole('listitem').filter({ hasText: '赞成' })).toContainText('2 票');
    await shoot(projector, 'projector-paper-ballots-result');
  });

  await test.step('the record marks 代签到, the staff-entered ballot and the paper ballots', async () => {
    await closeMeetingDeferringTheRest(consolePage);
    await consolePage.goto(`${consoleUrl}/record`);
    await expect(consolePage.getByText('其中代签到 2 人')).toBeVisible();
    await expect(consolePage.getByText(`代签到（王书记）`).first()).toBeVisible();
    await expect(consolePage.getByText(/撤销代签到：.*原因：签错了人，本人未到/)).toBeVisible();
    await expect(consolePage.getByText('共 2 人投票，工作人员代录 1 票', { exact: true })).toBeVisible();
    // The server-written minutes in the record say the same.
    await expect(consolePage.getByText(/计票：.*（工作人员代录 1 票）/)).toBeVisible();
    await expect(consolePage.getByText(/计票：.*（其中纸质票 2 张）/)).toBeVisible();
    await expect(consolePage.getByText(/其中纸质票 2 张（计票人：张三、李四）/)).toBeVisible();
    await shoot(consolePage, 'record-paper-ballots', true);
    await expectNoSeriousA11yViolations(consolePage, 'record with staff and paper ballots');
  });
});

