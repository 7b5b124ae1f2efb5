'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Countdown } from '@/components/ui/Countdown';
import { formatDuration } from '@/components/ui/format';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import { StageSteps, turnEndsAt } from '@/components/meeting/hearing/StageSteps';
import {
  admittedSpeakers, currentTurn, HEARING_LIMITS, hearingRoles, hearingStages, hearingStakes, nextRepresentative, stakeBalance,
  type Hearing, type HearingRegistration, type HearingRole, type HearingStake,
} from '@/lib/meeting/procedure/hearing/model';
import { EMPTY_HEARING } from '@/lib/meeting/procedure/hearing/reduce';
import type { MeetingState } from '@/lib/meeting/state';
import type { RunCommand } from './useCommandRunner';

const small = '!min-h-8 !px-2 !py-0 text-sm';

/**
 * Running a hearing from the console: the proposing party and the time per turn; the applications
 * (admit, reject with a reason, register someone without a phone) with the balance of the sides; the
 * order of proceedings, giving the floor only to whom the stage allows (the representatives in their
 * alternating order); the transcript with each speaker's confirmation and corrections; the result.
 */
export function HearingPanel({ state, run, clockOffset }: { state: MeetingState; run: RunCommand; clockOffset: number }) {
  const t = useT();
  const h = state.hearing ?? EMPTY_HEARING;
  const live = state.status === 'live';
  const open = state.status !== 'closed' && state.status !== 'cancelled';
  return (
    <Card title={t('meeting.hearing.title')} className="!p-4">
      {open ? <Setup key={`${h.proposer}|${h.turnSeconds}`} h={h} run={run} /> : null}
      <Registrations h={h} run={run} open={open} />
      <Proceedings h={h} run={run} live={live} clockOffset={clockOffset} />
      <Transcript h={h} />
      {live || h.result ? <Result key={h.result?.at ?? ''} h={h} run={run} live={live} /> : null}
    </Card>
  );
}

function Setup({ h, run }: { h: Hearing; run: RunCommand }) {
  const t = useT();
  const [proposer, setProposer] = useState(h.proposer);
  const [minutes, setMinutes] = useState(Math.round(h.turnSeconds / 60));
  return (
    <details className="rounded-lg border border-ink/15 p-2" open={!h.proposer}>
      <summary className="cursor-pointer text-base font-semibold">{t('console.hearing.setup')}</summary>
      <form className="mt-2 flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); void run('hearing.configure', { proposer, turnSeconds: minutes * 60 }); }}>
        <label className="min-w-0 flex-1 text-sm font-semibold">{t('console.hearing.proposer')}
          <input value={proposer} required maxLength={100} onChange={(e) => setProposer(e.target.value)} className={inputClass} />
        </label>
        <label className="text-sm font-semibold">{t('console.hearing.turnMinutes')}
          <input type="number" min={1} max={HEARING_LIMITS.maxTurnSec / 60} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} className={`${inputClass} !w-20`} />
        </label>
        <Button type="submit" className={small}>{t('console.os.saveSetup')}</Button>
      </form>
    </details>
  );
}

function Registrations({ h, run, open }: { h: Hearing; run: RunCommand; open: boolean }) {
  const t = useT();
  const [rejecting, setRejecting] = useState<string | null>(null);
  const balance = stakeBalance(h);
  const pending = h.registrations.filter((r) => r.status === 'pending');
  const admitted = h.registrations.filter((r) => r.status === 'admitted');
  async function reject(e: FormEvent<HTMLFormElement>, id: string) {
    e.preventDefault();
    const r = await run('hearing.reject', { id, reason: String(new FormData(e.currentTarget).get('reason') ?? '') });
    if (r.ok) setRejecting(null);
  }
  async function register(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const d = new FormData(form);
    const r = await run('hearing.register', {
      name: String(d.get('name') ?? ''), role: d.get('role') as HearingRole, stake: d.get('stake') as HearingStake, summary: String(d.get('summary') ?? ''),
    });
    if (r.ok) form.reset();
  }
  return (
    <Section title={t('console.hearing.registrations', { count: admitted.length })}>
      {/* Balance the sides before the hearing: the representatives speak alternately, support first. */}
      <p className="text-sm font-semibold tabular-nums">{t('meeting.hearing.balance', balance)}</p>
      {pending.length ? (
        <ul className="mt-1 space-y-1" aria-label={t('console.hearing.pending', { count: pending.length })}>
          {pending.map((r) => (
            <RegistrationRow key={r.id} r={r}>
              <Button className={small} disabled={!open} aria-label={t('console.hearing.admitFor', { name: r.name })} onClick={() => void run('hearing.admit', { id: r.id })}>{t('console.hearing.admit')}</Button>
              <Button variant="ghost" className={small} disabled={!open} aria-label={t('console.hearing.rejectFor', { name: r.name })} onClick={() => setRejecting(r.id)}>{t('console.hearing.reject')}</Button>
              {rejecting === r.id ? (
                <form className="flex basis-full gap-1" onSubmit={(e) => void reject(e, r.id)}>
                  <input name="reason" required maxLength={HEARING_LIMITS.reasonMax} aria-label={t('console.hearing.reason')} placeholder={t('console.hearing.reason')} className={`${inputClass} !mt-0`} />
                  <Button type="submit" className={small}>{t('console.hearing.reject')}</Button>
                </form>
              ) : null}
            </RegistrationRow>
          ))}
        </ul>
      ) : null}
      {admitted.length ? (
        <ul className="mt-1 space-y-1" aria-label={t('console.hearing.admitted')}>
          {admitted.map((r) => <RegistrationRow key={r.id} r={r} />)}
        </ul>
      ) : <p className="text-sm text-ink-muted">{t('console.hearing.none')}</p>}
      {open ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-sm font-semibold">{t('console.hearing.registerFor')}</summary>
          <form onSubmit={(e) => void register(e)} className="mt-1 grid gap-2 sm:grid-cols-2">
            <label className="text-sm font-semibold">{t('console.os.hostName')}<input name="name" required maxLength={HEARING_LIMITS.nameMax} className={inputClass} /></label>
            <label className="text-sm font-semibold">{t('console.hearing.role')}
              <select name="role" className={inputClass}>{hearingRoles.map((x) => <option key={x} value={x}>{t(`meeting.hearing.role.${x}`)}</option>)}</select>
            </label>
            <label className="text-sm font-semibold">{t('console.hearing.stake')}
              <select name="stake" className={inputClass}>{hearingStakes.map((x) => <option key={x} value={x}>{t(`meeting.hearing.stake.${x}`)}</option>)}</select>
            </label>
            <label className="text-sm font-semibold">{t('console.hearing.summary')}<input name="summary" maxLength={HEARING_LIMITS.summaryMax} className={inputClass} /></label>
            <Button type="submit" className={small}>{t('console.os.add')}</Button>
          </form>
        </details>
      ) : null}
    </Section>
  );
}

function RegistrationRow({ r, children }: { r: HearingRegistration; children?: ReactNode }) {
  const t = useT();
  return (
    <li className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md border border-ink/15 px-2 py-1 text-sm">
      <span className="font-semibold">{r.name}</span>
      {r.role ? <span>{t(`meeting.hearing.role.${r.role}`)}</span> : null}
      {r.stake ? <span className="rounded-full border px-1.5">{t(`meeting.hearing.stake.${r.stake}`)}</span> : null}
      {r.summary ? <span className="basis-full break-words text-ink-muted">{r.summary}</span> : null}
      {children ? <span className="ml-auto flex flex-wrap gap-1">{children}</span> : null}
    </li>
  );
}

/** The stage and who may have the floor in it; the running turn with its time. */
function Proceedings({ h, run, live, clockOffset }: { h: Hearing; run: RunCommand; live: boolean; clockOffset: number }) {
  const t = useT();
  const at = h.stage === null ? -1 : hearingStages.indexOf(h.stage);
  const next = hearingStages[at + 1];
  const back = at > 0 ? hearingStages[at - 1] : undefined;
  const turn = currentTurn(h);
  const stage = h.stage;
  const give = (registrationId: string | null, label: string) => (
    <Button key={registrationId ?? 'host'} variant="secondary" className={small} disabled={!live || !!turn || !stage}
      onClick={() => stage && void run('hearing.turnStart', { registrationId, stage })}>{label}</Button>
  );
  const spokeInFinal = new Set(h.turns.filter((x) => x.stage === 'final').map((x) => x.registrationId));
  const rep = nextRepresentative(h);
  let candidates: ReactNode = null;
  if (stage === 'discipline' || stage === 'summary') candidates = give(null, t('console.hearing.hostSpeaks'));
  else if (stage === 'explanation') candidates = give(null, t('console.hearing.giveFloor', { name: h.proposer || t('meeting.hearing.role.proposer') }));
  else if (stage === 'representatives') {
    candidates = rep ? (
      <>
        {give(rep.id, t('console.hearing.giveFloor', { name: `${rep.name}（${t(`meeting.hearing.stake.${rep.stake ?? 'other'}`)}）` }))}
        <Button variant="ghost" className={small} disabled={!live || !!turn} onClick={() => void run('hearing.skip', { registrationId: rep.id })}>{t('console.hearing.skip', { name: rep.name })}</Button>
      </>
    ) : <span className="text-sm text-ink-muted">{t('console.hearing.allSpoke')}</span>;
  } else if (stage === 'questioning' || stage === 'final') {
    const people = admittedSpeakers(h).filter((r) => stage !== 'final' || !spokeInFinal.has(r.id));
    candidates = (
      <>
        {stage !== 'final' || !spokeInFinal.has(null) ? give(null, t('console.hearing.giveFloor', { name: h.proposer || t('meeting.hearing.role.proposer') })) : null}
        {people.map((r) => give(r.id, `${t('console.hearing.giveFloor', { name: r.name })}${h.floorRequests.includes(r.id) ? t('console.hearing.handRaised') : ''}`))}
      </>
    );
  }
  return (
    <Section title={t('console.hearing.proceedings')}>
      <div className="flex flex-wrap items-center gap-2">
        <StageSteps stage={h.stage} />
        <span className="ml-auto flex gap-1">
          {back ? <Button variant="ghost" className={small} disabled={!live || !!turn} onClick={() => void run('hearing.stage', { stage: back })}>{t('console.os.back', { phase: t(`meeting.hearing.stage.${back}`) })}</Button> : null}
          {next ? <Button className={small} disabled={!live || !!turn} onClick={() => void run('hearing.stage', { stage: next })}>{t('console.os.next', { phase: t(`meeting.hearing.stage.${next}`) })}</Button> : null}
        </span>
      </div>
      {turn ? (
        <div className="mt-2 flex flex-wrap items-center gap-3 rounded-lg border-2 border-civic-800 bg-civic-50 p-2" role="status">
          <span className="text-lg font-bold">{turn.speaker}</span>
          <span>{t(`meeting.hearing.role.${turn.role}`)}{turn.stake ? ` · ${t(`meeting.hearing.stake.${turn.stake}`)}` : ''}</span>
          <Countdown endsAt={turnEndsAt(turn)} clockOffsetMs={clockOffset} className="ml-auto" />
          <Button className={small} disabled={!live} onClick={() => void run('hearing.turnEnd', {})}>{t('console.hearing.endTurn')}</Button>
        </div>
      ) : <div className="mt-2 flex flex-wrap gap-1">{candidates}</div>}
    </Section>
  );
}

function Transcript({ h }: { h: Hearing }) {
  const t = useT();
  if (!h.turns.length) return null;
  return (
    <Section title={t('meeting.hearing.transcript')}>
      <ol className="space-y-1 text-sm">
        {h.turns.map((x) => (
          <li key={x.id} className="rounded-md bg-civic-50 px-2 py-1">
            <span className="font-semibold">{t(`meeting.hearing.stage.${x.stage}`)} · {x.speaker}</span>
            <span className="ml-2 text-ink-muted">{t(`meeting.hearing.role.${x.role}`)}{x.stake ? ` · ${t(`meeting.hearing.stake.${x.stake}`)}` : ''}</span>
            {x.durationSec !== null ? <span className="ml-2 tabular-nums">{t('meeting.hearing.duration', { duration: formatDuration(x.durationSec) })}</span> : null}
            {x.confirmedAt ? <span className="ml-2 font-semibold text-green-800">{t('meeting.hearing.confirmed')}</span> : null}
            {x.corrections.map((c) => <p key={c.at} className="break-words text-accent-800">{t('meeting.hearing.correction', { text: c.text })}</p>)}
          </li>
        ))}
      </ol>
    </Section>
  );
}

function Result({ h, run, live }: { h: Hearing; run: RunCommand; live: boolean }) {
  const t = useT();
  const [decision, setDecision] = useState(h.result?.decision ?? '');
  const [reasons, setReasons] = useState(h.result?.reasons ?? '');
  return (
    <Section title={t('meeting.hearing.result')}>
      <form className="space-y-1" onSubmit={(e) => { e.preventDefault(); void run('hearing.result', { decision, reasons }); }}>
        <label className="block text-sm font-semibold">{t('console.hearing.decision')}
          <input value={decision} required maxLength={HEARING_LIMITS.decisionMax} disabled={!live} onChange={(e) => setDecision(e.target.value)} className={inputClass} />
        </label>
        <label className="block text-sm font-semibold">{t('console.hearing.reasonsLabel')}
          <textarea value={reasons} required maxLength={HEARING_LIMITS.reasonsMax} rows={2} disabled={!live} onChange={(e) => setReasons(e.target.value)} className={inputClass} />
        </label>
        {live ? <Button type="submit" className={small}>{t('console.hearing.saveResult')}</Button> : null}
      </form>
    </Section>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-3 first:mt-0">
      <h3 className="text-base font-semibold">{title}</h3>
      <div className="mt-1">{children}</div>
    </section>
  );
}
