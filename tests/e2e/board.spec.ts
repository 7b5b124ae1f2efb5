// The community board by its code, and a notice's attachment: the convener sets the board's code under
// 网格与小区 (a code another community has is refused), uploads a PDF to a new meeting's notice in 会前准备
// (a web page renamed .pdf is refused by its bytes), publishes the notice, and a resident's phone opens
// /c/<code>, sees the file with its size under the notice and downloads it.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { LAPTOP, PHONE, expectNoSeriousA11yViolations, openPage, shoot, staffPage } from './support';

const PLAN = Buffer.from('%PDF-1.4\n% 小区车棚改造平面图\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'utf8');

test('staff set the board code; a notice carries a PDF that a phone downloads from /c/<code>', async ({ browser }) => {
  const page = await staffPage(browser, 'facilitator', LAPTOP);

  // The board's address: a taken code is refused naming the field; a readable one is saved, then put back.
  await page.goto('/console/community');
  const codeForm = page.getByRole('region', { name: '公示栏地址' });
  await expect(codeForm).toContainText('/c/guihu');
  await codeForm.getByLabel('社区代码').fill('longqiao');
  await codeForm.getByRole('button', { name: '保存代码' }).click();
  await expect(codeForm.getByRole('alert')).toHaveText('社区代码：“longqiao”已被其他社区使用，请换一个');
  await codeForm.getByLabel('社区代码').fill('GuiHu-Hua');
  await codeForm.getByRole('button', { name: '保存代码' }).click();
  await expect(codeForm.getByRole('status')).toContainText('/c/guihu-hua');
  await shoot(page, 'board-code-laptop', true);
  await expectNoSeriousA11yViolations(page, 'community code');
  await codeForm.getByLabel('社区代码').fill('guihu');
  await codeForm.getByRole('button', { name: '保存代码' }).click();
  await expect(codeForm.getByRole('status')).toContainText('/c/guihu');

  // A new meeting (through the planning API, as the new-meeting form does) and its notice's attachment.
  const login = await page.context().request.post('/api/auth/login', { data: { username: 'facilitator', password: 'yishi-demo' } });
  const { user } = (await login.json()) as { user: { scope: { communityId: string } } };
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const created = await page.context().request.post('/api/meetings', {
    data: {
      communityId: user.scope.communityId, form: 'dialogue', level: 'community', type: 'coordination',
      title: '小区车棚改造民主恳谈会', venue: '桂湖花园小区活动室', scheduledAt: `${day}T19:00:00+08:00`, endsAt: `${day}T21:00:00+08:00`,
      agenda: [{ title: '车棚改造方案介绍' }],
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  const { meetingId } = (await created.json()) as { meetingId: string };

  await page.goto(`/console/meetings/${meetingId}`);
  const panel = page.getByRole('region', { name: '会前准备' });
  const files = panel.getByRole('region', { name: '公告附件' });
  await expect(files).toContainText('还没有附件。');
  await files.getByLabel('选择附件').setInputFiles({ name: '车棚平面图.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><script>alert(1)</script>') });
  await files.getByRole('button', { name: '上传附件' }).click();
  await expect(files.getByRole('alert')).toContainText('附件：只能上传 PDF、图片');
  await files.getByLabel('选择附件').setInputFiles({ name: '车棚平面图.pdf', mimeType: 'application/pdf', buffer: PLAN });
  await files.getByRole('button', { name: '上传附件' }).click();
  const item = files.getByRole('listitem').filter({ hasText: '车棚平面图.pdf' });
  await expect(item).toContainText('待发布');
  await expect(files.getByRole('alert')).toHaveCount(0);
  await panel.getByRole('button', { name: '发布会议公告' }).click();
  await expect(item).toContainText('已公示');
  await shoot(page, 'board-attachment-console-laptop', true);
  await expectNoSeriousA11yViolations(page, 'console notice attachments');

  // A resident's phone: the board by its code, the file under the notice with its size, downloaded whole.
  const phone = await openPage(browser, PHONE);
  await phone.goto('/c/guihu');
  const card = phone.getByRole('article', { name: '小区车棚改造民主恳谈会' });
  const attachments = card.getByRole('list', { name: '公告附件' });
  await expect(attachments).toContainText('车棚平面图.pdf');
  await expect(attachments).toContainText('1 KB');
  await card.scrollIntoViewIfNeeded();
  await shoot(phone, 'board-attachment-phone');
  await expectNoSeriousA11yViolations(phone, 'community board with an attachment');
  const [download] = await Promise.all([phone.waitForEvent('download'), attachments.getByRole('link', { name: /车棚平面图\.pdf/ }).click()]);
  expect(download.suggestedFilename()).toBe('车棚平面图.pdf');
  expect(await readFile((await download.path())!)).toEqual(PLAN);
});
