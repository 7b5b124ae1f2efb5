// Big rosters (issue 15) in the console: past 100 seats the attendance list shows a page at a time with a
// search by name, and the counts above it stay the meeting's. A community of its own (150 council
// members, written straight into the e2e database), so no other spec's meeting seats them.
import { expect, test } from '@playwright/test';
import { createDb } from '../../lib/platform/db/client';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { LAPTOP, openPage, shoot, e2eDatabaseUrl } from './support';

test('the console pages a 150-seat attendance list and finds a member by name', async ({ browser }) => {
  const db = createDb(e2eDatabaseUrl());
  const { community, meeting } = await (async () => {
    try {
      const community = await makeCommunity(db, { members: 150, name: '百人议事社区' });
      return { community, meeting: await makeMeeting(db, community, { title: '百人议事会' }) };
    } finally {
      await db.$disconnect();
    }
  })();
  const page = await openPage(browser, LAPTOP);
  const login = await page.context().request.post('/api/auth/login', { data: { username: community.facilitator.username, password: TEST_PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  await page.goto(`/console/meetings/${meeting.id}`);
  await page.getByRole('button', { name: '开始会议', exact: true }).click();

  const list = page.getByRole('list', { name: '参会人员名单' });
  await expect(list.getByRole('listitem')).toHaveCount(100);
  await expect(page.getByText('第 1–100 人，共 150 人')).toBeVisible();
  await page.getByRole('button', { name: '下一页' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(50);
  await expect(list).toContainText('成员150');
  await expect(page.getByRole('button', { name: '下一页' })).toBeDisabled();

  // The search goes back to the first page of what matches.
  await page.getByRole('searchbox', { name: '按姓名查找' }).fill('成员042');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: '代签到：成员042' }).click();
  await expect(page.getByText('已到 1 / 150 人').first()).toBeVisible();
  await page.getByRole('searchbox', { name: '按姓名查找' }).fill('');
  await page.getByRole('checkbox', { name: '只看未签到' }).check();
  await expect(page.getByText('第 1–100 人，共 149 人')).toBeVisible();
  await page.getByRole('checkbox', { name: '只看未签到' }).uncheck();
  await page.getByRole('searchbox', { name: '按姓名查找' }).fill('无此人');
  await expect(page.getByText('没有符合的人员')).toBeVisible();
  await page.getByRole('searchbox', { name: '按姓名查找' }).fill('成员04');
  await expect(list.getByRole('listitem')).toHaveCount(10);
  await shoot(page, 'console-roster-search');
});
