// The consultation index (协商指数): a community's dashboard with its total, grade, category chart,
// warnings and evidence; an upload reviewed by the district assessor in another browser, with the
// dashboard following live; the district overview with its ranking, distribution, street filter and
// CSV; and an upload the server refuses because the file is not what its name says.
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';
import { DEMO, LAPTOP, PHONE, PROJECTOR, expectNoSeriousA11yViolations, openPage, shoot } from './support';

/** The smallest file the server takes as a PDF: it checks the %PDF signature, not the whole structure. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

const ACCEPTED = { title: '议题征集制度汇编' };
const REJECTED = { title: '议事厅照片', reason: '照片模糊，看不清制度上墙内容，请重新拍摄' };

type Card = { indicators: { id: string; points: number; earned: number; explanation: { rule: string; missing: { key: string }[] } }[] };

/**
 * Assessed indicators of the facilitator's community that have no upload yet (the demo history has
 * uploaded for some), read from the API the dashboard's numbers come from: accepting one of them must
 * raise the total by its points.
 */
async function indicatorsWithoutUploads(page: Page, communityId: string): Promise<{ id: string; points: number }[]> {
  const res = await page.context().request.get(`/api/scores/${communityId}`);
  expect(res.status(), await res.text()).toBe(200);
  const { card } = (await res.json()) as { card: Card };
  return card.indicators
    .filter((i) => i.explanation.rule === 'assessed' && i.explanation.missing.some((m) => m.key === 'scoring.missing.noUpload'))
    .map(({ id, points }) => ({ id, points }));
}

type StaffUser = { scope: { communityId: string | null } };

/** A browser logged in as a demo staff member (the login form itself is covered by the council-session spec). */
async function staffLogin(browser: Browser, username: string, options: BrowserContextOptions = LAPTOP): Promise<{ page: Page; user: StaffUser }> {
  const page = await openPage(browser, options);
  const res = await page.context().request.post('/api/auth/login', { data: { username, password: DEMO.password } });
  expect(res.status(), await res.text()).toBe(200);
  return { page, user: ((await res.json()) as { user: StaffUser }).user };
}
const staffPage = async (browser: Browser, username: string, options?: BrowserContextOptions): Promise<Page> => (await staffLogin(browser, username, options)).page;

const totalOf = async (page: Page): Promise<number> => Number((await page.getByTestId('score-total').innerText()).replace(/[^\d.]/g, ''));
const card = (page: Page, title: string): Locator => page.getByRole('region', { name: title, exact: true });
const uploadItem = (page: Page, title: string): Locator => page.getByTestId('evidence-uploads').getByRole('listitem').filter({ hasText: title });

/** Fills the dashboard's upload form and sends it; the caller checks the outcome. */
async function upload(page: Page, indicatorId: string, title: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const form = card(page, '上传佐证材料');
  await expect(form.getByRole('button', { name: '上传' })).toBeEnabled(); // hydrated
  await form.getByLabel('指标').selectOption(indicatorId);
  await form.getByLabel('材料名称').fill(title);
  await form.getByLabel('文件').setInputFiles(file);
  await form.getByRole('button', { name: '上传' }).click();
}

test('the facilitator sees the index, uploads evidence, and the assessor’s decisions show live', async ({ browser }) => {
  const { page: facilitator, user } = await staffLogin(browser, 'facilitator');
  const [toAccept, toReject = toAccept] = await indicatorsWithoutUploads(facilitator, user.scope.communityId!);
  expect(toAccept, 'an assessed indicator without uploads in the demo community').toBeDefined();

  await test.step('协商指数 from the console: total, grade, category chart, warnings, verified records', async () => {
    await facilitator.goto('/console');
    await facilitator.getByRole('navigation', { name: '考核与指数' }).getByRole('link', { name: '协商指数' }).click();
    await expect(facilitator.getByRole('heading', { level: 1, name: '桂湖社区 · 协商指数' })).toBeVisible();
    await expect(facilitator.getByTestId('score-total')).toHaveText(/^\d+(\.\d)?$/);
    await expect(facilitator.getByTestId('score-grade')).toHaveText(/^(\dA|不评级)$/);
    await expect(card(facilitator, '各类别得分').getByRole('listitem')).toHaveCount(7);
    await expect(card(facilitator, '各类别得分')).toContainText('协商主题');
    await expect(facilitator.getByTestId('warnings').getByRole('listitem').first()).toBeVisible();
    await expect(facilitator.getByTestId('evidence-records').getByText('✓ 签名校验通过').first()).toBeVisible();
    await expectNoSeriousA11yViolations(facilitator, 'index dashboard');
    await shoot(facilitator, 'index-dashboard-laptop');
  });

  await test.step('the same dashboard on a projector and on a phone', async () => {
    const projector = await staffPage(browser, 'facilitator', PROJECTOR);
    await projector.goto('/console/index');
    await expect(projector.getByTestId('score-total')).toBeVisible();
    await shoot(projector, 'index-dashboard-projector');
    const phone = await staffPage(browser, 'facilitator', PHONE);
    await phone.goto('/console/index');
    await expect(phone.getByTestId('score-total')).toBeVisible();
    await shoot(phone, 'index-dashboard-phone');
    await projector.context().close();
    await phone.context().close();
  });

  const before = await totalOf(facilitator);
  await test.step('a PDF for an assessed indicator is uploaded and waits for review', async () => {
    await upload(facilitator, toAccept!.id, ACCEPTED.title, { name: 'intake-rules.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(facilitator.getByRole('status').filter({ hasText: `已上传「${ACCEPTED.title}」` })).toBeVisible();
    await expect(uploadItem(facilitator, ACCEPTED.title)).toContainText('待审核');
  });

  const assessor = await staffPage(browser, 'assessor');
  let accepted = 0;
  await test.step('the assessor accepts it; the facilitator’s open dashboard shows the higher total', async () => {
    await assessor.goto('/console');
    await assessor.getByRole('navigation', { name: '考核与指数' }).getByRole('link', { name: '审核' }).click();
    const item = assessor.getByRole('listitem').filter({ has: assessor.getByRole('heading', { name: ACCEPTED.title }) });
    await expect(item).toContainText('桂湖社区');
    await expectNoSeriousA11yViolations(assessor, 'review queue');
    await expect(item.getByRole('link', { name: /打开文件：intake-rules\.pdf/ })).toHaveAttribute('href', /\/api\/evidence\/.+\/file$/);
    await item.getByRole('button', { name: `采纳：${ACCEPTED.title}`, exact: true }).click();
    await expect(assessor.getByRole('status').filter({ hasText: `已采纳「${ACCEPTED.title}」` })).toBeVisible();
    await expect(item).toHaveCount(0);

    // No reload: the /scores socket tells the dashboard, which re-renders in place.
    await expect(uploadItem(facilitator, ACCEPTED.title)).toContainText('已采纳');
    // The default credit is 100%, so the indicator's full points are added.
    await expect.poll(() => totalOf(facilitator)).toBeCloseTo(before + toAccept!.points, 1);
    accepted = await totalOf(facilitator);
    await expect(facilitator.getByRole('status').filter({ hasText: '已更新' })).toBeVisible();
  });

  await test.step('a second upload is rejected with a reason: 未采纳, the reason shown, the total unchanged', async () => {
    await upload(facilitator, toReject!.id, REJECTED.title, { name: 'hall.png', mimeType: 'image/png', buffer: PNG });
    await expect(uploadItem(facilitator, REJECTED.title)).toContainText('待审核');

    // The queue is live too: the new upload appears without a reload.
    const item = assessor.getByRole('listitem').filter({ has: assessor.getByRole('heading', { name: REJECTED.title }) });
    await item.getByRole('button', { name: `不采纳：${REJECTED.title}` }).click();
    await item.getByRole('button', { name: '确认不采纳' }).click();
    await expect(item.getByRole('alert')).toHaveText('请写明不采纳的原因。');
    await item.getByLabel(/不采纳的原因/).fill(REJECTED.reason);
    await item.getByRole('button', { name: '确认不采纳' }).click();
    await expect(assessor.getByRole('status').filter({ hasText: `已退回「${REJECTED.title}」` })).toBeVisible();

    await expect(uploadItem(facilitator, REJECTED.title)).toContainText('未采纳');
    await expect(uploadItem(facilitator, REJECTED.title)).toContainText(`原因：${REJECTED.reason}`);
    expect(await totalOf(facilitator)).toBe(accepted);
  });
  await assessor.context().close();
  await facilitator.context().close();
});

test('the district overview ranks all seven communities, filters by street and exports CSV', async ({ browser }) => {
  const assessor = await staffPage(browser, 'assessor');
  await assessor.goto('/console');
  await assessor.getByRole('navigation', { name: '考核与指数' }).getByRole('link', { name: '全区概览' }).click();
  await expect(assessor.getByRole('heading', { level: 1, name: '全区概览' })).toBeVisible();
  const rows = assessor.getByTestId('ranking').locator('tbody tr');
  await expect(rows).toHaveCount(7);
  await expect(rows.first().locator('td').first()).toHaveText('1');
  await expect(assessor.getByTestId('grade-distribution').getByRole('listitem')).toHaveCount(6);
  await expect(card(assessor, '等级分布')).toContainText('7 个社区');
  await expectNoSeriousA11yViolations(assessor, 'district overview');
  await shoot(assessor, 'index-overview-laptop');

  await test.step('the street filter narrows the ranking', async () => {
    await assessor.getByRole('navigation', { name: '按街道筛选' }).getByRole('link', { name: '大丰街道' }).click();
    await expect(rows).toHaveCount(2);
    for (const street of await rows.locator('td:nth-child(3)').allInnerTexts()) expect(street).toBe('大丰街道');
    await expect(card(assessor, '等级分布')).toContainText('2 个社区');
    await assessor.getByRole('navigation', { name: '按街道筛选' }).getByRole('link', { name: '全部街道' }).click();
    await expect(rows).toHaveCount(7);
  });

  await test.step('the CSV has a header and one line per community', async () => {
    const [download] = await Promise.all([assessor.waitForEvent('download'), assessor.getByRole('link', { name: '导出 CSV' }).click()]);
    const text = (await readFile(await download.path())).toString('utf8').replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
    expect(lines[0]).toMatch(/^名次,街道,社区,总分,等级,/);
    expect(lines).toHaveLength(8);
  });

  await test.step('a community opens its dashboard', async () => {
    await rows.filter({ hasText: '龙桥社区' }).getByRole('link', { name: '龙桥社区' }).click();
    await expect(assessor.getByRole('heading', { level: 1, name: '龙桥社区 · 协商指数' })).toBeVisible();
    // District staff review, they do not upload for a community.
    await expect(card(assessor, '上传佐证材料')).toHaveCount(0);
  });

  const projector = await staffPage(browser, 'admin', PROJECTOR);
  await projector.goto('/console/district');
  await expect(projector.getByTestId('ranking').locator('tbody tr')).toHaveCount(7);
  await shoot(projector, 'index-overview-projector');
  await projector.context().close();
  await assessor.context().close();
});

test('an upload that is not what its name says gets the server’s clear reason', async ({ browser }) => {
  const facilitator = await staffPage(browser, 'facilitator');
  await facilitator.goto('/console/index');
  const form = card(facilitator, '上传佐证材料');

  // A text file renamed .pdf passes the browser's check (by name) and is refused by the server (by content).
  await upload(facilitator, 'topic.intake.mechanisms', '会议签到表', { name: 'sign-in.pdf', mimeType: 'application/pdf', buffer: Buffer.from('签到表：张三、李四\n') });
  await expect(form.getByRole('alert')).toHaveText(/文件内容不是真正的 PDF 文件/);

  // A type the platform does not take at all is caught before anything is sent.
  await upload(facilitator, 'topic.intake.mechanisms', '会议签到表', { name: 'sign-in.txt', mimeType: 'text/plain', buffer: Buffer.from('签到表') });
  await expect(form.getByRole('alert')).toHaveText(/只能上传 PDF、JPEG、PNG、WebP/);
  await expect(uploadItem(facilitator, '会议签到表')).toHaveCount(0);
  await facilitator.context().close();
});

test('the district admin reads the catalogue and edits a copy, with the tier sums checked as they type', async ({ browser }) => {
  const admin = await staffPage(browser, 'admin');
  await admin.goto('/console');
  await admin.getByRole('navigation', { name: '考核与指数' }).getByRole('link', { name: '指标目录' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: '指标目录' })).toBeVisible();
  await expect(admin.getByText(/7 个类别、\d+ 个要素、\d+ 项指标/)).toBeVisible();
  await expect(admin.getByText('5A ≥ 900')).toBeVisible();

  await admin.getByRole('button', { name: '编辑副本' }).click();
  const points = admin.getByLabel('topic.intake.paths 的分值');
  const original = await points.inputValue();
  await points.fill(String(Number(original) + 5));
  await expect(admin.getByText(/基础指标合计 605 分，标准规定为 600 分/)).toBeVisible();
  await points.fill(original);
  await expect(admin.getByText('基础指标：600 / 600 分')).toBeVisible();
  await expectNoSeriousA11yViolations(admin, 'catalogue editor');

  await admin.getByRole('button', { name: '高级：JSON' }).click();
  await expect(admin.getByLabel('完整目录（JSON）')).toHaveValue(/"topic\.intake\.paths"/);
  await admin.getByRole('button', { name: '放弃修改' }).click();
  await expect(admin.getByRole('button', { name: '编辑副本' })).toBeVisible();
  await admin.context().close();
});
