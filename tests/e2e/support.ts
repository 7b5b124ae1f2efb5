// Shared pieces for the browser specs: demo credentials, the staff access list (card, remote and
// observer tokens), the device shapes of the hall, screenshots and the accessibility gate.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Browser, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';
import { createMeeting } from '../../lib/meeting/create-meeting';
import type { MeetingForm } from '../../lib/meeting/model';
import { createDb } from '../../lib/platform/db/client';

export const DEMO = { username: 'facilitator', password: 'yishi-demo', joinCode: 'XD2688' } as const;

/**
 * The database of the server the running test talks to: each project in playwright.config.ts has a
 * server and a database of its own (metadata.databaseUrl), for the specs that write to it directly.
 */
export function e2eDatabaseUrl(): string {
  const url: unknown = test.info().project.metadata.databaseUrl;
  if (typeof url !== 'string') throw new Error(`project ${test.info().project.name} has no metadata.databaseUrl (playwright.config.ts)`);
  return url;
}

export const LAPTOP = { viewport: { width: 1366, height: 768 } } satisfies BrowserContextOptions;
export const PROJECTOR = { viewport: { width: 1920, height: 1080 } } satisfies BrowserContextOptions;
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } satisfies BrowserContextOptions;

export type Seat = { seatId: string; name: string; cardToken: string; shortCode: string; remoteToken: string };
export type Access = { meetingId: string; joinCode: string; observerToken: string; seats: Seat[] };

/** Card, remote and observer tokens come from the staff-only access list, as the cards page prints them. */
export async function fetchAccess(request: APIRequestContext, joinCode: string = DEMO.joinCode): Promise<Access> {
  const login = await request.post('/api/auth/login', { data: { username: DEMO.username, password: DEMO.password } });
  expect(login.status(), await login.text()).toBe(200);
  const res = await request.get(`/api/access?joinCode=${joinCode}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as Access;
}

export function seatNamed(access: Access, name: string): Seat {
  const seat = access.seats.find((s) => s.name === name);
  if (!seat) throw new Error(`no seat named ${name} in ${access.joinCode}`);
  return seat;
}

export async function openPage(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  return context.newPage();
}

/**
 * A resident's phone: the hall QR (/j/<code>), then what is printed on the member's card typed into the
 * card field — the 6-character card code, or (as these specs mostly do) the card's token, which the
 * field also takes. Typing leaves the check-in to the member's 签到 tap.
 */
export async function joinWithCard(page: Page, joinCode: string, cardToken: string): Promise<void> {
  await page.goto(`/j/${joinCode}`);
  await expect(page.getByLabel('会议码')).toHaveValue(joinCode);
  // The button stays disabled until the form is hydrated, so a fill cannot be wiped by hydration.
  await expect(page.getByRole('button', { name: '进入会议' })).toBeEnabled();
  await page.getByLabel('参会卡代码').fill(cardToken);
  await page.getByRole('button', { name: '进入会议' }).click();
  await expect(page).toHaveURL(new RegExp(`/m/${joinCode}$`));
}

/** The phone's (and remote view's) own check-in button. */
export async function checkInSelf(page: Page): Promise<void> {
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await expect(page.getByText(/已签到（\d{1,2}:\d{2}）/)).toBeVisible();
  await expect(page.getByRole('button', { name: '签到', exact: true })).toHaveCount(0);
}

/** The 表决 section of a phone or remote view. */
export const pollSection = (page: Page): Locator => page.getByRole('region', { name: '表决' });

/** Tap an option, then confirm it. `doubleTap` taps 确认投票 twice in quick succession, like an impatient thumb. */
export async function castVote(page: Page, option: '赞成' | '反对' | '弃权', opts: { doubleTap?: boolean } = {}): Promise<void> {
  const section = pollSection(page);
  await section.getByRole('button', { name: option, exact: true }).click();
  await expect(section.getByText(`确认投「${option}」？`)).toBeVisible();
  await section.getByRole('button', { name: '确认投票' }).click(opts.doubleTap ? { clickCount: 2, delay: 0 } : undefined);
}

/** The receipt a phone shows after its ballot was counted (fails when there is none). */
export async function expectReceipt(page: Page): Promise<string> {
  const done = pollSection(page).getByRole('status').filter({ hasText: '投票成功' });
  await expect(done).toBeVisible();
  await expect(done).toContainText('回执码');
  const text = await done.innerText();
  const receipt = /回执码\s+(\S+)/.exec(text)?.[1];
  expect(receipt, `receipt code in: ${text}`).toBeTruthy();
  return receipt!;
}

/** Screenshots land in test-results/screenshots/ (kept after the run for a human to look at). */
export async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage });
}

/** No axe violation of impact serious or critical; the list is printed when there are some. */
export async function expectNoSeriousA11yViolations(page: Page, view: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')}`)
    .join('\n');
  expect(serious, `axe on the ${view} view:\n${report}`).toEqual([]);
}

/**
 * A meeting of its own in the demo community, so a spec does not depend on what other specs did to the
 * demo meeting (the council session closes it). Written straight into the e2e server's database
 * (e2eDatabaseUrl()), the way the demo seed creates its meeting.
 */
export async function freshMeeting(title: string, agenda: { title: string; notes?: string }[], form: MeetingForm = 'council'): Promise<string> {
  const db = createDb(e2eDatabaseUrl());
  try {
    const convener = await db.staffUser.findUniqueOrThrow({ where: { username: DEMO.username } });
    const meeting = await createMeeting(db, {
      communityId: convener.communityId!, title, level: 'community', type: 'decision', form,
      venue: '桂湖社区党群服务中心议事厅', scheduledAt: new Date(), convenerId: convener.id, agenda,
    });
    return meeting.joinCode;
  } finally {
    await db.$disconnect();
  }
}

/** A browser context of its own (own cookies, own IndexedDB), logged in as a demo staff member by the API. */
export async function staffPage(browser: Browser, username: string, options: BrowserContextOptions = LAPTOP): Promise<Page> {
  const page = await openPage(browser, options);
  const res = await page.context().request.post('/api/auth/login', { data: { username, password: DEMO.password } });
  expect(res.status(), await res.text()).toBe(200);
  return page;
}

/** A signed and filed record of the demo convener's community (the demo history files one per past meeting). */
export async function filedDemoRecord(): Promise<{ recordId: string; meetingId: string }> {
  const db = createDb(e2eDatabaseUrl());
  try {
    const convener = await db.staffUser.findUniqueOrThrow({ where: { username: DEMO.username } });
    const record = await db.meetingRecord.findFirstOrThrow({ where: { status: 'filed', communityId: convener.communityId! }, select: { id: true, meetingId: true } });
    return { recordId: record.id, meetingId: record.meetingId };
  } finally {
    await db.$disconnect();
  }
}

/**
 * Close the meeting through the closing dialog: every unfinished item and waiting speaker is deferred
 * to a later meeting and an open poll is closed and counted (the closing spec covers the other choices).
 */
/**
 * Where the minutes editor's own selection stands in its paragraph (`editor`: the editor's textbox, where
 * Tiptap keeps its instance). A key moves the browser's caret first and the editor reads it a moment
 * later; on a busy machine the next key could act, or a remote change put the caret back, at the old place.
 */
export function editorCaretOffset(editor: Locator): Promise<number> {
  return editor.evaluate((el) => (el as HTMLElement & { editor: { state: { selection: { $from: { parentOffset: number } } } } }).editor.state.selection.$from.parentOffset);
}

export async function closeMeetingDeferringTheRest(page: Page): Promise<void> {
  await page.getByRole('button', { name: '结束会议' }).click();
  const dialog = page.getByRole('dialog', { name: '结束会议' });
  await expect(dialog).toBeVisible();
  for (const choice of ['延期到以后的会议', '延到以后的会议发言', '结束投票并计票']) {
    for (const radio of await dialog.getByRole('radio', { name: choice, exact: true }).all()) await radio.check();
  }
  await dialog.getByRole('button', { name: '确认结束会议' }).click();
  await expect(dialog).toHaveCount(0);
}
