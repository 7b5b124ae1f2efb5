// The record of a meeting (会议记录存证): a short meeting of its own is held and closed; the convener and
// the recorder each sign the frozen record on their own laptop (the recorder's browser without WebCrypto
// Ed25519, so its key is made in software); the record is filed; then anyone, without an account, opens
// the public page and their browser — a phone without WebCrypto among them — finds it valid.
import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import {
  DEMO, LAPTOP, PHONE,
  castVote, checkInSelf, expectNoSeriousA11yViolations, expectReceipt, fetchAccess, freshMeeting, joinWithCard, openPage, pollSection, seatNamed, shoot, staffPage,
} from './support';

const TITLE = '桂湖社区居民议事会（会议记录存证）';
const ITEM = '小区公共区域停车管理办法';
const MOTION = '同意试行小区公共区域停车管理办法';
const SPEAKER = '张秀英';
const CHECKED_IN_BY_FACILITATOR = ['陈淑华', '杨光明'];

/** This browser has WebCrypto but no Ed25519 key generation, like a browser without it. */
function withoutWebCryptoEd25519() {
  const original = SubtleCrypto.prototype.generateKey;
  SubtleCrypto.prototype.generateKey = function (this: SubtleCrypto, algorithm: AlgorithmIdentifier, ...rest: unknown[]) {
    const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
    if (name.toLowerCase() === 'ed25519') return Promise.reject(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
    return (original as (...args: unknown[]) => Promise<unknown>).call(this, algorithm, ...rest);
  } as typeof original;
}

/** No `crypto.subtle` at all, as on a page served over plain http. */
function withoutSubtleCrypto() {
  Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined, configurable: true });
}

const panel = (page: Page) => page.getByRole('region', { name: '签署与归档' });
const panelStatus = (page: Page) => panel(page).getByRole('status').first();
const signer = (page: Page, name: string) => panel(page).getByRole('list', { name: '签署人' }).getByRole('listitem').filter({ hasText: name });

test('a closed meeting is signed by its convener and recorder on their own devices, filed, and verifies in anyone’s browser', async ({ browser, request }) => {
  const joinCode = await freshMeeting(TITLE, [{ title: ITEM, notes: '东门外道路夜间停车试行登记制。' }]);
  const access = await fetchAccess(request, joinCode);
  const consoleUrl = `/console/meetings/${access.meetingId}`;
  const recordUrl = `${consoleUrl}/record`;

  const facilitator = await staffPage(browser, 'facilitator');
  const phone = await openPage(browser, PHONE);
  await test.step('the facilitator holds a short meeting: check-ins, one item, a speaker and a vote', async () => {
    await facilitator.goto(consoleUrl);
    await expect(facilitator.getByText('已连接')).toBeVisible();
    await facilitator.getByRole('button', { name: '开始会议' }).click();
    await expect(facilitator.getByRole('button', { name: '结束会议' })).toBeVisible();
    const item = facilitator.getByRole('listitem').filter({ hasText: ITEM });
    await item.getByRole('button', { name: '开始此议题' }).click();
    await expect(item.getByRole('button', { name: '结束此议题' })).toBeVisible();
    for (const name of CHECKED_IN_BY_FACILITATOR) {
      await facilitator.getByRole('button', { name: `代签到：${name}` }).click();
      await expect(facilitator.getByRole('button', { name: `代签到：${name}` })).toHaveCount(0);
    }

    await joinWithCard(phone, joinCode, seatNamed(access, SPEAKER).cardToken);
    await checkInSelf(phone);
    await expect(facilitator.getByText('已到 3 / 25 人')).toBeVisible();

    const speak = phone.getByRole('region', { name: '申请发言' });
    await speak.getByRole('button', { name: '申请发言' }).click();
    await speak.getByRole('button', { name: '支持' }).click();
    await facilitator.getByRole('button', { name: `准许发言：${SPEAKER}` }).click();
    await expect(phone.getByText('轮到您发言了').first()).toBeVisible();
    await facilitator.getByRole('button', { name: '结束发言' }).click();

    await facilitator.getByRole('button', { name: '＋ 新建表决' }).click();
    await facilitator.getByLabel('表决事项').fill(MOTION);
    await facilitator.getByRole('button', { name: '创建表决' }).click();
    const card = facilitator.getByRole('listitem').filter({ has: facilitator.getByRole('heading', { name: MOTION }) });
    await card.getByRole('button', { name: '开始投票' }).click();
    // 3 of 25 present: below quorum, so the facilitator gives a reason (it goes into the record).
    await card.getByLabel('理由').fill('试行办法，先听取到场成员意见');
    await card.getByRole('button', { name: '说明理由并开始投票' }).click();
    await expect(pollSection(phone)).toContainText(MOTION);
    await castVote(phone, '赞成');
    await expectReceipt(phone);
    await card.getByRole('button', { name: '结束投票' }).click();
    await card.getByRole('button', { name: '确定' }).click();
    await expect(card.getByText('通过', { exact: true })).toBeVisible();
    await item.getByRole('button', { name: '结束此议题' }).click();
  });

  await test.step('closing the meeting puts 会议记录签署与归档 on the console', async () => {
    await facilitator.getByRole('button', { name: '结束会议' }).click();
    const closing = facilitator.getByRole('dialog', { name: '结束会议' });
    await expect(closing).toContainText('所有议题、发言和投票都已完成。');
    await closing.getByRole('button', { name: '确认结束会议' }).click();
    const link = facilitator.getByRole('region', { name: '会议记录签署与归档' });
    await expect(link).toBeVisible();
    await shoot(facilitator, 'record-console-link');
    await link.getByRole('link', { name: '去签署与归档' }).click();
    await expect(facilitator).toHaveURL(new RegExp(`${recordUrl}$`));
  });

  await test.step('the record page shows the frozen record and that both still have to sign', async () => {
    await expect(panelStatus(facilitator)).toHaveText('还有 2 人待签：王书记、李记录');
    await expect(panel(facilitator).getByRole('list', { name: '记录状态' }).getByRole('listitem').nth(1)).toHaveAttribute('aria-current', 'step');
    await expect(signer(facilitator, '王书记')).toContainText('待签');
    await expect(signer(facilitator, '李记录')).toContainText('待签');
    // (The minutes inside the record carry the title too, as their own heading.)
    await expect(facilitator.getByRole('heading', { name: TITLE, level: 2 })).toBeVisible();
    await expect(facilitator.getByRole('heading', { name: MOTION, exact: true })).toBeVisible();
    await shoot(facilitator, 'record-awaiting');
  });

  await test.step('the convener signs on this laptop: the confirm step shows the hash and the device key', async () => {
    await panel(facilitator).getByRole('button', { name: '签署记录' }).click();
    const confirm = facilitator.getByRole('region', { name: '确认签署' });
    await expect(confirm).toContainText(/[0-9a-f]{64}/);
    await expect(confirm).toContainText(/本设备签名密钥指纹\s*[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}/);
    // Chromium has WebCrypto Ed25519 on a secure origin (127.0.0.1): no software-key note.
    await expect(confirm).not.toContainText('软件方式保存');
    await shoot(facilitator, 'record-confirm');
    await confirm.getByRole('button', { name: '确认签署' }).click();
    await expect(panel(facilitator).getByText('您已签署这份记录。')).toBeVisible();
    await expect(panelStatus(facilitator)).toHaveText('还有 1 人待签：李记录');
    await expect(signer(facilitator, '王书记')).toContainText('✓ 已签署');
    await expect(panel(facilitator).getByRole('button', { name: '签署记录' })).toHaveCount(0);
  });

  const publicHref = await panel(facilitator).getByRole('link', { name: '打开公开核验页面' }).getAttribute('href');
  expect(publicHref).toMatch(/^\/v\/[A-Za-z0-9-]+$/);
  const recordId = publicHref!.slice('/v/'.length);

  await test.step('while the recorder has not signed, the public page says 待签名 (not yet valid, not invalid)', async () => {
    const reader = await openPage(browser, PHONE);
    await reader.goto(publicHref!);
    await expect(reader.getByRole('status').filter({ hasText: '待签名' })).toContainText('待签：李记录');
    const signatures = reader.getByRole('list', { name: '签名' }).getByRole('listitem');
    await expect(signatures.filter({ hasText: '王书记' })).toContainText('✓ 有效');
    await expect(signatures.filter({ hasText: '李记录' })).toContainText('待签');
    await expect(reader.getByText('服务器核验结果：待签名。')).toBeVisible();
    await expect(reader.getByText('记录无效')).toHaveCount(0);
    await shoot(reader, 'record-public-phone-awaiting');
    await reader.context().close();
  });

  // The recorder's own laptop, in a browser whose WebCrypto cannot make Ed25519 keys.
  const recorder = await staffPage(browser, 'recorder');
  await recorder.context().addInitScript(withoutWebCryptoEd25519);
  await test.step('the recorder finds the record from the minutes page and sees who has signed', async () => {
    await recorder.goto(`${consoleUrl}/minutes`);
    await recorder.getByRole('link', { name: '会议记录签署与归档' }).click();
    await expect(recorder).toHaveURL(new RegExp(`${recordUrl}$`));
    await expect(panelStatus(recorder)).toHaveText('还有 1 人待签：李记录');
    await expect(signer(recorder, '王书记')).toContainText('✓ 已签署');
    await expect(signer(recorder, '李记录')).toContainText('待签');
  });

  await test.step('the recorder signs with a software key (noble fallback); the record is filed', async () => {
    await panel(recorder).getByRole('button', { name: '签署记录' }).click();
    const confirm = recorder.getByRole('region', { name: '确认签署' });
    await expect(confirm).toContainText('软件方式保存');
    await shoot(recorder, 'record-confirm-software-key');
    await confirm.getByRole('button', { name: '确认签署' }).click();
    await expect(panelStatus(recorder)).toContainText('已归档');
    await expect(signer(recorder, '李记录')).toContainText('✓ 已签署');
    await expect(panel(recorder).getByRole('list', { name: '记录状态' }).getByRole('listitem').nth(3)).toHaveAttribute('aria-current', 'step');
    // The convener's page follows by itself (polling), without a reload.
    await expect(panelStatus(facilitator)).toContainText('已归档');
    await expect(signer(facilitator, '李记录')).toContainText('✓ 已签署');
    await expect(panel(facilitator).getByRole('link', { name: '归档声明 filing.json' })).toBeVisible();
    // Staff of the area see residents' names (each disclosure checked against the signed commitment) and the district key.
    await expect(facilitator.getByText(/居民姓名已在本机与签名记录中的哈希承诺逐一核对/)).toBeVisible();
    await expect(facilitator.getByRole('list', { name: '发言', exact: true }).getByText(SPEAKER)).toBeVisible();
    await expect(panel(facilitator).getByTestId('platform-fingerprint')).toHaveText(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);
    await expect(panel(facilitator).getByRole('link', { name: '含姓名的 PDF（仅限本辖区工作人员）' })).toBeVisible();
    await shoot(recorder, 'record-filed');
    await shoot(facilitator, 'record-filed-full', true);
    await expectNoSeriousA11yViolations(recorder, 'record page (filed)');
  });

  await test.step('the bundle files download; record.json is exactly the signed text', async () => {
    const bundle = (await (await request.get(`/api/records/${recordId}`)).json()) as { recordJson: string };
    const file = await request.get(`/api/records/${recordId}/files/record.json`);
    expect(file.status()).toBe(200);
    expect(await file.text()).toBe(bundle.recordJson);
    const sigs = (await (await request.get(`/api/records/${recordId}/files/signatures.json`)).json()) as { role: string }[];
    expect(sigs.map((s) => s.role).sort()).toEqual(['convener', 'platform', 'recorder']);
    const pdf = await request.get(`/api/records/${recordId}/files/record.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
  });

  await test.step('anyone, without logging in, opens the public page: the browser finds the record valid', async () => {
    const reader = await openPage(browser, LAPTOP);
    await reader.goto(publicHref!);
    await expect(reader.getByRole('status').filter({ hasText: '记录有效：本记录自签署以来未被改动' })).toBeVisible();
    await expect(reader.getByText('召集人和记录员都已签署，平台已归档；签署人和签署时间见下方。')).toBeVisible();
    await expect(reader.getByText('核验在本机浏览器中完成（WebCrypto）。')).toBeVisible();
    // Hashes, keys and the checks one by one are folded under 技术信息, all in Chinese.
    const tech = reader.locator('details').filter({ has: reader.getByText('技术信息', { exact: true }) });
    await expect(tech.getByTestId('platform-fingerprint')).toBeHidden();
    // No English check log (the checks' "[pass] hash: …" lines) on the Chinese page.
    await expect(reader.getByText(/\[(pass|fail|skip)\]/)).toHaveCount(0);
    await tech.getByText('技术信息', { exact: true }).click();
    await expect(tech.getByTestId('platform-fingerprint')).toBeVisible();
    await expect(tech.getByRole('row').filter({ hasText: '记录哈希与归档一致' })).toContainText('✓ 通过');
    await expect(reader.getByText('服务器核验结果：有效。')).toBeVisible();
    const signatures = reader.getByRole('list', { name: '签名' }).getByRole('listitem');
    await expect(signatures).toHaveCount(3);
    for (const name of ['王书记', '李记录', '议事平台']) await expect(signatures.filter({ hasText: name })).toContainText('✓ 有效');
    await expect(reader.getByRole('heading', { name: TITLE, level: 2 })).toBeVisible();
    await expect(reader.getByText(/本社区第 \d+ 条会议记录/)).toBeVisible();
    await expect(reader.getByText('✗')).toHaveCount(0);
    // No resident's name in public: seats are 成员 N, the minutes stay with staff; checked against the district key.
    await expect(reader.getByText(SPEAKER)).toHaveCount(0);
    for (const name of CHECKED_IN_BY_FACILITATOR) await expect(reader.getByText(name)).toHaveCount(0);
    await expect(reader.getByText(/为保护居民个人信息，本页不显示居民姓名和会议纪要/)).toBeVisible();
    await expect(reader.getByTestId('platform-fingerprint')).toHaveText(/^[0-9a-f]{4}( [0-9a-f]{4}){15}$/);
    await expect(reader.getByRole('link', { name: /上一条|下一条/ })).toHaveCount(0);
    await shoot(reader, 'record-public-laptop');
    await shoot(reader, 'record-public-laptop-full', true);
    await expectNoSeriousA11yViolations(reader, 'public record (laptop)');
    await reader.emulateMedia({ media: 'print' });
    await expect(reader.getByRole('button', { name: '打印' })).toBeHidden();
    await shoot(reader, 'record-public-print', true);
    await reader.context().close();
  });

  await test.step('a server that hands out a changed record is caught by the reader’s browser', async () => {
    const reader = await openPage(browser, LAPTOP);
    // The bundle is altered on its way to this browser; the server's own check still says "valid".
    await reader.route(`**/api/records/${recordId}`, async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { recordJson: string };
      expect(body.recordJson).toContain(ITEM);
      await route.fulfill({ response: res, json: { ...body, recordJson: body.recordJson.replaceAll(ITEM, '小区公共区域收费管理办法') } });
    });
    await reader.goto(publicHref!);
    await expect(reader.getByRole('status').filter({ hasText: '记录无效' })).toContainText('记录无效：记录内容与归档时不一致，归档后被改动过');
    await expect(reader.getByText('本机与服务器的核验结果不一致！')).toBeVisible();
    await expect(reader.getByRole('list', { name: '签名' }).getByRole('listitem').filter({ hasText: '王书记' })).toContainText('✗ 无效');
    await shoot(reader, 'record-public-tampered');
    await reader.context().close();
  });

  await test.step('a phone without WebCrypto verifies with the built-in implementation and agrees', async () => {
    const context = await browser.newContext(PHONE);
    await context.addInitScript(withoutSubtleCrypto);
    const reader = await context.newPage();
    await reader.goto(publicHref!);
    await expect(reader.getByRole('status').filter({ hasText: '记录有效' })).toBeVisible();
    await expect(reader.getByText('核验在本机浏览器中完成（内置 JavaScript 实现）。')).toBeVisible();
    const signatures = reader.getByRole('list', { name: '签名' }).getByRole('listitem');
    for (const name of ['王书记', '李记录', '议事平台']) await expect(signatures.filter({ hasText: name })).toContainText('✓ 有效');
    await shoot(reader, 'record-public-phone');
    await shoot(reader, 'record-public-phone-full', true);
    await expectNoSeriousA11yViolations(reader, 'public record (phone)');
    await context.close();
  });
});
