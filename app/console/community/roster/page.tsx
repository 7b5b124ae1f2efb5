import type { Metadata } from 'next';
import Link from 'next/link';
import { ConsoleHeader } from '@/components/meeting/console/ConsoleHeader';
import { RosterEditor } from '@/components/planning/RosterEditor';
import { getI18n } from '@/lib/i18n/server';
import { mayPlanOwnCommunity } from '@/lib/planning/access';
import { listRoster } from '@/lib/planning/roster';
import { sharedDb } from '@/lib/platform/db/shared';
import { requireStaff } from '../../staff';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('planning.roster.title') };
}

/** /console/community/roster: the community's roster (居民名册) with participant categories. */
export default async function RosterPage() {
  const staff = await requireStaff();
  const { t } = await getI18n();
  const communityId = staff.scope.communityId;
  const members = communityId && mayPlanOwnCommunity(staff) ? await listRoster(sharedDb(), staff, communityId) : null;
  return (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff}>
        <Link href="/console" className="underline">{t('console.home.title')}</Link>
        <span aria-hidden="true"> › </span>
        <Link href="/console/community" className="underline">{t('planning.places.title')}</Link>
      </ConsoleHeader>
      <main className="mx-auto w-full max-w-5xl px-4 py-8">
        {members && communityId ? (
          <>
            <h1 className="text-3xl font-bold text-ink">{t('planning.roster.title')}</h1>
            <p className="mt-1 text-lg text-ink-muted">{t('planning.roster.intro', { count: members.filter((m) => !m.retiredAt).length })}</p>
            <RosterEditor communityId={communityId} members={members} />
          </>
        ) : <p role="alert" className="rounded-2xl border border-ink/15 bg-white p-6 text-lg">{t('planning.error.forbidden')}</p>}
      </main>
    </div>
  );
}
