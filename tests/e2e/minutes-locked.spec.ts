// The minutes' server-written facts and the close: fact blocks survive Backspace, Delete, a selection
// deleted and a drag in the editor; once the meeting is closed every editor turns read-only at once and
// says so, a writer connecting later is read-only too, and a write forced over a raw websocket is
// refused and is not in the minutes of the record.
import { expect, test, type Locator, type Page } from '@playwright/test';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { closeMeetingDeferringTheRest, editorCaretOffset, expectNoSeriousA11yViolations, fetchAccess, freshMeeting, shoot, staffPage } from './support';

const ITEM_1 = '小区公共区域停车管理办法';
const ITEM_2 = '垃圾分类投放点调整';
const LOCKED = '会议已结束，纪要已锁定，之后的修改不会进入记录';
const NOTE = '物业同意周末加派保安。';
const AFTER_CLOSE = '（会后补记）';
const FORCED = '强行写入的内容';

const editorOf = (page: Page): Locator => page.getByRole('textbox', { name: '会议记录正文' });
const factIds = (editor: Locator) => editor.locator('[data-fact-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-fact-id')));

/** A y-websocket "update" message that adds a paragraph with `text` to the minutes' fragment. */
function forgedUpdate(text: string): number[] {
  const doc = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').insert(0, [p]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0); // sync
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  return [...encoding.toUint8Array(encoder)];
}

/** Opens /collab/minutes:<id> from the page (its cookie goes along), sends `bytes` once open; resolves with the close code, or null if still open after a moment. */
async function rawWrite(page: Page, meetingId: string, query: string, bytes: number[]): Promise<number | null> {
  return page.evaluate(async ({ meetingId, query, bytes }) => {
    const ws = new WebSocket(`ws://${location.host}/collab/minutes:${meetingId}${query}`);
    ws.binaryType = 'arraybuffer';
    return new Promise<number | null>((resolve) => {
      ws.onopen = () => { try { ws.send(new Uint8Array(bytes)); } catch { /* closed already */ } };
      ws.onclose = (e) => resolve(e.code);
      setTimeout(() => { ws.close(); resolve(null); }, 2_000);
    });
  }, { meetingId, query, bytes });
}

test('fact blocks survive Backspace, Delete and drag; after the close the minutes are read-only for everyone', async ({ browser, request }) => {
  const joinCode = await freshMeeting('桂湖社区居民议事会（纪要锁定）', [{ title: ITEM_1 }, { title: ITEM_2 }]);
  const access = await fetchAccess(request, joinCode);
  const minutesUrl = `/console/meetings/${access.meetingId}/minutes`;

  const facilitator = await staffPage(browser, 'facilitator');
  await facilitator.goto(`/console/meetings/${access.meetingId}`);
  await expect(facilitator.getByText('已连接')).toBeVisible();
  await facilitator.getByRole('button', { name: '开始会议' }).click();
  await expect(facilitator.getByRole('button', { name: '结束会议' })).toBeVisible();

  const recorder = await staffPage(browser, 'recorder');
  await recorder.goto(minutesUrl);
  const editor = editorOf(recorder);
  await expect(recorder.getByText('已同步到服务器')).toBeVisible();
  await expect(editor.getByText(`议题2：${ITEM_2}`)).toBeVisible();
  const facts = await factIds(editor);
  expect(facts).toEqual(['header', 'attendance', expect.stringMatching(/^item:/), expect.stringMatching(/^item:/)]);

  await test.step('Backspace and Delete next to a fact block, and a selection deleted, leave every fact in place', async () => {
    const firstParagraph = editor.locator(':scope > p').first();
    await firstParagraph.click();
    await expect(editor).toBeFocused();
    // The caret in the (empty) paragraph itself, not on the fact card beside it.
    await firstParagraph.evaluate((p) => {
      const range = document.createRange();
      range.selectNodeContents(p);
      range.collapse(false);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await recorder.keyboard.type(NOTE);
    await expect(firstParagraph).toHaveText(NOTE);
    await expect.poll(() => editorCaretOffset(editor)).toBe(NOTE.length);
    // Backspace at the start of the paragraph, right below item 1's heading.
    await recorder.keyboard.press('Home');
    await expect.poll(() => editorCaretOffset(editor)).toBe(0);
    for (let i = 0; i < 3; i++) await recorder.keyboard.press('Backspace');
    // Delete at its end, right above item 2's heading.
    await recorder.keyboard.press('End');
    await expect.poll(() => editorCaretOffset(editor)).toBe(NOTE.length);
    for (let i = 0; i < 3; i++) await recorder.keyboard.press('Delete');
    await expect(firstParagraph).toHaveText(NOTE);
    expect(await factIds(editor)).toEqual(facts);
    // Everything selected and deleted: the facts stay (the edit is refused whole).
    await recorder.keyboard.press('ControlOrMeta+a');
    await recorder.keyboard.press('Backspace');
    expect(await factIds(editor)).toEqual(facts);
    await expect(editor).toContainText(NOTE);
  });

  await test.step('dragging a fact block onto the text does not move it', async () => {
    const attendance = editor.locator('[data-fact-id="attendance"]');
    await attendance.dragTo(editor.locator(':scope > p').last());
    expect(await factIds(editor)).toEqual(facts);
    // Nor did the server get anything else: its export has the sections in agenda order.
    const md = await (await recorder.context().request.get(`/api/minutes/${access.meetingId}/export?format=md`)).text();
    expect(md.indexOf('出席情况')).toBeLessThan(md.indexOf(`议题1：${ITEM_1}`));
    expect(md.indexOf(`议题1：${ITEM_1}`)).toBeLessThan(md.indexOf(NOTE));
    expect(md.indexOf(NOTE)).toBeLessThan(md.indexOf(`议题2：${ITEM_2}`));
    await shoot(recorder, 'minutes-locked-before-close');
  });

  await test.step('closing the meeting turns the open editor read-only at once, and it says so', async () => {
    await editor.locator(':scope > p').first().click();
    await closeMeetingDeferringTheRest(facilitator);
    await expect(recorder.getByText(LOCKED)).toBeVisible();
    await expect(recorder.getByText('已同步到服务器')).toHaveCount(0);
    await expect(editor).toHaveAttribute('contenteditable', 'false');
    await expect(recorder.getByRole('toolbar', { name: '格式' })).toHaveCount(0);
    await editor.locator(':scope > p').first().click();
    await recorder.keyboard.type(AFTER_CLOSE);
    await expect(editor).not.toContainText(AFTER_CLOSE);
    await expect(editor).toContainText(NOTE);
    await shoot(recorder, 'minutes-locked-recorder');
    await expectNoSeriousA11yViolations(recorder, 'locked minutes');
  });

  await test.step('a writer opening the minutes after the close gets them read-only as well', async () => {
    await facilitator.goto(minutesUrl);
    await expect(facilitator.getByText(LOCKED)).toBeVisible();
    await expect(editorOf(facilitator)).toContainText(NOTE);
    await expect(editorOf(facilitator)).toHaveAttribute('contenteditable', 'false');
    await expect(facilitator.getByText('已同步到服务器')).toHaveCount(0);
    await shoot(facilitator, 'minutes-locked-facilitator');
  });

  await test.step('a write forced over a raw websocket is refused and is not in the minutes of the record', async () => {
    const bytes = forgedUpdate(FORCED);
    // As a writer: refused with 4423 (locked) before anything is read.
    expect(await rawWrite(recorder, access.meetingId, '', bytes)).toBe(4423);
    // As a follower: the update is denied (the connection stays, nothing is applied).
    await rawWrite(recorder, access.meetingId, '?readonly=1', bytes);
    const md = await (await recorder.context().request.get(`/api/minutes/${access.meetingId}/export?format=md`)).text();
    expect(md).toContain(NOTE);
    expect(md).not.toContain(FORCED);
    expect(md).not.toContain(AFTER_CLOSE);
    await expect(editor).not.toContainText(FORCED);
    // The snapshot taken at the close is the same.
    const { snapshots } = await (await recorder.context().request.get(`/api/minutes/${access.meetingId}/snapshots`)).json() as { snapshots: { id: string; label: string }[] };
    const closed = snapshots.find((s) => s.label === '会议结束');
    expect(closed).toBeTruthy();
    const html = await (await recorder.context().request.get(`/api/minutes/${access.meetingId}/snapshots/${closed!.id}`)).text();
    expect(html).toContain(NOTE);
    expect(html).not.toContain(FORCED);
  });
});
