'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { inputClass } from '@/components/ui/form-styles';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { QrCodeClient } from '@/components/ui/QrCodeClient';
import { formatDateTime } from '@/lib/i18n/format';
import type { Agreement, PlannedHousehold, TeamMember, VisitEntry } from '@/lib/visits/model';
import { AgreementBar } from './AgreementBar';

type Round = {
  meetingId: string; title: string; communityId: string; meetingStatus: string; phase: 'draft' | 'open' | 'finished'; question: string;
  households: PlannedHousehold[]; team: TeamMember[]; may: { manage: boolean; log: boolean };
  progress: { planned: number; plannedVisited: number; entries: number; added: number; agreement: Record<Agreement, number>; households: (PlannedHousehold & { visits: number; agreement: Agreement | null })[] };
  entries: (VisitEntry & { receivedAt: string; photos: { id: string; size: number; mimeType: string }[] })[];
  conclusionDraft: string; conclusion: { text: string; at: string } | null;
};
type RosterMember = { id: string; name: string; building: string; retiredAt: string | null };
type HouseholdRow = { id?: string; name: string; address: string; rosterMemberId: string | null };
type TeamRow = { role: 'host' | 'recorder'; name: string; staffId: string | null; rosterMemberId: string | null };

const REFRESH_MS = 5000;

async function call(path: string, body?: unknown): Promise<{ ok: boolean; body: any }> {
  const r = await fetch(path, body === undefined ? { credentials: 'same-origin' } : { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { ok: r.ok, body: await r.json().catch(() => null) };
}

/**
 * The console's workspace for a round of household visits (走访约谈协商): the plan (question, households
 * with an optional roster link, the team), start and finish, progress while it runs (planned vs visited,
 * each household's status, positions as a bar, every opinion with a search), and the conclusion that
 * closes the meeting into its record. Progress is re-read every few seconds while the round runs.
 */
export function VisitsWorkspace({ meetingId }: { meetingId: string }) {
  const t = useT();
  const locale = useLocale();
  const [round, setRound] = useState<Round | null>(null);
  const [roster, setRoster] = useState<RosterMember[]>([]);
  const [question, setQuestion] = useState('');
  const [households, setHouseholds] = useState<HouseholdRow[]>([]);
  const [team, setTeam] = useState<TeamRow[]>([]);
  const [conclusion, setConclusion] = useState('');
  const [search, setSearch] = useState('');
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [origin, setOrigin] = useState<string | null>(null);
  useEffect(() => setOrigin(window.location.origin), []);

  const load = useCallback(async (withForm: boolean) => {
    const r = await call(`/api/meetings/${meetingId}/visits`);
    if (!r.ok) return;
    const data = r.body as Round;
    setRound(data);
    if (withForm) {
      setQuestion(data.question);
      setHouseholds(data.households.map((h) => ({ ...h })));
      setTeam(data.team.map((m) => ({ ...m })));
      setConclusion(data.conclusionDraft);
      if (data.may.manage) {
        const members = await call(`/api/communities/${data.communityId}/roster`);
        if (members.ok) setRoster((members.body.members as RosterMember[]).filter((m) => !m.retiredAt));
      }
    }
  }, [meetingId]);

  useEffect(() => {
    void load(true);
    const timer = window.setInterval(() => void load(false), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  async function act(path: string, body: unknown, done: string, reloadForm = true) {
    setBusy(true);
    setMessage(null);
    const r = await call(`/api/meetings/${meetingId}/visits${path}`, body);
    setBusy(false);
    if (!r.ok) {
      const issues = (r.body?.error?.details?.issues ?? []) as { path: string; message: string }[];
      setMessage({ kind: 'error', text: issues.length ? issues.map((i) => `${i.path}: ${i.message}`).join('; ') : r.body?.error?.message ?? t('visits.console.failed') });
      return false;
    }
    setMessage({ kind: 'done', text: done });
    await load(reloadForm);
    return true;
  }

  const filtered = useMemo(() => {
    const q = search.trim().toLowerCase();
    const list = [...(round?.entries ?? [])].reverse();
    if (!q) return list;
    return list.filter((e) => [e.household, e.address, e.metWith, e.place, e.opinion].some((x) => x.toLowerCase().includes(q)));
  }, [round, search]);

  if (!round) return <p className="p-6 text-base">{t('visits.console.loading')}</p>;
  const editable = round.may.manage && round.phase !== 'finished' && round.meetingStatus !== 'closed';
  const phoneHref = `/console/meetings/${meetingId}/visits`;
  const section = 'rounded-xl border border-ink/15 bg-white p-4';

  return (
    <div className="mx-auto max-w-5xl space-y-5 px-4 py-5">
      <header>
        <h1 className="text-3xl font-bold text-ink">{round.title}</h1>
        <p className="mt-1 text-base text-ink-muted">{t(`visits.console.phase.${round.meetingStatus === 'closed' ? 'closed' : round.phase}`)}</p>
        {round.may.log && round.meetingStatus !== 'closed' ? (
          <div className="mt-2 flex flex-wrap items-center gap-4">
            {/* The recorder scans it with the phone, logged in with the same staff account there. */}
            {origin ? <QrCodeClient value={`${origin}${phoneHref}`} size={112} label={t('visits.console.phoneQr')} /> : null}
            <p className="text-base"><Link className="font-semibold underline" href={phoneHref}>{t('visits.console.phoneLink')}</Link><br /><span className="text-sm text-ink-muted">{t('visits.console.phoneHint')}</span></p>
          </div>
        ) : null}
        {round.meetingStatus === 'closed' ? <p className="mt-2 text-base"><Link className="font-semibold underline" href={`/console/meetings/${meetingId}/record`}>{t('visits.console.record')}</Link></p> : null}
      </header>

      {message ? <p role={message.kind === 'error' ? 'alert' : 'status'} className={`text-base font-semibold ${message.kind === 'error' ? 'text-accent-800' : 'text-green-800'}`}>{message.text}</p> : null}

      <section className={section} aria-labelledby="visits-plan">
        <h2 id="visits-plan" className="text-2xl font-bold text-ink">{t('visits.console.plan')}</h2>
        <label className="mt-3 block text-base font-semibold">
          {t('visits.console.question')}
          <textarea className={inputClass} rows={2} value={question} onChange={(e) => setQuestion(e.target.value)} disabled={!editable || round.phase !== 'draft'} maxLength={500} />
        </label>

        <h3 className="mt-4 text-lg font-semibold">{t('visits.console.households', { count: households.length })}</h3>
        <ul className="mt-2 space-y-2">
          {households.map((h, i) => (
            <li key={h.id ?? `new-${i}`} className="grid gap-2 sm:grid-cols-[1fr_1fr_1fr_auto]">
              <label className="text-sm font-semibold">{t('visits.console.householdName', { n: i + 1 })}
                <input className={inputClass} value={h.name} disabled={!editable} onChange={(e) => setHouseholds(households.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))} />
              </label>
              <label className="text-sm font-semibold">{t('visits.console.householdAddress', { n: i + 1 })}
                <input className={inputClass} value={h.address} disabled={!editable} onChange={(e) => setHouseholds(households.map((x, k) => (k === i ? { ...x, address: e.target.value } : x)))} />
              </label>
              <label className="text-sm font-semibold">{t('visits.console.rosterLink', { n: i + 1 })}
                <select className={inputClass} value={h.rosterMemberId ?? ''} disabled={!editable} onChange={(e) => {
                  const m = roster.find((x) => x.id === e.target.value);
                  setHouseholds(households.map((x, k) => (k === i ? { ...x, rosterMemberId: m?.id ?? null, name: x.name || m?.name || '', address: x.address || m?.building || '' } : x)));
                }}>
                  <option value="">{t('visits.console.noRosterLink')}</option>
                  {roster.map((m) => <option key={m.id} value={m.id}>{t(m.building ? 'visits.household.withAddress' : 'visits.household.name', { name: m.name, address: m.building })}</option>)}
                </select>
              </label>
              {editable ? <Button variant="ghost" className="self-end" onClick={() => setHouseholds(households.filter((_, k) => k !== i))}>{t('visits.console.remove', { n: i + 1 })}</Button> : null}
            </li>
          ))}
        </ul>
        {editable ? <Button variant="secondary" className="mt-2" onClick={() => setHouseholds([...households, { name: '', address: '', rosterMemberId: null }])}>{t('visits.console.addHousehold')}</Button> : null}

        <h3 className="mt-4 text-lg font-semibold">{t('visits.console.team')}</h3>
        <ul className="mt-2 space-y-2">
          {team.map((m, i) => (
            <li key={i} className="grid gap-2 sm:grid-cols-[10rem_1fr_auto]">
              <label className="text-sm font-semibold">{t('visits.console.teamRole', { n: i + 1 })}
                <select className={inputClass} value={m.role} disabled={!editable} onChange={(e) => setTeam(team.map((x, k) => (k === i ? { ...x, role: e.target.value as TeamRow['role'] } : x)))}>
                  <option value="host">{t('visits.role.host')}</option>
                  <option value="recorder">{t('visits.role.recorder')}</option>
                </select>
              </label>
              <label className="text-sm font-semibold">{t('visits.console.teamName', { n: i + 1 })}
                <input className={inputClass} value={m.name} disabled={!editable || !!m.staffId} onChange={(e) => setTeam(team.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))} />
              </label>
              {editable ? <Button variant="ghost" className="self-end" onClick={() => setTeam(team.filter((_, k) => k !== i))}>{t('visits.console.remove', { n: i + 1 })}</Button> : null}
            </li>
          ))}
        </ul>
        {editable ? <Button variant="secondary" className="mt-2" onClick={() => setTeam([...team, { role: team.length ? 'recorder' : 'host', name: '', staffId: null, rosterMemberId: null }])}>{t('visits.console.addMember')}</Button> : null}

        {editable ? (
          <div className="mt-4 flex flex-wrap gap-3">
            <Button disabled={busy} onClick={() => void act('', { ...(round.phase === 'draft' ? { question } : {}), households, team }, t('visits.console.saved'))}>{t('visits.console.save')}</Button>
            {round.phase === 'draft' ? <Button variant="secondary" disabled={busy} onClick={async () => { if (await act('', { question, households, team }, t('visits.console.saved'))) await act('/start', {}, t('visits.console.started')); }}>{t('visits.console.start')}</Button> : null}
            {round.phase === 'open' ? <Button variant="danger" disabled={busy} onClick={() => void act('/finish', {}, t('visits.console.finishedDone'), false)}>{t('visits.console.finish')}</Button> : null}
          </div>
        ) : null}
      </section>

      <section className={section} aria-labelledby="visits-progress">
        <h2 id="visits-progress" className="text-2xl font-bold text-ink">{t('visits.console.progress')}</h2>
        <ProgressBar className="mt-3" label={t('visits.console.visitedLabel')} value={round.progress.plannedVisited} max={round.progress.planned} valueText={t('visits.console.visitedValue', { visited: round.progress.plannedVisited, planned: round.progress.planned })} />
        <p data-testid="visits-count" className="mt-2 text-base">{t('visits.console.entries', { entries: round.progress.entries, added: round.progress.added })}</p>
        <AgreementBar counts={round.progress.agreement} />
        <table className="mt-3 w-full text-left text-base">
          <caption className="sr-only">{t('visits.console.householdTable')}</caption>
          <thead><tr className="border-b border-ink/15"><th scope="col" className="py-1 pr-3">{t('visits.console.col.household')}</th><th scope="col" className="py-1 pr-3">{t('visits.console.col.address')}</th><th scope="col" className="py-1 pr-3">{t('visits.console.col.status')}</th></tr></thead>
          <tbody>
            {round.progress.households.map((h) => (
              <tr key={h.id} className="border-b border-ink/10">
                <td className="py-1 pr-3">{h.name}</td>
                <td className="py-1 pr-3">{h.address}</td>
                <td className="py-1 pr-3">{h.visits ? t('visits.console.visited', { count: h.visits, agreement: h.agreement ? t(`visits.agreement.${h.agreement}`) : '' }) : t('visits.console.notVisited')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className={section} aria-labelledby="visits-opinions">
        <h2 id="visits-opinions" className="text-2xl font-bold text-ink">{t('visits.console.opinions', { count: round.entries.length })}</h2>
        <label className="mt-2 block text-base font-semibold">{t('visits.console.search')}
          <input type="search" className={inputClass} value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <ul className="mt-3 space-y-2">
          {filtered.map((e) => (
            <li key={e.id} data-testid="visit-opinion" className="rounded-lg border border-ink/10 p-3">
              <p className="font-semibold">{t(e.address ? 'visits.household.withAddress' : 'visits.household.name', { name: e.household, address: e.address })} · {t(`visits.agreement.${e.agreement}`)}</p>
              <p className="text-sm text-ink-muted">{t('visits.console.entryMeta', { when: formatDateTime(locale, e.visitedAt), metWith: e.metWith || '—', place: e.place || '—' })}</p>
              <p className="mt-1 whitespace-pre-wrap break-words">{e.opinion || t('record.visits.noOpinion')}</p>
              {e.photos.length ? (
                <ul className="mt-2 flex flex-wrap gap-2">
                  {e.photos.map((p, k) => (
                    <li key={p.id}>
                      <a href={`/api/meetings/${meetingId}/visits/photos/${p.id}`} target="_blank" rel="noreferrer" className="block">
                        {/* eslint-disable-next-line @next/next/no-img-element -- a staff-only photo behind the session, not an optimisable asset */}
                        <img src={`/api/meetings/${meetingId}/visits/photos/${p.id}`} alt={t('visits.console.photoAlt', { n: k + 1, household: e.household })} className="h-24 w-24 rounded object-cover" />
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      {round.may.manage && round.phase !== 'draft' ? (
        <section className={section} aria-labelledby="visits-conclusion">
          <h2 id="visits-conclusion" className="text-2xl font-bold text-ink">{t('visits.console.conclusion')}</h2>
          {round.conclusion ? <p className="mt-2 text-base">{round.conclusion.text}</p> : (
            <>
              <label className="mt-2 block text-base font-semibold">{t('visits.console.conclusionLabel')}
                <textarea className={inputClass} rows={5} value={conclusion} onChange={(e) => setConclusion(e.target.value)} maxLength={4000} />
              </label>
              <div className="mt-3 flex flex-wrap gap-3">
                <Button variant="secondary" disabled={busy} onClick={() => void act('/conclusion', { text: conclusion }, t('visits.console.conclusionSaved'), false)}>{t('visits.console.saveConclusion')}</Button>
                {round.phase === 'finished' ? <Button disabled={busy || !conclusion.trim()} onClick={() => void act('/conclude', { conclusion }, t('visits.console.concluded'), false)}>{t('visits.console.conclude')}</Button> : <p className="text-base text-ink-muted">{t('visits.console.finishFirst')}</p>}
              </div>
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
