// Every page under the Content-Security-Policy the server sends (a nonce per request, no 'unsafe-eval'):
// the browser reports no violation and each page still does its job — hydrated forms, Socket.IO, the
// minutes' Yjs socket, the record verified in the browser.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, LAPTOP, PHONE, PROJECTOR, checkInSelf, fetchAccess, filedDemoRecord, freshMeeting, joinWithCard, openPage, seatNamed, shoot, staffPage } from './support';

declare global {
  interface Window { cspViolations?: string[] }
}

/** Collects the page's CSP violations: the DOM event (from an init script, so from the first byte) and console errors. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) consoleErrors.push(m.text());
  });
  await page.context().addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations!.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return async () => [...consoleErrors.splice(0), ...(await page.evaluate(() => window.cspViolations ?? []))];
}

/** Opens a page, checks the policy it came with, waits for `works`, then demands no violation. */
async function visit(page: Page, violations: () => Promise<string[]>, url: string, works: (page: Page) => Promise<void>) {
  const res = await page.goto(url);
  const policy = res!.headers()['content-security-policy'] ?? '';
  expect(policy, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).toContain("frame-ancestors 'none'");
  expect(res!.headers()['x-frame-options']).toBe('DENY');
  expect(res!.headers()['x-content-type-options']).toBe('nosniff');
  await works(page);
  expect(await violations(), `CSP violations on ${url}`).toEqual([]);
}

test('every page works under the Content-Security-Policy, with no violation', async ({ browser, request }) => {
  const joinCode = await freshMeeting('桂湖社区居民议事会（安全策略）', [{ title: '小区充电桩安装位置' }]);
  const access = await fetchAccess(request, joinCode);
  const meetingUrl = `/console/meetings/${access.meetingId}`;
  const filed = await filedDemoRecord();

  const visitor = await openPage(browser, LAPTOP);
  const visitorViolations = await watchCsp(visitor);
  await test.step('the policy is enforced: markup injected into a page (stored XSS) does not run, and is reported', async () => {
    // The server's own answer (with its headers), plus what an attacker's stored text would add.
    await visitor.route('/', async (route) => {
      const res = await route.fetch();
      const html = (await res.text()).replace('</body>', '<script>window.injected = true</script><img src="/x" onerror="window.injected = true"></body>');
      await route.fulfill({ response: res, body: html });
    });
    await visitor.goto('/');
    await expect(visitor.getByRole('heading', { level: 1, name: '社区议事，人人可参与' })).toBeVisible();
    await expect.poll(async () => (await visitorViolations()).length).toBeGreaterThanOrEqual(1);
    expect(await visitor.evaluate(() => (window as { injected?: boolean }).injected)).toBeUndefined();
    await visitor.unrouteAll();
    await visit(visitor, visitorViolations, '/', async (p) => {
      await expect(p.getByRole('heading', { level: 1, name: '社区议事，人人可参与' })).toBeVisible();
      // The site's icon: the page names it, so the browser does not ask for a /favicon.ico there is none of.
      const icon = await p.locator('link[rel="icon"]').getAttribute('href');
      const res = await p.request.get(icon!);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain('image/svg+xml');
    });
  });

  await test.step('the login form logs in (hydrated, and its POST passes the origin check)', async () => {
    await visit(visitor, visitorViolations, '/login', async (p) => {
      await p.getByLabel('用户名').fill(DEMO.username);
      await p.getByLabel('密码').fill(DEMO.password);
      await p.getByRole('button', { name: '登录' }).click();
      await expect(p).toHaveURL(/\/console$/);
      await expect(p.getByRole('heading', { name: '我的会议' })).toBeVisible();
    });
  });

  const facilitator = visitor;
  const violations = visitorViolations;
  await test.step('the console pages of a meeting: console, cards, projector, minutes', async () => {
    await visit(facilitator, violations, meetingUrl, async (p) => {
      await expect(p.getByText('已连接')).toBeVisible();
      await p.getByRole('button', { name: '开始会议' }).click();
      await expect(p.getByRole('button', { name: '结束会议' })).toBeVisible();
    });
    await visit(facilitator, violations, `${meetingUrl}/cards`, async (p) => {
      await expect(p.getByRole('heading', { level: 1, name: '参会卡与邀请链接' })).toBeVisible();
    });
    await visit(facilitator, violations, `${meetingUrl}/minutes`, async (p) => {
      await expect(p.getByText('已同步到服务器')).toBeVisible();
    });
    await visit(facilitator, violations, `${meetingUrl}/record`, async (p) => {
      await expect(p.getByRole('heading', { level: 1 })).toBeVisible();
    });
    await visit(facilitator, violations, `/console/meetings/${filed.meetingId}/record`, async (p) => {
      await expect(p.getByRole('region', { name: '签署与归档' })).toBeVisible();
    });
    await visit(facilitator, violations, '/console/index', async (p) => {
      await expect(p.getByTestId('score-total')).toBeVisible();
    });
    const projector = await openPage(browser, { ...PROJECTOR, storageState: await facilitator.context().storageState() });
    const projectorViolations = await watchCsp(projector);
    await visit(projector, projectorViolations, `${meetingUrl}/projector`, async (p) => {
      await expect(p.getByText(joinCode, { exact: true })).toBeVisible();
      await expect(p.getByText('已到 0 / 25 人')).toBeVisible();
    });
    await shoot(projector, 'csp-projector');
    await projector.context().close();
  });

  await test.step('the district pages: overview, review queue, catalogue', async () => {
    const admin = await staffPage(browser, 'admin');
    const adminViolations = await watchCsp(admin);
    for (const [url, heading] of [['/console/district', '全区概览'], ['/console/assess', '材料审核'], ['/console/catalogue', '指标目录']] as const) {
      await visit(admin, adminViolations, url, async (p) => {
        await expect(p.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      });
    }
    await admin.context().close();
  });

  await test.step('a phone joins by card, a remote member and an observer by their links', async () => {
    const phone = await openPage(browser, PHONE);
    const phoneViolations = await watchCsp(phone);
    await visit(phone, phoneViolations, '/join', async (p) => {
      await expect(p.getByRole('heading', { level: 1, name: '加入会议' })).toBeVisible();
    });
    const name = access.seats[0]!.name;
    // The build's scripts (server/security-headers.ts) carry nosniff and none of the documents' headers.
    const assets: { url: string; headers: Record<string, string> }[] = [];
    phone.on('response', (r) => { if (r.url().includes('/_next/static/')) assets.push({ url: r.url(), headers: r.headers() }); });
    await visit(phone, phoneViolations, `/j/${joinCode}`, async (p) => {
      await joinWithCard(p, joinCode, seatNamed(access, name).cardToken);
      await expect(p.getByText(`参会人：${name}`)).toBeVisible();
      await checkInSelf(p); // a command over Socket.IO
    });
    expect(assets.filter((a) => a.url.endsWith('.js')).length).toBeGreaterThan(3);
    for (const a of assets) {
      expect(a.headers['x-content-type-options'], a.url).toBe('nosniff');
      expect(a.headers['content-security-policy'], a.url).toBeUndefined();
      expect(a.headers['x-frame-options'], a.url).toBeUndefined();
    }
    await shoot(phone, 'csp-phone');

    const remote = await openPage(browser, LAPTOP);
    const remoteViolations = await watchCsp(remote);
    await visit(remote, remoteViolations, `/r/${access.seats[1]!.remoteToken}`, async (p) => {
      await expect(p).toHaveURL(new RegExp(`/m/${joinCode}\\?remote=1$`));
      await expect(p.getByText('线上参会', { exact: true })).toBeVisible();
    });
    const observer = await openPage(browser, PHONE);
    const observerViolations = await watchCsp(observer);
    await visit(observer, observerViolations, `/o/${access.observerToken}`, async (p) => {
      await expect(p.getByText('旁听（只能查看）')).toBeVisible();
    });
    for (const p of [phone, remote, observer]) await p.context().close();
  });

  await test.step('anyone verifies a filed record in the browser', async () => {
    const reader = await openPage(browser, PHONE);
    const readerViolations = await watchCsp(reader);
    await visit(reader, readerViolations, `/v/${filed.recordId}`, async (p) => {
      await expect(p.getByRole('status').filter({ hasText: '记录有效' })).toBeVisible();
    });
    await visit(reader, readerViolations, '/no-such-page', async (p) => {
      await expect(p.getByRole('heading', { level: 1 })).toBeVisible();
    });
    await reader.context().close();
  });
  await facilitator.context().close();
});
