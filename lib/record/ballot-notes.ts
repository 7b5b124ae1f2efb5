import { formatList, type Locale, type Translate } from '../i18n/format';
import type { ReadablePoll, ReadableRecord } from './readable';

/**
 * The words the record page and the PDF both use for ballots that did not come from a member's own
 * phone, and for 代签到, so the two never disagree: "工作人员代录 2 票", "其中纸质票 3 张（计票人：张三、李四）".
 */
export function pollBallotNotes(t: Translate, locale: Locale, poll: ReadablePoll): string[] {
  const notes: string[] = [];
  const staff = poll.votes?.filter((v) => v.staffEntered).length ?? 0;
  if (staff > 0) notes.push(t('record.poll.staffEntered', { count: staff }));
  if (poll.paper && poll.paper.ballots > 0) {
    // Tellers may be residents: the public copy says how many counted, staff see who.
    notes.push(poll.paper.tellers
      ? t('record.poll.paper', { count: poll.paper.ballots, tellers: formatList(locale, poll.paper.tellers) })
      : t('record.poll.paperTellersWithheld', { count: poll.paper.ballots, tellers: poll.paper.tellerCount }));
  }
  return notes;
}

/** "其中代签到 N 人", or null when everyone checked in themself. */
export function proxyCheckInNote(t: Translate, record: Pick<ReadableRecord, 'attendance'>): string | null {
  const n = record.attendance.filter((a) => a.checkedInBy).length;
  return n > 0 ? t('record.attendance.proxyCount', { count: n }) : null;
}

/** One line per withdrawn 代签到; the reason only where it is disclosed. */
export function undoneCheckInLines(t: Translate, when: (iso: string) => string, record: Pick<ReadableRecord, 'undoneCheckIns'>): string[] {
  return record.undoneCheckIns.map((u) =>
    t('record.attendance.undone', { name: u.name, by: u.by, at: when(u.at), reason: u.reason ?? t('record.attendance.reasonWithheld') }));
}
