// Planning from nothing in the browser: the convener opens 新建会议, plans a 决策听证 (the template warns
// that the supervisory committee is not invited until it is ticked), lands in the new meeting's console,
// publishes the notice the form prefilled, and a resident's phone finds it on the community board; the
// start is refused before the 7-day lead time and allowed with a reason; the poster carries the board's QR.
import { expect, test } from '@playwright/test';
import { DEMO, LAPTOP, PHONE, expectNoSeriousA11yViolations, openPage, shoot } from './support';

test('a convener plans a hearing, publishes its notice, and a phone finds it on the board', async ({ browser }) => {
  const page = await openPage(browser, LAPTOP);
  const login = await page.context().request.post('/api/auth/login', { data: { username: DEMO.username, password: DEMO.password } });
  expect(login.status(), await login.text()).toBe(200);
  const { user } = (await login.json()) as { user: { scope: { communityId: string } } };

  await page.goto('/console');
  await page.getByRole('link', { name: '新建会议' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '新建会议' })).toBeVisible();
  await page.getByLabel('协商形式').selectOption({ label: '决策听证' });
  await expect(page.getByText('须在会议开始前 7 天发布会议公告')).toBeVisible();
  await expect(page.getByRole('complementary').getByRole('listitem')).toHaveText(['发布公告', '召开会议', '公布结果']);

  // A bad plan is answered field by field and loses nothing typed.
  await page.getByLabel('会议名称').fill('小区停车位收费标准听证会');
  await page.getByLabel('地点').fill('社区党群服务中心二楼议事厅');
  await page.getByLabel('开始时间').fill('2027-01-15T19:00');
  await page.getByLabel('预计结束时间').fill('2027-01-15T18:00');
  await page.getByLabel('议程（每行一项）').fill('听取收费标准方案说明\n利害关系人陈述意见');
  await page.getByRole('button', { name: '创建会议' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '请修改以下内容' })).toContainText('预计结束时间：结束时间必须晚于开始时间');
  await expect(page.getByLabel('会议名称')).toHaveValue('小区停车位收费标准听证会');

  const supervisory = page.getByRole('checkbox', { name: '居务监督委员会成员' });
  if (await supervisory.isChecked()) await supervisory.uncheck();
  await expect(page.getByRole('status').filter({ hasText: '此形式要求邀请' })).toContainText('居务监督委员会成员');
  await shoot(page, 'planning-new-hearing-laptop', true);
  await expectNoSeriousA11yViolations(page, 'new meeting');
  await supervisory.check();
  await expect(page.getByRole('status').filter({ hasText: '此形式要求邀请' })).toHaveCount(0);
  // People beyond the categories are found by name; a council member is already invited as one.
  const people = page.getByRole('group', { name: '另外邀请个人' });
  await expect(people.getByRole('status')).toHaveText(/^将为 \d+ 人安排席位，其中 \d+ 人有表决权/);
  await people.getByRole('searchbox').fill('张秀英');
  await expect(people).toContainText('名册中没有找到，或已在所选类别中。');
  await people.getByRole('searchbox').fill('');
  await page.getByLabel('预计结束时间').fill('2027-01-15T21:00');
  await page.getByRole('button', { name: '创建会议' }).click();

  await expect(page).toHaveURL(/\/console\/meetings\/[0-9a-f-]+$/);
  const panel = page.getByRole('region', { name: '会前准备' });
  await expect(panel).toContainText('尚未发布公告；此形式须提前 7 天发布。');
  const notice = panel.getByLabel('公告内容');
  await expect(notice).toHaveValue(/小区停车位收费标准听证会/);
  await expect(notice).toHaveValue(/居务监督委员会成员/);
  await panel.getByRole('button', { name: '发布会议公告' }).click();
  await expect(panel.getByRole('listitem').filter({ hasText: '王书记发布' })).toBeVisible();
  await expect(panel).toContainText('此形式须提前 7 天发布公告，目前已发布 0 天。');
  await expect(panel.getByRole('listitem').filter({ hasText: '发布公告' }).getByText('已完成')).toBeAttached();

  // Starting now is refused by the server (the toast) until a reason is given, which the console then shows.
  await page.getByRole('button', { name: '开始会议', exact: true }).click();
  await expect(page.getByText('会议公告发布时间不足，须说明理由才能提前开始')).toBeVisible();
  await shoot(page, 'planning-console-announced-laptop', true);
  await expectNoSeriousA11yViolations(page, 'console before the sitting');

  // A resident's phone opens the board (the link on the poster) and reads the notice. A link from before
  // community codes (/c/<id>) lands on the code's address.
  const phone = await openPage(browser, PHONE);
  await phone.goto(`/c/${user.scope.communityId}`);
  await expect(phone).toHaveURL(/\/c\/guihu$/);
  const card = phone.getByRole('article', { name: '小区停车位收费标准听证会' });
  await expect(card).toContainText('已公告');
  await expect(card).toContainText('社区党群服务中心二楼议事厅');
  await expect(card.getByRole('listitem')).toContainText('居务监督委员会成员');
  await shoot(phone, 'planning-board-phone', true);
  await expectNoSeriousA11yViolations(phone, 'community board');

  await page.getByRole('textbox', { name: '提前开始的理由' }).fill('供暖管道抢修须当晚定方案');
  await page.getByRole('button', { name: '说明理由并开始会议' }).click();
  await expect(page.getByText('提前开始的理由：供暖管道抢修须当晚定方案')).toBeVisible();
  await expect(page.getByRole('region', { name: '会前准备' })).toHaveCount(0);

  await phone.reload();
  await expect(phone.getByRole('article', { name: '小区停车位收费标准听证会' })).toContainText(/会议正在进行，会议码 [A-Z0-9]{4,8}/);

  await phone.goto('/c/GUIHU/poster');
  await expect(phone).toHaveURL(/\/c\/guihu\/poster$/);
  await expect(phone.getByRole('img', { name: /扫码查看.*的协商公告与结果/ })).toBeVisible();
  await shoot(phone, 'planning-poster-phone', true);
});

test('staff keep the grids, compounds and roster: a sheet with a bad row imports nothing and says where', async ({ browser }) => {
  const page = await openPage(browser, LAPTOP);
  const login = await page.context().request.post('/api/auth/login', { data: { username: DEMO.username, password: DEMO.password } });
  expect(login.status(), await login.text()).toBe(200);

  await page.goto('/console');
  await page.getByRole('link', { name: '网格与小区' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '桂湖社区的网格与小区' })).toBeVisible();
  await page.getByLabel('新增网格').fill('第二网格');
  await page.getByRole('button', { name: '添加' }).last().click();
  await expect(page.getByRole('heading', { name: '第二网格' })).toBeVisible();
  await page.getByLabel('在第二网格新增小区').fill('锦苑小区');
  await page.getByLabel('在第二网格新增小区').press('Enter');
  await expect(page.getByText('锦苑小区')).toBeVisible();
  await page.getByLabel('新增网格').fill('第二网格');
  await page.getByRole('button', { name: '添加' }).last().click();
  await expect(page.getByRole('alert').filter({ hasText: '已经在本社区使用' })).toContainText('“第二网格”已经在本社区使用');
  await shoot(page, 'planning-places-laptop', true);
  await expectNoSeriousA11yViolations(page, 'grids and compounds');

  await page.getByRole('link', { name: '居民名册' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '居民名册' })).toBeVisible();
  await page.getByText('从表格导入（CSV 或 Excel）').click();
  const sheet = page.getByLabel('选择表格文件');
  await sheet.setInputFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名,类别,楼栋\n冯立春,居民代表,7栋\n,群众,8栋\n', 'utf8') });
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const problems = page.getByRole('alert').filter({ hasText: '没有导入任何人' });
  await expect(problems).toContainText('第 3 行 姓名：未填写');
  await expect(page.getByRole('rowheader', { name: '冯立春' })).toHaveCount(0);

  await sheet.setInputFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名,类别,楼栋\n冯立春,居民代表,7栋\n卫秀梅,居务监督委员会成员、群众,8栋\n', 'utf8') });
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已导入 2 人' })).toBeVisible();
  await expect(page.getByRole('row', { name: /卫秀梅/ })).toContainText('居务监督委员会成员、群众');

  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: '冯立春退出名册' }).click();
  await expect(page.getByText(/已退出名册：.*冯立春/)).toBeVisible();
  await shoot(page, 'planning-roster-laptop', true);
  await expectNoSeriousA11yViolations(page, 'roster');
});
