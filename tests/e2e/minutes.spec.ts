// The collaborative minutes (会议记录) of the demo meeting: two writers type into the same paragraph at
// the same time and end with the same text; the facilitator makes the minutes public and a resident's
// phone follows them read-only. (There is one recorder account in the demo; the facilitator, who also
// has minutes.edit, is the second writer.)
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { PHONE, PROJECTOR, editorCaretOffset, expectNoSeriousA11yViolations, fetchAccess, freshMeeting, joinWithCard, openPage, seatNamed, shoot, staffPage } from './support';

const ITEM_1 = '老旧小区加装电梯费用分摊方案';
const OPENING = '讨论要点：';
const FROM_RECORDER = '居民代表普遍支持按楼层分摊。';
const FROM_FACILITATOR = '物业公司表示愿意配合施工。';
const OFFLINE_TEXT = '（断网时补记：下次会议再议。）';

const editorOf = (page: Page): Locator => page.getByRole('textbox', { name: '会议记录正文' });

/** The document's text as written, without the other writers' caret labels. */
async function documentText(root: Locator): Promise<string> {
  return root.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
    const blocks = 'p, h1, h2, h3, td, th';
    return (copy.matches(blocks) ? [copy] : [...copy.querySelectorAll(blocks)]).map((n) => n.textContent ?? '').join('\n');
  });
}

/** The first paragraph the recorders write in: a direct child of the document, not part of a fact card. */
const firstParagraph = (editor: Locator): Locator => editor.locator(':scope > p').first();

/**
 * Puts the caret at the end of a paragraph. Not with the End key: Chromium stops it at another writer's
 * caret widget inside the line (an inline non-editable element), which made typing land mid-paragraph.
 */
async function caretAtEnd(paragraph: Locator): Promise<void> {
  await paragraph.click();
  await paragraph.evaluate((p) => {
    const range = document.createRange();
    range.selectNodeContents(p);
    range.collapse(false);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  });
}

test('two writers co-edit one paragraph; the phone follows the public minutes read-only', async ({ browser, request }) => {
  const joinCode = await freshMeeting('桂湖社区居民议事会（会议记录）', [{ title: ITEM_1 }, { title: '小区公共区域停车管理办法' }]);
  const access = await fetchAccess(request, joinCode);
  const minutesUrl = `/console/meetings/${access.meetingId}/minutes`;

  const facilitator = await staffPage(browser, 'facilitator');
  await test.step('the facilitator starts the meeting and item 1 (the minutes get its section)', async () => {
    await facilitator.goto(`/console/meetings/${access.meetingId}`);
    await expect(facilitator.getByText('已连接')).toBeVisible();
    await facilitator.getByRole('button', { name: '开始会议' }).click();
    await expect(facilitator.getByRole('button', { name: '结束会议' })).toBeVisible();
    const item1 = facilitator.getByRole('listitem').filter({ hasText: ITEM_1 });
    await item1.getByRole('button', { name: '开始此议题' }).click();
    await expect(item1.getByRole('button', { name: '结束此议题' })).toBeVisible();
    await facilitator.getByRole('link', { name: '会议记录', exact: true }).click();
    await expect(facilitator).toHaveURL(new RegExp(`${minutesUrl}$`));
  });

  const recorder = await staffPage(browser, 'recorder');
  await recorder.goto(minutesUrl);
  const recEditor = editorOf(recorder);
  const facEditor = editorOf(facilitator);

  await test.step('both editors load the server’s template with its system records', async () => {
    for (const page of [recorder, facilitator]) {
      await expect(editorOf(page)).toBeVisible();
      await expect(page.getByText('已同步到服务器')).toBeVisible();
      await expect(editorOf(page).getByText(`议题1：${ITEM_1}`)).toBeVisible();
      await expect(editorOf(page).getByText('系统记录').first()).toBeVisible();
    }
    // Each sees the other in the presence line.
    await expect(recorder.getByText('正在编辑：', { exact: true })).toBeVisible();
    await expect(recorder.getByText('王书记', { exact: true }).first()).toBeVisible();
    await expect(facilitator.getByText('正在编辑：', { exact: true })).toBeVisible();
    await expect(facilitator.getByText('李记录', { exact: true }).first()).toBeVisible();
  });

  await test.step('two writers type into the same paragraph at the same time; both end with the same text', async () => {
    // The recorder opens the paragraph; then one writes at its start and the other at its end, at once.
    await firstParagraph(recEditor).click();
    await recorder.keyboard.type(OPENING);
    await expect(firstParagraph(facEditor)).toContainText(OPENING);
    await caretAtEnd(firstParagraph(facEditor));
    await recorder.keyboard.press('Home');
    await expect.poll(() => editorCaretOffset(recEditor)).toBe(0);
    await Promise.all([
      recorder.keyboard.type(FROM_RECORDER, { delay: 35 }),
      facilitator.keyboard.type(FROM_FACILITATOR, { delay: 35 }),
    ]);
    const expected = `${FROM_RECORDER}${OPENING}${FROM_FACILITATOR}`;
    await expect.poll(async () => (await documentText(firstParagraph(recEditor))).trim()).toBe(expected);
    await expect.poll(async () => (await documentText(firstParagraph(facEditor))).trim()).toBe(expected);
    await expect.poll(async () => (await documentText(recEditor)) === (await documentText(facEditor))).toBe(true);
    // The other writer's caret carries their name.
    await expect(recEditor.locator('.collaboration-carets__label').filter({ hasText: /\S/ }).first()).toBeVisible();
    await shoot(recorder, 'minutes-editor-recorder');
    await shoot(facilitator, 'minutes-editor-facilitator');
  });

  await test.step('the toolbar formats: a heading and a 3×3 table with a header row', async () => {
    // At the end of the last section's paragraph.
    await caretAtEnd(recEditor.locator(':scope > p').last());
    await recorder.keyboard.press('Enter');
    await recorder.keyboard.type('会议决定');
    await recorder.getByRole('button', { name: '小标题' }).click();
    await expect(recEditor.locator('h3', { hasText: '会议决定' })).toBeVisible();
    await recorder.keyboard.press('End');
    await recorder.keyboard.press('Enter');
    await recorder.getByRole('button', { name: '插入表格' }).click();
    await expect(recEditor.locator('table th')).toHaveCount(3);
    await expect(recEditor.locator('table tr')).toHaveCount(3);
    await expect(facEditor.locator('table th')).toHaveCount(3);
    await shoot(recorder, 'minutes-editor-table');
    await expectNoSeriousA11yViolations(recorder, 'minutes editor');
  });

  await test.step('a recorder without a connection keeps typing, survives a reload, and merges on return', async () => {
    // The minutes connection is cut (pages still load): like a laptop whose Wi-Fi drops mid-meeting.
    let cut = true;
    await recorder.context().routeWebSocket(/\/collab\//, (ws) => (cut ? ws.close({ code: 4500, reason: 'offline' }) : ws.connectToServer()));
    await recorder.reload();
    await expect(recorder.getByText('离线编辑中：修改已保存在本机，恢复网络后自动合并')).toBeVisible();
    await expect(firstParagraph(recEditor)).toContainText(FROM_RECORDER); // from this browser's own copy
    await caretAtEnd(firstParagraph(recEditor));
    await recorder.keyboard.type(OFFLINE_TEXT);
    await shoot(recorder, 'minutes-editor-offline');
    await recorder.reload();
    await expect(firstParagraph(recEditor)).toContainText(OFFLINE_TEXT);
    await expect(facEditor).not.toContainText(OFFLINE_TEXT);
    cut = false;
    await expect(recorder.getByText('已同步到服务器')).toBeVisible();
    await expect(firstParagraph(facEditor)).toContainText(`${FROM_FACILITATOR}${OFFLINE_TEXT}`);
  });

  await test.step('a system record cannot be edited in the editor', async () => {
    const fact = recEditor.locator('[data-fact-kind="item"]').first();
    await expect(fact).toHaveAttribute('contenteditable', 'false');
  });

  await test.step('no earlier versions before an item has ended', async () => {
    await expect(recorder.getByRole('region', { name: '历史版本' }).getByText('暂无历史版本')).toBeVisible();
  });

  const phone = await openPage(browser, PHONE);
  await test.step('the minutes are hidden on phones until the facilitator makes them public', async () => {
    await joinWithCard(phone, joinCode, seatNamed(access, '张秀英').cardToken);
    await expect(phone.getByText('参会人：张秀英')).toBeVisible();
    await expect(phone.getByRole('region', { name: '会议记录' })).toHaveCount(0);

    await facilitator.goto(`/console/meetings/${access.meetingId}`);
    const toggle = facilitator.getByRole('checkbox', { name: '向参会人员和投影公开会议记录（只读）' });
    await expect(toggle).toBeEnabled();
    await toggle.check();
    await expect(toggle).toBeChecked();
    await expect(facilitator.getByText('已公开：居民手机、线上参会和投影可以查看。')).toBeVisible();
    await toggle.scrollIntoViewIfNeeded();
    await shoot(facilitator, 'minutes-console-toggle');
  });

  await test.step('the phone shows the minutes read-only and live', async () => {
    const section = phone.getByRole('region', { name: '会议记录' });
    await expect(section).toBeVisible();
    await section.getByRole('button', { name: '展开会议记录' }).click();
    await expect(section.getByText(`议题1：${ITEM_1}`)).toBeVisible();
    await expect(section).toContainText(FROM_RECORDER);
    await expect(section).toContainText(FROM_FACILITATOR);
    await expect(phone.locator('[contenteditable="true"]')).toHaveCount(0);
    // Live: a later edit by the recorder arrives.
    await caretAtEnd(firstParagraph(recEditor));
    await recorder.keyboard.type('（续）');
    await expect(section).toContainText(`${OFFLINE_TEXT}（续）`);
    await section.scrollIntoViewIfNeeded();
    await shoot(phone, 'minutes-phone');
    await shoot(phone, 'minutes-phone-full', true);
    await expectNoSeriousA11yViolations(phone, 'phone with minutes');
  });

  await test.step('the projector shows the public minutes between speakers and votes, read-only', async () => {
    const projector = await openPage(browser, { ...PROJECTOR, storageState: await facilitator.context().storageState() });
    await projector.goto(`/console/meetings/${access.meetingId}/projector`);
    const section = projector.getByRole('region', { name: '会议记录' });
    await expect(section).toContainText(FROM_RECORDER);
    await expect(section).toContainText(`${OFFLINE_TEXT}（续）`);
    await expect(projector.locator('[contenteditable="true"]')).toHaveCount(0);
    await shoot(projector, 'minutes-projector');
    await projector.context().close();
  });

  await test.step('ending item 1 takes a snapshot; a recorder opens it read-only', async () => {
    const item1 = facilitator.getByRole('listitem').filter({ hasText: ITEM_1 });
    await item1.getByRole('button', { name: '结束此议题' }).click();
    const history = recorder.getByRole('region', { name: '历史版本' });
    await expect(async () => {
      await history.getByRole('button', { name: '刷新' }).click();
      await expect(history.getByRole('listitem')).not.toHaveCount(0, { timeout: 1_000 });
    }).toPass();
    await history.getByRole('listitem').first().getByRole('button').click();
    const snapshot = recorder.getByRole('region', { name: /历史版本（只读）/ });
    await expect(snapshot).toContainText(FROM_RECORDER);
    await expect(snapshot).toContainText(`议题1：${ITEM_1}`);
    await expect(snapshot.locator('[contenteditable="true"]')).toHaveCount(0);
    await recorder.evaluate(() => window.scrollTo(0, 0));
    await shoot(recorder, 'minutes-history');
    await expectNoSeriousA11yViolations(recorder, 'minutes with a snapshot open');
    await snapshot.getByRole('button', { name: '关闭历史版本' }).click();
    await expect(snapshot).toHaveCount(0);
  });

  await test.step('made private again, the phone loses the minutes', async () => {
    await facilitator.getByRole('checkbox', { name: '向参会人员和投影公开会议记录（只读）' }).uncheck();
    await expect(phone.getByRole('region', { name: '会议记录' })).toHaveCount(0);
  });
});
