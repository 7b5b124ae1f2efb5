import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { ConsoleHeader } from '@/components/meeting/console/ConsoleHeader';
import { CommunityCodeEditor } from '@/components/planning/CommunityCodeEditor';
import { PlacesEditor } from '@/components/planning/PlacesEditor';
import { getI18n } from '@/lib/i18n/server';
import { mayPlanOwnCommunity } from '@/lib/planning/access';
import { planningOptions } from '@/lib/planning/plan-meeting';
import { sharedDb } from '@/lib/platform/db/shared';
import { publicOrigin } from '@/lib/platform/public-origin';
import { requireStaff } from '../staff';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('planning.places.title') };
}

/** /console/community: the board's code and the grids and compounds of the staff member's community. */
export default async function CommunityPlacesPage() {
  const staff = await requireStaff();
  const { t } = await getI18n();
  const communityId = staff.scope.communityId;
  const body = communityId && mayPlanOwnCommunity(staff)
    ? await (async () => {
      const options = await planningOptions(sharedDb(), staff, communityId);
      return (
        <>
          <h1 className="text-3xl font-bold text-ink">{t('planning.places.heading', { community: options.community.name })}</h1>
          <p className="mt-1 text-lg text-ink-muted">{t('planning.places.intro')}</p>
          <p className="mt-3 flex flex-wrap gap-x-6">
            <Link href="/console/community/roster" className="text-lg font-semibold text-civic-800 underline">{t('planning.roster.link')}</Link>
            <Link href="/console/community/experts" className="text-lg font-semibold text-civic-800 underline">{t('planning.experts.link')}</Link>
            <Link href="/console/community/topics" className="text-lg font-semibold text-civic-800 underline">{t('topicReview.link')}</Link>
            <Link href="/console/community/decisions" className="text-lg font-semibold text-civic-800 underline">{t('decisions.link')}</Link>
          </p>
          <CommunityCodeEditor communityId={communityId} code={options.community.code} origin={publicOrigin(process.env.YISHI_PUBLIC_URL, await headers())} />
          <PlacesEditor communityId={communityId} communityName={options.community.name} grids={options.grids} staff={options.staff} />
        </>
      );
    })()
    : <p role="alert" className="rounded-2xl border border-ink/15 bg-white p-6 text-lg">{t('planning.error.forbidden')}</p>;
  return (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff}>
        <Link href="/console" className="underline">{t('console.home.title')}</Link>
      </ConsoleHeader>
      <main className="mx-auto w-full max-w-3xl px-4 py-8">{body}</main>
    </div>
  );
}
