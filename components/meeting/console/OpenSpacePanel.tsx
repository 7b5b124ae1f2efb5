'use client';

import { lazy, Suspense, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import { NotesDisclosure } from '@/components/meeting/openspace/NotesDisclosure';
import { PhaseSteps } from '@/components/meeting/openspace/PhaseSteps';
import {
  gridConflicts, liveSessions, OPEN_SPACE_LIMITS, openSpacePhases, peopleIn, rankByDots, type OpenSpace, type OsSession,
} from '@/lib/meeting/procedure/openspace/model';
import { EMPTY_OPEN_SPACE } from '@/lib/meeting/procedure/openspace/reduce';
import type { MeetingState } from '@/lib/meeting/state';
import { majorityPresets } from '@/lib/voting/outcome';
import type { RunCommand } from './useCommandRunner';

const small = '!min-h-8 !px-2 !py-0 text-sm';
const SessionNotes = lazy(() => import('@/components/meeting/openspace/SessionNotes'));

/**
 * Running an open space from the console: the theme and the grid of rooms × time slots, the phases,
 * the marketplace (write a proposal for someone without a phone, merge duplicates), placing sessions
 * in the grid by drag and drop or, from the keyboard, with each session's own "place in" list; the
 * dot results, and the consensus statements.
 */
export function OpenSpacePanel({ state, run }: { state: MeetingState; run: RunCommand }) {
  const t = useT();
  const os = state.openSpace ?? EMPTY_OPEN_SPACE;
  const live = state.status === 'live';
  const open = state.status !== 'closed' && state.status !== 'cancelled';
  const at = openSpacePhases.indexOf(os.phase);
  const next = openSpacePhases[at + 1];
  const back = openSpacePhases[at - 1];
  const planning = os.phase === 'marketplace' || os.phase === 'sessions';

  return (
    <Card title={t('meeting.os.title')} className="!p-4">
      <div className="flex flex-wrap items-center gap-2">
        <PhaseSteps phase={os.phase} />
        <span className="ml-auto flex gap-1">
          {back ? <Button variant="ghost" className={small} disabled={!live} onClick={() => void run('openSpace.phase', { phase: back })}>{t('console.os.back', { phase: t(`meeting.os.phase.${back}`) })}</Button> : null}
          {next ? <Button className={small} disabled={!live || !os.rooms.length} onClick={() => void run('openSpace.phase', { phase: next })}>{t('console.os.next', { phase: t(`meeting.os.phase.${next}`) })}</Button> : null}
        </span>
      </div>
      {/* Remounted with what the server keeps after each change, so new rows carry the ids it gave them. */}
      {planning && open ? <Setup key={JSON.stringify([os.theme, os.rooms, os.slots, os.dotsPerPerson])} os={os} run={run} /> : null}
      {planning ? <Grid os={os} run={run} open={open} /> : null}
      {planning && open ? <ProposeFor run={run} /> : null}
      {!planning ? <Results os={os} run={run} open={open} polls={state.polls} /> : null}
      {os.phase !== 'marketplace' ? <Notes os={os} meetingId={state.meetingId} /> : null}
    </Card>
  );
}

type Row = { id?: string; text: string };

/** The theme, rooms, slots and dots: rows keep their ids, so a renamed room keeps its sessions. */
function Setup({ os, run }: { os: OpenSpace; run: RunCommand }) {
  const t = useT();
  const [theme, setTheme] = useState(os.theme);
  const [rooms, setRooms] = useState<Row[]>(os.rooms.length ? os.rooms.map((r) => ({ id: r.id, text: r.name })) : [{ text: '' }]);
  const [slots, setSlots] = useState<Row[]>(os.slots.length ? os.slots.map((s) => ({ id: s.id, text: s.label })) : [{ text: '' }]);
  const [dots, setDots] = useState(os.dotsPerPerson);

  async function save(e: FormEvent) {
    e.preventDefault();
    await run('openSpace.configure', {
      theme,
      rooms: rooms.filter((r) => r.text.trim()).map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.text })),
      slots: slots.filter((s) => s.text.trim()).map((s) => ({ ...(s.id ? { id: s.id } : {}), label: s.text })),
      dotsPerPerson: dots,
    });
  }

  const rowsEditor = (label: string, rows: Row[], set: (r: Row[]) => void, max: number, add: string) => (
    <fieldset className="min-w-0">
      <legend className="text-sm font-semibold">{label}</legend>
      <ul className="space-y-1">
        {rows.map((r, i) => (
          <li key={r.id ?? `new-${i}`} className="flex gap-1">
            <input aria-label={`${label} ${i + 1}`} value={r.text} maxLength={50} className={`${inputClass} !mt-0`}
              onChange={(e) => set(rows.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))} />
            <Button type="button" variant="ghost" className={small} aria-label={t('console.os.removeRow', { name: r.text || String(i + 1) })} onClick={() => set(rows.filter((_, j) => j !== i))}>{t('console.os.remove')}</Button>
          </li>
        ))}
      </ul>
      <Button type="button" variant="secondary" className={`${small} mt-1`} disabled={rows.length >= max} onClick={() => set([...rows, { text: '' }])}>{add}</Button>
    </fieldset>
  );

  return (
    <details className="mt-3 rounded-lg border border-ink/15 p-2" open={!os.rooms.length}>
      <summary className="cursor-pointer text-base font-semibold">{t('console.os.setup')}</summary>
      <form onSubmit={(e) => void save(e)} className="mt-2 space-y-2">
        <label className="block text-sm font-semibold">{t('console.os.theme')}
          <input value={theme} required maxLength={200} onChange={(e) => setTheme(e.target.value)} className={inputClass} />
        </label>
        <div className="grid gap-3 sm:grid-cols-2">
          {rowsEditor(t('console.os.rooms'), rooms, setRooms, OPEN_SPACE_LIMITS.rooms, t('console.os.addRoom'))}
          {rowsEditor(t('console.os.slots'), slots, setSlots, OPEN_SPACE_LIMITS.slots, t('console.os.addSlot'))}
        </div>
        <label className="block text-sm font-semibold">{t('console.os.dotsPerPerson')}
          <input type="number" min={1} max={OPEN_SPACE_LIMITS.maxDots} value={dots} onChange={(e) => setDots(Number(e.target.value))} className={`${inputClass} !w-24`} />
        </label>
        <Button type="submit" className={small}>{t('console.os.saveSetup')}</Button>
      </form>
    </details>
  );
}

/** The grid: rooms down, slots across; sessions not yet placed wait above it. */
function Grid({ os, run, open }: { os: OpenSpace; run: RunCommand; open: boolean }) {
  const t = useT();
  const sessions = liveSessions(os);
  const conflicts = gridConflicts(os);
  const clash = new Map<string, string[]>();
  for (const c of conflicts) for (const id of c.sessionIds) clash.set(id, [...(clash.get(id) ?? []), c.kind]);
  const unplaced = sessions.filter((x) => !x.roomId);
  const merged = os.sessions.filter((x) => x.mergedInto !== null);
  const [over, setOver] = useState<string | null>(null);

  const drop = (roomId: string | null, slotId: string | null) => ({
    onDragOver: (e: React.DragEvent) => { if (open) { e.preventDefault(); setOver(`${roomId}|${slotId}`); } },
    onDragLeave: () => setOver(null),
    onDrop: (e: React.DragEvent) => {
      e.preventDefault();
      setOver(null);
      const id = e.dataTransfer.getData('text/plain');
      if (id) void run('openSpace.place', { id, roomId, slotId });
    },
  });
  const chip = (x: OsSession) => <SessionChip key={x.id} os={os} session={x} clashes={clash.get(x.id) ?? []} run={run} open={open} />;

  return (
    <div className="mt-3 space-y-3">
      {conflicts.length ? (
        <p role="status" className="rounded-lg border-2 border-warn-500 bg-white px-2 py-1 text-sm font-semibold">{t('console.os.conflicts', { count: conflicts.length })}</p>
      ) : null}
      {merged.length ? (
        <details>
          <summary className="cursor-pointer text-sm font-semibold">{t('console.os.merged', { count: merged.length })}</summary>
          <ul className="mt-1 space-y-1 text-sm">
            {merged.map((x) => (
              <li key={x.id} className="flex flex-wrap items-center gap-2">
                <span className="min-w-0 break-words">{t('console.os.mergedInto', { title: x.title, into: os.sessions.find((y) => y.id === x.mergedInto)?.title ?? '' })}</span>
                <Button variant="ghost" className={small} disabled={!open} aria-label={t('console.os.unmergeFor', { title: x.title })} onClick={() => void run('openSpace.unmerge', { id: x.id })}>{t('console.os.unmerge')}</Button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <section aria-labelledby="os-unplaced" {...drop(null, null)} className={`rounded-lg border-2 border-dashed p-2 ${over === 'null|null' ? 'border-civic-800 bg-civic-50' : 'border-ink/20'}`}>
        <h3 id="os-unplaced" className="text-base font-semibold">{t('console.os.unplaced', { count: unplaced.length })}</h3>
        {unplaced.length ? <ul className="mt-1 space-y-1">{unplaced.map(chip)}</ul> : <p className="text-sm text-ink-muted">{t(sessions.length ? 'console.os.allPlaced' : 'console.os.noProposals')}</p>}
      </section>
      {os.rooms.length && os.slots.length ? (
        <div className="overflow-x-auto">
          <table className="w-full table-fixed border-collapse text-sm">
            <caption className="sr-only">{t('console.os.grid')}</caption>
            <thead>
              <tr>
                <th scope="col" className="w-20 p-1 text-left">{t('console.os.room')}</th>
                {os.slots.map((s) => <th key={s.id} scope="col" className="p-1 text-left">{s.label}</th>)}
              </tr>
            </thead>
            <tbody>
              {os.rooms.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="break-words p-1 text-left align-top">{r.name}</th>
                  {os.slots.map((s) => {
                    const here = sessions.filter((x) => x.roomId === r.id && x.slotId === s.id);
                    const key = `${r.id}|${s.id}`;
                    return (
                      <td key={s.id} {...drop(r.id, s.id)}
                        className={`h-14 border p-1 align-top ${over === key ? 'border-2 border-civic-800 bg-civic-50' : here.length > 1 ? 'border-2 border-warn-500' : 'border-ink/15'}`}>
                        <ul className="space-y-1">{here.map(chip)}</ul>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** A session: dragged to a cell, or placed and merged from its own lists (the keyboard's way). */
function SessionChip({ os, session: x, clashes, run, open }: { os: OpenSpace; session: OsSession; clashes: string[]; run: RunCommand; open: boolean }) {
  const t = useT();
  const others = liveSessions(os).filter((y) => y.id !== x.id);
  const place = x.roomId && x.slotId ? `${x.roomId}|${x.slotId}` : '';
  const people = os.phase === 'sessions' && x.slotId ? peopleIn(os, x).length : null;
  return (
    <li draggable={open} onDragStart={(e) => { e.dataTransfer.setData('text/plain', x.id); e.dataTransfer.effectAllowed = 'move'; }}
      className={`cursor-grab rounded-md border bg-white px-1.5 py-1 ${clashes.length ? 'border-warn-500' : 'border-ink/20'}`}>
      <p className="break-words font-semibold leading-snug">{x.title}</p>
      <p className="text-xs text-ink-muted">
        {t('meeting.os.host', { name: x.hostName })}
        {people !== null ? ` · ${t('meeting.os.people', { count: people })}` : ''}
      </p>
      {clashes.length ? <p className="text-xs font-semibold text-accent-700">{clashes.map((k) => t(`console.os.clash.${k as 'room' | 'host'}`)).join(' · ')}</p> : null}
      <div className="mt-1 flex flex-wrap gap-1">
        <select aria-label={t('console.os.placeFor', { title: x.title })} value={place} disabled={!open} className="max-w-full rounded border border-ink/30 text-xs"
          onChange={(e) => {
            const [roomId = null, slotId = null] = e.target.value ? e.target.value.split('|') : [];
            void run('openSpace.place', { id: x.id, roomId, slotId });
          }}>
          <option value="">{t('console.os.notPlaced')}</option>
          {os.slots.flatMap((s) => os.rooms.map((r) => <option key={`${r.id}|${s.id}`} value={`${r.id}|${s.id}`}>{s.label} · {r.name}</option>))}
        </select>
        {others.length ? (
          <select aria-label={t('console.os.mergeFor', { title: x.title })} value="" disabled={!open} className="max-w-full rounded border border-ink/30 text-xs"
            onChange={(e) => { if (e.target.value) void run('openSpace.merge', { id: x.id, intoId: e.target.value }); }}>
            <option value="">{t('console.os.mergeInto')}</option>
            {others.map((y) => <option key={y.id} value={y.id}>{y.title}</option>)}
          </select>
        ) : null}
      </div>
    </li>
  );
}

/** For a participant without a phone: the facilitator writes the proposal down with their name. */
function ProposeFor({ run }: { run: RunCommand }) {
  const t = useT();
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const r = await run('openSpace.proposeFor', { title: String(data.get('title') ?? ''), hostName: String(data.get('host') ?? '') });
    if (r.ok) form.reset();
  }
  return (
    <details className="mt-3">
      <summary className="cursor-pointer text-base font-semibold">{t('console.os.proposeFor')}</summary>
      <form onSubmit={(e) => void submit(e)} className="mt-1 grid gap-2 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
        <label className="text-sm font-semibold">{t('console.os.proposalTitle')}<input name="title" required maxLength={OPEN_SPACE_LIMITS.titleMax} className={inputClass} /></label>
        <label className="text-sm font-semibold">{t('console.os.hostName')}<input name="host" required maxLength={50} className={inputClass} /></label>
        <Button type="submit" className={small}>{t('console.os.add')}</Button>
      </form>
    </details>
  );
}

/**
 * Dots as bars, most first; a proposal becomes a consensus statement with one click, or one is written.
 * Where the form needs a decision, a statement is put to a formal vote of the roster members: one click
 * drafts a motion (named, simple majority) that the facilitator opens in the polls panel.
 */
function Results({ os, run, open, polls }: { os: OpenSpace; run: RunCommand; open: boolean; polls: MeetingState['polls'] }) {
  const t = useT();
  const ranked = rankByDots(os);
  const max = Math.max(1, ...ranked.map((x) => os.dotTotals[x.id] ?? 0));
  const confirmed = new Set(os.consensus.map((c) => c.sessionId));
  async function write(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const r = await run('openSpace.confirm', { text: String(new FormData(form).get('text') ?? ''), sessionId: null });
    if (r.ok) form.reset();
  }
  return (
    <div className="mt-3 space-y-3">
      <Section title={t('console.os.dots', { count: Object.values(os.dotTotals).reduce((a, b) => a + b, 0) })}>
        <ol className="space-y-1">
          {ranked.map((x) => {
            const n = os.dotTotals[x.id] ?? 0;
            return (
              <li key={x.id} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-2">
                <div className="min-w-0">
                  <p className="break-words text-sm font-semibold">{x.title}</p>
                  <div className="flex items-center gap-2">
                    <div className="h-3 rounded bg-civic-700" style={{ width: `${(n / max) * 75}%`, minWidth: n ? '0.5rem' : 0 }} aria-hidden="true" />
                    <span className="shrink-0 whitespace-nowrap text-sm tabular-nums">{t('meeting.os.dotTotal', { count: n })}</span>
                  </div>
                </div>
                <Button variant="secondary" className={small} disabled={!open || confirmed.has(x.id)} aria-label={t('console.os.confirmFor', { title: x.title })}
                  onClick={() => void run('openSpace.confirm', { text: x.title, sessionId: x.id })}>{t('console.os.confirm')}</Button>
              </li>
            );
          })}
        </ol>
      </Section>
      <Section title={t('meeting.os.consensus', { count: os.consensus.length })}>
        <ol className="space-y-1">
          {os.consensus.map((c) => (
            <li key={c.id} className="flex items-start gap-2 rounded-md bg-civic-50 px-2 py-1">
              <p className="min-w-0 flex-1 break-words text-sm">{c.text}</p>
              {polls.some((p) => p.question === c.text) ? (
                <span className="shrink-0 rounded bg-white px-2 py-0.5 text-sm text-green-800">{t('console.os.voteDrafted')}</span>
              ) : (
                <Button variant="secondary" className={small} disabled={!open} aria-label={t('console.os.toVoteFor', { text: c.text })}
                  onClick={() => void run('poll.create', { question: c.text, kind: 'motion', decision: c.text, rule: majorityPresets.simple_majority })}>{t('console.os.toVote')}</Button>
              )}
              <Button variant="ghost" className={small} disabled={!open} aria-label={t('console.os.unconfirmFor', { text: c.text })} onClick={() => void run('openSpace.unconfirm', { id: c.id })}>{t('console.os.unconfirm')}</Button>
            </li>
          ))}
        </ol>
        {open ? (
          <form onSubmit={(e) => void write(e)} className="mt-2 flex items-end gap-2">
            <label className="min-w-0 flex-1 text-sm font-semibold">{t('console.os.writeConsensus')}<input name="text" required maxLength={300} className={inputClass} /></label>
            <Button type="submit" className={small}>{t('console.os.add')}</Button>
          </form>
        ) : null}
      </Section>
    </div>
  );
}

/** Each placed session's harvest note, read here as it is written (its host and people write it on their phones). */
function Notes({ os, meetingId }: { os: OpenSpace; meetingId: string }) {
  const t = useT();
  const placed = liveSessions(os).filter((x) => x.roomId && x.slotId);
  if (!placed.length) return null;
  return (
    <Section title={t('console.os.notes')}>
      {placed.map((x) => (
        <NotesDisclosure key={x.id} summary={x.title}>
          {() => <Suspense fallback={null}><SessionNotes meetingId={meetingId} sessionId={x.id} title={x.title} canWrite={false} userName="" /></Suspense>}
        </NotesDisclosure>
      ))}
    </Section>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="text-base font-semibold">{title}</h3>
      <div className="mt-1">{children}</div>
    </section>
  );
}
