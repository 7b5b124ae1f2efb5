// 议题审核 in the console: the convener registers a grid worker's topic with its written submission, sees it
// in the review queue and accepts it as a 网格 topic (a missing grid is answered next to the field); a
// resident's board proposal shows its co-signers to staff; another topic is not accepted, with a reason,
// and a duplicate is merged; the register shows the outcomes; the accepted topic goes on a new meeting's
// agenda and then lists it; the proposal is referred to the body responsible.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO, PHONE, expectNoSeriousA11yViolations, openPage, shoot } from './support';

const LAPTOP_1280 = { viewport: { width: 1280, height: 800 } };
const LETTER = Buffer.from('%PDF-1.4\n% 南门路灯情况说明\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'utf8');

type StaffTopic = { id: string; title: string; status: string; level: string | null; type: string | null; reason: string | null; meetingIds: string[]; files: { fileName: string }[] };

async function staffLogin(page: Page): Promise<string> {
  const res = await page.context().request.post('/api/auth/login', { data: { username: DEMO.username, password: DEMO.password } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { user: { scope: { communityId: string } } }).user.scope.communityId;
}

async function topicsOf(request: APIRequestContext, communityId: string): Promise<StaffTopic[]> {
  const res = await request.get(`/api/communities/${communityId}/topics`);
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { topics: StaffTopic[] }).topics;
}

test('staff register, accept and reject topics, and put an accepted one on a new meeting’s agenda', async ({ browser }) => {
  const page = await openPage(browser, LAPTOP_1280);
  const communityId = await staffLogin(page);

  // A resident's proposal from the board (confirmed phone, demo code), so the queue has co-signers to show.
  const resident = (await browser.newContext()).request;
  const code = await resident.post('/api/residents/code', { data: { phone: '13912345678' } });
  expect(code.status(), await code.text()).toBe(200);
  const { demoCode } = (await code.json()) as { demoCode: string };
  expect((await resident.post('/api/residents/confirm', { data: { phone: '13912345678', code: demoCode } })).status()).toBe(200);
  const proposed = await resident.post(`/api/communities/${communityId}/topics`, {
    data: { title: '桂湖花园小区增设电动车充电桩', description: '小区电动车多，楼道飞线充电有火灾隐患，希望在车棚增设充电桩。', place: '桂湖花园小区车棚', declaration: { name: '周建国', building: '3栋', adult: true } },
  });
  expect(proposed.status(), await proposed.text()).toBe(200);

  // The grid's 网格长 is named on the community page: accepted grid topics go to them.
  await page.goto('/console/community');
  await page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '第一网格' }) }).getByLabel('网格长').first().selectOption({ label: '李记录' });
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toHaveText('已保存：第一网格的网格长');
  await page.getByRole('link', { name: '议题征集与审核' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '议题征集与审核' })).toBeVisible();

  // The co-signers are the staff's to see: name, building, masked phone.
  const proposal = page.getByRole('article', { name: '桂湖花园小区增设电动车充电桩' });
  await expect(proposal).toContainText('已有 1 人联名，还差 9 人');
  await expect(proposal).toContainText('网络平台征集');
  await proposal.getByText('查看联名居民（1 人）').click();
  await expect(proposal.getByRole('row', { name: /周建国/ })).toContainText('3栋');
  await expect(proposal.getByRole('row', { name: /周建国/ })).toContainText('139****5678');

  // 登记议题: a form sent without the path and title is answered next to those fields, in Chinese.
  const register = page.getByRole('region', { name: '登记议题' });
  await register.getByLabel('提出人（个人或单位）').fill('第一网格网格员 李红');
  await register.getByRole('button', { name: '登记议题' }).click();
  await expect(register.getByLabel('征集路径')).toHaveAccessibleDescription('征集路径：请选择');
  await expect(register.getByLabel('议题标题')).toHaveAccessibleDescription('议题标题：请填写');
  await expect(register.getByLabel('提出人（个人或单位）')).toHaveValue('第一网格网格员 李红');

  await register.getByLabel('征集路径').selectOption({ label: '网格员收集' });
  await register.getByLabel('议题标题').fill('桂湖花园小区南门路灯不亮');
  await register.getByLabel('议题内容').fill('南门三盏路灯坏了一个多月，老人晚上出入不便。');
  await register.getByLabel('涉及地点（可选）').fill('桂湖花园小区南门');
  await register.getByLabel('书面材料（可选）').setInputFiles({ name: '路灯情况说明.pdf', mimeType: 'application/pdf', buffer: LETTER });
  await register.getByRole('button', { name: '登记议题' }).click();
  await expect(register.getByRole('status')).toHaveText('已登记“桂湖花园小区南门路灯不亮”并上传书面材料，已进入待审核。');

  const lamp = page.getByRole('article', { name: '桂湖花园小区南门路灯不亮' });
  await expect(lamp).toContainText('网格员收集');
  await expect(lamp).toContainText('第一网格网格员 李红');
  const letter = lamp.getByRole('link', { name: /路灯情况说明\.pdf/ });
  const download = await page.context().request.get((await letter.getAttribute('href'))!);
  expect(download.status()).toBe(200);
  expect(Buffer.from(await download.body()).equals(LETTER)).toBe(true);

  // Another path's topic, registered through the API the form uses: this one is not accepted.
  const other = await page.context().request.post('/api/topics', {
    data: { communityId, intakePath: 'resident_unit', title: '请求社区出资修缮学校围墙', description: '学校围墙破损，请社区出资修缮。', place: '', submitter: '桂湖小学' },
  });
  expect(other.status(), await other.text()).toBe(200);
  await page.reload();

  await shoot(page, 'topic-review-queue-laptop', true);
  await expectNoSeriousA11yViolations(page, 'topic review queue');

  // 受理 as a 网格 topic: without the grid the answer is next to the grid field.
  const lampAgain = page.getByRole('article', { name: '桂湖花园小区南门路灯不亮' });
  await lampAgain.getByRole('button', { name: '受理', exact: true }).click();
  await lampAgain.getByRole('radio', { name: '网格协商' }).check();
  await lampAgain.getByLabel('协商类型').selectOption({ label: '协调型' });
  await lampAgain.getByRole('button', { name: '确认受理' }).click();
  await expect(lampAgain.getByLabel('网格或小区')).toHaveAccessibleDescription('网格或小区：请选择');
  await shoot(page, 'topic-review-accept-error-laptop');
  await lampAgain.getByLabel('网格或小区').selectOption({ label: '第一网格' });
  await lampAgain.getByRole('button', { name: '确认受理' }).click();
  const queue = page.getByRole('region', { name: /待审核的议题/ });
  await expect(queue.getByRole('status')).toHaveText('已受理“桂湖花园小区南门路灯不亮”：网格协商 · 协调型。新建会议时可以把它列入议程。');
  await expect(queue.getByRole('article', { name: '桂湖花园小区南门路灯不亮' })).toHaveCount(0);
  await expect(queue.getByRole('status')).toBeFocused();

  // 不予受理 needs a reason the proposer will read.
  const wall = queue.getByRole('article', { name: '请求社区出资修缮学校围墙' });
  await expect(wall).toContainText('驻区单位提交');
  await wall.getByRole('button', { name: '不予受理', exact: true }).click();
  await wall.getByRole('button', { name: '确认不予受理' }).click();
  const reason = wall.getByLabel('不予受理的理由（提出人会看到）');
  await expect(reason).toHaveAccessibleDescription('不予受理的理由（提出人会看到）：请填写');
  await reason.fill('学校围墙属教育部门维护范围，已建议学校向区教育局申请。');
  await wall.getByRole('button', { name: '确认不予受理' }).click();
  await expect(queue.getByRole('status')).toHaveText('“请求社区出资修缮学校围墙”不予受理，理由已在议题页面告知提出人。');
  await expect(queue.getByRole('article', { name: '请求社区出资修缮学校围墙' })).toHaveCount(0);

  // 合并: the same matter registered again by a council member goes into the accepted topic.
  const again = await page.context().request.post('/api/topics', {
    data: { communityId, intakePath: 'council_member', title: '南门路灯维修（议事会成员反映）', description: '', place: '', submitter: '议事会成员 张伟' },
  });
  expect(again.status(), await again.text()).toBe(200);
  await page.reload();
  const duplicate = page.getByRole('article', { name: '南门路灯维修（议事会成员反映）' });
  await duplicate.getByRole('button', { name: '合并', exact: true }).click();
  await duplicate.getByLabel('并入哪个议题').selectOption({ label: '桂湖花园小区南门路灯不亮（已受理）' });
  await duplicate.getByRole('button', { name: '确认合并' }).click();
  await expect(queue.getByRole('status')).toHaveText('已把“南门路灯维修（议事会成员反映）”并入“桂湖花园小区南门路灯不亮”。');

  // The register shows the outcomes, filtered by status and path.
  const ledger = page.getByRole('region', { name: '议题台账' });
  await ledger.getByLabel('按状态筛选').selectOption({ label: '已受理' });
  const accepted = ledger.getByRole('article', { name: '桂湖花园小区南门路灯不亮' });
  await expect(accepted).toContainText('网格协商（第一网格）· 协调型');
  await expect(accepted).toContainText('召集人李记录');
  await expect(accepted).toContainText('尚未列入会议');
  await expect(ledger.getByRole('article', { name: '请求社区出资修缮学校围墙' })).toHaveCount(0);
  await ledger.getByLabel('按状态筛选').selectOption({ label: '不予受理' });
  const rejected = ledger.getByRole('article', { name: '请求社区出资修缮学校围墙' });
  await expect(rejected).toContainText('学校围墙属教育部门维护范围');
  await expect(ledger.getByRole('article', { name: '桂湖花园小区南门路灯不亮' })).toHaveCount(0);
  await ledger.getByLabel('按状态筛选').selectOption({ label: '已合并' });
  await expect(ledger.getByRole('article', { name: '南门路灯维修（议事会成员反映）' })).toContainText('并入议题桂湖花园小区南门路灯不亮');
  await ledger.getByLabel('按状态筛选').selectOption({ label: '全部' });
  await ledger.getByLabel('按征集路径筛选').selectOption({ label: '网格员收集' });
  await expect(ledger.getByRole('article', { name: '桂湖花园小区南门路灯不亮' })).toBeVisible();
  await expect(ledger.getByRole('article', { name: '请求社区出资修缮学校围墙' })).toHaveCount(0);
  await ledger.getByLabel('按征集路径筛选').selectOption({ label: '全部' });
  await shoot(page, 'topic-review-register-laptop', true);
  await expectNoSeriousA11yViolations(page, 'topic register');

  const phone = await openPage(browser, PHONE);
  await staffLogin(phone);
  await phone.goto('/console/community/topics');
  await expect(phone.getByRole('article', { name: '桂湖花园小区增设电动车充电桩' })).toBeVisible();
  const onPhone = phone.getByRole('article', { name: '桂湖花园小区增设电动车充电桩' });
  await onPhone.getByRole('button', { name: '转交', exact: true }).click();
  await expect(onPhone.getByLabel('转交给（部门或单位）')).toBeVisible();
  await onPhone.scrollIntoViewIfNeeded();
  await shoot(phone, 'topic-review-refer-phone');
  await onPhone.getByRole('button', { name: '取消' }).click();
  await shoot(phone, 'topic-review-phone', true);
  await expectNoSeriousA11yViolations(phone, 'topic review on a phone');

  // 为此议题安排会议: the new-meeting form takes the topic as its first agenda item, with the level, place and
  // type its review gave and the convener it was routed to.
  await page.goto('/console/community/topics');
  await page.getByRole('region', { name: '议题台账' }).getByRole('article', { name: '桂湖花园小区南门路灯不亮' }).getByRole('link', { name: '为此议题安排会议' }).click();
  await expect(page).toHaveURL(/\/console\/meetings\/new\?topic=/);
  await page.getByLabel('协商形式').selectOption({ label: '民主恳谈' });
  await expect(page.getByRole('radio', { name: '网格协商' })).toBeChecked();
  await expect(page.getByLabel('所属网格或小区').locator('option:checked')).toHaveText('第一网格');
  await expect(page.getByLabel('协商类型')).toHaveValue('coordination');
  await expect(page.getByLabel('召集人').locator('option').first()).toHaveText('按层级默认（李记录）');
  await expect(page.getByLabel('会议名称')).toHaveValue('桂湖花园小区南门路灯不亮');
  const agendaTopics = page.getByRole('group', { name: '列入已受理的议题' });
  await expect(agendaTopics.getByRole('listitem')).toHaveText(/来自议题\s*桂湖花园小区南门路灯不亮/);
  await expect(page.getByLabel('选择已受理的议题').getByRole('option', { name: '桂湖花园小区南门路灯不亮' })).toHaveCount(0);
  await page.getByLabel('会议名称').fill('南门路灯维修协调会');
  await page.getByLabel('地点').fill('桂湖花园小区活动室');
  await page.getByLabel('开始时间').fill('2027-01-20T19:00');
  await page.getByLabel('预计结束时间').fill('2027-01-20T20:30');
  await page.getByLabel('其他议程（每行一项）').fill('物业说明维修计划');
  await shoot(page, 'topic-review-new-meeting-laptop', true);
  await page.getByRole('button', { name: '创建会议' }).click();
  await expect(page).toHaveURL(/\/console\/meetings\/[0-9a-f-]+$/);
  const meetingId = page.url().split('/').pop()!;

  const lampTopic = (await topicsOf(page.context().request, communityId)).find((x) => x.title === '桂湖花园小区南门路灯不亮')!;
  expect(lampTopic).toMatchObject({ status: 'accepted', level: 'grid', type: 'coordination', meetingIds: [meetingId] });
  expect(lampTopic.files.map((f) => f.fileName)).toEqual(['路灯情况说明.pdf']);
  const wallTopic = (await topicsOf(page.context().request, communityId)).find((x) => x.title === '请求社区出资修缮学校围墙')!;
  expect(wallTopic).toMatchObject({ status: 'rejected', reason: '学校围墙属教育部门维护范围，已建议学校向区教育局申请。', meetingIds: [] });

  await page.goto('/console/community/topics');
  const listed = page.getByRole('region', { name: '议题台账' }).getByRole('article', { name: '桂湖花园小区南门路灯不亮' });
  await expect(listed.getByRole('link', { name: '南门路灯维修协调会' })).toHaveAttribute('href', `/console/meetings/${meetingId}`);

  // 转交: the resident's proposal goes to the body responsible, with a reason.
  const charging = page.getByRole('article', { name: '桂湖花园小区增设电动车充电桩' });
  await charging.getByRole('button', { name: '转交', exact: true }).click();
  await charging.getByLabel('转交给（部门或单位）').fill('桂湖花园小区业主委员会');
  await charging.getByLabel('转交理由（提出人会看到）').fill('车棚属业主共有部分，增设充电桩须由业主大会决定。');
  await charging.getByRole('button', { name: '确认转交' }).click();
  await expect(page.getByRole('region', { name: /待审核的议题/ }).getByRole('status')).toHaveText('已把“桂湖花园小区增设电动车充电桩”转交给桂湖花园小区业主委员会。');
  await expect(page.getByRole('region', { name: '议题台账' }).getByRole('article', { name: '桂湖花园小区增设电动车充电桩' })).toContainText('转交给桂湖花园小区业主委员会');
});
