// Getting in and the phone's live behaviour: a member card's QR takes a phone into the meeting and
// checks the member in with nothing typed; the card's 6-character code typed by hand does the same
// (a typo is told as a typo); on a 390×844 phone an opening poll brings the ballot into view with the
// focus on the first choice; an offline phone says 离线 next to its waiting ballot. Its own meeting.
import { expect, test } from '@playwright/test';
import {
  castVote, checkInSelf, expectNoSeriousA11yViolations, fetchAccess, freshMeeting, openPage, PHONE, pollSection, shoot, staffPage,
} from './support';

const QUESTION = '是否同意在小区北门增设电动自行车充电棚？';
// A long agenda note pushes the 表决 section below the fold of a 390×844 phone, as a real item does.
const NOTES = '背景：'.concat('北门现有停车区域每晚停放电动自行车约六十辆，楼道充电存在消防隐患，物业和业委会征求意见后提出增设充电棚方案，费用由公共收益列支。'.repeat(6));

test('a card QR admits and checks in with no typing; the card code can be typed; the ballot comes into view; offline says 离线', async ({ browser, request }) => {
  const joinCode = await freshMeeting('北门充电棚议事会', [{ title: '议题一：北门充电棚', notes: NOTES }]);
  const access = await fetchAccess(request, joinCode);
  const [scanned, typed] = access.seats;

  const consolePage = await staffPage(browser, 'facilitator');
  await test.step('the cards page prints each card’s short code large under its QR', async () => {
    await consolePage.goto(`/console/meetings/${access.meetingId}/cards`);
    const codes = consolePage.getByTestId('card-short-code');
    await expect(codes).toHaveCount(access.seats.length);
    await expect(codes.first()).toHaveText(`${scanned!.shortCode.slice(0, 3)} ${scanned!.shortCode.slice(3)}`);
    await expect(consolePage.getByText('用手机扫码即可进入会议并签到，无需输入').first()).toBeVisible();
    await shoot(consolePage, 'cards-short-codes');
    await expectNoSeriousA11yViolations(consolePage, 'cards');
  });

  await consolePage.goto(`/console/meetings/${access.meetingId}`);
  await expect(consolePage.getByText('已连接')).toBeVisible();
  await consolePage.getByRole('button', { name: '开始会议' }).click();
  await expect(consolePage.getByRole('button', { name: '结束会议' })).toBeVisible();
  const item = consolePage.getByRole('listitem').filter({ hasText: '议题一：北门充电棚' });
  await item.getByRole('button', { name: '开始此议题' }).click();
  await expect(item.getByRole('button', { name: '结束此议题' })).toBeVisible();

  const phoneA = await openPage(browser, PHONE);
  await test.step('scanning the card’s QR lands in the meeting, checked in, with nothing typed', async () => {
    // The QR on the printed card: /j/<meeting code>?card=<card token>.
    await phoneA.goto(`/j/${joinCode}?card=${encodeURIComponent(scanned!.cardToken)}`);
    await expect(phoneA).toHaveURL(new RegExp(`/m/${joinCode}$`));
    await expect(phoneA.getByText(/已签到（\d{1,2}:\d{2}）/)).toBeVisible();
    await expect(phoneA.getByRole('button', { name: '签到', exact: true })).toHaveCount(0);
    await expect(phoneA.getByText(`参会人：${scanned!.name}`)).toBeVisible();
  });

  const phoneB = await openPage(browser, PHONE);
  await test.step('a typo in the card code says so; the right code gets in', async () => {
    await phoneB.goto(`/j/${joinCode}`);
    await expect(phoneB.getByLabel('会议码')).toHaveValue(joinCode);
    await expect(phoneB.getByRole('button', { name: '进入会议' })).toBeEnabled();
    const wrong = typed!.shortCode.slice(0, 5) + (typed!.shortCode.endsWith('A') ? 'B' : 'A');
    await phoneB.getByLabel('参会卡代码').fill(wrong.toLowerCase());
    await phoneB.getByRole('button', { name: '进入会议' }).click();
    await expect(phoneB.getByText('代码不正确，请核对后重新输入')).toBeVisible();
    await expect(phoneB.getByText('不在本次会议的名单上')).toHaveCount(0);
    await shoot(phoneB, 'join-code-typo', true);
    await expectNoSeriousA11yViolations(phoneB, 'join form with a typo');

    await phoneB.getByLabel('参会卡代码').fill(`${typed!.shortCode.slice(0, 3)} ${typed!.shortCode.slice(3)}`);
    await phoneB.getByRole('button', { name: '进入会议' }).click();
    await expect(phoneB).toHaveURL(new RegExp(`/m/${joinCode}$`));
    await checkInSelf(phoneB);
  });

  await test.step('on a 390×844 phone the opening poll scrolls into view with the focus on 赞成', async () => {
    await expect(pollSection(phoneA)).toContainText('目前没有进行中的表决');
    await expect(phoneA.getByText(NOTES)).toBeVisible();
    await phoneA.evaluate(() => window.scrollTo(0, 0));
    await expect(pollSection(phoneA)).not.toBeInViewport({ ratio: 0.5 });
    await shoot(phoneA, 'phone-before-poll');

    await consolePage.getByRole('button', { name: '＋ 新建表决' }).click();
    await consolePage.getByLabel('表决事项').fill(QUESTION);
    await consolePage.getByRole('button', { name: '创建表决' }).click();
    const card = consolePage.getByRole('listitem').filter({ has: consolePage.getByRole('heading', { name: QUESTION }) });
    await card.getByRole('button', { name: '开始投票' }).click();
    await card.getByLabel('理由').fill('演练：少数成员试投');
    await card.getByRole('button', { name: '说明理由并开始投票' }).click();
    await expect(card).toContainText('投票进行中');

    const yes = pollSection(phoneA).getByRole('button', { name: '赞成', exact: true });
    await expect(yes).toBeInViewport();
    await expect(yes).toBeFocused();
    await shoot(phoneA, 'phone-poll-opened');
    await expectNoSeriousA11yViolations(phoneA, 'phone with an open poll');
  });

  await test.step('offline: the badge says 离线 next to the waiting ballot, never 已连接', async () => {
    await phoneA.context().setOffline(true);
    await expect(phoneA.getByText('离线', { exact: true })).toBeVisible();
    await expect(phoneA.getByText('已连接')).toHaveCount(0);
    await castVote(phoneA, '赞成');
    await expect(phoneA.getByText('1 条待发送')).toBeVisible();
    await expect(phoneA.getByText('离线', { exact: true })).toBeVisible();
    await expect(phoneA.getByText('已连接')).toHaveCount(0);
    await shoot(phoneA, 'phone-offline-badge', true);

    await phoneA.context().setOffline(false);
    await expect(phoneA.getByText('已连接')).toBeVisible();
    await expect(phoneA.getByText('1 条待发送')).toHaveCount(0);
  });
});
