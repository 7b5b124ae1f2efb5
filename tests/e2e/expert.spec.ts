// An expert consultation (专家咨询): staff plan one inviting two experts of the pool, register the question
// in the stage panel, accept it, publish the notice, make the experts' personal links; an expert on a
// phone gives a written opinion through theirs; staff see it, conclude without a sitting and feed the
// result back, which closes the meeting; the record page shows the expert section. Screenshots of every
// page at phone and laptop size; axe clean.
import { expect, test } from '@playwright/test';
import { DEMO, PHONE, PROJECTOR, expectNoSeriousA11yViolations, openPage, shoot, staffPage } from './support';

const TITLE = '3 号楼加装电梯结构安全专家咨询';
const QUESTION = '3 号楼（砖混结构）加装电梯是否需要加固原结构？';

test('staff run the stages of an expert consultation, an expert gives a written opinion on a phone, the record shows it', async ({ browser }) => {
  const staff = await staffPage(browser, DEMO.username);
  const request = staff.context().request;
  const communityId: string = (await (await request.post('/api/auth/login', { data: { username: DEMO.username, password: DEMO.password } })).json()).user.scope.communityId;
  const experts: string[] = [];
  for (const e of [{ name: '赵工程师', field: '建筑结构', organisation: '市建筑设计院' }, { name: '钱律师', field: '物业法律', organisation: '律师事务所' }]) {
    const added = await request.post(`/api/communities/${communityId}/experts`, { data: e });
    expect(added.status(), await added.text()).toBe(200);
    experts.push((await added.json()).id);
  }
  const now = Date.now();
  const planned = await request.post('/api/meetings', {
    data: {
      communityId, form: 'expert', level: 'community', type: 'advisory', title: TITLE, venue: '社区会议室', expertIds: experts,
      scheduledAt: new Date(now + 3 * 86_400_000).toISOString(), endsAt: new Date(now + 3 * 86_400_000 + 7_200_000).toISOString(),
    },
  });
  expect(planned.status(), await planned.text()).toBe(200);
  const meetingId: string = (await planned.json()).meetingId;
  const consoleUrl = `/console/meetings/${meetingId}`;
  const panel = staff.getByRole('region', { name: '专家咨询流程' });

  let link = '';
  await test.step('staff register the question, accept it, publish the notice and make the links', async () => {
    await staff.goto(consoleUrl);
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('listitem').filter({ hasText: '提出咨询' })).toHaveAttribute('aria-current', 'step');
    await panel.getByLabel('咨询事项').fill(QUESTION);
    await panel.getByLabel('提出方名称').fill('3 号楼业主代表');
    await shoot(staff, 'expert-staff-ask', true);
    await expectNoSeriousA11yViolations(staff, 'expert ask');
    await panel.getByRole('button', { name: '登记咨询' }).click();
    await expect(panel.getByText(QUESTION)).toBeVisible();
    await panel.getByRole('button', { name: '受理', exact: true }).click();
    await expect(panel.getByText(/受理$/).first()).toBeVisible();
    await expect(panel.getByRole('listitem').filter({ hasText: '发布公告' })).toHaveAttribute('aria-current', 'step');
    const notice = await request.post(`/api/meetings/${meetingId}/notice`, { data: { text: '专家咨询会公告：请专家先行提交书面意见。' } });
    expect(notice.status(), await notice.text()).toBe(200);
    await staff.reload();
    await expect(panel.getByRole('listitem').filter({ hasText: '召开会议' })).toHaveAttribute('aria-current', 'step');
    await panel.getByRole('button', { name: '生成专家个人链接' }).click();
    const links = panel.locator('[data-expert-link]');
    await expect(links).toHaveCount(2);
    const all = await links.allTextContents();
    link = new URL(all[0]!).pathname;
    expect(link).toMatch(/^\/x\/[A-Za-z0-9_-]{43}$/);
    await shoot(staff, 'expert-staff-links', true);
  });

  const phone = await openPage(browser, PHONE);
  let expertName = '';
  await test.step('an expert gives a written opinion on their phone', async () => {
    await phone.goto(link);
    await expect(phone.getByRole('heading', { name: '专家书面意见' })).toBeVisible();
    await expect(phone.getByText(QUESTION)).toBeVisible();
    expertName = ((await phone.getByText(/，您好$/).textContent()) ?? '').replace('，您好', '');
    await shoot(phone, 'expert-phone-open', true);
    await expectNoSeriousA11yViolations(phone, 'expert phone');
    await phone.getByRole('button', { name: '提交书面意见' }).click();
    await expect(phone.getByRole('alert').filter({ hasText: '请填写' })).toHaveText('请填写意见标题和内容。');
    await phone.getByLabel('意见标题').fill('结构安全意见');
    await phone.getByLabel('意见内容').fill('外挂钢结构井道可行，须先做结构检测。');
    await phone.getByRole('button', { name: '提交书面意见' }).click();
    await expect(phone.getByRole('status').filter({ hasText: '已提交' })).toBeVisible();
    await expect(phone.getByText('外挂钢结构井道可行，须先做结构检测。')).toBeVisible();
    await shoot(phone, 'expert-phone-submitted', true);
    const desk = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    await desk.goto(link);
    await expect(desk.getByText('结构安全意见')).toBeVisible();
    await shoot(desk, 'expert-laptop-submitted', true);
    await desk.context().close();
  });

  await test.step('staff see the opinion, conclude without a sitting and feed the result back', async () => {
    await expect(panel.getByText('外挂钢结构井道可行，须先做结构检测。')).toBeVisible({ timeout: 15_000 });
    // The expert's entry (not the list of links, which names them too) carries their signed opinion.
    const entry = panel.getByRole('listitem').filter({ hasText: expertName }).filter({ hasText: '结构安全意见' });
    await expect(entry).toContainText('（第 1 版）');
    await panel.getByRole('textbox', { name: /^咨询结论/ }).fill('可加装，须先做结构检测并按结果加固。');
    await panel.getByRole('button', { name: '形成结论' }).click();
    await expect(panel.getByText('未召开会议（以书面意见形成结论）')).toBeVisible();
    await expect(panel.getByRole('listitem').filter({ hasText: '结果反馈' })).toHaveAttribute('aria-current', 'step');
    await panel.getByLabel('反馈说明（如：已书面函复）').fill('已书面函复 3 号楼业主代表');
    await shoot(staff, 'expert-staff-concluded', true);
    await expectNoSeriousA11yViolations(staff, 'expert concluded');
    await panel.getByRole('button', { name: '反馈结果' }).click();
    await expect(panel.getByText(/已反馈（直接答复提出方）/)).toBeVisible();
    await shoot(staff, 'expert-staff-done', true);
  });

  await test.step('the expert’s page is read-only; the record page shows the expert section', async () => {
    await phone.reload();
    await expect(phone.getByText('咨询已形成结论，不再接收意见。')).toBeVisible();
    await shoot(phone, 'expert-phone-closed', true);
    await staff.goto(`${consoleUrl}/record`);
    const section = staff.getByRole('region', { name: '专家咨询' });
    await expect(section).toBeVisible({ timeout: 30_000 });
    await expect(section).toContainText(`咨询事项：${QUESTION}`);
    await expect(section).toContainText(`${expertName}：《结构安全意见》`);
    await expect(section).toContainText('未召开会议，以专家书面意见形成结论');
    await expect(section).toContainText('已书面函复 3 号楼业主代表');
    await shoot(staff, 'expert-record', true);
    await expectNoSeriousA11yViolations(staff, 'expert record');
  });
});

test('during an expert sitting the projector shows the titles of the written opinions', async ({ browser }) => {
  const staff = await staffPage(browser, DEMO.username);
  const request = staff.context().request;
  const communityId: string = (await (await request.post('/api/auth/login', { data: { username: DEMO.username, password: DEMO.password } })).json()).user.scope.communityId;
  const added = await request.post(`/api/communities/${communityId}/experts`, { data: { name: '孙规划师', field: '城市规划', organisation: '规划院' } });
  const now = Date.now();
  const planned = await request.post('/api/meetings', {
    data: {
      communityId, form: 'expert', level: 'community', type: 'advisory', title: '口袋公园改造专家咨询会', venue: '社区会议室', expertIds: [(await added.json()).id],
      agenda: [{ title: '口袋公园改造方案' }], scheduledAt: new Date(now + 3 * 86_400_000).toISOString(), endsAt: new Date(now + 3 * 86_400_000 + 7_200_000).toISOString(),
    },
  });
  const meetingId: string = (await planned.json()).meetingId;
  const x = (path: string, data: unknown) => request.post(`/api/meetings/${meetingId}/expert${path}`, { data });
  expect((await x('/ask', { question: '口袋公园改造如何兼顾儿童和老人？', asker: { kind: 'staff', name: '社区居委会' } })).status()).toBe(200);
  expect((await x('/accept', { accept: true })).status()).toBe(200);
  expect((await request.post(`/api/meetings/${meetingId}/notice`, { data: { text: '口袋公园改造专家咨询会公告。' } })).status()).toBe(200);
  const link: string = (await (await x('/links', {})).json()).links[0].path;
  expect((await request.post(`/api/x/${link.slice(3)}/opinion`, { data: { title: '分龄活动区的建议', text: '东侧设儿童区，西侧设老人健身区。' } })).status()).toBe(200);

  await staff.goto(`/console/meetings/${meetingId}`);
  await staff.getByRole('textbox', { name: '提前开始的理由' }).fill('专家时间所限，提前召开');
  await staff.getByRole('button', { name: '说明理由并开始会议' }).click();
  await expect(staff.getByRole('button', { name: '结束会议' })).toBeVisible();
  const projector = await openPage(browser, { ...PROJECTOR, storageState: await staff.context().storageState() });
  await projector.goto(`/console/meetings/${meetingId}/projector`);
  const opinions = projector.getByRole('region', { name: '专家书面意见' });
  await expect(opinions).toContainText('孙规划师：分龄活动区的建议');
  await shoot(projector, 'expert-projector');
  await expectNoSeriousA11yViolations(projector, 'expert projector');
  await projector.context().close();
});
