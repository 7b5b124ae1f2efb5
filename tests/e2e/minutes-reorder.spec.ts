// Reordering the agenda before the meeting moves the minutes' sections: the recorder has written under
// each item of a planned meeting, the facilitator moves an item down in the console, and both the
// recorder's and the facilitator's editors show each paragraph still under its own item, once.
import { expect, test, type Locator } from '@playwright/test';
import { fetchAccess, freshMeeting, shoot, staffPage } from './support';

const ELEVATOR = '老旧小区加装电梯费用分摊方案';
const PARKING = '小区公共区域停车管理办法';
const ON_ELEVATOR = '电梯：一楼住户要求补偿。';
const ON_PARKING = '停车：夜间临时停车试行三个月。';

const editorOf = (page: import('@playwright/test').Page): Locator => page.getByRole('textbox', { name: '会议记录正文' });

/** Headings and paragraphs in document order, without the other writers' caret labels. */
async function outline(editor: Locator): Promise<string[]> {
  return editor.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
    // A section heading is a system record: its title without the card's "系统记录" label.
    return [...copy.querySelectorAll('[data-fact-kind="item"] h2, :scope > p')]
      .map((n) => (n.textContent ?? '').replace('系统记录', '').trim()).filter(Boolean);
  });
}

test('moving an agenda item before the meeting moves what the recorder wrote under it', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const joinCode = await freshMeeting('桂湖社区居民议事会（议程调整）', [{ title: ELEVATOR }, { title: PARKING }]);
  const { meetingId } = await fetchAccess(request, joinCode);

  const facilitator = await staffPage(browser, 'facilitator');
  await facilitator.goto(`/console/meetings/${meetingId}`);
  await expect(facilitator.getByText('已连接')).toBeVisible();
  // Made without planning, the meeting kept no procedure: the panel shows the default council's steps.
  await expect(facilitator.getByRole('region', { name: '会前准备' }).getByRole('listitem').filter({ hasText: '确定议题' })).toBeVisible();
  // The first reorder writes the minutes' template (parking first, then elevator).
  await facilitator.getByRole('button', { name: `上移：${PARKING}` }).click();

  const recorder = await staffPage(browser, 'recorder');
  await recorder.goto(`/console/meetings/${meetingId}/minutes`);
  const recEditor = editorOf(recorder);
  await expect(recEditor.getByText(`议题1：${PARKING}`)).toBeVisible();
  await expect(recEditor.getByText(`议题2：${ELEVATOR}`)).toBeVisible();
  // The template's one empty paragraph under each item: parking's first, elevator's second.
  await recEditor.locator(':scope > p').nth(0).click();
  await recorder.keyboard.type(ON_PARKING);
  await recEditor.locator(':scope > p').nth(1).click();
  await recorder.keyboard.type(ON_ELEVATOR);
  await expect.poll(() => outline(recEditor)).toEqual([`议题1：${PARKING}`, ON_PARKING, `议题2：${ELEVATOR}`, ON_ELEVATOR]);
  await expect(recorder.getByText('已同步到服务器')).toBeVisible();

  // The facilitator moves parking back down, from the console.
  await facilitator.getByRole('button', { name: `下移：${PARKING}` }).click();
  const expected = [`议题1：${ELEVATOR}`, ON_ELEVATOR, `议题2：${PARKING}`, ON_PARKING];
  await expect.poll(() => outline(recEditor)).toEqual(expected);
  await facilitator.goto(`/console/meetings/${meetingId}/minutes`);
  await expect.poll(() => outline(editorOf(facilitator))).toEqual(expected);
  await shoot(recorder, 'minutes-after-reorder-recorder');

  // The recorder keeps writing in the moved section.
  await recEditor.locator(':scope > p').nth(1).click();
  await recorder.keyboard.press('End');
  await recorder.keyboard.type('（待业委会确认）');
  await expect.poll(() => outline(editorOf(facilitator))).toEqual([`议题1：${ELEVATOR}`, ON_ELEVATOR, `议题2：${PARKING}`, `${ON_PARKING}（待业委会确认）`]);
});
