// The district admin edits the procedure templates: a lead time out of range is refused with the
// template and field named, a valid one is saved as the district's edition, and the convener's new
// meeting form then states the new lead time. Screenshots on a laptop and a phone; axe on the page.
import { expect, test } from '@playwright/test';
import { PHONE, expectNoSeriousA11yViolations, shoot, staffPage } from './support';

test('the district admin changes a hearing’s notice lead time; new meetings use it', async ({ browser }) => {
  const admin = await staffPage(browser, 'admin');
  await admin.goto('/console');
  await admin.getByRole('navigation', { name: '考核与指数' }).getByRole('link', { name: '规程模板' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: '协商形式规程模板' })).toBeVisible();
  await expect(admin.getByText(/平台默认模板/)).toBeVisible();

  const hearing = admin.locator('details[data-form="hearing"]');
  await hearing.locator('summary').click();
  const lead = hearing.getByLabel('公告提前天数');
  await expect(lead).toHaveValue('7');
  await expectNoSeriousA11yViolations(admin, 'templates editor');

  // Out of range: refused, the reason names the template and the field; nothing saved.
  await lead.fill('90');
  await admin.getByRole('button', { name: '保存为新版本' }).click();
  const errors = admin.getByTestId('templates-errors');
  await expect(errors).toContainText('决策听证 · 公告提前天数');
  await expect(errors).toContainText('template "hearing": noticeLeadDays');
  await expect(admin.getByRole('alert').filter({ hasText: '模板有' })).toContainText('模板有 1 处问题，未保存');
  await shoot(admin, 'templates-invalid-laptop', true);

  await lead.fill('10');
  await admin.getByRole('button', { name: '保存为新版本' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '已保存为版本 d1' })).toBeVisible();
  await expect(admin.getByText(/本区版本 d1/)).toBeVisible();
  await shoot(admin, 'templates-saved-laptop');

  // The convener's new-meeting form reads the district's edition.
  const convener = await staffPage(browser, 'facilitator');
  await convener.goto('/console/meetings/new');
  await convener.getByLabel('协商形式').selectOption({ label: '决策听证' });
  await expect(convener.getByText('须在会议开始前 10 天发布会议公告')).toBeVisible();
  // A convener may not open the editor.
  await convener.goto('/console/templates');
  await expect(convener.getByText('您的账号无权查看此页面。')).toBeVisible();

  const phone = await staffPage(browser, 'admin', PHONE);
  await phone.goto('/console/templates');
  await phone.locator('details[data-form="hearing"] summary').click();
  await expect(phone.locator('details[data-form="hearing"]').getByLabel('公告提前天数')).toHaveValue('10');
  await shoot(phone, 'templates-phone');
  await expectNoSeriousA11yViolations(phone, 'templates editor (phone)');

  // Back to the default lead time (a new edition), so the other specs' hearings keep their 7 days.
  const back = admin.locator('details[data-form="hearing"]');
  if ((await back.getAttribute('open')) === null) await back.locator('summary').click();
  await back.getByLabel('公告提前天数').fill('7');
  await admin.getByRole('button', { name: '保存为新版本' }).click();
  await expect(admin.getByRole('status').filter({ hasText: '已保存为版本 d2' })).toBeVisible();
});
