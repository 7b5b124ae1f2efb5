// A whole council session of the demo meeting (XD2688, 25 members, quorum 13) with every kind of
// device at once: the facilitator's laptop, the hall projector, three residents' phones and a remote
// member's browser (plus an observer link). Each step asserts what a person in the hall would see.
import { expect, test, type Page } from '@playwright/test';
import {
  DEMO, LAPTOP, PHONE, PROJECTOR,
  castVote, checkInSelf, expectNoSeriousA11yViolations, expectReceipt, fetchAccess, joinWithCard, openPage,
  pollSection, seatNamed, shoot,
} from './support';

const ITEM_1 = '老旧小区加装电梯费用分摊方案';
const MOTION_1 = '3号楼、5号楼加装电梯费用按楼层分摊';
const MOTION_2 = '电梯维护费由全体业主平均分摊';
const LIVESTREAM = 'https://live.example.org/room/1';
const NOTICE = '休会十分钟，请勿离开会场';

// The hall phones and the remote member; nine more are checked in by the facilitator (代签到).
const PHONE_MEMBERS = ['张秀英', '王建国', '李桂兰'] as const;
const REMOTE_MEMBER = '刘志强';
const CHECKED_IN_BY_FACILITATOR = ['陈淑华', '杨光明', '赵玉兰', '黄德明', '周丽娟', '吴国庆', '徐凤英', '孙立新', '胡秀珍'];

test('a council session: check-in, quorum, two votes (one offline), a speaker, outcome and a notice on every device', async ({ browser, request }) => {
  const access = await fetchAccess(request);

  // ── facilitator: log in through the form, open the demo meeting, start it and item 1 ──
  const consolePage = await openPage(browser, LAPTOP);
  await test.step('facilitator logs in and starts the meeting and item 1', async () => {
    await consolePage.goto('/login');
    await consolePage.getByLabel('用户名').fill(DEMO.username);
    await consolePage.getByLabel('密码').fill(DEMO.password);
    await consolePage.getByRole('button', { name: '登录' }).click();
    await expect(consolePage).toHaveURL(/\/console$/);
    await expect(consolePage.getByRole('heading', { name: '我的会议' })).toBeVisible();
    // The demo district also has a history of closed meetings; the scheduled one is under 即将召开与进行中.
    const upcoming = consolePage.getByRole('region', { name: '即将召开与进行中' });
    await upcoming.getByRole('listitem').filter({ has: consolePage.locator(`a[href="/console/meetings/${access.meetingId}"]`) })
      .getByRole('link', { name: '进入会议控制台' }).click();
    await expect(consolePage).toHaveURL(new RegExp(`/console/meetings/${access.meetingId}$`));
    await expect(consolePage.getByText('已连接')).toBeVisible();

    await consolePage.getByRole('button', { name: '开始会议' }).click();
    await expect(consolePage.getByRole('button', { name: '结束会议' })).toBeVisible();
    const item1 = consolePage.getByRole('listitem').filter({ hasText: ITEM_1 });
    await item1.getByRole('button', { name: '开始此议题' }).click();
    await expect(item1.getByRole('button', { name: '结束此议题' })).toBeVisible();
    await expect(item1).toContainText('进行中');
  });

  // ── projector: the same staff session, the hall screen ──
  const projector = await openPage(browser, { ...PROJECTOR, storageState: await consolePage.context().storageState() });
  await test.step('projector shows the current item and no quorum yet', async () => {
    await projector.goto(`/console/meetings/${access.meetingId}/projector`);
    await expect(projector.getByRole('heading', { name: '当前议题' })).toBeVisible();
    await expect(projector.getByText(ITEM_1, { exact: true }).first()).toBeVisible();
    await expect(projector.getByText('已到 0 / 25 人')).toBeVisible();
    await expect(projector.getByText('未达法定人数（需 13 人）')).toBeVisible();
    await expect(projector.getByText(DEMO.joinCode, { exact: true })).toBeVisible();
  });

  // ── three phones in the hall ──
  const phones: Page[] = [];
  await test.step('three members join by card on their phones and check in', async () => {
    for (const name of PHONE_MEMBERS) {
      const phone = await openPage(browser, PHONE);
      await joinWithCard(phone, DEMO.joinCode, seatNamed(access, name).cardToken);
      await expect(phone.getByText(`参会人：${name}`)).toBeVisible();
      await expect(phone.getByText(ITEM_1, { exact: true })).toBeVisible();
      await checkInSelf(phone);
      phones.push(phone);
    }
    await shoot(phones[0]!, 'phone-checked-in', true);
  });
  const [phoneA, phoneB, phoneC] = phones as [Page, Page, Page];

  // ── one remote member ──
  const remote = await openPage(browser, LAPTOP);
  await test.step('a remote member opens the invitation link, checks in and sees the agenda; the livestream link appears once set', async () => {
    await remote.goto(`/r/${seatNamed(access, REMOTE_MEMBER).remoteToken}`);
    await expect(remote).toHaveURL(new RegExp(`/m/${DEMO.joinCode}\\?remote=1$`));
    await expect(remote.getByText(`参会人：${REMOTE_MEMBER}`)).toBeVisible();
    await expect(remote.getByText('线上参会', { exact: true })).toBeVisible();
    await checkInSelf(remote);

    const agenda = remote.getByRole('region', { name: '全部议程' });
    await expect(agenda.getByRole('listitem')).toHaveCount(3);
    await expect(agenda.getByRole('listitem').first()).toContainText(ITEM_1);
    await expect(agenda.getByRole('listitem').first()).toContainText('进行中');
    await expect(agenda.getByRole('listitem').first()).toHaveAttribute('aria-current', 'step');

    const live = remote.getByRole('region', { name: '直播 / 视频会议' });
    await expect(live).toContainText('本次会议没有提供直播或视频会议链接');
    // Console cards are <section>s without an accessible name (see the report): find one by its heading.
    const livestreamCard = consolePage.locator('section').filter({ has: consolePage.getByRole('heading', { name: '直播 / 视频会议链接' }) });
    await livestreamCard.getByLabel('链接地址').fill(LIVESTREAM);
    await livestreamCard.getByRole('button', { name: '保存', exact: true }).click();
    await expect(livestreamCard.getByRole('status')).toHaveText('已保存');
    const link = live.getByRole('link', { name: /打开直播\/会议链接/ });
    await expect(link).toHaveAttribute('href', LIVESTREAM);
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(live).not.toContainText('没有提供');
    await shoot(remote, 'remote-agenda-livestream', true);
  });

  await test.step('console and projector count 4 present, below the quorum of 13', async () => {
    await expect(consolePage.getByText('已到 4 / 25 人')).toBeVisible();
    await expect(consolePage.getByText('现场 3 人 · 线上 1 人')).toBeVisible();
    await expect(consolePage.getByText('未达法定人数（需 13 人）')).toBeVisible();
    await expect(projector.getByText('已到 4 / 25 人')).toBeVisible();
    await expect(projector.getByText('未达法定人数（需 13 人）')).toBeVisible();
    await shoot(projector, 'projector-below-quorum');
  });

  const pollCard = (question: string) => consolePage.getByRole('listitem').filter({ has: consolePage.getByRole('heading', { name: question }) });

  async function createMotion(question: string) {
    await consolePage.getByRole('button', { name: '＋ 新建表决' }).click();
    await consolePage.getByLabel('表决事项').fill(question);
    // The defaults are what this session wants; check them rather than trust them.
    await expect(consolePage.getByRole('radio', { name: /议案表决/ })).toBeChecked();
    await expect(consolePage.getByRole('radio', { name: '记名投票', exact: true })).toBeChecked();
    await expect(consolePage.getByRole('radio', { name: '实时显示结果' })).toBeChecked();
    await expect(consolePage.getByLabel('通过规则')).toHaveValue('simple_majority');
    await consolePage.getByRole('button', { name: '创建表决' }).click();
    await expect(pollCard(question)).toContainText('未开始');
    await expect(pollCard(question)).toContainText('简单多数');
  }

  await test.step('opening a poll without quorum asks for a reason; cancelling leaves it unopened', async () => {
    await createMotion(MOTION_1);
    const card = pollCard(MOTION_1);
    await card.getByRole('button', { name: '开始投票' }).click();
    const warning = card.getByRole('alert');
    await expect(warning).toHaveText('未达法定人数：已到 4 人，需 13 人。如确需开始投票，请说明理由，理由将记入会议记录。');
    await expect(card.getByLabel('理由')).toBeVisible();
    await expect(card.getByRole('button', { name: '说明理由并开始投票' })).toBeVisible();
    await shoot(consolePage, 'console-quorum-override');
    await card.getByRole('button', { name: '取消' }).click();
    await expect(card.getByLabel('理由')).toHaveCount(0);
    await expect(card).toContainText('未开始');
    await expect(pollSection(phoneA)).toContainText('目前没有进行中的表决');
    await expect(projector.getByText('投票进行中', { exact: false })).toHaveCount(0);
  });

  await test.step('the facilitator checks in nine more members: quorum is reached', async () => {
    for (const name of CHECKED_IN_BY_FACILITATOR) {
      await consolePage.getByRole('button', { name: `代签到：${name}` }).click();
      await expect(consolePage.getByRole('button', { name: `代签到：${name}` })).toHaveCount(0);
    }
    await expect(consolePage.getByText('已到 13 / 25 人')).toBeVisible();
    await expect(consolePage.getByText('现场 12 人 · 线上 1 人')).toBeVisible();
    await expect(consolePage.getByText('已达法定人数')).toBeVisible();
    await expect(projector.getByText('已到 13 / 25 人')).toBeVisible();
    await expect(projector.getByText('已达法定人数')).toBeVisible();
    await shoot(projector, 'projector-quorum-met');
  });

  const projectorProgress = (voted: number, present: number) =>
    projector.getByRole('progressbar', { name: `投票进行中：已投 ${voted} / ${present} 人` });
  const projectorTally = (option: string) =>
    projector.getByRole('list', { name: '计票结果' }).getByRole('listitem').filter({ hasText: option });

  let receiptA = '';
  await test.step('poll 1 opens; three phones and the remote member vote; the projector counts to 4 live', async () => {
    await pollCard(MOTION_1).getByRole('button', { name: '开始投票' }).click();
    await expect(pollCard(MOTION_1)).toContainText('投票进行中');
    await expect(projector.getByRole('heading', { name: MOTION_1 })).toBeVisible();
    await expect(projector.getByText('投票进行中：已投 0 / 13 人', { exact: true }).first()).toBeVisible();
    await expect(projectorProgress(0, 13)).toBeVisible();
    await shoot(projector, 'projector-poll-open');

    await expect(pollSection(phoneA)).toContainText(MOTION_1);
    await castVote(phoneA, '赞成');
    receiptA = await expectReceipt(phoneA);
    await expect(pollSection(phoneA)).toContainText('您投的是：赞成');
    await expect(projectorProgress(1, 13)).toBeVisible();

    await castVote(phoneB, '反对');
    await expectReceipt(phoneB);
    await expect(pollSection(phoneB)).toContainText('您投的是：反对');

    // An impatient double tap on 确认投票 must still be one ballot.
    await castVote(phoneC, '赞成', { doubleTap: true });
    await expectReceipt(phoneC);
    await expect(pollSection(phoneC)).not.toContainText('您已经投过票了');

    await castVote(remote, '赞成');
    await expectReceipt(remote);
    await shoot(remote, 'remote-vote-receipt', true);

    await expect(projector.getByText('投票进行中：已投 4 / 13 人', { exact: true }).first()).toBeVisible();
    await expect(projectorProgress(4, 13)).toHaveAttribute('aria-valuenow', '4');
    await expect(projectorTally('赞成')).toContainText('3 票');
    await expect(projectorTally('反对')).toContainText('1 票');
    await expect(projectorTally('弃权')).toContainText('0 票');
    await expect(consolePage.getByText('尚未投票（9 人）')).toBeVisible();
    await shoot(projector, 'projector-poll-4-votes');
    await shoot(phoneC, 'phone-vote-receipt', true);
  });

  await test.step('a reloaded phone keeps its receipt', async () => {
    await phoneA.reload();
    expect(await expectReceipt(phoneA)).toBe(receiptA);
    await expect(pollSection(phoneA).getByRole('button', { name: '赞成', exact: true })).toHaveCount(0);
    // Still four ballots, not five, after the double tap and the reload.
    await expect(pollSection(phoneA)).toContainText('已投 4 / 13 人');
    await expect(projectorProgress(4, 13)).toBeVisible();
  });

  await test.step('axe: phone, remote and projector views during a vote', async () => {
    await expectNoSeriousA11yViolations(phoneB, 'phone');
    await expectNoSeriousA11yViolations(remote, 'remote');
    await expectNoSeriousA11yViolations(projector, 'projector');
  });

  await test.step('the facilitator closes poll 1: 3 of 4 votes cast is a simple majority — 通过 everywhere', async () => {
    const card = pollCard(MOTION_1);
    await card.getByRole('button', { name: '结束投票' }).click();
    await card.getByRole('button', { name: '确定' }).click();
    await expect(card).toContainText('共 4 人投票');
    await expect(card.getByText('通过', { exact: true })).toBeVisible();

    await expect(projector.getByText('投票已结束 · 共 4 人投票')).toBeVisible();
    await expect(projector.getByText('通过', { exact: true })).toBeVisible();
    await expect(projector.getByText('未通过', { exact: true })).toHaveCount(0);
    await expect(projector.getByText('赞成 3 票，超过有效票 4 票的一半（弃权不计入）')).toBeVisible();
    await expect(projectorTally('赞成')).toContainText('3 票');
    await expect(projectorTally('反对')).toContainText('1 票');
    await shoot(projector, 'projector-outcome-passed');

    for (const page of [...phones, remote]) {
      const section = pollSection(page);
      await expect(section).toContainText('投票已结束');
      await expect(section.getByText('通过', { exact: true })).toBeVisible();
      await expect(section).toContainText('赞成 3 票，超过有效票 4 票的一半（弃权不计入）');
    }
    await expect(pollSection(phoneA)).toContainText(receiptA);
    await shoot(phoneB, 'phone-outcome-passed', true);
  });

  await test.step('a phone asks to speak (支持); the facilitator grants it; the projector shows the name and a countdown', async () => {
    const speak = phoneB.getByRole('region', { name: '申请发言' });
    await speak.getByRole('button', { name: '申请发言' }).click();
    await speak.getByRole('button', { name: '支持' }).click();
    await expect(speak).toContainText('您已在发言队列中，排第 1 位');
    await expect(speak).toContainText('立场：支持');
    await expect(remote.getByRole('region', { name: '发言名单' })).toContainText('王建国');

    await expect(consolePage.getByText('发言队列 (1)')).toBeVisible();
    await consolePage.getByRole('button', { name: '准许发言：王建国' }).click();
    await expect(consolePage.getByText('发言队列 (0)')).toBeVisible();

    await expect(projector.getByRole('heading', { name: '正在发言' })).toBeVisible();
    await expect(projector.getByText('王建国', { exact: true })).toBeVisible();
    const timer = projector.getByRole('timer', { name: '剩余时间' });
    await expect(timer).toHaveText(/^0[23]:[0-5]\d$/); // item 1 allows 3 minutes per speaker
    const first = await timer.innerText();
    await expect(timer).not.toHaveText(first); // it counts down without a reload
    await expect(phoneB.getByText('轮到您发言了').first()).toBeVisible();
    await expect(phoneA.getByRole('region', { name: '正在发言' })).toContainText('王建国');
    await shoot(projector, 'projector-speaker');
    await shoot(phoneB, 'phone-speaking', true);

    await consolePage.getByRole('button', { name: '结束发言' }).click();
    await expect(projector.getByRole('timer')).toHaveCount(0);
  });

  await test.step('poll 2: a phone votes while offline, sees its ballot kept, and is counted once when back', async () => {
    await createMotion(MOTION_2);
    await pollCard(MOTION_2).getByRole('button', { name: '开始投票' }).click();
    await expect(projectorProgress(0, 13)).toBeVisible();
    await expect(pollSection(phoneC)).toContainText(MOTION_2);

    await phoneC.context().setOffline(true);
    await expect(phoneC.getByText('离线', { exact: true })).toBeVisible();
    await castVote(phoneC, '反对');
    const kept = pollSection(phoneC).getByRole('status').filter({ hasText: '已保存，联网后自动提交' });
    await expect(kept).toBeVisible();
    await expect(kept).toContainText('您投的是：反对');
    await expect(phoneC.getByText('1 条待发送')).toBeVisible();
    await shoot(phoneC, 'phone-offline-pending', true);

    await castVote(phoneA, '反对');
    await expectReceipt(phoneA);
    await castVote(phoneB, '弃权');
    await expectReceipt(phoneB);
    await expect(projectorProgress(2, 13)).toBeVisible();

    await phoneC.context().setOffline(false);
    await expect(phoneC.getByText('已连接')).toBeVisible();
    await expectReceipt(phoneC);
    await expect(phoneC.getByText('条待发送')).toHaveCount(0);
    await expect(projectorProgress(3, 13)).toBeVisible();
    await expect(projectorTally('反对')).toContainText('2 票');
    await expect(projectorTally('弃权')).toContainText('1 票');
    await expect(projectorTally('赞成')).toContainText('0 票');
  });

  await test.step('the facilitator closes poll 2: no 赞成 among 2 counted votes — 未通过, counted once', async () => {
    const card = pollCard(MOTION_2);
    await card.getByRole('button', { name: '结束投票' }).click();
    await card.getByRole('button', { name: '确定' }).click();
    await expect(card).toContainText('共 3 人投票');

    await expect(projector.getByRole('heading', { name: MOTION_2 })).toBeVisible();
    await expect(projector.getByText('投票已结束 · 共 3 人投票')).toBeVisible();
    await expect(projector.getByText('未通过', { exact: true })).toBeVisible();
    // simple majority: abstentions excluded, so 2 valid votes (反对) and 0 赞成 is not more than half.
    await expect(projector.getByText('赞成 0 票，未超过有效票 2 票的一半（弃权不计入）')).toBeVisible();
    await expect(projectorTally('反对')).toContainText('2 票');
    await shoot(projector, 'projector-outcome-failed');
    for (const page of [...phones, remote]) {
      await expect(pollSection(page).getByText('未通过', { exact: true })).toBeVisible();
      await expect(pollSection(page)).toContainText('已投 3 人');
    }
    await shoot(phoneC, 'phone-outcome-failed', true);
  });

  await test.step('a notice sent to the projector shows there and on every phone', async () => {
    await consolePage.getByLabel('公告内容').fill(NOTICE);
    await consolePage.getByRole('button', { name: '显示到投影' }).click();
    await expect(projector.getByRole('status').filter({ hasText: NOTICE })).toBeVisible();
    for (const page of [...phones, remote]) {
      await expect(page.getByText('主持人通知')).toBeVisible();
      await expect(page.getByText(NOTICE)).toBeVisible();
    }
    await shoot(projector, 'projector-notice');
    await shoot(phoneA, 'phone-notice', true);
    await shoot(remote, 'remote-notice', true);
    await shoot(consolePage, 'console-end', true);
  });

  await test.step('an observer link shows the meeting read-only; axe on the observer and the final views', async () => {
    const observer = await openPage(browser, PHONE);
    await observer.goto(`/o/${access.observerToken}`);
    await expect(observer).toHaveURL(new RegExp(`/m/${DEMO.joinCode}$`));
    await expect(observer.getByText('旁听（只能查看）')).toBeVisible();
    await expect(observer.getByText(NOTICE)).toBeVisible();
    await expect(pollSection(observer).getByText('未通过', { exact: true })).toBeVisible();
    await expect(observer.getByRole('button', { name: '签到', exact: true })).toHaveCount(0);
    await expect(observer.getByRole('button', { name: '申请发言' })).toHaveCount(0);
    await shoot(observer, 'phone-observer', true);
    await expectNoSeriousA11yViolations(observer, 'observer');
    await expectNoSeriousA11yViolations(phoneA, 'phone (after the vote)');
    await expectNoSeriousA11yViolations(projector, 'projector (notice)');
  });
});
