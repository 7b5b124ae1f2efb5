import type { Metadata } from 'next';
import { DecisionConsole } from '@/components/decisions/DecisionConsole';
import type { ConsoleDecision, RatingName } from '@/components/decisions/console-decision';
import { CommunitySubpage } from '@/components/planning/CommunitySubpage';
import { formatDateTime, TIME_ZONE } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import { mayPlanOwnCommunity } from '@/lib/planning/access';
import { sharedDb } from '@/lib/platform/db/shared';
import { communityTasks } from '@/lib/topics/implementation';
import { requireStaff } from '../../staff';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t('decisions.title') };
}

// The deadline is a day in Beijing time (the picker sends that day's 23:59:59+08:00); en-CA writes YYYY-MM-DD.
const dayOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/** /console/community/decisions: 决议落实, every decision of the community's filed records, newest first. */
export default async function DecisionsPage() {
  const staff = await requireStaff();
  const { t, locale } = await getI18n();
  const communityId = staff.scope.communityId;
  const rows = communityId && mayPlanOwnCommunity(staff) ? await (async () => {
    const tasks = await communityTasks(sharedDb(), staff, communityId);
    const when = (d: Date) => formatDateTime(locale, d, { dateStyle: 'medium', timeStyle: 'short' });
    const day = (d: Date) => formatDateTime(locale, d, { dateStyle: 'medium' });
    return tasks.map((x): ConsoleDecision => ({
      id: x.id, recordId: x.recordId, meeting: x.meeting ? { title: x.meeting.title, day: formatDateTime(locale, x.meeting.scheduledAt, { dateStyle: 'medium' }) } : null, title: x.title, owner: x.owner || null, status: x.status, reason: x.reason, overdue: x.overdue,
      deadline: x.deadline ? day(x.deadline) : null, deadlineDay: x.deadline ? dayOf(x.deadline) : null,
      doneAt: x.doneAt ? when(x.doneAt) : null,
      updates: x.updates.map((u) => ({
        id: u.id, at: when(u.at), by: u.by, status: u.status as ConsoleDecision['updates'][number]['status'], note: u.note,
        owner: u.owner, deadline: u.deadline ? day(u.deadline) : null, hasPhoto: u.hasPhoto,
      })),
      ratings: x.ratings,
      comments: x.comments.map((c) => ({ rating: c.rating as RatingName, comment: c.comment, at: when(c.createdAt) })),
    }));
  })() : null;

  return (
    <CommunitySubpage staff={staff} t={t} heading={t('decisions.title')} intro={t('decisions.intro')} body={rows ? <DecisionConsole decisions={rows} /> : null} />
  );
}
