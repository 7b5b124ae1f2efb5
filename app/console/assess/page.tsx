import type { Metadata } from 'next';
import { ConsoleHeader } from '@/components/meeting/console/ConsoleHeader';
import { ForbiddenPage } from '@/components/scoring/ForbiddenPage';
import { LiveRefresh } from '@/components/scoring/LiveRefresh';
import { ReviewQueue, type QueueItem } from '@/components/scoring/ReviewQueue';
import { inLocale } from '@/components/scoring/scoring-text';
import { reviewQueue } from '@/lib/assessment/evidence';
import { canAssess } from '@/lib/assessment/permissions';
import { catalogueFor } from '@/lib/assessment/scores';
import { formatDateTime } from '@/lib/i18n/locale';
import { getI18n } from '@/lib/i18n/server';
import { sharedDb } from '@/lib/platform/db/shared';
import type { Catalogue } from '@/lib/scoring/catalogue';
import { requireStaff } from '../staff';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('scoring.assess.title') };
}

export default async function AssessPage() {
  const staff = await requireStaff();
  const { locale, t } = await getI18n();
  if (!canAssess(staff.role, 'evidence.review')) {
    return <ForbiddenPage staff={staff} t={t} />;
  }
  // The same reads as GET /api/evidence/queue, plus each upload's indicator from its year's catalogue.
  const db = sharedDb();
  const uploads = await reviewQueue(db, staff);
  const catalogues = await Promise.all([...new Set(uploads.map((u) => u.year))].map(async (y) => [y, (await catalogueFor(db, staff.scope.districtId, y)).catalogue] as const));
  const catalogueOf = new Map<number, Catalogue>(catalogues);
  const items: QueueItem[] = uploads.map((u) => {
    const ind = catalogueOf.get(u.year)?.indicators.find((i) => i.id === u.indicatorId);
    const method = ind?.method.kind === 'assessed' ? ind.method : null;
    return {
      id: u.id, title: u.title, fileName: u.fileName, sizeKb: Math.max(1, Math.round(u.size / 1024)),
      uploadedOn: formatDateTime(locale, u.createdAt), communityName: u.communityName,
      indicatorName: ind ? inLocale(ind.text, locale) : u.indicatorId,
      evidence: method ? inLocale(method.evidence, locale) : '',
      partial: method?.partial ?? false,
    };
  });

  return (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff} />
      <main className="mx-auto w-full max-w-5xl px-4 py-8">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h1 className="text-3xl font-bold text-ink">{t('scoring.assess.title')}</h1>
          <LiveRefresh communityId={null} />
        </div>
        <p className="mt-1 mb-4 text-lg text-ink-muted">{t('scoring.assess.intro')}</p>
        <ReviewQueue items={items} />
      </main>
    </div>
  );
}
