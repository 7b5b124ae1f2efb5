// Audience questions (issue 13) in the browser: three residents' phones ask (one anonymously) and
// upvote; the facilitator's console moderates; the projector shows nothing before approval, then the
// questions in upvote order, reordering live as the hall upvotes, and the pinned one on stage.
import { expect, test, type Page } from '@playwright/test';
import {
  checkInSelf, expectNoSeriousA11yViolations, fetchAccess, freshMeeting, joinWithCard, openPage, PHONE, PROJECTOR, shoot, staffPage,
} from './support';

const ANON = '夜间临时停车怎么收费？';
const NAMED = '停车监督员怎么选出来？';

/** The projector's question texts, top to bottom. */
const projectorOrder = (projector: Page) => projector.getByTestId('projector-questions').getByRole('listitem');

async function ask(phone: Page, text: string, anonymous: boolean) {
  const section = phone.getByRole('region', { name: '现场提问' });
  await section.getByRole('button', { name: '我要提问' }).click();
  await section.getByLabel('您的问题').fill(text);
  if (anonymous) await section.getByRole('checkbox', { name: /匿名提问/ }).check();
  await section.getByRole('button', { name: '提交问题' }).click();
  await expect(section.getByText('问题已提交，主持人审核后会显示在大屏和大家的手机上')).toBeVisible();
  await expect(section.getByRole('listitem').filter({ hasText: text })).toContainText('等待主持人审核');
}

/** The upvote button of a question on a phone (named by its count and 附议 / 已附议, described by the question). */
const upvoteButton = (phone: Page, text: string) =>
  phone.getByRole('region', { name: '现场提问' }).getByRole('listitem').filter({ hasText: text }).getByRole('button', { description: text });
const upvote = (phone: Page, text: string) => upvoteButton(phone, text).click();

test('phones ask and upvote, the console moderates, and the projector reorders live', async ({ browser, request }) => {
  const joinCode = await freshMeeting('居民议事会（提问演练）', [{ title: '议题一：小区停车' }]);
  const access = await fetchAccess(request, joinCode);
  const consoleUrl = `/console/meetings/${access.meetingId}`;

  const consolePage = await staffPage(browser, 'facilitator');
  await consolePage.goto(consoleUrl);
  await expect(consolePage.getByText('已连接')).toBeVisible();
  await consolePage.getByRole('button', { name: '开始会议' }).click();
  await expect(consolePage.getByRole('button', { name: '结束会议' })).toBeVisible();
  const questions = consolePage.getByRole('region', { name: /^现场提问/ });
  await expect(questions).toContainText('还没有人提问');

  const projector = await openPage(browser, { ...PROJECTOR, storageState: await consolePage.context().storageState() });
  await projector.goto(`${consoleUrl}/projector`);
  await expect(projector.getByRole('heading', { name: '扫码参会' })).toBeVisible();

  const [a, b, c] = await Promise.all(access.seats.slice(0, 3).map(() => openPage(browser, PHONE)));
  const [seatA, seatB] = access.seats;
  for (const [phone, seat] of [[a, seatA], [b, seatB], [c, access.seats[2]]] as const) {
    await joinWithCard(phone!, joinCode, seat!.cardToken);
    await checkInSelf(phone!);
  }

  await ask(a!, ANON, true);
  await ask(b!, NAMED, false);
  await shoot(a!, 'questions-phone-asked', true);
  // Nothing reaches the hall before the facilitator approves it.
  await expect(projector.getByText(ANON)).toHaveCount(0);
  await expect(c!.getByText(ANON)).toHaveCount(0);

  await expect(questions).toContainText('2 待审核');
  const anonRow = questions.getByRole('listitem').filter({ hasText: ANON });
  await expect(anonRow).toContainText('匿名');
  await expect(anonRow).not.toContainText(seatA!.name);
  await questions.getByRole('button', { name: `展示问题：${ANON}` }).click();
  await questions.getByRole('button', { name: `展示问题：${NAMED}` }).click();

  // Both at 0 upvotes: first asked first. Then the hall upvotes and the order follows.
  await expect(projectorOrder(projector)).toHaveCount(2);
  await expect(projectorOrder(projector).first()).toContainText(ANON);
  await upvote(c!, NAMED);
  await expect(projectorOrder(projector).first()).toContainText(NAMED);
  await expect(projectorOrder(projector).first()).toContainText(seatB!.name);
  await upvote(a!, ANON);
  await upvote(b!, ANON);
  await expect(projectorOrder(projector).first()).toContainText(ANON);
  await expect(projectorOrder(projector).first()).toContainText('2附议');
  await expect(projectorOrder(projector).first()).toContainText('匿名');
  // One upvote each: the button says so and stays down.
  const upvoted = upvoteButton(c!, NAMED);
  await expect(upvoted).toBeDisabled();
  await expect(upvoted).toHaveAccessibleName('1 已附议');
  await expect(upvoted).toHaveAttribute('aria-pressed', 'true');
  await expect(a!.getByRole('region', { name: '现场提问' }).getByRole('listitem').filter({ hasText: ANON }).first()).toContainText('已展示');
  await shoot(c!, 'questions-phone-list', true);
  await expectNoSeriousA11yViolations(c!, 'phone with questions');
  await shoot(projector, 'questions-projector');
  await expectNoSeriousA11yViolations(projector, 'projector with questions');
  await expect(projector.getByText(seatA!.name)).toHaveCount(0);

  // Pinned: the question takes the stage; answered, it leaves the list.
  await questions.getByRole('button', { name: `置顶上屏：${NAMED}` }).click();
  await expect(projector.getByRole('region', { name: '正在回答的问题' })).toContainText(NAMED);
  await shoot(projector, 'questions-projector-pinned');
  await shoot(consolePage, 'questions-console', true);
  await expectNoSeriousA11yViolations(consolePage, 'console with questions');
  await questions.getByRole('button', { name: `标记为已回答：${NAMED}` }).click();
  await expect(projector.getByRole('region', { name: '正在回答的问题' })).toHaveCount(0);
  await expect(projectorOrder(projector)).toHaveCount(1);
  await expect(b!.getByRole('region', { name: '现场提问' }).getByText('已回答的问题（1）')).toBeVisible();

  // Taken up as an agenda item: the console's agenda grows by the question.
  await questions.getByRole('button', { name: `列为议题：${ANON}` }).click();
  await expect(consolePage.getByRole('listitem').filter({ hasText: ANON }).getByRole('button', { name: '开始此议题' })).toBeVisible();
});
