// A secret ballot in the browser: while it is open the console, the projector and the phones show how many
// have voted and no split of the votes (not even the facilitator); at the close the result appears on
// every screen. Its own meeting, so the council-session spec's demo meeting is untouched.
import { expect, test, type Page } from '@playwright/test';
import {
  castVote, checkInSelf, expectReceipt, fetchAccess, freshMeeting, joinWithCard, openPage, PHONE, pollSection, PROJECTOR, shoot, staffPage,
} from './support';

const QUESTION = '是否同意将小区东门改为人车分流？';

test('a secret ballot shows only how many voted until it closes, on every screen', async ({ browser, request }) => {
  const joinCode = await freshMeeting('无记名表决演练', [{ title: '议题一：东门改造' }]);
  const access = await fetchAccess(request, joinCode);

  const consolePage = await staffPage(browser, 'facilitator');
  await consolePage.goto(`/console/meetings/${access.meetingId}`);
  await expect(consolePage.getByText('已连接')).toBeVisible();
  await consolePage.getByRole('button', { name: '开始会议' }).click();
  await expect(consolePage.getByRole('button', { name: '结束会议' })).toBeVisible();

  const projector = await openPage(browser, { ...PROJECTOR, storageState: await consolePage.context().storageState() });
  await projector.goto(`/console/meetings/${access.meetingId}/projector`);
  await expect(projector.getByText('已到 0 / 25 人')).toBeVisible();

  const phones: Page[] = [];
  for (const seat of access.seats.slice(0, 3)) {
    const phone = await openPage(browser, PHONE);
    await joinWithCard(phone, joinCode, seat.cardToken);
    await checkInSelf(phone);
    phones.push(phone);
  }

  const card = consolePage.getByRole('listitem').filter({ has: consolePage.getByRole('heading', { name: QUESTION }) });
  await test.step('the facilitator creates a secret motion and opens it (below quorum, with a reason)', async () => {
    await consolePage.getByRole('button', { name: '＋ 新建表决' }).click();
    await consolePage.getByLabel('表决事项').fill(QUESTION);
    await consolePage.getByRole('radio', { name: '无记名投票', exact: true }).check();
    await consolePage.getByRole('button', { name: '创建表决' }).click();
    await expect(card).toContainText('无记名投票');
    await card.getByRole('button', { name: '开始投票' }).click();
    await card.getByLabel('理由').fill('演练：少数成员试投');
    await card.getByRole('button', { name: '说明理由并开始投票' }).click();
    await expect(card).toContainText('投票进行中');
  });

  await test.step('two phones vote: everyone sees "2 of 3 voted" and nobody sees the split', async () => {
    await castVote(phones[0]!, '赞成');
    await expectReceipt(phones[0]!);
    await castVote(phones[1]!, '反对');
    await expectReceipt(phones[1]!);

    await expect(projector.getByText('2 人已投票')).toBeVisible();
    await expect(projector.getByText('结果将在投票结束后公布')).toBeVisible();
    await expect(projector.getByRole('list', { name: '计票结果' })).toHaveCount(0);

    await expect(card).toContainText('已投 2 / 3 人');
    await expect(card).toContainText('无记名投票：结束前任何人（包括您）都看不到票数分布');
    await expect(card.getByRole('list', { name: '计票结果' })).toHaveCount(0);

    for (const phone of phones) {
      await expect(pollSection(phone)).toContainText('已投 2 / 3 人');
      await expect(pollSection(phone)).toContainText('结果将在投票结束后公布');
    }
    await shoot(projector, 'projector-secret-poll-open');
    await shoot(consolePage, 'console-secret-poll-open');
    await shoot(phones[0]!, 'phone-secret-poll-voted', true);
  });

  await test.step('at the close the result is on every screen', async () => {
    await card.getByRole('button', { name: '结束投票' }).click();
    await card.getByRole('button', { name: '确定' }).click();
    await expect(card).toContainText('共 2 人投票');
    await expect(projector.getByText('投票已结束 · 共 2 人投票')).toBeVisible();
    const tally = projector.getByRole('list', { name: '计票结果' });
    await expect(tally.getByRole('listitem').filter({ hasText: '赞成' })).toContainText('1 票');
    await expect(tally.getByRole('listitem').filter({ hasText: '反对' })).toContainText('1 票');
    for (const phone of phones) await expect(pollSection(phone)).toContainText('投票已结束');
    await shoot(projector, 'projector-secret-poll-closed');
  });
});
