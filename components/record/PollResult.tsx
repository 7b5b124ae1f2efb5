'use client';

import { outcomeSentence } from '@/lib/voting/outcome';
import { kindLabel, optionLabel, ruleName } from '@/components/meeting/console/poll-labels';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatDateTime, formatList, formatNumber } from '@/lib/i18n/format';
import { pollBallotNotes } from '@/lib/record/ballot-notes';
import type { ReadablePoll } from '@/lib/record/readable';

const motionColour: Record<string, string> = { yes: 'bg-ok-600', no: 'bg-accent-700', abstain: 'bg-ink-muted' };

/**
 * One poll of the record: how it was put, the tally as small horizontal bars (people would rather look
 * than read), the outcome the server computed and, for a named poll, who voted how (names, or 成员 N
 * for the public).
 */
export function PollResult({ poll, itemTitle, headingLevel }: { poll: ReadablePoll; itemTitle: string | null; headingLevel: 3 | 4 }) {
  const t = useT();
  const locale = useLocale();
  const Heading = `h${headingLevel}` as const;
  const ballots = Math.max(poll.voted, 1);
  const winners = new Set(poll.outcome?.winners ?? []);
  const time = (iso: string) => formatDateTime(locale, iso, { timeStyle: 'short' });
  const num = (n: number) => formatNumber(locale, n);
  const quorum = poll.quorumAtOpen;
  return (
    <article className="break-inside-avoid rounded-xl border border-ink/15 p-4">
      <Heading className="text-lg font-bold text-ink">{poll.question}</Heading>
      <p className="text-sm text-ink-muted">
        {[
          itemTitle ? t('record.poll.item', { title: itemTitle }) : null,
          kindLabel(t, poll),
          t(poll.secret ? 'meeting.poll.secret' : 'meeting.poll.named'),
          ...('nonBinding' in poll && poll.nonBinding ? [t('meeting.walkIns.nonBinding')] : []),
          ruleName(t, poll.rule),
        ].filter(Boolean).join(' · ')}
      </p>
      <p className="text-sm text-ink-muted">
        {poll.openedAt && poll.closedAt ? t('record.poll.times', { opened: time(poll.openedAt), closed: time(poll.closedAt) }) : null}
        {quorum ? ` · ${t('record.poll.quorumAtOpen', { present: num(quorum.present), members: num(quorum.members), required: num(quorum.required) })}` : null}
      </p>
      {poll.overrideReason ? <p className="mt-1 text-sm">{t('meeting.poll.quorumOverride', { reason: poll.overrideReason })}</p> : null}

      <ul className="mt-3 space-y-2" aria-label={t('record.poll.tally', { count: num(poll.voted) })}>
        {poll.options.map((option) => {
          const count = poll.tally[option] ?? 0;
          const share = count / ballots;
          return (
            <li key={option}>
              <div className="flex items-baseline justify-between gap-4 text-base">
                <span className={winners.has(option) ? 'font-bold' : ''}>
                  {optionLabel(t, poll, option)}
                  {winners.has(option) && poll.kind !== 'motion' ? <span className="text-sm">{t('record.poll.winner')}</span> : null}
                </span>
                <span className="tabular-nums">
                  {t('console.poll.votes', { count: num(count) })}
                  <span className="ml-2 text-ink-muted">{formatNumber(locale, share, { style: 'percent', maximumFractionDigits: 0 })}</span>
                </span>
              </div>
              <div aria-hidden="true" className="mt-0.5 h-3 w-full overflow-hidden rounded-full border border-ink/30 bg-civic-50 [print-color-adjust:exact]">
                <div className={`h-full ${poll.kind === 'motion' ? motionColour[option] ?? 'bg-civic-700' : 'bg-civic-700'}`} style={{ width: `${share * 100}%` }} />
              </div>
            </li>
          );
        })}
      </ul>
      <p className="mt-1 text-sm text-ink-muted">
        {[t('console.poll.ballots', { count: num(poll.voted) }), ...pollBallotNotes(t, locale, poll)].join(locale === 'en' ? '; ' : '，')}
      </p>

      {poll.dropReason ? <p className="mt-2 text-base font-semibold text-ink">{t('meeting.poll.dropped', { reason: poll.dropReason })}</p> : null}
      {poll.outcome ? (
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className={`rounded-lg px-3 py-0.5 text-lg font-bold text-white [print-color-adjust:exact] ${poll.outcome.result === 'passed' ? 'bg-ok-600' : 'bg-accent-700'}`}>
            {t(poll.outcome.result === 'passed' ? 'meeting.poll.outcome.passed' : 'meeting.poll.outcome.failed')}
          </span>
          <span className="text-sm text-ink-muted">
            {poll.outcome.reason === 'tie' ? `${t('meeting.poll.outcome.tie')} · ` : null}
            {outcomeSentence(t, poll, poll.outcome)}
          </span>
        </p>
      ) : null}

      {poll.votes ? (
        <div className="mt-3">
          <p className="text-sm font-semibold">{t('record.poll.voters', { count: num(poll.votes.length) })}</p>
          {poll.votes.length ? (
            <ul className="mt-1 grid grid-cols-2 gap-x-4 text-sm sm:grid-cols-3">
              {poll.votes.map((v) => (
                <li key={v.name}>
                  {t('record.poll.voterChoices', { name: v.name, choices: formatList(locale, v.choices.map((c) => optionLabel(t, poll, c))) })}
                  {v.staffEntered ? <span className="text-ink-muted">{t('record.poll.staffMark')}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <p className="mt-3 text-sm text-ink-muted">{t('record.poll.secretNote')}</p>
      )}
    </article>
  );
}
