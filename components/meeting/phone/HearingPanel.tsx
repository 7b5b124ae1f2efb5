'use client';

import { useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { Countdown } from '@/components/ui/Countdown';
import { formatDuration } from '@/components/ui/format';
import { useT } from '@/components/ui/I18nProvider';
import { StageSteps, turnEndsAt } from '@/components/meeting/hearing/StageSteps';
import type { MessageKey } from '@/lib/i18n/format';
import {
  currentTurn, HEARING_LIMITS, hearingRoles, hearingStakes, nextRepresentative, type Hearing, type HearingRole, type HearingStake, type SeatHearing,
} from '@/lib/meeting/procedure/hearing/model';
import type { MeetingState } from '@/lib/meeting/state';
import type { MeetingConnection } from '../useMeeting';
import { errorMessageKey } from './error-message';

type Send = MeetingConnection['send'];
const field = 'block w-full rounded-xl border-2 border-ink/30 p-3 text-xl leading-snug focus:border-civic-800 focus:outline-none';

/**
 * 决策听证 on the phone: apply to speak or sit in (with one's stake and a summary) and follow the
 * application; follow the order of proceedings and who has the floor; raise a hand in the questions;
 * confirm one's own statements in the transcript (听证笔录) or ask for a correction; read the result.
 */
export default function HearingPanel({ state, h, own, member, clockOffset, send }: {
  state: MeetingState;
  h: Hearing;
  /** this seat's application as the server tells it (`meeting:me` / `meeting:mine`) */
  own: SeatHearing | undefined;
  member: boolean;
  clockOffset: number;
  send: Send;
}) {
  const t = useT();
  const [error, setError] = useState<MessageKey | null>(null);
  const inFlight = useRef(false);
  async function act(f: () => ReturnType<Send>): Promise<boolean> {
    if (inFlight.current) return false;
    inFlight.current = true;
    setError(null);
    const r = await f();
    inFlight.current = false;
    if (!r.ok) setError(errorMessageKey(r.error));
    return r.ok;
  }
  const mine = own?.registration ?? null;
  const turn = currentTurn(h);
  const next = h.stage === 'representatives' && !turn ? nextRepresentative(h) : null;
  const open = state.status === 'announced' || state.status === 'live';
  const myTurns = mine ? h.turns.filter((x) => x.registrationId === mine.id && x.endedAt) : [];
  const speaker = mine?.status === 'admitted' && (mine.role === 'statement' || mine.role === 'representative');

  return (
    <div className="space-y-4">
      <StageSteps stage={h.stage} />
      {turn ? (
        <div role="status" className="rounded-xl border-2 border-civic-800 bg-civic-50 p-3">
          <p className="text-lg text-ink-muted">{t('meeting.hearing.speaking')}</p>
          <p className="text-2xl font-bold text-ink">{turn.speaker}</p>
          <p className="text-lg">{t(`meeting.hearing.role.${turn.role}`)}{turn.stake ? ` · ${t(`meeting.hearing.stake.${turn.stake}`)}` : ''}</p>
          <Countdown endsAt={turnEndsAt(turn)} clockOffsetMs={clockOffset} className="text-2xl" />
        </div>
      ) : h.stage === null ? <p className="text-xl text-ink-muted">{t('meeting.hearing.notOpened')}</p> : null}
      {next ? <p className="text-lg text-ink">{t('meeting.hearing.next', { name: next.name })}</p> : null}
      {error ? <p role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-3 text-lg font-semibold text-accent-900">{t(error)}</p> : null}

      {member && !mine && open ? <Apply act={act} send={send} /> : null}
      {mine ? (
        <div className="rounded-xl bg-civic-50 p-3">
          <h3 className="text-lg font-semibold text-ink-muted">{t('phone.hearing.mine')}</h3>
          <p className="text-xl font-bold text-ink">
            {mine.role ? t(`meeting.hearing.role.${mine.role}`) : ''}{mine.stake ? ` · ${t(`meeting.hearing.stake.${mine.stake}`)}` : ''}
          </p>
          <p className="text-lg font-semibold text-civic-900">{t(`meeting.hearing.status.${mine.status}`)}</p>
          {mine.reason ? <p className="break-words text-lg text-ink">{t('meeting.hearing.reasons', { text: mine.reason })}</p> : null}
          {open && (mine.status === 'pending' || mine.status === 'admitted') && !myTurns.length ? (
            <Button variant="ghost" className="mt-2" onClick={() => void act(() => send('hearing.withdraw', {}))}>{t('phone.hearing.withdraw')}</Button>
          ) : null}
        </div>
      ) : null}

      {speaker && h.stage === 'questioning' && state.status === 'live' ? (
        <Button size="large" variant={h.floorRequests.includes(mine.id) ? 'primary' : 'secondary'} className="w-full text-2xl" aria-pressed={h.floorRequests.includes(mine.id)}
          onClick={() => void act(() => send('hearing.requestFloor', { raised: !h.floorRequests.includes(mine.id) }))}>
          {h.floorRequests.includes(mine.id) ? t('phone.hearing.handRaised') : t('phone.hearing.raiseHand')}
        </Button>
      ) : null}

      {myTurns.length ? (
        <div className="space-y-3">
          <h3 className="text-lg font-semibold text-ink-muted">{t('phone.hearing.myStatements')}</h3>
          {myTurns.map((x) => <MyTurn key={x.id} turn={x} act={act} send={send} closed={state.status === 'closed'} />)}
        </div>
      ) : null}

      {h.result ? (
        <div className="rounded-xl border-2 border-civic-800 p-3">
          <h3 className="text-lg font-semibold text-ink-muted">{t('meeting.hearing.result')}</h3>
          <p className="break-words text-xl font-bold text-ink">{h.result.decision}</p>
          <p className="break-words text-lg text-ink">{t('meeting.hearing.reasons', { text: h.result.reasons })}</p>
        </div>
      ) : null}
    </div>
  );
}

type Act = (f: () => ReturnType<Send>) => Promise<boolean>;

function Apply({ act, send }: { act: Act; send: Send }) {
  const t = useT();
  const [role, setRole] = useState<HearingRole>('representative');
  const [stake, setStake] = useState<HearingStake>('support');
  const [summary, setSummary] = useState('');
  const radio = 'flex min-h-12 items-center gap-3 rounded-xl border-2 border-ink/20 px-3 text-xl has-[:checked]:border-civic-800 has-[:checked]:bg-civic-50';
  return (
    <form className="space-y-3" onSubmit={(e) => { e.preventDefault(); void act(() => send('hearing.apply', { role, stake, summary: summary.trim() })); }}>
      <fieldset className="space-y-2">
        <legend className="text-xl font-semibold text-ink">{t('phone.hearing.applyAs')}</legend>
        {hearingRoles.map((x) => (
          <label key={x} className={radio}><input type="radio" name="role" checked={role === x} onChange={() => setRole(x)} className="size-6 accent-civic-800" />{t(`meeting.hearing.role.${x}`)}</label>
        ))}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-xl font-semibold text-ink">{t('phone.hearing.stake')}</legend>
        {hearingStakes.map((x) => (
          <label key={x} className={radio}><input type="radio" name="stake" checked={stake === x} onChange={() => setStake(x)} className="size-6 accent-civic-800" />{t(`meeting.hearing.stake.${x}`)}</label>
        ))}
      </fieldset>
      <label htmlFor="hearing-summary" className="block text-xl font-semibold text-ink">{t('phone.hearing.summary')}</label>
      <textarea id="hearing-summary" value={summary} maxLength={HEARING_LIMITS.summaryMax} rows={3} onChange={(e) => setSummary(e.target.value)} className={field} />
      <Button size="large" type="submit" className="w-full text-2xl">{t('phone.hearing.apply')}</Button>
    </form>
  );
}

/** One of one's own statements: confirm it as recorded, or ask for a correction first. */
function MyTurn({ turn, act, send, closed }: { turn: Hearing['turns'][number]; act: Act; send: Send; closed: boolean }) {
  const t = useT();
  const [text, setText] = useState('');
  return (
    <div className="rounded-xl border border-ink/15 p-3">
      <p className="text-lg font-semibold">{t(`meeting.hearing.stage.${turn.stage}`)} · {t('meeting.hearing.duration', { duration: formatDuration(turn.durationSec ?? 0) })}</p>
      {turn.corrections.map((c) => <p key={c.at} className="break-words text-lg text-accent-800">{t('meeting.hearing.correction', { text: c.text })}</p>)}
      {turn.confirmedAt ? <p className="text-lg font-semibold text-green-800">{t('meeting.hearing.confirmed')}</p> : closed ? null : (
        <div className="mt-2 space-y-2">
          <Button size="large" className="w-full text-xl" onClick={() => void act(() => send('hearing.confirm', { turnId: turn.id }))}>{t('phone.hearing.confirm')}</Button>
          <form className="space-y-2" onSubmit={(e) => { e.preventDefault(); void act(() => send('hearing.correct', { turnId: turn.id, text: text.trim() })).then((ok) => ok && setText('')); }}>
            <label htmlFor={`correct-${turn.id}`} className="block text-lg text-ink">{t('phone.hearing.correctLabel')}</label>
            <textarea id={`correct-${turn.id}`} value={text} maxLength={HEARING_LIMITS.correctionMax} rows={2} onChange={(e) => setText(e.target.value)} className={field} />
            <Button variant="secondary" type="submit" className="w-full" disabled={!text.trim()}>{t('phone.hearing.correct')}</Button>
          </form>
        </div>
      )}
    </div>
  );
}
