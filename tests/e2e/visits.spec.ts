// Household visits (走访约谈协商) in the browser: staff plan and start a round in the console (laptop);
// the recorder's phone logs a visit while offline — it is queued, survives a reload (the service worker
// reopens the page, IndexedDB keeps the queue), and syncs once when the phone is back online; staff see it
// in the progress. Screenshots at phone and laptop size; axe on both pages.
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { createDb } from '../../lib/platform/db/client';
import { DEMO, PHONE, openPage, shoot, staffPage, expectNoSeriousA11yViolations, e2eDatabaseUrl } from './support';

const LAPTOP_1280 = { viewport: { width: 1280, height: 800 } };

test('a visit logged offline on the recorder’s phone is queued, survives a reload and syncs once; staff see it', async ({ browser }) => {
  const staff = await staffPage(browser, DEMO.username, LAPTOP_1280);
  const login = await staff.context().request.post('/api/auth/login', { data: { username: DEMO.username, password: DEMO.password } });
  const communityId: string = (await login.json()).user.scope.communityId;
  const now = Date.now();
  const planned = await staff.context().request.post('/api/meetings', {
    data: { communityId, form: 'visit', level: 'community', type: 'coordination', title: '走访：3号楼加装电梯', venue: '3号楼', scheduledAt: new Date(now).toISOString(), endsAt: new Date(now + 86_400_000).toISOString() },
  });
  expect(planned.status(), await planned.text()).toBe(200);
  const meetingId: string = (await planned.json()).meetingId;

  // The plan in the console: the question and two households, then start.
  await staff.goto(`/console/meetings/${meetingId}`);
  await staff.getByLabel('协商事项').fill('是否同意在3号楼加装电梯？');
  await staff.getByRole('button', { name: '添加住户' }).click();
  await staff.getByLabel('住户 1', { exact: true }).fill('赵家');
  await staff.getByLabel('住户 1 地址').fill('3号楼101');
  await staff.getByRole('button', { name: '添加住户' }).click();
  await staff.getByLabel('住户 2', { exact: true }).fill('钱家');
  await staff.getByLabel('住户 2 地址').fill('3号楼201');
  await staff.getByRole('button', { name: '添加走访组成员' }).click();
  await staff.getByLabel('成员 1 姓名').fill('王书记');
  await staff.getByRole('button', { name: '开始走访' }).click();
  await expect(staff.getByText('走访已开始。')).toBeVisible();
  await expect(staff.getByText('走访进行中')).toBeVisible();
  await shoot(staff, 'visits-console-started', true);
  // The console at phone size too (staff on the move).
  const staffPhone = await staffPage(browser, DEMO.username, PHONE);
  await staffPhone.goto(`/console/meetings/${meetingId}`);
  await expect(staffPhone.getByText('走访进行中')).toBeVisible();
  await shoot(staffPhone, 'visits-console-phone', true);
  await expectNoSeriousA11yViolations(staffPhone, 'visits console on a phone');
  await expectNoSeriousA11yViolations(staff, 'visits console');

  // The recorder's phone, logged in with the staff account.
  const phone = await staffPage(browser, 'recorder', PHONE);
  await phone.goto(`/console/meetings/${meetingId}/visits`);
  await expect(phone.getByText('协商事项：是否同意在3号楼加装电梯？')).toBeVisible();
  await expect(phone.getByTestId('pending')).toHaveText('0 条待同步');
  // The service worker has taken the page and its files (so the page reopens without a network).
  await phone.waitForFunction(async () => !!navigator.serviceWorker?.controller && (await (await caches.open('yishi-visits-v1')).keys()).some((r) => r.url === location.href));

  // Offline as the stairwell is. Chromium's offline emulation may not hold for a document the service
  // worker serves after a reload, so the API is also cut at the network layer until the phone is back.
  await phone.context().route('**/api/**', (route) => route.abort('internetdisconnected'));
  await phone.context().setOffline(true);
  await expect(phone.getByText('未联网：记录保存在本机')).toBeVisible();
  await phone.getByLabel('计划走访的住户').selectOption({ label: '赵家（3号楼101）' });
  await phone.getByLabel('约谈对象（见到谁）').fill('户主本人');
  await phone.getByLabel('地点').fill('楼道');
  await phone.getByLabel('意见').fill('一楼采光会受影响，希望给一楼补偿后再装。');
  await phone.getByText('有条件同意', { exact: true }).click();
  const picture = await sharp({ create: { width: 120, height: 90, channels: 3, background: { r: 180, g: 120, b: 60 } } }).jpeg().toBuffer();
  await phone.getByLabel('照片（可选，最多 6 张）').setInputFiles({ name: 'stairwell.jpg', mimeType: 'image/jpeg', buffer: picture });
  await expect(phone.getByText('已选 1 张照片')).toBeVisible();
  await phone.getByRole('button', { name: '保存走访记录' }).click();
  await expect(phone.getByTestId('pending')).toHaveText('1 条待同步');
  await expect(phone.getByTestId('queued-visit')).toHaveCount(1);
  await expect(phone.getByTestId('queued-visit').first()).toContainText('待同步');
  await shoot(phone, 'visits-phone-offline-queued', true);

  // Reload without a network: the page comes back from the service worker, the queue from IndexedDB.
  await phone.reload();
  await expect(phone.getByTestId('pending')).toHaveText('1 条待同步');
  await expect(phone.getByTestId('queued-visit').first()).toContainText('赵家');

  const db = createDb(e2eDatabaseUrl());
  try {
    expect(await db.visitEntry.count({ where: { meetingId } })).toBe(0);
    await phone.context().unroute('**/api/**');
    await phone.context().setOffline(false);
    await expect(phone.getByTestId('pending')).toHaveText('0 条待同步');
    await expect(phone.getByTestId('queued-visit').first()).toContainText('已同步');
    await expect(phone.getByTestId('queued-visit').first()).toContainText('照片已同步 1 / 1');
    expect(await db.visitPhoto.count({ where: { meetingId } })).toBe(1);
    // Reopened online, the phone sends nothing new: still one visit.
    await phone.reload();
    await expect(phone.getByTestId('queued-visit').first()).toContainText('已同步');
    expect(await db.visitEntry.count({ where: { meetingId } })).toBe(1);
  } finally {
    await db.$disconnect();
  }
  await shoot(phone, 'visits-phone-synced', true);
  // The recorder's page on a laptop.
  const recorderLaptop = await staffPage(browser, 'recorder', LAPTOP_1280);
  await recorderLaptop.goto(`/console/meetings/${meetingId}/visits`);
  await expect(recorderLaptop.getByTestId('pending')).toHaveText('0 条待同步');
  await shoot(recorderLaptop, 'visits-phone-page-laptop');
  await expectNoSeriousA11yViolations(phone, 'recorder phone');

  // Staff see it in the progress (re-read every few seconds).
  await expect(staff.getByTestId('visits-count')).toContainText('共记录走访 1 次');
  await expect(staff.getByText('已走访 1 次：有条件同意')).toBeVisible();
  await expect(staff.getByRole('img', { name: '第 1 张照片：赵家' })).toBeVisible();
  await expect.poll(() => staff.getByRole('img', { name: '第 1 张照片：赵家' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
  await staff.getByLabel('搜索意见').fill('采光');
  await expect(staff.getByTestId('visit-opinion')).toHaveCount(1);
  await staff.getByLabel('搜索意见').fill('不存在的词');
  await expect(staff.getByTestId('visit-opinion')).toHaveCount(0);
  await staff.getByLabel('搜索意见').fill('');

  // Finish, conclude: the meeting closes.
  await staff.getByRole('button', { name: '结束走访' }).click();
  await expect(staff.getByText('走访已结束，不再接收新的记录。')).toBeVisible();
  await staff.getByLabel('走访结论').fill('赵家有条件同意，要求一楼补偿；继续走访其余住户后提交议事会。');
  await staff.getByRole('button', { name: '形成结论并结束会议' }).click();
  await expect(staff.getByText('已形成结论，会议记录已生成')).toBeVisible();
  await shoot(staff, 'visits-console-concluded', true);
  await expectNoSeriousA11yViolations(staff, 'visits console concluded');

  // The record: on the public page the visits without the households; staff of the area see them.
  let recordId: string | null = null;
  await expect.poll(async () => {
    recordId = (await (await staff.context().request.get(`/api/meetings/${meetingId}/record`)).json()).record?.recordId ?? null;
    return recordId;
  }).not.toBeNull();
  const reader = await openPage(browser, PHONE);
  await reader.goto(`/v/${recordId}`);
  const section = reader.getByRole('heading', { name: '走访约谈' });
  await expect(section).toBeVisible();
  await expect(reader.getByText('协商事项：是否同意在3号楼加装电梯？')).toBeVisible();
  await expect(reader.getByText('一楼采光会受影响，希望给一楼补偿后再装。', { exact: false })).toBeVisible();
  await expect(reader.getByText('住户（仅在工作人员的副本中列出）')).toBeVisible();
  await expect(reader.getByText('3号楼101')).toHaveCount(0);
  await section.scrollIntoViewIfNeeded();
  await shoot(reader, 'visits-record-public-phone', true);
  await expectNoSeriousA11yViolations(reader, 'public record with visits');
  await staff.goto(`/console/meetings/${meetingId}/record`);
  await expect(staff.getByText('赵家（3号楼101），约谈对象：户主本人，地点：楼道')).toBeVisible();
  await shoot(staff, 'visits-record-staff', true);
});
