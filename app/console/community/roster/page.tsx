import type { Metadata } from 'next';
import { CommunitySubpage } from '@/components/planning/CommunitySubpage';
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
    <CommunitySubpage
      staff={staff} t={t} heading={t('planning.roster.title')}
      intro={members ? t('planning.roster.intro', { count: members.filter((m) => !m.retiredAt).length }) : ''}
      body={members && communityId ? <RosterEditor communityId={communityId} members={members} /> : null}
    />
  );
}
