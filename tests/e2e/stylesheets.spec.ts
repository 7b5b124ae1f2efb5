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
