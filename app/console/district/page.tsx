import type { Metadata } from 'next';
import Link from 'next/link';
import { IndexPage } from '@/components/scoring/IndexPage';
import { ForbiddenPage } from '@/components/scoring/ForbiddenPage';
import { GradeBadge } from '@/components/scoring/GradeBadge';
import { GradeDistribution } from '@/components/scoring/GradeDistribution';
import { LiveRefresh } from '@/components/scoring/LiveRefresh';
import { Sparkline } from '@/components/scoring/Sparkline';
import { YearNav } from '@/components/scoring/YearNav';
import { formatPoints } from '@/components/scoring/scoring-text';
import { recentYears, yearFrom } from '@/components/scoring/years';
import { buttonClassName } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { ChipLink } from '@/components/ui/ChipLink';
import { canAssess } from '@/lib/assessment/permissions';
import { districtOverview } from '@/lib/assessment/scores';
import { formatNumber } from '@/lib/i18n/locale';
import { getI18n } from '@/lib/i18n/server';
import { sharedDb } from '@/lib/platform/db/shared';
import { requireStaff } from '../staff';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('scoring.district.title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DistrictOverviewPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const staff = await requireStaff();
  const { locale, t } = await getI18n();
  if (!canAssess(staff.role, 'overview.view')) {
    return <ForbiddenPage staff={staff} t={t} />;
  }
  const year = yearFrom(sp.year);
  const streetId = typeof sp.street === 'string' && sp.street ? sp.street : undefined;
  const overview = await districtOverview(sharedDb(), staff, year, streetId);
  const hrefFor = (params: { year?: number; street?: string | null }) => {
    const q = new URLSearchParams({ year: String(params.year ?? year) });
    const s = params.street === undefined ? streetId : params.street;
    if (s) q.set('street', s);
    return `/console/district?${q}`;
  };
  const csv = `/api/overview.csv?${new URLSearchParams({ year: String(year), locale, ...(streetId ? { streetId } : {}) })}`;
  // One scale for every sparkline, so the lines compare across rows.
  const trendMax = Math.max(1, ...overview.rows.flatMap((r) => r.trend.map((p) => p.total)));

  return (
    <IndexPage
      staff={staff}
      heading={t('scoring.district.title')}
      intro={t('scoring.district.intro', { year })}
      controls={<><YearNav years={recentYears()} current={year} hrefFor={(y) => hrefFor({ year: y })} t={t} /><LiveRefresh communityId={null} /></>}
    >

      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t('scoring.district.filter')} className="flex flex-wrap items-center gap-2">
          <ChipLink href={hrefFor({ street: null })} current={!streetId}>{t('scoring.district.allStreets')}</ChipLink>
          {overview.streets.map(({ id, name }) => (
            <ChipLink key={id} href={hrefFor({ street: id })} current={streetId === id}>{name}</ChipLink>
          ))}
        </nav>
        <a href={csv} download className={buttonClassName({ variant: 'secondary' })}>{t('scoring.district.csv')}</a>
      </div>

      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card title={t('scoring.district.ranking')}>
          {overview.rows.length === 0 ? (
            <p className="text-base text-ink-muted">{t('scoring.district.empty')}</p>
          ) : (
            <div>
              {/* Phones drop the street and the trend columns rather than scroll sideways. */}
              <table className="w-full border-collapse text-base" data-testid="ranking">
                <thead>
                  <tr className="border-b-2 border-ink text-left text-sm sm:text-base">
                    <th scope="col" className="py-2 pr-2 sm:pr-3 font-semibold">{t('scoring.district.rank')}</th>
                    <th scope="col" className="py-2 pr-2 sm:pr-3 font-semibold">{t('scoring.district.community')}</th>
                    <th scope="col" className="hidden py-2 pr-2 sm:pr-3 font-semibold sm:table-cell">{t('scoring.district.street')}</th>
                    <th scope="col" className="py-2 pr-2 sm:pr-3 text-right font-semibold">{t('scoring.district.total')}</th>
                    <th scope="col" className="py-2 pr-2 sm:pr-3 font-semibold">{t('scoring.district.grade')}</th>
                    <th scope="col" className="py-2 pr-2 sm:pr-3 text-right font-semibold">{t('scoring.district.warnings')}</th>
                    <th scope="col" className="hidden py-2 font-semibold sm:table-cell">{t('scoring.district.trend')}</th>
                  </tr>
                </thead>
                <tbody>
                  {overview.rows.map((r, i) => (
                    <tr key={r.communityId} className="border-b border-ink/10">
                      <td className="py-2 pr-2 sm:pr-3 tabular-nums">{i + 1}</td>
                      <th scope="row" className="whitespace-nowrap py-2 pr-2 sm:pr-3 text-left font-medium">
                        <Link href={`/console/index?${new URLSearchParams({ community: r.communityId, year: String(year) })}`} className="text-civic-800 underline">{r.name}</Link>
                      </th>
                      <td className="hidden py-2 pr-2 sm:pr-3 text-ink-muted sm:table-cell">{r.street}</td>
                      <td className="py-2 pr-2 sm:pr-3 text-right text-lg font-semibold tabular-nums">{formatPoints(locale, r.total)}</td>
                      <td className="whitespace-nowrap py-2 pr-2 sm:pr-3"><GradeBadge grade={r.grade} t={t} /></td>
                      <td className={`py-2 pr-2 sm:pr-3 text-right tabular-nums ${r.warnings > 0 ? 'font-semibold text-accent-700' : ''}`}>{formatNumber(locale, r.warnings)}</td>
                      <td className="hidden py-2 sm:table-cell"><Sparkline trend={r.trend} max={trendMax} t={t} locale={locale} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title={t('scoring.district.distribution')}>
          <p className="mb-4 text-base text-ink-muted">{t('scoring.district.communities', { count: overview.rows.length })}</p>
          <GradeDistribution distribution={overview.distribution} t={t} />
        </Card>
      </div>
    </IndexPage>
  );
}
