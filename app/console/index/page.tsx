import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { CategoryBars } from '@/components/scoring/CategoryBars';
import { EvidenceList } from '@/components/scoring/EvidenceList';
import { IndexPage } from '@/components/scoring/IndexPage';
import { FollowUpList, type OpenDecision } from '@/components/scoring/FollowUpList';
import { IndicatorTable } from '@/components/scoring/IndicatorTable';
import { LiveRefresh } from '@/components/scoring/LiveRefresh';
import { ScoreSummary } from '@/components/scoring/ScoreSummary';
import { UploadForm } from '@/components/scoring/UploadForm';
import { WarningList } from '@/components/scoring/WarningList';
import { YearNav } from '@/components/scoring/YearNav';
import { catalogueNames, formatPoints, inLocale } from '@/components/scoring/scoring-text';
import { recentYears, yearFrom } from '@/components/scoring/years';
import { Card } from '@/components/ui/Card';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { decisionsAwaitingFollowUp } from '@/lib/assessment/follow-ups';
import { canAssess } from '@/lib/assessment/permissions';
import { communityEvidence, communityScore } from '@/lib/assessment/scores';
import type { StaffIdentity } from '@/lib/auth/staff-session';
import { formatDateTime } from '@/lib/i18n/locale';
import { getI18n } from '@/lib/i18n/server';
import type { Db } from '@/lib/platform/db/client';
import { sharedDb } from '@/lib/platform/db/shared';
import { AppError } from '@/lib/platform/errors';
import { assessedIndicators, tiers } from '@/lib/scoring/catalogue';
import { citableTitles } from '@/lib/topics/queries';
import { requireStaff } from '../staff';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('scoring.dashboard.title') };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The same reads as GET /api/scores/:id and …/evidence, so the page and the API authorise alike. */
async function load(db: Db, staff: StaffIdentity, communityId: string, year: number) {
  try {
    const [score, evidence] = await Promise.all([communityScore(db, staff, communityId, year), communityEvidence(db, staff, communityId, year)]);
    return { score, evidence };
  } catch (err) {
    if (err instanceof AppError && (err.code === 'FORBIDDEN' || err.code === 'NOT_FOUND')) notFound();
    throw err;
  }
}

export default async function IndexDashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const staff = await requireStaff();
  const { locale, t } = await getI18n();
  // Community staff always see their own community; district staff name one (from the overview).
  const communityId = staff.scope.communityId ?? (typeof sp.community === 'string' ? sp.community : null);
  if (!communityId) {
    if (canAssess(staff.role, 'overview.view')) redirect('/console/district');
    notFound();
  }
  const year = yearFrom(sp.year);
  const db = sharedDb();
  const { score, evidence } = await load(db, staff, communityId, year);
  const { catalogue, card, community, edition } = score;
  const cited = await citableTitles(db, communityId);
  const nameOf = catalogueNames(catalogue, locale);

  const canUpload = canAssess(staff.role, 'evidence.upload');
  const canFollowUp = canAssess(staff.role, 'followUp.record');
  const overdue = new Set(card.warnings.filter((w) => w.kind === 'follow_up_overdue').map((w) => `${w.recordId}:${String(w.params.pollId)}`));
  const decisions: OpenDecision[] = canFollowUp
    ? (await decisionsAwaitingFollowUp(db, staff, communityId))
        .map((d) => ({
          recordId: d.recordId, taskId: d.taskId, question: d.question, meetingTitle: d.meetingTitle,
          closedOn: formatDateTime(locale, d.closedAt, { dateStyle: 'medium' }), overdue: overdue.has(`${d.recordId}:${d.pollId}`),
        }))
        .sort((a, b) => Number(b.overdue) - Number(a.overdue))
    : [];
  const assessed = assessedIndicators(catalogue).map((i) => ({ id: i.id, name: inLocale(i.text, locale), evidence: inLocale(i.method.evidence, locale) }));
  const hrefFor = (y: number) => `/console/index?${new URLSearchParams({ ...(staff.scope.communityId ? {} : { community: communityId }), year: String(y) })}`;

  return (
    <IndexPage
      staff={staff}
      heading={t('scoring.dashboard.heading', { community: community.name })}
      intro={[
        community.street,
        edition ? t('scoring.dashboard.edition', { version: edition.version }) : t('scoring.dashboard.defaultEdition'),
        t('scoring.dashboard.asOf', { date: formatDateTime(locale, card.asOf, { dateStyle: 'medium', timeStyle: 'short' }) }),
      ].join(' · ')}
      controls={<><YearNav years={recentYears()} current={year} hrefFor={hrefFor} t={t} /><LiveRefresh communityId={communityId} /></>}
    >
      {/* Laptop: the total on the left, categories and warnings stacked on the right; a projector
          has room for all three side by side (the wrapper dissolves into the grid there). */}
      <div className="grid items-start gap-6 lg:grid-cols-2 2xl:grid-cols-[minmax(0,4fr)_minmax(0,5fr)_minmax(0,5fr)]">
        <Card title={t('scoring.total.title')}>
          <ScoreSummary total={card.total} points={card.points} grade={card.grade} grades={catalogue.grades} t={t} locale={locale} />
          <h3 className="mt-5 mb-2 text-lg font-semibold text-ink">{t('scoring.tiers.title')}</h3>
          <div className="space-y-2">
            {tiers.map((tier) => (
              <ProgressBar
                key={tier}
                value={card.tiers[tier].earned}
                max={card.tiers[tier].points}
                label={t(`scoring.tier.${tier}`)}
                valueText={t('scoring.points', { earned: formatPoints(locale, card.tiers[tier].earned), points: formatPoints(locale, card.tiers[tier].points) })}
              />
            ))}
          </div>
        </Card>
        <div className="space-y-6 2xl:contents">
          <Card title={t('scoring.categories.title')}>
            <CategoryBars
              bars={catalogue.categories.map((c) => ({ id: c.id, name: inLocale(c.name, locale), ...(card.categories[c.id] ?? { earned: 0, points: 0 }) }))}
              t={t}
              locale={locale}
            />
          </Card>
          <Card title={t('scoring.warnings.title')}>
            <WarningList warnings={card.warnings} nameOf={nameOf} t={t} locale={locale} followUpAnchor={canFollowUp} />
          </Card>
        </div>
      </div>

      {canUpload || canFollowUp ? (
        <div className="grid gap-6 lg:grid-cols-2">
          {canUpload ? (
            <Card title={t('scoring.upload.title')} id="upload">
              <UploadForm communityId={communityId} year={year} indicators={assessed} />
            </Card>
          ) : null}
          {canFollowUp ? (
            <Card title={t('scoring.followUp.title')} id="follow-ups">
              <FollowUpList decisions={decisions} t={t} />
            </Card>
          ) : null}
        </div>
      ) : null}

      <Card title={t('scoring.evidence.title')}>
        <EvidenceList evidence={evidence} nameOf={nameOf} t={t} locale={locale} />
      </Card>

      <Card title={t('scoring.indicators.title')}>
        <p className="mb-4 text-base text-ink-muted">{t('scoring.indicators.intro')}</p>
        <IndicatorTable
          catalogue={catalogue}
          card={card}
          records={new Map(evidence.records.map((r) => [r.recordId, r.title]))}
          uploads={new Map(evidence.uploads.map((u) => [u.id, u.title]))}
          topics={cited.topics}
          decisions={cited.decisions}
          nameOf={nameOf}
          t={t}
          locale={locale}
        />
      </Card>
    </IndexPage>
  );
}
