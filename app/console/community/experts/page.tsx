import type { Metadata } from 'next';
import { CommunitySubpage } from '@/components/planning/CommunitySubpage';
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
    <CommunitySubpage
      staff={staff} t={t} heading={t('planning.experts.title')}
      intro={experts ? t('planning.experts.intro', { count: experts.filter((x) => !x.retiredAt).length }) : ''}
      body={experts && communityId ? <ExpertEditor communityId={communityId} experts={experts} /> : null}
    />
  );
}
