/**
 * When an addressee who has not answered is due a reminder (催办), shown to staff; the sending itself is
 * the topics issue's sender. Due: the consultation takes answers, and either a day has passed since it
 * was sent (or since the last reminder), or the deadline is less than a day away and they have not been
 * reminded since it came that close.
 */
export const REMIND_AFTER_MS = 86_400_000;

export function reminderDue(now: Date, c: { sentAt: Date; deadline: Date; answering: boolean }, a: { answered: boolean; remindedAt: Date | null }): boolean {
  if (!c.answering || a.answered || now >= c.deadline) return false;
  const last = a.remindedAt ?? c.sentAt;
  if (now.getTime() - last.getTime() >= REMIND_AFTER_MS) return true;
  const closeFrom = c.deadline.getTime() - REMIND_AFTER_MS;
  return now.getTime() >= closeFrom && (a.remindedAt === null || a.remindedAt.getTime() < closeFrom);
}
