// Walk-ins and the expert pool (issue 11) in the browser: the facilitator of an open space admits a
// stakeholder who is not on the roster from the console; the walk-in's phone joins with the one-device
// admission link the console's QR carries, votes in a non-binding poll, and is told that a binding poll is
// for roster members. Then the community's expert pool page: add an expert, edit them, and invite them to
// a 专家咨询 planned in the console, where they are seated as 专家.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, LAPTOP, PHONE, castVote, expectNoSeriousA11yViolations, expectReceipt, openPage, pollSection, shoot } from './support';

const tomorrow = (hour: number) => {
  const d = new Date(Date.now() + 86_400_000);
  d.setUTCHours(hour - 8, 0, 0, 0);
  return d.toISOString();
};

async function createPoll(page: Page, question: string, nonBinding: boolean) {
  await page.getByRole('button', { name: '＋ 新建表决' }).click();
  await page.getByLabel('表决事项').fill(question);
  if (nonBinding) await page.getByRole('checkbox', { name: /意向性表决/ }).check();
  await page.getByRole('button', { name: '创建表决' }).click();
  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: question }) });
  await item.getByRole('button', { name: '开始投票' }).click();
  // The open space seats few roster members, none present: the poll opens on a stated reason.
  await item.getByLabel('理由').fill('开放空间以征求意见为主');
  await item.getByRole('button', { name: '说明理由并开始投票' }).click();
  await expect(item.getByRole('button', { name: '结束投票' })).toBeVisible();
  return item;
}

test('the console admits a walk-in, whose phone votes in a non-binding poll only', async ({ browser }) => {
  const page = await openPage(browser, LAPTOP);
  const login = await page.context().request.post('/api/auth/login', { data: { username: DEMO.username, password: DEMO.password } });
  expect(login.status(), await login.text()).toBe(200);
  const { user } = (await login.json()) as { user: { scope: { communityId: string } } };
  const created = await page.context().request.post('/api/meetings', {
    data: {
      communityId: user.scope.communityId, form: 'open_space', level: 'community', type: 'coordination',
      title: '中心花园改造开放空间', venue: '中心花园凉亭', scheduledAt: tomorrow(9), endsAt: tomorrow(11),
      agenda: [{ title: '花园里最想要什么' }],
    },
  });
  expect(created.status(), await created.text()).toBe(200);
  const { meetingId, joinCode } = (await created.json()) as { meetingId: string; joinCode: string };

  await page.goto(`/console/meetings/${meetingId}`);
  await page.getByRole('button', { name: '开始会议', exact: true }).click();
  await page.getByRole('textbox', { name: '提前开始的理由' }).fill('居民当天都在花园，现场召开');
  await page.getByRole('button', { name: '说明理由并开始会议' }).click();
  await expect(page.getByText('提前开始的理由：居民当天都在花园，现场召开')).toBeVisible();

  // Admit a walk-in: name, building, phone; the console then shows the one-device QR.
  await page.getByRole('button', { name: '接纳现场参与者…' }).click();
  const form = page.getByRole('form', { name: '接纳现场参与者' });
  await form.getByLabel('姓名').fill('赵路人');
  await form.getByLabel('楼栋或单位').fill('7栋2单元');
  await form.getByLabel(/手机号/).fill('13912345678');
  const admission = page.waitForResponse((r) => r.url().endsWith('/api/admit') && r.request().method() === 'POST');
  await form.getByRole('button', { name: '登记并显示入会二维码' }).click();
  const pass = (await (await admission).json()) as { participantToken: string; joinCode: string };
  await expect(page.getByRole('img', { name: '赵路人 的一次性入会二维码' })).toBeVisible();
  await expect(page.getByText('请这位现场参与者用手机扫描此码入会。')).toBeVisible();
  await expect(page.getByRole('list', { name: '参会人员名单' })).toContainText('赵路人（现场参与者）');
  await shoot(page, 'walk-ins-console-admitted-laptop', true);
  await expectNoSeriousA11yViolations(page, 'console with a walk-in admitted');
  await page.getByRole('button', { name: '完成' }).click();

  // The walk-in's phone: the link the QR carries.
  const phone = await openPage(browser, PHONE);
  await phone.goto(`/m/${pass.joinCode}#pt=${pass.participantToken}`);
  await expect(phone.getByText('您是现场参与者：可以申请发言，可以参加意向性表决；正式表决只限名册成员。')).toBeVisible();
  await expect(phone.getByText(/已签到（\d{1,2}:\d{2}）/)).toBeVisible();

  const sounding = await createPoll(page, '是否倾向于增设儿童游乐区？', true);
  await expect(sounding).toContainText('意向性表决（不具约束力）');
  await expect(pollSection(phone)).toContainText('意向性表决（不具约束力）');
  await castVote(phone, '赞成');
  await expectReceipt(phone);
  // The walk-in is one of those entitled to this poll's ballot, so the progress counts them.
  await expect(pollSection(phone)).toContainText('已投 1 / 1 人');
  await shoot(phone, 'walk-ins-phone-voted');
  await expectNoSeriousA11yViolations(phone, 'walk-in phone after voting');
  await sounding.getByRole('button', { name: '结束投票' }).click();
  await sounding.getByRole('button', { name: '确定' }).click();

  // A binding poll: the walk-in's phone says it is for roster members and offers no choice.
  await createPoll(page, '是否同意动用公共收益改造花园？', false);
  await expect(pollSection(phone)).toContainText('这是正式表决，只有名册成员可以投票。');
  await expect(pollSection(phone).getByRole('button', { name: '赞成', exact: true })).toHaveCount(0);
  await shoot(phone, 'walk-ins-phone-binding');
  await expect(phone.getByText('13912345678')).toHaveCount(0);
});

test('staff keep the community\'s expert pool (add, edit) and invite an expert to a 专家咨询', async ({ browser }) => {
  const page = await openPage(browser, LAPTOP);
  const login = await page.context().request.post('/api/auth/login', { data: { username: DEMO.username, password: DEMO.password } });
  expect(login.status(), await login.text()).toBe(200);
  await page.goto('/console/community');
  await page.getByRole('link', { name: '咨询专家库' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '咨询专家库' })).toBeVisible();
  // The pool is the community's, shared with other specs on this server (expert.spec adds experts to it):
  // this test adds its own expert and finds him, whatever else is there. The add form is open on an empty
  // pool and folded under 添加专家 otherwise.
  const name = page.getByLabel('姓名');
  if (!(await name.isVisible())) await page.getByText('添加专家', { exact: true }).click();

  await page.getByLabel('姓名').fill('刘工');
  await page.getByLabel('专业领域').fill('结构工程');
  await page.getByLabel('工作单位').fill('市建筑设计院');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  const row = page.getByRole('row', { name: /刘工/ });
  await expect(row).toContainText('结构工程');
  await expectNoSeriousA11yViolations(page, 'expert pool');

  await row.getByRole('button', { name: '修改 刘工' }).click();
  const field = page.getByRole('table').getByLabel('专业领域');
  await field.fill('建筑结构与加装电梯');
  await page.getByRole('table').getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('row', { name: /刘工/ })).toContainText('建筑结构与加装电梯');
  await shoot(page, 'experts-pool-laptop', true);

  // A 专家咨询 planned from the console invites him from the pool; he is seated as 专家.
  await page.goto('/console/meetings/new');
  await page.getByLabel('协商形式').selectOption({ label: '专家咨询' });
  await page.getByRole('checkbox', { name: '刘工（建筑结构与加装电梯，市建筑设计院）' }).check();
  await page.getByLabel('会议名称').fill('加装电梯结构安全专家咨询会');
  await page.getByLabel('地点').fill('社区议事厅');
  await page.getByLabel('开始时间').fill('2027-01-20T19:00');
  await page.getByLabel('预计结束时间').fill('2027-01-20T21:00');
  await page.getByLabel('议程（每行一项）').fill('结构安全评估');
  await expectNoSeriousA11yViolations(page, 'new expert consultation');
  await page.getByRole('button', { name: '创建会议' }).click();
  await expect(page).toHaveURL(/\/console\/meetings\/[0-9a-f-]+$/);
  await expect(page.getByRole('list', { name: '参会人员名单' })).toContainText('刘工（专家）');
});
