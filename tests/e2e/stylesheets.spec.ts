// The first paint waits for no stylesheet request: each page carries its stylesheet in the HTML (next.config.ts
// inlineCss), a resident's phone pages their own small one (app/phone.css), not the site's, and the join
// pages a smaller one still (app/join.css): what a phone opens first, from a QR code.
// Checked with JavaScript off, so what is styled is what the HTML alone gives the first paint. An address no
// page answers has the root layout alone, with no stylesheet: its 404 page is styled inline (app/not-found.tsx).
import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { DEMO, LAPTOP, PHONE } from './support';

const PAPER = 'rgb(250, 247, 242)'; // --color-paper (app/theme.css)
const CIVIC_800 = 'rgb(27, 58, 90)'; // --color-civic-800, the primary button

/** Loads `url` with JavaScript off; returns the page and the stylesheet files it asked for. */
async function loadWithoutScripts(browser: Browser, url: string, options: BrowserContextOptions = PHONE): Promise<{ page: Page; stylesheetRequests: string[] }> {
  const page = await (await browser.newContext({ ...options, javaScriptEnabled: false })).newPage();
  const stylesheetRequests: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'stylesheet') stylesheetRequests.push(r.url());
  });
  await page.goto(url);
  return { page, stylesheetRequests };
}

const inlineStylesheet = (page: Page) => page.evaluate(() => document.querySelector('head style[data-precedence]')?.textContent ?? '');
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('pages carry their stylesheet: the phone pages a small one of their own, the site the whole one', async ({ browser }) => {
  const phone = await loadWithoutScripts(browser, `/j/${DEMO.joinCode}`);
  const meeting = await loadWithoutScripts(browser, `/m/${DEMO.joinCode}`);
  const site = await loadWithoutScripts(browser, '/login', LAPTOP);

  await test.step('the join page is styled from its HTML alone, with no stylesheet request', async () => {
    expect(phone.stylesheetRequests).toEqual([]);
    expect(await background(phone.page)).toBe(PAPER);
    await expect(phone.page.getByRole('button', { name: '进入会议' })).toHaveCSS('background-color', CIVIC_800);
    expect(await phone.page.locator('link[rel="stylesheet"]').count()).toBe(0);
  });

  await test.step('so is the login page, with the site’s stylesheet', async () => {
    expect(site.stylesheetRequests).toEqual([]);
    expect(await background(site.page)).toBe(PAPER);
    await expect(site.page.getByRole('button', { name: '登录' })).toHaveCSS('background-color', CIVIC_800);
  });

  await test.step('so is the meeting page, with the phone’s stylesheet', async () => {
    expect(meeting.stylesheetRequests).toEqual([]);
    expect(await background(meeting.page)).toBe(PAPER);
  });

  await test.step('the phone’s stylesheet is the smaller: it leaves out what only the console uses; the join page’s, what only the meeting uses', async () => {
    const [joinCss, phoneCss, siteCss] = [await inlineStylesheet(phone.page), await inlineStylesheet(meeting.page), await inlineStylesheet(site.page)];
    expect(joinCss.length).toBeGreaterThan(0);
    expect(phoneCss.length).toBeLessThan(siteCss.length * 0.75);
    expect(joinCss.length).toBeLessThan(phoneCss.length * 0.6);
  });
});

test('an address no page answers gets a styled 404 page, from its HTML alone', async ({ browser }) => {
  const { page, stylesheetRequests } = await loadWithoutScripts(browser, '/no-such-page/here');
  expect(stylesheetRequests).toEqual([]);
  await expect(page.getByRole('heading', { name: '找不到这个页面' })).toBeVisible();
  await expect(page.locator('main').locator('..')).toHaveCSS('background-color', PAPER);
  await expect(page.getByRole('link', { name: '返回首页' })).toHaveCSS('background-color', CIVIC_800);
});

// server/paint-first.ts: the phone pages' scripts are fetched at once but run only after the first
// contentful paint, so the form is on the screen before the framework's evaluation; the page then comes alive.
test('the phone pages paint before their scripts run, then come alive; the page still arrives compressed', async ({ browser, request }) => {
  const context = await browser.newContext(PHONE);
  // When the first of the framework's script elements enters the document: the parser's, or the loader's.
  await context.addInitScript(() => {
    const w = window as unknown as { firstChunkAt?: number };
    new MutationObserver((records) => {
      for (const r of records) {
        for (const node of r.addedNodes) {
          if (w.firstChunkAt === undefined && node instanceof HTMLScriptElement && node.src.includes('/_next/static/chunks/') && !node.noModule) w.firstChunkAt = performance.now();
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  await page.goto(`/j/${DEMO.joinCode}`);

  await test.step('alive: the form checks its fields in the page', async () => {
    await page.getByRole('button', { name: '进入会议' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '请输入参会卡上的 6 位代码' })).toBeVisible();
    expect(page.url()).toContain(`/j/${DEMO.joinCode}`);
  });

  await test.step('no script of the framework entered the page before its first contentful paint', async () => {
    const { fcp, firstChunkAt } = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      firstChunkAt: (window as unknown as { firstChunkAt?: number }).firstChunkAt,
    }));
    expect(fcp).toBeGreaterThan(0);
    expect(firstChunkAt).toBeGreaterThanOrEqual(fcp!);
  });

  await test.step('gzip on the wire, as Next’s own answers are', async () => {
    const res = await request.get(`/j/${DEMO.joinCode}`, { headers: { Accept: 'text/html', 'Accept-Encoding': 'gzip' } });
    expect(res.headers()['content-encoding']).toBe('gzip');
    expect(await res.text()).toContain('__yishiLater("/_next/static/chunks/');
  });
  await context.close();

  await test.step('a browser without paint timing (an older WebView) gets its scripts all the same', async () => {
    const old = await browser.newContext(PHONE);
    await old.addInitScript(() => {
      delete (window as { PerformanceObserver?: unknown }).PerformanceObserver;
    });
    const oldPage = await old.newPage();
    await oldPage.goto(`/j/${DEMO.joinCode}`);
    expect(await oldPage.evaluate(() => typeof (window as { PerformanceObserver?: unknown }).PerformanceObserver)).toBe('undefined');
    // The button is rendered disabled until the form's script takes it over.
    await expect(oldPage.getByRole('button', { name: '进入会议' })).toBeEnabled();
    await oldPage.getByRole('button', { name: '进入会议' }).click();
    await expect(oldPage.getByRole('alert').filter({ hasText: '请输入参会卡上的 6 位代码' })).toBeVisible();
    await old.close();
  });
});
