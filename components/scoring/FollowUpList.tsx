import Link from 'next/link';
import type { Translate } from '@/lib/i18n/locale';

export type OpenDecision = {
  recordId: string; taskId: string | null; question: string; meetingTitle: string; closedOn: string; overdue: boolean;
};

/**
 * Decisions of filed records nobody has followed up yet, overdue first. Follow-up happens in 决议落实
 * (owner, deadline, progress, photos, which residents see on the board), so each decision links there;
 * the index counts its first progress update.
 */
export function FollowUpList({ decisions, t }: { decisions: OpenDecision[]; t: Translate }) {
  return (
    <div>
      <p className="text-base text-ink-muted">{t(decisions.length === 0 ? 'scoring.followUp.none' : 'scoring.followUp.intro')}</p>
      {decisions.length > 0 ? (
        <ul className="mt-3 space-y-2">
          {decisions.map((d) => (
            <li key={`${d.recordId}:${d.question}`} className="rounded-lg border border-ink/15 bg-white p-3">
              <p className="text-base font-medium text-ink">
                <Link href={`/console/community/decisions${d.taskId ? `#decision-${d.taskId}` : ''}`} className="text-civic-800 underline">
                  {t('scoring.followUp.decision', { question: d.question })}
                </Link>
                {d.overdue ? <span className="ml-2 rounded bg-accent-700 px-1.5 text-sm font-semibold text-white">{t('scoring.followUp.overdue')}</span> : null}
              </p>
              <p className="text-sm text-ink-muted">
                <Link href={`/v/${d.recordId}`} className="text-civic-800 underline">{t('scoring.followUp.meeting', { title: d.meetingTitle, date: d.closedOn })}</Link>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-3">
        <Link href="/console/community/decisions" className="text-base font-semibold text-civic-800 underline">{t('scoring.followUp.open')}</Link>
      </p>
    </div>
  );
}
