import { shanghaiDay } from '../scoring/period';
import type { MeetingState } from './state';

/** The notice lead-time rule, free of server code so the console shows the same verdict the server gives. */
export type NoticeLead = { requiredDays: number; announcedDaysAgo: number | null; met: boolean };

/**
 * Whether a meeting may start at `now`: its first notice must have been published `requiredDays`
 * calendar days earlier (Shanghai dates, as the index's notice rule counts them: "7 days ahead" means
 * 7 dates earlier, whatever the hour). A form with no lead time may start unannounced.
 */
export function noticeLead(requiredDays: number, announcedAt: Date | null, now: Date): NoticeLead {
  const announcedDaysAgo = announcedAt === null ? null : shanghaiDay(now.getTime()) - shanghaiDay(announcedAt.getTime());
  const met = requiredDays === 0 || (announcedDaysAgo !== null && announcedDaysAgo >= requiredDays);
  return { requiredDays, announcedDaysAgo, met };
}

/** When the meeting was first announced (a revision or cancellation does not restart the clock). */
export function firstNoticeAt(s: MeetingState): Date | null {
  const first = s.notices.find((n) => n.kind === 'notice');
  return first ? new Date(first.publishedAt) : null;
}
