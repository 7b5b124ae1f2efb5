import type { Metadata } from 'next';
import { IndexPage } from '@/components/scoring/IndexPage';
import { ForbiddenPage } from '@/components/scoring/ForbiddenPage';
import { CatalogueEditor } from '@/components/scoring/CatalogueEditor';
import { CatalogueView } from '@/components/scoring/CatalogueView';
import { YearNav } from '@/components/scoring/YearNav';
import { inLocale } from '@/components/scoring/scoring-text';
import { recentYears, yearFrom } from '@/components/scoring/years';
import { Card } from '@/components/ui/Card';
import { canAssess } from '@/lib/assessment/permissions';
import { catalogueFor } from '@/lib/assessment/scores';
import { formatDateTime } from '@/lib/i18n/locale';
import { getI18n } from '@/lib/i18n/server';
import { sharedDb } from '@/lib/platform/db/shared';
import { TIER_POINTS } from '@/lib/scoring/catalogue';
import { requireStaff } from '../staff';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('scoring.catalogue.title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** District staff read the year's catalogue; the district admin also edits a copy into a new edition. */
export default async function CataloguePage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const staff = await requireStaff();
  const { locale, t } = await getI18n();
  if (!canAssess(staff.role, 'overview.view')) {
    return <ForbiddenPage staff={staff} t={t} />;
  }
  const year = yearFrom(sp.year);
  const { catalogue, edition } = await catalogueFor(sharedDb(), staff.scope.districtId, year);
  const categories = catalogue.categories.length;
  const elements = catalogue.elements.length;
  const indicators = catalogue.indicators.length;

  return (
    <IndexPage
      staff={staff}
      wide={false}
      heading={t('scoring.catalogue.title')}
      intro={t('scoring.catalogue.intro', { year })}
      controls={<YearNav years={recentYears()} current={year} hrefFor={(y) => `/console/catalogue?year=${y}`} t={t} />}
    >
      <Card title={inLocale(catalogue.title, locale)}>
        <p className="mb-1 text-base text-ink-muted">
          {edition
            ? `${t('scoring.catalogue.version', { version: edition.version })} · ${formatDateTime(locale, edition.createdAt)}`
            : t('scoring.catalogue.default', { version: catalogue.version })}
        </p>
        <p className="mb-4 text-base text-ink-muted">{t('scoring.catalogue.summary', { categories, elements, indicators })}</p>
        <CatalogueEditor year={year} catalogue={catalogue} tierPoints={TIER_POINTS} canEdit={canAssess(staff.role, 'catalogue.edit')}>
          <CatalogueView catalogue={catalogue} tierPoints={TIER_POINTS} t={t} locale={locale} />
        </CatalogueEditor>
      </Card>
    </IndexPage>
  );
}
