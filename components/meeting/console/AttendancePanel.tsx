'use client';

import { useMemo, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { QrCodeClient } from '@/components/ui/QrCodeClient';
import { inputClass } from '@/components/ui/form-styles';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatDateTime } from '@/lib/i18n/format';
import { quorumStatus } from '@/lib/meeting/quorum';
import { presentVoters, votingMembers, type MeetingState } from '@/lib/meeting/state';
import type { RunCommand } from './useCommandRunner';
import { isWalkIn } from '@/lib/meeting/walk-ins';
import { WalkInForm } from './WalkInForm';

export function QuorumLine({ state, className = '' }: { state: MeetingState; className?: string }) {
  const t = useT();
  const q = quorumStatus(state.quorumRule, presentVoters(state), votingMembers(state));
  return (
    <p className={`flex flex-wrap items-center gap-3 ${className}`}>
      <span className="font-semibold tabular-nums">{t('meeting.attendance.present', { present: q.present, members: q.members })}</span>
      <span className={`rounded-full border-2 px-3 py-0.5 font-semibold ${q.met ? 'border-ok-600 bg-ok-600 text-white' : 'border-accent-700 bg-accent-50 text-accent-800'}`}>
        {q.met ? t('meeting.quorum.met') : t('meeting.quorum.notMet', { required: q.required })}
      </span>
    </p>
  );
}

/** Rows of the attendance list shown at once. */
export const ROSTER_PAGE = 100;

export function AttendancePanel({ state, run }: { state: MeetingState; run: RunCommand }) {
  const t = useT();
  const locale = useLocale();
  const [absentOnly, setAbsentOnly] = useState(false);
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const closed = state.status === 'closed';
  const { present, remote, proxied: proxies } = state.roster;
  const needle = query.trim();
  const matching = useMemo(
    () => state.seats.filter((s) => (!absentOnly || !state.attendance[s.id]) && (!needle || s.name.includes(needle))),
    [state.seats, state.attendance, absentOnly, needle],
  );
  // A residents' assembly seats thousands: the list shows a page at a time (each row holds buttons and a
  // form), with a search by name; a council's roster fits on one page and looks as it always did.
  const paged = state.seats.length > ROSTER_PAGE;
  const pages = Math.max(1, Math.ceil(matching.length / ROSTER_PAGE));
  const current = Math.min(page, pages - 1);
  const seats = paged ? matching.slice(current * ROSTER_PAGE, (current + 1) * ROSTER_PAGE) : matching;
  // 代签到 can be withdrawn until the first poll opens: after that, presence has counted towards quorum.
  const undoable = !closed && state.polls.every((p) => p.status === 'draft');
  const [pass, setPass] = useState<{ name: string; url: string; walkIn?: true } | { name: string; error: string } | null>(null);

  // A walk-in without their card: after checking identity, the facilitator hands this member's phone a
  // one-device admission as a QR on the console screen (the token travels in the URL fragment).
  async function admit(seatId: string, name: string, walkIn = false) {
    const res = await fetch('/api/admit', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ meetingId: state.meetingId, seatId }) });
    const body = (await res.json().catch(() => null)) as { participantToken?: string; joinCode?: string; error?: { code: string } } | null;
    if (res.ok && body?.participantToken) setPass({ name, url: `${window.location.origin}/m/${body.joinCode}#pt=${body.participantToken}`, ...(walkIn ? { walkIn: true as const } : {}) });
    else setPass({ name, error: t(`meeting.error.${(body?.error?.code ?? 'INTERNAL') as 'INTERNAL'}`) });
  }

  return (
    <Card title={t('meeting.attendance')} className="!p-4">
      <QuorumLine state={state} className="text-base" />
      <p className="mt-1 text-sm text-ink-muted">
        {t('console.attendance.split', { hall: present - remote, remote })}
        {proxies ? `，${t('meeting.attendance.proxyCount', { count: proxies })}` : null}
      </p>
      <label className="mt-2 flex items-center gap-2 text-base">
        <input type="checkbox" className="size-5" checked={absentOnly} onChange={(e) => { setAbsentOnly(e.target.checked); setPage(0); }} />
        {t('console.attendance.absentOnly')}
      </label>
      {paged ? (
        <>
          <label className="mt-2 block text-sm font-semibold">{t('console.attendance.search')}
            <input type="search" value={query} onChange={(e) => { setQuery(e.target.value); setPage(0); }} className={inputClass} />
          </label>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <span className="flex-1 text-sm tabular-nums text-ink-muted" aria-live="polite">
              {matching.length
                ? t('console.attendance.pageOf', { from: current * ROSTER_PAGE + 1, to: current * ROSTER_PAGE + seats.length, total: matching.length })
                : t('console.attendance.noMatch')}
            </span>
            <Button variant="ghost" className="!min-h-8 !px-2 !py-0 text-sm" disabled={current === 0} onClick={() => setPage(current - 1)}>{t('console.attendance.prevPage')}</Button>
            <Button variant="ghost" className="!min-h-8 !px-2 !py-0 text-sm" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>{t('console.attendance.nextPage')}</Button>
          </div>
        </>
      ) : null}
      {!closed && state.walkIns.allowed ? <WalkInForm run={run} onAdmitted={(seatId, name) => void admit(seatId, name, true)} /> : null}
      {pass ? (
        <div role="dialog" aria-modal="false" aria-labelledby="walkin-title" className="mt-3 rounded-xl border-2 border-civic-800 bg-white p-4 text-center">
          <h3 id="walkin-title" className="text-lg font-bold">{t('console.walkIn.title', { name: pass.name })}</h3>
          {'url' in pass ? (
            <>
              <p className="mt-1 text-sm text-ink-muted">{t(pass.walkIn ? 'meeting.walkIns.qrHint' : 'console.walkIn.hint')}</p>
              <QrCodeClient value={pass.url} size={220} label={t('console.walkIn.qrLabel', { name: pass.name })} className="mx-auto mt-2" />
            </>
          ) : (
            <p role="alert" className="mt-2 text-accent-800">{pass.error}</p>
          )}
          <Button variant="secondary" className="mt-3" onClick={() => setPass(null)}>{t('console.walkIn.done')}</Button>
        </div>
      ) : null}
      <ul className="mt-2 max-h-[calc(100dvh-19rem)] min-h-48 divide-y divide-ink/10 overflow-y-auto rounded-xl border border-ink/15" aria-label={t('console.attendance.list')}>
        {seats.map((seat) => {
          const a = state.attendance[seat.id];
          return (
            <li key={seat.id} className="flex flex-wrap items-center gap-2 px-3 py-1.5">
              <span aria-hidden="true" className={`size-3 shrink-0 rounded-full ${a ? 'bg-ok-600' : 'border-2 border-ink/40'}`} />
              <span className="min-w-0 flex-1 truncate font-medium">
                {seat.name}
                {isWalkIn(seat) ? <span className="ml-1 text-sm text-ink-muted">（{t('meeting.walkIns.badge')}）</span>
                  : seat.kind === 'expert' ? <span className="ml-1 text-sm text-ink-muted">（{t('planning.category.expert')}）</span>
                  : !seat.canVote ? <span className="ml-1 text-sm text-ink-muted">（{t('console.attendance.nonVoting')}）</span> : null}
              </span>
              {a ? (
                <>
                  <span className="text-sm text-ink-muted">
                    {t(a.mode === 'hall' ? 'meeting.attendance.hall' : 'meeting.attendance.remote')}{' '}
                    <time dateTime={a.at}>{formatDateTime(locale, a.at, { timeStyle: 'short' })}</time>
                  </span>
                  {a.by ? <ProxyCheckIn seatId={seat.id} name={seat.name} by={a.by} undoable={undoable} run={run} /> : null}
                </>
              ) : (
                <>
                  <span className="text-sm text-ink-muted">{t('console.attendance.absent')}</span>
                  <Button variant="ghost" className="!min-h-8 !px-2 !py-0 text-sm" disabled={closed}
                    aria-label={t('console.walkIn.buttonFor', { name: seat.name })}
                    onClick={() => void admit(seat.id, seat.name)}>
                    {t('console.walkIn.button')}
                  </Button>
                  <Button variant="secondary" className="!min-h-8 !px-2 !py-0 text-sm" disabled={closed}
                    aria-label={t('console.attendance.checkInFor', { name: seat.name })}
                    onClick={() => void run('attendance.checkIn', { seatId: seat.id, mode: 'hall' })}>
                    {t('console.attendance.checkIn')}
                  </Button>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

/** A 代签到 mark (who vouched for the member) and, before the first poll, its undo with a reason. */
function ProxyCheckIn({ seatId, name, by, undoable, run }: { seatId: string; name: string; by: string; undoable: boolean; run: RunCommand }) {
  const t = useT();
  const [undoing, setUndoing] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    const r = await run('attendance.undoCheckIn', { seatId, reason });
    if (r.ok) setUndoing(false);
  }
  return (
    <>
      <span className="shrink-0 rounded border border-accent-700 px-1 text-xs font-semibold text-accent-800">{t('console.attendance.proxyBy', { by })}</span>
      {undoable && !undoing ? (
        <Button variant="ghost" className="!min-h-8 !px-2 !py-0 text-sm" aria-label={t('console.attendance.undoFor', { name })} onClick={() => setUndoing(true)}>
          {t('console.attendance.undo')}
        </Button>
      ) : null}
      {undoing ? (
        <form onSubmit={submit} className="flex basis-full flex-wrap items-end gap-2">
          <label className="flex-1 text-sm font-semibold">{t('console.attendance.undoReason')}
            <input name="reason" required minLength={2} maxLength={500} className={inputClass} />
          </label>
          <Button type="submit" variant="danger" className="!min-h-8 !px-2 !py-0 text-sm">{t('console.attendance.undoConfirm')}</Button>
          <Button variant="ghost" className="!min-h-8 !px-2 !py-0 text-sm" onClick={() => setUndoing(false)}>{t('console.attendance.undoCancel')}</Button>
        </form>
      ) : null}
    </>
  );
}
