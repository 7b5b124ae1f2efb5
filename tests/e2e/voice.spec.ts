// Issue 16: a remote member speaks in the hall with live voice. Chromium's fake microphone (a beeping
// tone) goes from the remote member's phone to the projector page over WebRTC, signalled through the
// meeting's Socket.IO connection; the projector measures it with an AnalyserNode. The facilitator mutes
// and cuts; the speech's time counts like any speech. A second remote member whose microphone is refused
// gives the turn as a written statement, which the projector shows.
import { expect, test, type Page } from '@playwright/test';
import { checkInSelf, expectNoSeriousA11yViolations, fetchAccess, freshMeeting, LAPTOP, PHONE, PROJECTOR, shoot, staffPage } from './support';

// This spec's browser only: a fake microphone that needs no prompt, and sound allowed to play without a
// click (the projector's 启用声音 button is for a real hall's autoplay policy).
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required',
      // Host candidates as IP addresses: the test machine may not resolve mDNS (.local) names.
      '--disable-features=WebRtcHideLocalIpsWithMdns'],
  },
});

const ITEM = '议题一：楼道照明改造';

async function askToSpeak(page: Page) {
  const speak = page.getByRole('region', { name: '申请发言' });
  await speak.getByRole('button', { name: '申请发言' }).click();
  await speak.getByRole('button', { name: '支持' }).click();
  await expect(speak).toContainText('您已在发言队列中');
}

test('a remote member is heard in the hall; muted, cut; another without a microphone writes instead', async ({ browser, request }) => {
  const joinCode = await freshMeeting('远程语音发言', [{ title: ITEM }]);
  const access = await fetchAccess(request, joinCode);
  const [speaker, writer] = [access.seats[0]!, access.seats[1]!];

  const consolePage = await staffPage(browser, 'facilitator', LAPTOP);
  await test.step('the facilitator starts the meeting and the item; the projector is open', async () => {
    await consolePage.goto(`/console/meetings/${access.meetingId}`);
    await expect(consolePage.getByText('已连接')).toBeVisible();
    await consolePage.getByRole('button', { name: '开始会议' }).click();
    const item = consolePage.getByRole('listitem').filter({ hasText: ITEM });
    await item.getByRole('button', { name: '开始此议题' }).click();
    await expect(item).toContainText('进行中');
  });
  const projector = await (await browser.newContext({ ...PROJECTOR, storageState: await consolePage.context().storageState() })).newPage();
  await projector.goto(`/console/meetings/${access.meetingId}/projector`);
  await expect(projector.getByRole('heading', { name: '当前议题' })).toBeVisible();

  const phone = await (await browser.newContext({ ...PHONE, permissions: ['microphone'] })).newPage();
  await test.step('the remote member tests the microphone before speaking', async () => {
    await phone.goto(`/r/${speaker.remoteToken}`);
    await checkInSelf(phone);
    const mic = phone.getByRole('region', { name: '麦克风测试' });
    await mic.getByRole('button', { name: '测试麦克风' }).click();
    const meter = mic.getByRole('meter', { name: '麦克风音量' });
    await expect.poll(async () => Number(await meter.getAttribute('data-level')), { timeout: 20_000 }).toBeGreaterThan(0.01);
    await mic.getByRole('button', { name: '结束测试' }).click();
    await expect(meter).toHaveCount(0);
  });

  await test.step('given the floor, the phone sends its voice; the projector plays it with energy, the name and the timer', async () => {
    await askToSpeak(phone);
    await consolePage.getByRole('button', { name: `准许发言：${speaker.name}` }).click();
    await expect(phone.getByText('您正在发言')).toBeVisible({ timeout: 30_000 });
    await expect(consolePage.getByTestId('voice-status')).toHaveText('语音已接通');
    await expect(projector.getByText(speaker.name, { exact: true })).toBeVisible();
    await expect(projector.getByText('远程发言', { exact: true })).toBeVisible();
    await expect(projector.getByRole('timer', { name: '剩余时间' })).toBeVisible();
    // The projector's meter reads the received track through an AnalyserNode; the fake device beeps.
    const meter = projector.getByRole('meter', { name: '远程发言音量' });
    await expect.poll(async () => Number(await meter.getAttribute('data-level')), { timeout: 20_000 }).toBeGreaterThan(0.01);
    expect(await projector.locator('audio').evaluate((a: HTMLAudioElement) => (a.srcObject as MediaStream | null)?.getAudioTracks().length ?? 0)).toBe(1);
    await expect(projector.getByRole('button', { name: '启用声音' })).toHaveCount(0);
    await shoot(projector, 'voice-projector-remote-speaker');
    await shoot(phone, 'voice-phone-speaking', true);
    await expectNoSeriousA11yViolations(phone, 'remote speaker phone');
    await expectNoSeriousA11yViolations(projector, 'projector with a remote speaker');
  });

  await test.step('the facilitator mutes: the hall stops hearing it and the member is told; unmutes; then cuts', async () => {
    await consolePage.getByRole('button', { name: `静音：${speaker.name}` }).click();
    await expect(consolePage.getByTestId('voice-status')).toHaveText('已静音');
    await shoot(consolePage, 'voice-console-muted');
    await expect(phone.getByText('主持人已将您静音，会场暂时听不到您')).toBeVisible();
    await expect.poll(() => projector.locator('audio').evaluate((a: HTMLAudioElement) => a.muted)).toBe(true);
    await consolePage.getByRole('button', { name: `取消静音：${speaker.name}` }).click();
    await expect.poll(() => projector.locator('audio').evaluate((a: HTMLAudioElement) => a.muted)).toBe(false);
    await consolePage.getByRole('button', { name: '结束发言' }).click();
    await expect(phone.getByText('您正在发言')).toHaveCount(0);
    await expect.poll(() => projector.locator('audio').evaluate((a: HTMLAudioElement) => a.srcObject === null)).toBe(true);
    // The turn counts like any speech: its time is in the per-person totals (the record's speaker lines come from the same times).
    await consolePage.getByText('个人累计发言时间').click();
    await expect(consolePage.locator('dt', { hasText: speaker.name })).toBeVisible();
    await expect(consolePage.locator('dt', { hasText: speaker.name }).locator('+ dd')).toHaveText(/^\d+:\d{2}$/);
  });

  const phone2 = await (await browser.newContext(PHONE)).newPage();
  // A phone whose microphone is refused (as when the member taps 不允许).
  await phone2.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await test.step('a member whose microphone is refused is told why and writes; the projector shows it as the turn', async () => {
    await phone2.goto(`/r/${writer.remoteToken}`);
    await checkInSelf(phone2);
    await askToSpeak(phone2);
    await consolePage.getByRole('button', { name: `准许发言：${writer.name}` }).click();
    await expect(phone2.getByRole('alert').filter({ hasText: '没有允许使用麦克风' })).toBeVisible();
    await expect(consolePage.getByTestId('voice-status')).toHaveText('无法语音发言：没有允许使用麦克风');
    await shoot(consolePage, 'voice-console-failed');
    await shoot(phone2, 'voice-phone-fallback', true);
    // 再试一次 asks for the microphone again (a permission allowed meanwhile, a network back); refused again, the member is told again.
    await phone2.getByRole('button', { name: '再试一次语音' }).click();
    await expect(phone2.getByRole('alert').filter({ hasText: '没有允许使用麦克风' })).toBeVisible();
    await expectNoSeriousA11yViolations(phone2, 'microphone refused phone');
    await phone2.getByLabel('书面发言').fill('我同意改造楼道照明，建议用声控灯。');
    await phone2.getByRole('button', { name: '提交书面发言' }).click();
    await expect(phone2.getByText('书面发言已提交，正在会场大屏上显示')).toBeVisible();
    await expect(projector.getByText('我同意改造楼道照明，建议用声控灯。')).toBeVisible();
    await expect(phone2.getByText('我同意改造楼道照明，建议用声控灯。')).toBeVisible();
    await expect(projector.getByText('书面发言', { exact: true })).toBeVisible();
    await expect(consolePage.getByTestId('voice-status')).toHaveText('书面发言：我同意改造楼道照明，建议用声控灯。');
    await shoot(projector, 'voice-projector-statement');
    await shoot(phone2, 'voice-phone-statement', true);
    await expectNoSeriousA11yViolations(phone2, 'written statement phone');
  });

  await test.step('closed, the record lists both remote turns with their durations like any speech', async () => {
    await consolePage.getByRole('button', { name: '结束发言' }).click();
    const item = consolePage.getByRole('listitem').filter({ hasText: ITEM });
    await item.getByRole('button', { name: '结束此议题' }).click();
    await consolePage.getByRole('button', { name: '结束会议' }).click();
    const closing = consolePage.getByRole('dialog', { name: '结束会议' });
    await expect(closing).toContainText('所有议题、发言和投票都已完成。');
    await closing.getByRole('button', { name: '确认结束会议' }).click();
    await consolePage.getByRole('region', { name: '会议记录签署与归档' }).getByRole('link', { name: '去签署与归档' }).click();
    const spoke = consolePage.getByRole('list', { name: '发言', exact: true }).getByRole('listitem');
    await expect(spoke).toHaveCount(2);
    for (const [i, name] of [speaker.name, writer.name].entries()) {
      await expect(spoke.nth(i)).toContainText(name);
      await expect(spoke.nth(i)).toContainText(/发言 \d+:\d{2}/);
    }
    await shoot(consolePage, 'voice-record-speakers', true);
  });
});

test('remote members hear the hall: the facilitator turns it on, the projector sends its microphone, a listener hears it', async ({ browser, request }) => {
  const joinCode = await freshMeeting('会场声音', [{ title: ITEM }]);
  const access = await fetchAccess(request, joinCode);
  const listener = access.seats[2]!;
  const consolePage = await staffPage(browser, 'facilitator', LAPTOP);
  await consolePage.goto(`/console/meetings/${access.meetingId}`);
  await expect(consolePage.getByText('已连接')).toBeVisible();
  await consolePage.getByRole('button', { name: '开始会议' }).click();
  const projector = await (await browser.newContext({ ...PROJECTOR, permissions: ['microphone'], storageState: await consolePage.context().storageState() })).newPage();
  await projector.goto(`/console/meetings/${access.meetingId}/projector`);
  await expect(projector.getByRole('heading', { name: '当前议题' })).toBeVisible();
  const phone = await (await browser.newContext(PHONE)).newPage();
  await phone.goto(`/r/${listener.remoteToken}`);
  await checkInSelf(phone);
  const section = phone.getByRole('region', { name: '收听会场' });
  await expect(section).toHaveCount(0);

  await test.step('turned on, the listener taps and hears the projector microphone; the projector counts one listener', async () => {
    await expect(consolePage.getByTestId('hall-sound-status')).toHaveText('线上参会者听不到会场声音');
    await consolePage.getByRole('button', { name: '开启会场声音' }).click();
    await expect(consolePage.getByTestId('hall-sound-status')).toHaveText('会场声音正在传给线上参会者');
    await section.getByRole('button', { name: '收听会场声音' }).click();
    await expect(section.getByText('正在收听会场')).toBeVisible({ timeout: 30_000 });
    await expect(projector.getByText('会场声音 → 线上 1 人收听')).toBeVisible();
    // The fake microphone beeps: the listener's meter (an AnalyserNode on the received track) moves.
    const meter = section.getByRole('meter', { name: '会场声音音量' });
    await expect.poll(async () => Number(await meter.getAttribute('data-level')), { timeout: 20_000 }).toBeGreaterThan(0.01);
    expect(await phone.getByTestId('hall-sound').evaluate((a: HTMLAudioElement) => (a.srcObject as MediaStream | null)?.getAudioTracks().length ?? 0)).toBe(1);
    await shoot(phone, 'voice-phone-hall-sound', true);
    await shoot(projector, 'voice-projector-hall-sound');
    await expectNoSeriousA11yViolations(phone, 'remote listener phone');
  });

  await test.step('the listener stops; the projector counts none; turned off, the phone no longer offers it', async () => {
    await section.getByRole('button', { name: '停止收听' }).click();
    await expect(projector.getByText('会场声音 → 线上 0 人收听')).toBeVisible();
    await consolePage.getByRole('button', { name: '关闭会场声音' }).click();
    await expect(section).toHaveCount(0);
    await expect(projector.getByText(/会场声音 →/)).toHaveCount(0);
  });
});
