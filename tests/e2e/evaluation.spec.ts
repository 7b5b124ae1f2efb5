// A 民主评议: staff plan one in the console — the period, two units with their commitments, two stakeholders
// as evaluators — and open it; the personal links are shown once; two evaluators rate every unit on their
// phones (one leaves a unit unrated and is told, reloads and finds the draft kept); staff see the count
// only, close, read the result table and publish it; the record is signed and filed, and the community
// board shows the result table. Screenshots of every page at phone and laptop size; axe clean.
import { expect, test } from '@playwright/test';
import { signAndFile } from '../../scripts/demo-support';
import { DEMO, PHONE, expectNoSeriousA11yViolations, openPage, shoot, staffPage } from './support';

const TITLE = '2026 年下半年协商成果落实民主评议';
const UNITS = [
  { name: '桂湖花园物业服务中心', commitments: '11 月底前安装 3 号楼充电桩\n每月公示公共收益' },
  { name: '社区居委会', commitments: '完成楼道照明改造' },
];
const EVALUATORS = ['业主代表 陈女士', '商户代表 刘先生'];

test('staff plan and open an evaluation, two phones rate, staff close and publish, the board shows the table', async ({ browser }) => {
  test.setTimeout(180_000);
  const staff = await staffPage(browser, DEMO.username);
  const communityId: string = (await (await staff.context().request.post('/api/auth/login', { data: { username: DEMO.username, password: DEMO.password } })).json()).user.scope.communityId;
  const now = Date.now();
  const planned = await staff.context().request.post('/api/meetings', {
    data: {
      communityId, form: 'evaluation', level: 'community', type: 'supervision', title: TITLE, venue: '手机评议',
      scheduledAt: new Date(now).toISOString(), endsAt: new Date(now + 7 * 86_400_000).toISOString(),
    },
  });
  expect(planned.status(), await planned.text()).toBe(200);
  const meetingId: string = (await planned.json()).meetingId;

  let links: string[] = [];
  await test.step('staff plan the period, units and evaluators, and open it; the links are shown once', async () => {
    await staff.goto(`/console/meetings/${meetingId}`);
    await expect(staff.getByRole('heading', { name: '被评议单位及承诺事项' })).toBeVisible();
    await staff.getByLabel('起始日期').fill('2026-06-01');
    await staff.getByLabel('截止日期').fill('2026-11-30');
    for (const [i, u] of UNITS.entries()) {
      await staff.getByRole('button', { name: '添加单位' }).click();
      await staff.getByLabel('单位名称').nth(i).fill(u.name);
      await staff.getByLabel('承诺事项（每行一项）').nth(i).fill(u.commitments);
    }
    await staff.getByLabel('名册以外的利益相关方（每行一人）').fill(EVALUATORS.join('\n'));
    await staff.getByRole('button', { name: '保存' }).click();
    await expect(staff.getByText('共 2 名评议人')).toBeVisible();
    await shoot(staff, 'evaluation-staff-plan', true);
    await expectNoSeriousA11yViolations(staff, 'evaluation plan');
    await staff.getByLabel('通知期未满的理由').fill('测试：评议通知已在居民代表会议上告知');
    await staff.getByRole('button', { name: '开始评议' }).click();
    const region = staff.getByRole('region', { name: '个人评议链接' });
    await expect(region).toBeVisible();
    const codes = region.getByTestId('evaluation-link');
    await expect(codes).toHaveCount(2);
    links = await Promise.all((await codes.all()).map(async (c) => (await c.getAttribute('data-path'))!));
    for (const l of links) expect(l).toMatch(/^\/e\/[A-Za-z0-9_-]{43}$/);
    await expect(staff.getByRole('heading', { name: '已有 0 / 2 名评议人提交' })).toBeVisible();
    await shoot(staff, 'evaluation-staff-open', true);
  });

  const phoneA = await openPage(browser, PHONE);
  const phoneB = await openPage(browser, PHONE);
  await test.step('two evaluators rate every unit; a missing rating is named; the draft survives a reload', async () => {
    await phoneA.goto(links[0]!);
    await expect(phoneA.getByText(`${EVALUATORS[0]}，您好`)).toBeVisible();
    const unit1 = phoneA.getByRole('region', { name: `第 1 个，共 2 个：${UNITS[0]!.name}` });
    await expect(unit1).toContainText('11 月底前安装 3 号楼充电桩');
    await shoot(phoneA, 'evaluation-phone-open', true);
    await expectNoSeriousA11yViolations(phoneA, 'evaluation phone');
    await unit1.getByRole('group', { name: '完成情况' }).getByText('满意', { exact: true }).click();
    await unit1.getByRole('group', { name: '履职情况' }).getByText('基本满意', { exact: true }).click();
    await unit1.getByLabel('落实中的问题').fill('充电桩安装后部分车位被占用。');
    await phoneA.getByRole('button', { name: '提交评议' }).click();
    await expect(phoneA.getByRole('alert').filter({ hasText: '未评' })).toHaveText(`还有 1 项未评：${UNITS[1]!.name}`);
    await phoneA.reload();
    const again = phoneA.getByRole('region', { name: `第 1 个，共 2 个：${UNITS[0]!.name}` });
    await expect(again.getByRole('group', { name: '完成情况' }).getByRole('radio', { name: '满意', exact: true })).toBeChecked();
    await expect(again.getByLabel('落实中的问题')).toHaveValue('充电桩安装后部分车位被占用。');
    const unit2 = phoneA.getByRole('region', { name: `第 2 个，共 2 个：${UNITS[1]!.name}` });
    await unit2.getByRole('group', { name: '完成情况' }).getByText('不满意', { exact: true }).click();
    await unit2.getByRole('group', { name: '履职情况' }).getByText('满意', { exact: true }).click();
    await unit2.getByLabel('无法落实的客观原因').fill('照明改造需产权单位审批。');
    await shoot(phoneA, 'evaluation-phone-filled', true);
    await phoneA.getByRole('button', { name: '提交评议' }).click();
    await expect(phoneA.getByRole('status')).toHaveText('已提交，谢谢您的评议。');
    await phoneA.reload();
    await expect(phoneA.getByRole('status')).toHaveText('已提交，谢谢您的评议。');
    await expect(phoneA.getByRole('button', { name: '提交评议' })).toHaveCount(0);
    await shoot(phoneA, 'evaluation-phone-done', true);

    await phoneB.goto(links[1]!);
    for (const n of [1, 2]) {
      const u = phoneB.getByRole('region', { name: new RegExp(`^第 ${n} 个`) });
      await u.getByRole('group', { name: '完成情况' }).getByText('基本满意', { exact: true }).click();
      await u.getByRole('group', { name: '履职情况' }).getByText('满意', { exact: true }).click();
    }
    await phoneB.getByRole('button', { name: '提交评议' }).click();
    await expect(phoneB.getByRole('status')).toHaveText('已提交，谢谢您的评议。');

    const desk = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    await desk.goto(links[1]!);
    await expect(desk.getByRole('status')).toHaveText('已提交，谢谢您的评议。');
    await shoot(desk, 'evaluation-laptop-done', true);
    await desk.goto(`/e/${'A'.repeat(43)}`);
    await expect(desk.getByRole('alert').filter({ hasText: '链接' })).toHaveText('这个链接无效或已过期。');
    await desk.context().close();
  });

  await test.step('staff see the count only, close, read the result table and publish it', async () => {
    await staff.reload();
    await expect(staff.getByRole('heading', { name: '已有 2 / 2 名评议人提交' })).toBeVisible();
    await expect(staff.getByRole('region', { name: '评议结果表' })).toHaveCount(0);
    await staff.getByRole('button', { name: '结束评议' }).click();
    const results = staff.getByRole('region', { name: '评议结果表' });
    await expect(results).toBeVisible();
    const row = results.getByRole('row').filter({ hasText: UNITS[1]!.name });
    await expect(row).toContainText('0 / 1 / 1'); // 完成情况: 基本满意 1, 不满意 1
    await expect(row).toContainText('50%');
    await expect(results).toContainText('照明改造需产权单位审批。');
    await results.getByLabel('公示说明（可选）').fill('满意率低于 60% 的事项由责任单位限期整改。');
    await shoot(staff, 'evaluation-staff-results', true);
    await expectNoSeriousA11yViolations(staff, 'evaluation results');
    await results.getByRole('button', { name: '公示结果' }).click();
    await expect(staff.getByText('结果已公示，会议记录已生成。')).toBeVisible();
  });

  await test.step('the record is filed; the board and the record page show the result table', async () => {
    const recordId = await signAndFile(test.info().project.use.baseURL!, meetingId, () => {});
    const board = await openPage(browser, PHONE);
    await board.goto('/c/guihu');
    const card = board.getByRole('article', { name: TITLE });
    await expect(card).toBeVisible({ timeout: 30_000 });
    await expect(card).toContainText('民主评议结果：2 / 2 名评议人参加');
    // On a phone the table is one block per unit, its rates in sight.
    await expect(card.getByRole('listitem').filter({ hasText: UNITS[0]!.name })).toContainText('完成情况：满意率 100%（1 / 1 / 0）');
    await expect(card).toContainText('充电桩安装后部分车位被占用。');
    // The board is long (every publication): the card itself is what this test shows.
    await card.screenshot({ path: 'test-results/screenshots/evaluation-board-card.png' });
    await expectNoSeriousA11yViolations(board, 'evaluation board');

    const reader = await openPage(browser, { viewport: { width: 1280, height: 800 } });
    await reader.goto(`/v/${recordId}`);
    const section = reader.getByRole('region', { name: '民主评议', exact: true });
    await expect(section).toBeVisible({ timeout: 30_000 });
    await expect(section).toContainText('共邀请 2 名评议人，2 名提交评议');
    for (const name of EVALUATORS) await expect(reader.locator('body')).not.toContainText(name);
    await shoot(reader, 'evaluation-record', true);
    await expectNoSeriousA11yViolations(reader, 'evaluation record');
  });
});
