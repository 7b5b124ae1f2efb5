import { t } from '../i18n/locale';
import type { Db } from '../platform/db/client';
import { ratingCounts } from './implementation';

/** The half year a 民主评议 looks back on (the standard holds it twice a year). */
const PERIOD_DAYS = 183;

/**
 * The material of a 民主评议 meeting: the community's decisions of the half year before it, each with how
 * its implementation stands and how residents rated it, as one agenda item (in the meeting's language,
 * Chinese, like the rest of its record). Null when the period has no decision.
 */
export async function evaluationMaterial(db: Db, communityId: string, meetingAt: Date): Promise<{ title: string; notes: string } | null> {
  const since = new Date(meetingAt.getTime() - PERIOD_DAYS * 86_400_000);
  const tasks = await db.decisionTask.findMany({
    where: { communityId, createdAt: { gte: since, lte: meetingAt } }, orderBy: { createdAt: 'asc' }, take: 40,
    select: { title: true, status: true, ratings: { select: { rating: true } } },
  });
  if (tasks.length === 0) return null;
  const locale = 'zh-CN';
  const lines = tasks.map((x) => {
    const r = ratingCounts(x.ratings);
    return t(locale, 'topicReview.evaluation.line', {
      title: x.title, status: t(locale, `topic.task.${x.status as 'done'}`),
      satisfied: r.satisfied, basically: r.basically_satisfied, dissatisfied: r.dissatisfied,
    });
  });
  // An agenda item's notes hold 2000 characters: the list is cut at a whole line.
  let notes = '';
  for (const line of lines) {
    if (notes.length + line.length + 1 > 1900) break;
    notes += `${line}\n`;
  }
  return { title: t(locale, 'topicReview.evaluation.title', { count: tasks.length }), notes: notes.trimEnd() };
}
