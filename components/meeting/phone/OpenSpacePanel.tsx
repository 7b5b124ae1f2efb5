'use client';

import { lazy, Suspense, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { NotesDisclosure } from '@/components/meeting/openspace/NotesDisclosure';
import { PhaseSteps } from '@/components/meeting/openspace/PhaseSteps';
import type { MessageKey } from '@/lib/i18n/format';
import {
  liveSessions, OPEN_SPACE_LIMITS, peopleIn, rankByDots, type OpenSpace, type OsSession, type SeatOpenSpace,
} from '@/lib/meeting/procedure/openspace/model';
import { breakoutAccess } from '@/lib/meeting/procedure/openspace/notes';
import type { MeetingState } from '@/lib/meeting/state';
import type { MeetingConnection } from '../useMeeting';
import { errorMessageKey } from './error-message';

type Send = MeetingConnection['send'];
// A session's note brings the editor: loaded only when someone opens one.
const SessionNotes = lazy(() => import('@/components/meeting/openspace/SessionNotes'));
const field = 'block w-full rounded-xl border-2 border-ink/30 p-3 text-xl leading-snug focus:border-civic-800 focus:outline-none';

/**
 * 开放空间 on the phone, by phase: propose a session one will host and see the marketplace fill; then
 * pick a session in each time slot and move whenever one likes (the law of two feet); then spend one's
 * dots on the proposals; at the end read what the meeting agreed.
 */
export default function OpenSpacePanel({ state, os, seatId, own, checkedIn, send, token, name }: {
  state: MeetingState;
  os: OpenSpace;
  seatId: string;
  /** this device's participant token and name, for the session notes */
  token: string;
  name: string;
  /** this seat's dots as the server told it on connecting (`meeting:me`) */
  own: SeatOpenSpace | undefined;
  checkedIn: boolean;
  send: Send;
}) {
  const t = useT();
  const [error, setError] = useState<MessageKey | null>(null);
  const live = state.status === 'live';
  const canAct = live && checkedIn;
  const inFlight = useRef(false);

  /** One command at a time from this panel; a refusal is said in words. */
  async function act(f: () => ReturnType<Send>): Promise<boolean> {
    if (inFlight.current) return false;
    inFlight.current = true;
    setError(null);
    const r = await f();
    inFlight.current = false;
    if (!r.ok) setError(r.error.code === 'RATE_LIMITED' ? 'phone.os.tooMany' : errorMessageKey(r.error));
    return r.ok;
  }

  return (
    <div className="space-y-4">
      {os.theme ? <p className="break-words text-2xl font-bold leading-snug text-ink">{os.theme}</p> : null}
      <PhaseSteps phase={os.phase} />
      {live && !checkedIn ? <p className="text-xl font-semibold text-accent-700">{t('phone.os.checkInFirst')}</p> : null}
      {error ? <p role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-3 text-lg font-semibold text-accent-900">{t(error)}</p> : null}
      {os.phase === 'marketplace' ? <Marketplace os={os} seatId={seatId} canAct={canAct} act={act} send={send} /> : null}
      {os.phase === 'sessions' ? <TwoFeet os={os} seatId={seatId} canAct={canAct} act={act} send={send} notes={{ meetingId: state.meetingId, token, name, closed: state.status === 'closed' }} /> : null}
      {os.phase === 'prioritising' ? <Dots os={os} own={own} canAct={canAct} act={act} send={send} /> : null}
      {os.phase === 'converged' ? <Consensus os={os} /> : null}
    </div>
  );
}

type PhaseProps = { os: OpenSpace; canAct: boolean; act: (f: () => ReturnType<Send>) => Promise<boolean>; send: Send };

function Marketplace({ os, seatId, canAct, act, send }: PhaseProps & { seatId: string }) {
  const t = useT();
  const [writing, setWriting] = useState(false);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [note, setNote] = useState(false);
  const sessions = liveSessions(os);
  const mine = sessions.filter((x) => x.hostSeatId === seatId).length;

  async function propose(e: React.FormEvent) {
    e.preventDefault();
    if (!title.trim()) return;
    if (await act(() => send('openSpace.propose', { title: title.trim(), summary: summary.trim() }))) {
      setTitle('');
      setSummary('');
      setWriting(false);
      setNote(true);
    }
  }

  return (
    <>
      <p className="text-lg text-ink-muted">{t('phone.os.marketplaceHint')}</p>
      {!canAct ? null : writing ? (
        <form onSubmit={(e) => void propose(e)} className="space-y-3">
          <label htmlFor="os-title" className="block text-xl font-semibold text-ink">{t('phone.os.titleLabel')}</label>
          <input id="os-title" value={title} maxLength={OPEN_SPACE_LIMITS.titleMax} required autoFocus onChange={(e) => setTitle(e.target.value)} className={field} />
          <label htmlFor="os-summary" className="block text-lg text-ink">{t('phone.os.summaryLabel')}</label>
          <textarea id="os-summary" value={summary} maxLength={OPEN_SPACE_LIMITS.summaryMax} rows={2} onChange={(e) => setSummary(e.target.value)} className={field} />
          <div className="grid grid-cols-2 gap-3">
            <Button size="large" variant="ghost" type="button" onClick={() => setWriting(false)}>{t('common.cancel')}</Button>
            <Button size="large" type="submit" disabled={!title.trim()}>{t('phone.os.submit')}</Button>
          </div>
        </form>
      ) : (
        <Button size="large" variant="secondary" className="w-full text-2xl" disabled={mine >= OPEN_SPACE_LIMITS.proposalsPerSeat}
          onClick={() => { setNote(false); setWriting(true); }}>{t('phone.os.propose')}</Button>
      )}
      <div role="status" aria-live="polite">{note ? <p className="text-lg font-semibold text-ink">{t('phone.os.proposed')}</p> : null}</div>
      <h3 id="os-market" className="text-lg font-semibold text-ink-muted">{t('phone.os.market', { count: sessions.length })}</h3>
      {sessions.length === 0 ? <p className="text-lg text-ink-muted">{t('phone.os.marketEmpty')}</p> : (
        <ul className="space-y-2" aria-labelledby="os-market">
          {sessions.map((x) => (
            <li key={x.id} className={`rounded-xl border p-3 ${x.hostSeatId === seatId ? 'border-2 border-civic-800 bg-civic-50' : 'border-ink/15'}`}>
              <SessionText os={os} session={x} />
              {x.hostSeatId === seatId ? <p className="mt-1 text-base font-semibold text-civic-900">{t('phone.os.mine')}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** A proposal's title, one line, host and (once placed) where and when. */
function SessionText({ os, session: x, id }: { os: OpenSpace; session: OsSession; id?: string }) {
  const t = useT();
  const room = os.rooms.find((r) => r.id === x.roomId);
  const slot = os.slots.find((s) => s.id === x.slotId);
  return (
    <>
      <p id={id} className="break-words text-xl font-semibold leading-snug text-ink">{x.title}</p>
      {x.summary ? <p className="break-words text-lg text-ink">{x.summary}</p> : null}
      <p className="text-base text-ink-muted">
        {t('meeting.os.host', { name: x.hostName })}
        {room && slot ? ` · ${slot.label} · ${room.name}` : ''}
      </p>
    </>
  );
}

type NotesContext = { meetingId: string; token: string; name: string; closed: boolean };

function TwoFeet({ os, seatId, canAct, act, send, notes }: PhaseProps & { seatId: string; notes: NotesContext }) {
  const t = useT();
  const placed = liveSessions(os).filter((x) => x.roomId && x.slotId);
  const here = os.presence[seatId] ?? {};
  return (
    <>
      <p className="text-lg text-ink-muted">{t('phone.os.twoFeetHint')}</p>
      {os.slots.map((slot) => {
        const inSlot = placed.filter((x) => x.slotId === slot.id);
        if (!inSlot.length) return null;
        return (
          <section key={slot.id} aria-labelledby={`os-slot-${slot.id}`} className="space-y-2">
            <h3 id={`os-slot-${slot.id}`} className="text-xl font-bold text-civic-800">{slot.label}</h3>
            <ul className="space-y-2">
              {inSlot.map((x) => {
                const mine = here[slot.id] === x.id;
                const room = os.rooms.find((r) => r.id === x.roomId);
                return (
                  <li key={x.id} className={`flex flex-wrap items-start gap-3 rounded-xl border p-3 ${mine ? 'border-2 border-civic-800 bg-civic-50' : 'border-ink/15'}`}>
                    <div className="min-w-0 flex-1">
                      <p id={`os-s-${x.id}`} className="break-words text-xl font-semibold leading-snug text-ink">{x.title}</p>
                      <p className="text-base text-ink-muted"><span className="whitespace-nowrap">{room?.name}</span> · <span className="whitespace-nowrap">{t('meeting.os.host', { name: x.hostName })}</span></p>
                      <p className="text-base font-semibold text-ink tabular-nums">{t('meeting.os.people', { count: peopleIn(os, x).length })}</p>
                    </div>
                    <Button variant={mine ? 'primary' : 'secondary'} className="shrink-0 !px-3 text-lg" aria-pressed={mine} aria-describedby={`os-s-${x.id}`}
                      disabled={!canAct} onClick={() => void act(() => send('openSpace.join', { slotId: slot.id, sessionId: mine ? null : x.id }))}>
                      {mine ? t('phone.os.here') : t('phone.os.go')}
                    </Button>
                    <div className="basis-full">
                      <NotesDisclosure summary={t('phone.os.notes')}>
                        {() => (
                          <Suspense fallback={null}>
                            <SessionNotes meetingId={notes.meetingId} sessionId={x.id} title={x.title} userName={notes.name} participantToken={notes.token}
                              canWrite={breakoutAccess({ role: 'member', seatId: seatId || null }, os, x.id, notes.closed) === 'edit'} />
                          </Suspense>
                        )}
                      </NotesDisclosure>
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {placed.length === 0 ? <p className="text-lg text-ink-muted">{t('phone.os.gridEmpty')}</p> : null}
    </>
  );
}

function Dots({ os, own, canAct, act, send }: PhaseProps & { own: SeatOpenSpace | undefined }) {
  const t = useT();
  const sessions = rankByDots(os);
  // What the server holds for this seat (told on connecting, then what this device sent), and the draft.
  const [sent, setSent] = useState<Record<string, number> | null>(null);
  const held = sent ?? own?.dots ?? {};
  const [draft, setDraft] = useState<Record<string, number> | null>(null);
  const alloc = draft ?? held;
  const spent = Object.values(alloc).reduce((a, b) => a + b, 0);
  const left = os.dotsPerPerson - spent;
  const changed = draft !== null && JSON.stringify(normal(draft)) !== JSON.stringify(normal(held));

  const put = (id: string, n: number) => setDraft({ ...alloc, [id]: Math.max(0, n) });
  async function submit() {
    const allocation = normal(alloc);
    if (await act(() => send('openSpace.dots', { allocation }))) {
      setSent(allocation);
      setDraft(null);
    }
  }

  return (
    <>
      <p className="text-lg text-ink-muted">{t('phone.os.dotsHint', { count: os.dotsPerPerson })}</p>
      <p className="text-2xl font-bold text-civic-800 tabular-nums" role="status" aria-live="polite">{t('phone.os.dotsLeft', { count: left, total: os.dotsPerPerson })}</p>
      <ul className="space-y-2">
        {sessions.map((x) => {
          const n = alloc[x.id] ?? 0;
          return (
            <li key={x.id} className="rounded-xl border border-ink/15 p-3">
              <p id={`os-d-${x.id}`} className="break-words text-xl font-semibold leading-snug text-ink">{x.title}</p>
              <p className="text-base text-ink-muted tabular-nums">{t('meeting.os.dotTotal', { count: os.dotTotals[x.id] ?? 0 })}</p>
              <div className="mt-2 flex items-center gap-3">
                <Button variant="secondary" className="min-w-14 text-2xl" aria-describedby={`os-d-${x.id}`} disabled={!canAct || n === 0} onClick={() => put(x.id, n - 1)}>
                  <span aria-hidden="true">−</span><span className="sr-only">{t('phone.os.less')}</span>
                </Button>
                <span className="min-w-16 text-center text-2xl font-bold text-civic-800">
                  <span aria-hidden="true">{'●'.repeat(n) || '0'}</span><span className="sr-only">{t('phone.os.mineDots', { count: n })}</span>
                </span>
                <Button variant="secondary" className="min-w-14 text-2xl" aria-describedby={`os-d-${x.id}`} disabled={!canAct || left <= 0} onClick={() => put(x.id, n + 1)}>
                  <span aria-hidden="true">+</span><span className="sr-only">{t('phone.os.more')}</span>
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
      <Button size="large" className="w-full text-2xl" disabled={!canAct || !changed} onClick={() => void submit()}>{t('phone.os.dotsSubmit')}</Button>
      {!changed && Object.keys(normal(held)).length ? <p className="text-lg font-semibold text-ok-600">{t('phone.os.dotsSaved')}</p> : null}
    </>
  );
}

/** Without the zeros, in a stable order: what is sent and what is compared. */
function normal(alloc: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(alloc).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b)));
}

function Consensus({ os }: { os: OpenSpace }) {
  const t = useT();
  return (
    <>
      <h3 className="text-lg font-semibold text-ink-muted">{t('meeting.os.consensus', { count: os.consensus.length })}</h3>
      {os.consensus.length === 0 ? <p className="text-lg text-ink-muted">{t('meeting.os.consensusNone')}</p> : (
        <ol className="space-y-2">
          {os.consensus.map((c) => <li key={c.id} className="break-words rounded-xl bg-civic-50 p-3 text-xl text-ink">{c.text}</li>)}
        </ol>
      )}
    </>
  );
}
