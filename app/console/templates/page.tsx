import type { Metadata } from 'next';
import { IndexPage } from '@/components/scoring/IndexPage';
import { ForbiddenPage } from '@/components/scoring/ForbiddenPage';
import { TemplatesEditor } from '@/components/planning/TemplatesEditor';
import { Card } from '@/components/ui/Card';
import { canAssess } from '@/lib/assessment/permissions';
import { formatDateTime } from '@/lib/i18n/locale';
import { getI18n } from '@/lib/i18n/server';
import { currentTemplates } from '@/lib/planning/template-editions';
import { sharedDb } from '@/lib/platform/db/shared';
import { requireStaff } from '../staff';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('templates.title') };
}

/** District staff read the district's procedure templates; the district admin saves an edited copy as a new edition. */
export default async function TemplatesPage() {
  const staff = await requireStaff();
  const { locale, t } = await getI18n();
  const canEdit = canAssess(staff.role, 'templates.edit');
  if (!canEdit && !canAssess(staff.role, 'overview.view')) return <ForbiddenPage staff={staff} t={t} />;
  const { templates, edition } = await currentTemplates(sharedDb(), staff.scope.districtId);
  return (
    <IndexPage staff={staff} wide={false} heading={t('templates.title')} intro={t('templates.intro')} controls={null}>
      <Card title={edition ? t('templates.version', { version: edition.version, time: formatDateTime(locale, edition.createdAt) }) : t('templates.default', { version: templates.version })}>
        {/* Not keyed by the edition: after a save the editor stays open on what was saved, with its message. */}
        <TemplatesEditor templates={templates} canEdit={canEdit} />
      </Card>
    </IndexPage>
  );
}
