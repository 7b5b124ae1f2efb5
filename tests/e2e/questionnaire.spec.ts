// 问卷式协商 in the browser (issue 14): staff build a questionnaire in the console (one question of each
// kind; a blank field is refused at its place; an option moved up), open it; three residents answer on
// their phones — one reloads half-way and keeps the draft, one loses the server's reply and is told it
// has answered, one is offline when sending, sees "not sent yet — retrying", and its answer arrives once
// when it is back online; staff watch the count rise, search the written answers, close, write the
// summary and publish; once the record is signed and filed, the board shows each question's bars.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { createDb } from '../../lib/platform/db/client';
import { signAndFile } from '../../scripts/demo-support';
import { PHONE, expectNoSeriousA11yViolations, freshMeeting, shoot, staffPage, e2eDatabaseUrl } from './support';

const DESKTOP = { viewport: { width: 1280, height: 800 } };

// An action that cannot happen fails in seconds rather than at the test's time-out.
test.use({ actionTimeout: 20_000 });

async function meetingOf(joinCode: string) {
  const db = createDb(e2eDatabaseUrl());
  try {
    const m = await db.meeting.findUniqueOrThrow({ where: { joinCode }, select: { id: true, community: { select: { code: true } } } });
    return { meetingId: m.id, communityCode: m.community.code };
  } finally {
    await db.$disconnect();
  }
}

async function phone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  return { context, page: await context.newPage() };
}

async function confirmPhone(page: Page, number: string) {
  const form = page.getByRole('form', { name: '验证手机号' });
  await form.getByLabel('手机号').fill(number);
  await form.getByRole('button', { name: '获取验证码' }).click();
  const code = (await form.getByTestId('demo-code').textContent())!.match(/\d{6}/)![0]!;
  await form.getByLabel('短信验证码（6 位数字）').fill(code);
  await form.getByRole('button', { name: '验证' }).click();
  await expect(page.getByText(`以手机号 ${number.slice(0, 3)}****${number.slice(-4)} 作答`)).toBeVisible();
}

/** Answers every question of the built questionnaire; `text` for the optional written one. */
async function answerAll(page: Page, text?: string) {
  await page.getByRole('radio', { name: '一辆', exact: true }).check();
  await page.getByRole('checkbox', { name: '地面车位' }).check();
  await page.getByRole('checkbox', { name: '路边' }).check();
  await page.getByRole('radio', { name: '4', exact: true }).check();
  await page.getByRole('button', { name: '下移：重新划线' }).click();
  if (text) await page.getByRole('group', { name: /您还有什么建议/ }).getByRole('textbox').fill(text);
}

test('a questionnaire: built in the console, answered on three phones (reload, lost reply, offline), closed, published, on the board', async ({ browser }) => {
  const baseURL = test.info().project.use.baseURL!; // this project's server (playwright.config.ts)
  const joinCode = await freshMeeting('问卷：小区停车改造意见征询', [], 'questionnaire');
  const { meetingId, communityCode } = await meetingOf(joinCode);
  const staff = await staffPage(browser, 'facilitator', DESKTOP);
  staff.on('dialog', (d) => void d.accept());

  await test.step('制作问卷: one question of each kind, a blank field refused at its place, an option moved up', async () => {
    await staff.goto(`/console/meetings/${meetingId}`);
    await expect(staff.getByRole('list', { name: '问卷进度' })).toBeVisible();
    await staff.getByLabel('问卷标题', { exact: true }).fill('小区停车改造意见征询');
    await staff.getByLabel('问卷说明（居民打开时先看到）').fill('社区将根据大家的意见制定停车改造方案，约需 2 分钟。');
    // 1 single: typed in the wrong order, then 没有 moved up.
    await staff.getByLabel('第1题题目', { exact: true }).fill('您家有几辆车？');
    await staff.getByLabel('第1题选项1', { exact: true }).fill('一辆');
    await staff.getByLabel('第1题选项2', { exact: true }).fill('没有');
    await staff.getByRole('group', { name: '第1题', exact: true }).getByRole('button', { name: '选项2上移' }).click();
    await expect(staff.getByLabel('第1题选项1', { exact: true })).toHaveValue('没有');
    await staff.getByRole('button', { name: '为第1题添加选项' }).click();
    await staff.getByLabel('第1题选项3', { exact: true }).fill('两辆及以上');
    // 2 multiple, at most two
    await staff.getByLabel('第1部分新问题的题型').selectOption('multiple');
    await staff.getByRole('button', { name: '在第1部分添加问题' }).click();
    await staff.getByLabel('第2题题目', { exact: true }).fill('您通常在哪里停车？');
    await staff.getByLabel('第2题选项1', { exact: true }).fill('地面车位');
    await staff.getByLabel('第2题选项2', { exact: true }).fill('地下车库');
    await staff.getByRole('button', { name: '为第2题添加选项' }).click();
    await staff.getByLabel('第2题选项3', { exact: true }).fill('路边');
    await staff.getByLabel('第2题最多可选几项（不填为不限）').fill('2');
    // 3 rating
    await staff.getByLabel('第1部分新问题的题型').selectOption('rating');
    await staff.getByRole('button', { name: '在第1部分添加问题' }).click();
    await staff.getByLabel('第3题题目', { exact: true }).fill('您对现在的停车秩序打几分？');
    await staff.getByLabel('第3题 1 分的说明（如“很不满意”）').fill('很不满意');
    await staff.getByLabel('第3题 5 分的说明（如“很满意”）').fill('很满意');
    // 4 ranking
    await staff.getByLabel('第1部分新问题的题型').selectOption('ranking');
    await staff.getByRole('button', { name: '在第1部分添加问题' }).click();
    await staff.getByLabel('第4题题目', { exact: true }).fill('请排列改造的先后次序');
    await staff.getByLabel('第4题选项1', { exact: true }).fill('重新划线');
    await staff.getByLabel('第4题选项2', { exact: true }).fill('增加照明');
    await staff.getByRole('button', { name: '为第4题添加选项' }).click();
    await staff.getByLabel('第4题选项3', { exact: true }).fill('安装充电桩');
    // 5 text, optional (a new text question starts optional); its wording left blank at first
    await staff.getByLabel('第1部分新问题的题型').selectOption('text');
    await staff.getByRole('button', { name: '在第1部分添加问题' }).click();
    await expect(staff.getByRole('group', { name: '第5题', exact: true }).getByRole('checkbox', { name: '必答' })).not.toBeChecked();
    await staff.getByRole('button', { name: '开始问卷调查' }).click();
    await expect(staff.getByRole('alert').filter({ hasText: '有 1 处需要修改' })).toBeVisible();
    await expect(staff.getByLabel('第5题题目', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(staff.getByText('请填写此项。')).toBeVisible();
    await staff.getByLabel('第5题题目', { exact: true }).fill('您还有什么建议？');
    // The live preview is the phone's form.
    const preview = staff.getByTestId('questionnaire-preview');
    await expect(preview.getByText('您还有什么建议？')).toBeVisible();
    await expect(preview.getByRole('radio', { name: '两辆及以上' })).toBeVisible();
    await staff.evaluate(() => window.scrollTo(0, 0));
    await shoot(staff, 'questionnaire-console-builder-1280');
    await expectNoSeriousA11yViolations(staff, 'questionnaire builder');
    await staff.getByRole('button', { name: '保存草稿' }).click();
    await expect(staff.getByText('草稿已保存。')).toBeVisible();
    await staff.getByLabel('公告内容').fill('社区就小区停车改造开展问卷调查，请居民在公示栏打开问卷作答，一户一份。');
    await staff.getByRole('button', { name: '发布会议公告' }).click();
    await expect(staff.getByText('公告已发布。')).toBeVisible();
    await staff.getByRole('button', { name: '开始问卷调查' }).click();
    await expect(staff.getByText('问卷调查已开始。')).toBeVisible();
    await expect(staff.getByTestId('response-count')).toHaveText('共 0 份答卷');
  });

  const a = await phone(browser);
  const b = await phone(browser);
  const c = await phone(browser);

  await test.step('phone A: answers, confirms the phone, sends; the thank-you lists the answers, also after a reload', async () => {
    // From the community board (where the poster's QR leads): the open questionnaire's link opens the form.
    await a.page.goto(`/c/${communityCode}`);
    await expect(a.page.getByText('社区就小区停车改造开展问卷调查')).toBeVisible();
    await a.page.getByRole('link', { name: '问卷调查进行中，点此作答' }).click();
    await expect(a.page).toHaveURL(new RegExp(`/m/${joinCode}$`));
    await expect(a.page.getByRole('heading', { name: '小区停车改造意见征询' })).toBeVisible();
    await expect(a.page.getByRole('progressbar', { name: '已答题目' })).toHaveAttribute('aria-valuetext', '0 / 5');
    await shoot(a.page, 'questionnaire-phone-form-390');
    await expectNoSeriousA11yViolations(a.page, 'questionnaire phone form');
    await answerAll(a.page, '晚上路灯太暗，倒车看不清');
    await expect(a.page.getByRole('progressbar', { name: '已答题目' })).toHaveAttribute('aria-valuetext', '5 / 5');
    await confirmPhone(a.page, '13900001001');
    await a.page.getByRole('button', { name: '提交答卷' }).click();
    await expect(a.page.getByText('提交成功，谢谢您的参与！')).toBeVisible();
    await expect(a.page.getByText('晚上路灯太暗，倒车看不清')).toBeVisible();
    await shoot(a.page, 'questionnaire-phone-thanks-390', true);
    await expectNoSeriousA11yViolations(a.page, 'questionnaire phone thank-you');
    await a.page.reload();
    await expect(a.page.getByText('提交成功，谢谢您的参与！')).toBeVisible();
    await expect(a.page.getByText('1. 增加照明  2. 重新划线  3. 安装充电桩')).toBeVisible();
  });

  await test.step('a revision while open is a new version; the answer already given stays with version 1', async () => {
    await staff.getByRole('button', { name: '修改题目' }).click();
    await expect(staff.getByText('已收到的答卷仍归原来的版本，不会改变')).toBeVisible();
    await staff.getByLabel('问卷说明（居民打开时先看到）').fill('社区将根据大家的意见制定停车改造方案，约需 2 分钟。每户一份。');
    await staff.getByRole('button', { name: '保存为第 2 版' }).click();
    await expect(staff.getByText('已生成第 2 版，居民将看到新版本。')).toBeVisible();
    await expect(staff.getByText('第1版 1 份；第2版 0 份')).toBeVisible();
  });

  await test.step('phone B: a required question left out is marked; a reload keeps the draft; the reply is lost and the retry is told "already answered", which counts as sent', async () => {
    // The hall-style QR address of the code (/j/<code>) leads to the form too.
    await b.page.goto(`/j/${joinCode}`);
    await expect(b.page).toHaveURL(new RegExp(`/m/${joinCode}$`));
    await expect(b.page.getByText('每户一份。')).toBeVisible();
    await b.page.getByRole('radio', { name: '没有', exact: true }).check();
    await b.page.getByRole('radio', { name: '2', exact: true }).check();
    await expect(b.page.getByRole('progressbar', { name: '已答题目' })).toHaveAttribute('aria-valuetext', '2 / 5');
    await b.page.reload();
    await expect(b.page.getByRole('radio', { name: '没有', exact: true })).toBeChecked();
    await expect(b.page.getByRole('radio', { name: '2', exact: true })).toBeChecked();
    await expect(b.page.getByRole('progressbar', { name: '已答题目' })).toHaveAttribute('aria-valuetext', '2 / 5');
    await confirmPhone(b.page, '13900001002');
    await b.page.getByRole('button', { name: '提交答卷' }).click();
    await expect(b.page.getByRole('alert').filter({ hasText: '还有 2 道题需要修改' })).toBeVisible();
    await expect(b.page.getByText('这道题必须作答。')).toHaveCount(2);
    await shoot(b.page, 'questionnaire-phone-issues-390');
    await b.page.getByRole('checkbox', { name: '地下车库' }).check();
    await b.page.getByRole('button', { name: '就按这个顺序' }).click();
    await b.page.getByRole('group', { name: /您还有什么建议/ }).getByRole('textbox').fill('希望给电动车也留充电位置');
    // The server stores the answer, but its reply never reaches the phone.
    await b.page.route('**/responses', async (route) => {
      await route.fetch();
      await route.abort('failed');
    }, { times: 1 });
    await b.page.getByRole('button', { name: '提交答卷' }).click();
    await expect(b.page.getByText('提交成功，谢谢您的参与！')).toBeVisible();
  });

  await test.step('phone C: offline when sending — not sent yet, retrying; back online, it arrives once', async () => {
    await c.page.goto(`/m/${joinCode}`);
    await answerAll(c.page);
    await confirmPhone(c.page, '13900001003');
    await c.context.setOffline(true);
    await c.page.getByRole('button', { name: '提交答卷' }).click();
    await expect(c.page.getByText(/还没有发出——网络不通，正在自动重试/)).toBeVisible();
    await shoot(c.page, 'questionnaire-phone-retrying-390');
    await expect(staff.getByTestId('response-count')).toHaveText('共 2 份答卷');
    await c.context.setOffline(false);
    await expect(c.page.getByText('提交成功，谢谢您的参与！')).toBeVisible();
  });

  await test.step('结果汇总: staff see three responses (each once), the charts, the written answers searched', async () => {
    await expect(staff.getByTestId('response-count')).toHaveText('共 3 份答卷');
    await expect(staff.getByText('第1版 1 份；第2版 2 份')).toBeVisible();
    const single = staff.getByTestId('result-card').filter({ hasText: '您家有几辆车？' });
    await expect(single.getByText('3 / 3 人作答')).toBeVisible();
    await expect(staff.getByTestId('result-card').filter({ hasText: '您对现在的停车秩序打几分？' }).getByText('平均 3.33 分')).toBeVisible();
    const text = staff.getByTestId('result-card').filter({ hasText: '您还有什么建议？' });
    await text.getByLabel('搜索文字意见').fill('路灯');
    await expect(text.getByText('显示 1 / 2 条')).toBeVisible();
    await expect(staff.getByRole('link', { name: '导出 CSV' })).toHaveAttribute('href', new RegExp(`/api/meetings/${meetingId}/questionnaire/export\\?format=csv`));
    await staff.setViewportSize({ width: 1280, height: 800 });
    await shoot(staff, 'questionnaire-console-results-1280');
    await expectNoSeriousA11yViolations(staff, 'questionnaire results');
  });

  await test.step('close, summary, publish; the record is next', async () => {
    await staff.getByRole('button', { name: '结束调查' }).click();
    await expect(staff.getByText('调查已结束，结果已确定。')).toBeVisible();
    await staff.getByLabel('结果说明').fill('共收到 3 份答卷。居民对停车秩序平均打分 3.33 分，改造次序依次为增加照明、重新划线、安装充电桩。');
    await staff.getByRole('button', { name: '保存草稿' }).click();
    await expect(staff.getByText('结果说明草稿已保存。')).toBeVisible();
    await staff.getByRole('button', { name: '公示结果' }).click();
    await expect(staff.getByTestId('published-summary')).toContainText('共收到 3 份答卷');
    await expect(staff.getByRole('link', { name: '打开会议记录' })).toHaveAttribute('href', `/console/meetings/${meetingId}/record`);
    await shoot(staff, 'questionnaire-console-published-1280');
  });

  await test.step('a phone after the close: a clear closed message', async () => {
    const late = await phone(browser);
    await late.page.goto(`/m/${joinCode}`);
    await expect(late.page.getByText('这份问卷已经结束，不再接受答卷。')).toBeVisible();
    await late.context.close();
    // In English, on a laptop.
    const english = await browser.newContext(DESKTOP);
    await english.addCookies([{ name: 'lang', value: 'en', url: baseURL }]);
    const page = await english.newPage();
    await page.goto(`/m/${joinCode}`);
    await expect(page.getByText('This questionnaire has closed and takes no more answers. Thank you!')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to the community board' })).toBeVisible();
    await shoot(page, 'questionnaire-phone-closed-en-1280');
    await expectNoSeriousA11yViolations(page, 'questionnaire closed (English)');
    await english.close();
  });

  await test.step('公示结果 on the board: per-question bars from the filed record', async () => {
    await signAndFile(baseURL, meetingId, () => {});
    const { context: boardContext, page: board } = await phone(browser);
    await board.goto(`/c/${communityCode}`);
    const results = board.getByRole('list', { name: '各题结果' });
    await expect(results).toBeVisible();
    await expect(results.getByText('您家有几辆车？')).toBeVisible();
    await expect(results.getByText('平均 3.33 分')).toBeVisible();
    await expect(results.getByText('1. 增加照明')).toBeVisible();
    await expect(results.getByText('2 条文字意见')).toBeVisible();
    await results.scrollIntoViewIfNeeded();
    await shoot(board, 'questionnaire-board-390');
    await board.setViewportSize({ width: 1280, height: 800 });
    await results.scrollIntoViewIfNeeded();
    await shoot(board, 'questionnaire-board-1280');
    await expectNoSeriousA11yViolations(board, 'board with questionnaire results');
    await boardContext.close();
  });

  for (const p of [a, b, c]) await p.context.close();
});
