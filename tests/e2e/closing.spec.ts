// Closing honestly, and a projector that shows only what the wall may show: a results-hidden secret poll
// is on the projector as "N 人已投票" without bars; the console's 投影安全 mode keeps the hidden counts off a
// mirrored laptop (and is remembered); the projector names who speaks next; the meeting is closed through
// the closing step with an unfinished item, which the record then shows as 延期; the projector drops the QR.
import { expect, test, type Page } from '@playwright/test';
import {
  castVote, checkInSelf, expectNoSeriousA11yViolations, expectReceipt, fetchAccess, freshMeeting, joinWithCard, openPage, PHONE,
  PROJECTOR, shoot, staffPage,
} from './support';

const ITEM_1 = '议题一：东门增设快递柜';
const ITEM_2 = '议题二：楼道堆物清理';
const QUESTION = '是否同意在小区东门增设快递柜？';
const DECISION = '决议：同意在小区东门增设快递柜';
const SPEAKER = '张秀英';

test('a hidden secret poll shows no bars, 投影安全 hides counts, and closing with an unfinished item is recorded as deferred', async ({ browser, request }) => {
  const joinCode = await freshMeeting('居民议事会（结束会议演练）', [{ title: ITEM_1 }, { title: ITEM_2 }]);
  const access = await fetchAccess(request, joinCode);
  const consoleUrl = `/console/meetings/${access.meetingId}`;

  const consolePage = await staffPage(browser, 'facilitator');
  await consolePage.goto(consoleUrl);
  await expect(consolePage.getByText('已连接')).toBeVisible();
  await consolePage.getByRole('button', { name: '开始会议' }).click();
  await expect(consolePage.getByRole('button', { name: '结束会议' })).toBeVisible();
  const item1 = consolePage.getByRole('listitem').filter({ hasText: ITEM_1 });
  await item1.getByRole('button', { name: '开始此议题' }).click();
  await expect(item1.getByRole('button', { name: '结束此议题' })).toBeVisible();

  const projector = await openPage(browser, { ...PROJECTOR, storageState: await consolePage.context().storageState() });
  await projector.goto(`${consoleUrl}/projector`);
  await expect(projector.getByRole('heading', { name: '扫码参会' })).toBeVisible();

  const phone = await openPage(browser, PHONE);
  const seat = access.seats.find((s) => s.name === SPEAKER) ?? access.seats[0]!;
  await joinWithCard(phone, joinCode, seat.cardToken);
  await checkInSelf(phone);

  const card = consolePage.getByRole('listitem').filter({ has: consolePage.getByRole('heading', { name: QUESTION }) });
  await test.step('a secret motion whose results are published after it closes: the projector shows no bars, only how many voted', async () => {
    await consolePage.getByRole('button', { name: '＋ 新建表决' }).click();
    await consolePage.getByLabel('表决事项').fill(QUESTION);
    await consolePage.getByRole('radio', { name: '无记名投票', exact: true }).check();
    await consolePage.getByRole('radio', { name: '结束后公布结果' }).check();
    await consolePage.getByRole('button', { name: '创建表决' }).click();
    await card.getByRole('button', { name: '开始投票' }).click();
    await card.getByLabel('理由').fill('演练：少数成员试投');
    await card.getByRole('button', { name: '说明理由并开始投票' }).click();
    await expect(card).toContainText('投票进行中');

    await expect(projector.getByRole('heading', { name: QUESTION })).toBeVisible();
    await expect(projector.getByText('0 人已投票')).toBeVisible();
    await expect(projector.getByText('结果将在投票结束后公布')).toBeVisible();
    await expect(projector.getByRole('list', { name: '计票结果' })).toHaveCount(0);
    await expect(projector.getByRole('progressbar')).toHaveCount(0);

    await castVote(phone, '赞成');
    await expectReceipt(phone);
    await expect(projector.getByText('1 人已投票')).toBeVisible();
    await expect(projector.getByRole('list', { name: '计票结果' })).toHaveCount(0);
    await shoot(projector, 'closing-projector-hidden-secret-poll');
    await expectNoSeriousA11yViolations(projector, 'projector (hidden secret poll)');
  });

  await test.step('closed but not revealed: the console shows the count, until 投影安全 is on (remembered after a reload)', async () => {
    await card.getByRole('button', { name: '结束投票' }).click();
    await card.getByRole('button', { name: '确定' }).click();
    await expect(card.getByRole('list', { name: '计票结果' })).toBeVisible();
    await expect(card).toContainText('赞成 1 票，超过有效票 1 票的一半（弃权不计入）');
    await expect(projector.getByText('投票已结束，结果稍后公布')).toBeVisible();

    await consolePage.getByRole('checkbox', { name: '投影安全' }).check();
    await expect(card.getByRole('list', { name: '计票结果' })).toHaveCount(0);
    await expect(card).toContainText('投影安全模式：票数已隐藏');
    await expect(card).not.toContainText('赞成 1 票');
    await consolePage.reload();
    await expect(consolePage.getByText('已连接')).toBeVisible();
    await expect(consolePage.getByRole('checkbox', { name: '投影安全' })).toBeChecked();
    await expect(card).toContainText('投影安全模式：票数已隐藏');
    await expect(card.getByRole('list', { name: '计票结果' })).toHaveCount(0);
    await shoot(consolePage, 'closing-console-projector-safe');
  });

  await test.step('a resident asks to speak: the projector names who speaks next', async () => {
    const speak = phone.getByRole('region', { name: '申请发言' });
    await speak.getByRole('button', { name: '申请发言' }).click();
    await speak.getByRole('button', { name: '支持' }).click();
    await expect(projector.getByText(`下一位发言：${seat.name}`)).toBeVisible();
    await shoot(projector, 'closing-projector-next-speaker');
  });

  await test.step('closing lists what is unfinished and asks what becomes of each', async () => {
    await consolePage.getByRole('button', { name: '结束会议' }).click();
    const dialog = consolePage.getByRole('dialog', { name: '结束会议' });
    await expect(dialog).toBeVisible();
    const first = dialog.getByRole('group', { name: `议题：${ITEM_1}` });
    const second = dialog.getByRole('group', { name: `议题：${ITEM_2}` });
    const speaker = dialog.getByRole('group', { name: `等待发言：${seat.name}` });
    await expect(first).toBeVisible();
    await expect(second).toBeVisible();
    await expect(speaker).toBeVisible();
    await expectNoSeriousA11yViolations(consolePage, 'console (closing dialog)');

    await first.getByRole('radio', { name: '标为已完成' }).check();
    await second.getByRole('radio', { name: '延期到以后的会议' }).check();
    await speaker.getByRole('radio', { name: '不再安排发言' }).check();
    await speaker.getByLabel('原因（将写入会议记录）').fill('时间已到，会后个别沟通');
    await shoot(consolePage, 'closing-console-dialog');
    await dialog.getByRole('button', { name: '确认结束会议' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(consolePage.getByRole('region', { name: '会议记录签署与归档' })).toBeVisible();
  });

  await test.step('the projector shows the meeting closed, with no QR to join', async () => {
    await expect(projector.getByRole('heading', { name: '会议已结束' })).toBeVisible();
    await expect(projector.getByRole('heading', { name: '扫码参会' })).toHaveCount(0);
    await expect(projector.getByRole('img', { name: /扫码加入会议/ })).toHaveCount(0);
    await expect(projector.getByText(`${ITEM_2}延期`)).toBeVisible();
    await shoot(projector, 'closing-projector-closed');
    await expectNoSeriousA11yViolations(projector, 'projector (closed)');
  });

  await test.step('the record shows the item deferred, nothing in progress, and the decision as a sentence', async () => {
    await consolePage.goto(`${consoleUrl}/record`);
    // The record's agenda heading carries the item's status after its title.
    await expect(consolePage.getByRole('heading', { name: `议题2：${ITEM_2}延期`, exact: true })).toBeVisible();
    await expect(consolePage.getByRole('heading', { name: `议题1：${ITEM_1}已完成`, exact: true })).toBeVisible();
    await expect(consolePage.getByText('进行中', { exact: true })).toHaveCount(0);
    await expect(consolePage.getByText(DECISION, { exact: true })).toBeVisible();
    await shoot(consolePage, 'closing-record', true);
    await expectNoSeriousA11yViolations(consolePage, 'record');
  });

  for (const p of [consolePage, projector, phone] as Page[]) await p.context().close();
});
