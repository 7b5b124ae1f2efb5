'use client';

import { outcomeSentence } from '@/lib/voting/outcome';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatNumber } from '@/lib/i18n/format';
import type { Poll } from '@/lib/meeting/state';
import { optionLabel } from './poll-labels';

/**
 * Horizontal bars, one per option, as a share of the ballots cast. Display only: whether the poll
 * passed comes from poll.outcome, which the server computed.
 */
export function TallyBars({ poll, size = 'normal' }: { poll: Poll; size?: 'normal' | 'huge' }) {
  const t = useT();
  const locale = useLocale();
  if (!poll.tally) return null;
  const ballots = Math.max(poll.voted, 1);
  // Many options still have to fit on one projector screen.
  const huge = size === 'huge' && poll.options.length <= 4;
  const big = size === 'huge';
  const winners = new Set(poll.outcome?.winners ?? []);
  return (
    <ul className={huge ? 'space-y-4' : 'space-y-2'} aria-label={t('console.poll.tally')}>
      {poll.options.map((option) => {
        const count = poll.tally?.[option] ?? 0;
        const share = count / ballots;
        const label = optionLabel(t, poll, option);
        return (
          <li key={option}>
            <div className={`flex items-baseline justify-between gap-4 ${huge ? 'text-4xl font-bold' : big ? 'text-3xl font-bold' : 'text-base'}`}>
              <span className={winners.has(option) ? 'font-bold' : ''}>
                {label}
                {winners.has(option) ? <span className="sr-only"> ({t('console.poll.winner')})</span> : null}
              </span>
              <span className="tabular-nums">
                {t('console.poll.votes', { count })}
                <span className={`ml-3 text-ink-muted ${big ? 'text-3xl' : ''}`}>{formatNumber(locale, share, { style: 'percent', maximumFractionDigits: 0 })}</span>
              </span>
            </div>
            <div aria-hidden="true" className={`mt-1 w-full overflow-hidden rounded-full border border-ink/30 bg-civic-50 ${huge ? 'h-10' : big ? 'h-6' : 'h-4'}`}>
              <div className={`h-full ${poll.kind === 'motion' ? motionColour[option] ?? 'bg-civic-700' : 'bg-civic-700'} transition-[width] duration-500`} style={{ width: `${share * 100}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

const motionColour: Record<string, string> = { yes: 'bg-ok-600', no: 'bg-accent-700', abstain: 'bg-ink-muted' };

/** 通过 / 未通过 with the server's numbers; nothing when the outcome is not visible to this viewer. */
export function OutcomeLine({ poll, size = 'normal' }: { poll: Poll; size?: 'normal' | 'huge' }) {
  const t = useT();
  const o = poll.outcome;
  if (!o) return null;
  const huge = size === 'huge';
  const passed = o.result === 'passed';
  return (
    <div className={huge ? 'flex flex-col items-start gap-4' : 'flex flex-wrap items-center gap-x-3 gap-y-1'}>
      <span className={`break-keep rounded-2xl font-bold text-white ${passed ? 'bg-ok-600' : 'bg-accent-700'} ${huge ? 'px-10 py-3 text-[7rem] leading-none' : 'px-3 py-0.5 text-xl'}`}>
        {t(passed ? 'meeting.poll.outcome.passed' : 'meeting.poll.outcome.failed')}
      </span>
      <span className={huge ? 'text-3xl leading-snug' : 'text-base text-ink-muted'}>
        {o.reason === 'tie' ? `${t('meeting.poll.outcome.tie')} · ` : null}
        {outcomeSentence(t, poll, o)}
        {poll.kind !== 'motion' && o.winners.length > 0
          ? ` · ${t('console.poll.winners', { list: o.winners.map((w) => optionLabel(t, poll, w)).join('、') })}`
          : null}
      </span>
    </div>
  );
}
