'use client';

import { Countdown } from '@/components/ui/Countdown';
import { useT } from '@/components/ui/I18nProvider';
import { StageSteps, turnEndsAt } from '@/components/meeting/hearing/StageSteps';
import { currentTurn, nextRepresentative, stakeBalance, type Hearing } from '@/lib/meeting/procedure/hearing/model';

/**
 * The hearing on the hall screen: where the order of proceedings stands, who has the floor (their role,
 * their side, their time), who speaks next, the sides' balance; the result once recorded.
 */
export function HearingBoard({ h, clockOffset }: { h: Hearing; clockOffset: number }) {
  const t = useT();
  const turn = currentTurn(h);
  const next = h.stage === 'representatives' ? nextRepresentative(h) : null;
  return (
    <section aria-labelledby="proj-hearing" className="flex min-h-0 flex-1 flex-col gap-6">
      <h2 id="proj-hearing" className="sr-only">{t('meeting.hearing.title')}</h2>
      <StageSteps stage={h.stage} size="huge" />
      {turn ? (
        <div className="flex items-center gap-16">
          <div className="min-w-0">
            <p className="text-4xl font-semibold text-ink-muted">{t('meeting.hearing.speaking')}</p>
            <p className="mt-2 text-[6rem] font-bold leading-none">{turn.speaker}</p>
            <p className="mt-4 text-4xl">{t(`meeting.hearing.role.${turn.role}`)}{turn.stake ? ` · ${t(`meeting.hearing.stake.${turn.stake}`)}` : ''}</p>
          </div>
          <Countdown endsAt={turnEndsAt(turn)} clockOffsetMs={clockOffset} className="ml-auto [&>span:first-child]:text-[11rem] [&>span:nth-child(2)]:text-5xl" />
        </div>
      ) : h.result ? (
        <div>
          <p className="text-4xl font-semibold text-ink-muted">{t('meeting.hearing.result')}</p>
          <p className="mt-2 text-6xl font-bold leading-tight">{h.result.decision}</p>
          <p className="mt-4 text-3xl">{t('meeting.hearing.reasons', { text: h.result.reasons })}</p>
        </div>
      ) : h.stage === null ? <p className="text-5xl font-semibold text-ink-muted">{t('meeting.hearing.notOpened')}</p> : null}
      {next && !turn ? <p className="text-5xl font-bold text-civic-800">{t('meeting.hearing.next', { name: next.name })}</p> : null}
      <p className="mt-auto text-3xl tabular-nums text-ink-muted">{t('meeting.hearing.balance', stakeBalance(h))}</p>
    </section>
  );
}
