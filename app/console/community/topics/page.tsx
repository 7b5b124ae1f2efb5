import type { Metadata } from 'next';
import { CommunitySubpage } from '@/components/planning/CommunitySubpage';
import type { ConsoleTopic } from '@/components/topics/console-topic';
import { RegisterTopicForm } from '@/components/topics/RegisterTopicForm';
import { TopicRegister } from '@/components/topics/TopicRegister';
import { TopicReviewQueue } from '@/components/topics/TopicReviewQueue';
import { formatDateTime } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import { listMeetingsFor } from '@/lib/meeting/queries';
import { mayPlanOwnCommunity } from '@/lib/planning/access';
import { planningOptions } from '@/lib/planning/plan-meeting';
import { sharedDb } from '@/lib/platform/db/shared';
import { registeredPaths } from '@/lib/topics/model';
import { staffTopics } from '@/lib/topics/queries';
import { requireStaff } from '../../staff';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('topicReview.title') };
}

/** /console/community/topics: the review queue (议题审核), registering another path's topic, and the register. */
export default async function TopicsPage() {
  const staff = await requireStaff();
  const { t, locale } = await getI18n();
  const communityId = staff.scope.communityId;
  const allowed = communityId && mayPlanOwnCommunity(staff);
  const data = allowed ? await (async () => {
    const db = sharedDb();
    const [topics, options, meetings] = await Promise.all([staffTopics(db, staff, communityId), planningOptions(db, staff, communityId), listMeetingsFor(db, staff)]);
    const places = new Map<string, string>([[options.community.id, options.community.name]]);
    for (const g of options.grids) {
      places.set(g.id, g.name);
      for (const c of g.compounds) places.set(c.id, `${g.name} · ${c.name}`);
    }
    const titles = new Map(topics.map((x) => [x.id, x.title]));
    const meetingTitles = new Map(meetings.map((m) => [m.id, m.title]));
    const when = (d: Date) => formatDateTime(locale, d, { dateStyle: 'medium', timeStyle: 'short' });
    const rows: ConsoleTopic[] = topics.map((x) => ({
      id: x.id, title: x.title, description: x.description, place: x.place, intakePath: x.intakePath, status: x.status,
      submitter: x.submitter, proposal: x.proposal, created: when(x.createdAt), reviewed: x.reviewedAt ? when(x.reviewedAt) : null,
      level: x.level, type: x.type, placeName: x.placeId ? places.get(x.placeId) ?? null : null,
      convener: options.staff.find((p) => p.id === x.convenerId)?.displayName ?? null,
      mergedInto: x.mergedIntoId ? { id: x.mergedIntoId, title: titles.get(x.mergedIntoId) ?? '' } : null,
      referredTo: x.referredTo, reason: x.reason, coSign: x.coSign,
      coSigners: x.coSigners.map((c) => ({ name: c.name, building: c.building, phoneMasked: c.phoneMasked, time: when(c.createdAt) })),
      files: x.files,
      meetings: x.meetingIds.flatMap((id) => (meetingTitles.has(id) ? [{ id, title: meetingTitles.get(id)! }] : [])),
      escalation: x.escalation ? { from: x.escalation.from, to: x.escalation.to, reason: x.escalation.reason, by: x.escalation.by, time: when(x.escalation.at) } : null,
    }));
    return { communityId, rows, grids: options.grids.map((g) => ({ id: g.id, name: g.name, compounds: g.compounds.map((c) => ({ id: c.id, name: c.name })) })) };
  })() : null;

  return (
    <CommunitySubpage
      staff={staff} t={t} heading={t('topicReview.title')} intro={t('topicReview.intro')}
      body={data ? (
        <>
          <TopicReviewQueue topics={data.rows} grids={data.grids} />
          <RegisterTopicForm communityId={data.communityId} paths={registeredPaths} />
          <TopicRegister topics={data.rows.filter((x) => x.status !== 'submitted')} />
          <section aria-labelledby="ledger-title" className="mt-10 rounded-2xl border border-ink/15 bg-white p-5">
            <h2 id="ledger-title" className="text-2xl font-semibold">{t('topicReview.ledger.title')}</h2>
            <p className="mt-1 text-base text-ink-muted">{t('topicReview.ledger.intro')}</p>
            <p className="mt-3 flex flex-wrap gap-4 text-lg">
              <a href={`/api/communities/${encodeURIComponent(data.communityId)}/ledger?format=xlsx&locale=${locale}`} className="font-semibold text-civic-800 underline">{t('topicReview.ledger.xlsx')}</a>
              <a href={`/api/communities/${encodeURIComponent(data.communityId)}/ledger?format=csv&locale=${locale}`} className="font-semibold text-civic-800 underline">{t('topicReview.ledger.csv')}</a>
            </p>
          </section>
        </>
      ) : null}
    />
  );
}
