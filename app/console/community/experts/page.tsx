import type { Metadata } from 'next';
import Link from 'next/link';
import { ConsoleHeader } from '@/components/meeting/console/ConsoleHeader';
import { ExpertEditor } from '@/components/planning/ExpertEditor';
import { getI18n } from '@/lib/i18n/server';
import { mayPlanOwnCommunity } from '@/lib/planning/access';
import { listExperts } from '@/lib/planning/experts';
import { sharedDb } from '@/lib/platform/db/shared';
import { requireStaff } from '../../staff';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('planning.experts.title') };
}

/** /console/community/experts: the community's expert pool (咨询专家库), invited to 专家咨询 meetings. */
export default async function ExpertsPage() {
  const staff = await requireStaff();
  const { t } = await getI18n();
  const communityId = staff.scope.communityId;
  const experts = communityId && mayPlanOwnCommunity(staff) ? await listExperts(sharedDb(), staff, communityId) : null;
  return (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff}>
        <Link href="/console" className="underline">{t('console.home.title')}</Link>
        <span aria-hidden="true"> › </span>
        <Link href="/console/community" className="underline">{t('planning.places.title')}</Link>
      </ConsoleHeader>
      <main className="mx-auto w-full max-w-5xl px-4 py-8">
        {experts && communityId ? (
          <>
            <h1 className="text-3xl font-bold text-ink">{t('planning.experts.title')}</h1>
            <p className="mt-1 text-lg text-ink-muted">{t('planning.experts.intro', { count: experts.filter((x) => !x.retiredAt).length })}</p>
            <ExpertEditor communityId={communityId} experts={experts} />
          </>
        ) : <p role="alert" className="rounded-2xl border border-ink/15 bg-white p-6 text-lg">{t('planning.error.forbidden')}</p>}
      </main>
    </div>
  );
}
