'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import type { UnitResult } from '@/lib/evaluation/aggregate';
import { formatNumber } from '@/lib/i18n/format';
import { participantCategories } from '@/lib/planning/categories';
import { EvaluationResultTable } from './EvaluationResultTable';

type Status = 'not_started' | 'in_progress' | 'done' | 'impossible';
type Commitment = { text: string; decision: { recordId: string; pollId: string } | null; status: Status | null };
type Unit = { id: string; name: string; commitments: Commitment[] };
type Data = {
  meetingTitle: string; canManage: boolean; phase: 'draft' | 'open' | 'closed'; published: { note: string; at: string } | null;
  plan: { periodFrom: string | null; periodTo: string | null; units: Unit[] };
  evaluators: { id: string; name: string; category: string; hasLink: boolean }[];
  progress: { invited: number; answered: number };
  results: (UnitResult & { unitId: string })[] | null;
  noteDraft: string;
};
type Member = { id: string; name: string; categories: string[]; retiredAt: string | null };
type EditUnit = { id?: string; name: string; decided: Commitment[]; typed: string };
type LinkOut = { evaluatorId: string; name: string; category: string; path: string };
type ApiError = { code?: string; details?: { issues?: { path: string; message: string }[] } };

/**
 * The staff workspace of a 民主评议, in place of the live console for a meeting of form `evaluation`: the
 * period (the period's decisions of filed records offered, grouped by the unit responsible), the units
 * under evaluation with their commitments, the evaluators (roster categories, stakeholders typed in);
 * opening, with each evaluator's personal link shown once; then how many answered — a count only, never
 * who —, closing, the result table, and publishing it into the record and onto the board. Everything goes
 * through /api/meetings/:id/evaluation (lib/evaluation decides).
 */
export function EvaluationWorkspace({ meetingId, communityId }: { meetingId: string; communityId: string }) {
  const t = useT();
  const locale = useLocale();
  const [data, setData] = useState<Data | null>(null);
  const [roster, setRoster] = useState<Member[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [links, setLinks] = useState<LinkOut[]>([]);
  const [offered, setOffered] = useState<{ name: string; commitments: Commitment[] }[] | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [units, setUnits] = useState<EditUnit[]>([]);
  const [categories, setCategories] = useState<string[]>([]);
  const [others, setOthers] = useState('');
  // Evaluators are resolved rows once saved: they are sent again only when staff change the choice.
  const [evaluatorsChanged, setEvaluatorsChanged] = useState(false);
  const [override, setOverride] = useState('');
  const [note, setNote] = useState('');
  const api = `/api/meetings/${meetingId}/evaluation`;

  const load = useCallback(async (reset: boolean) => {
    const res = await fetch(api, { cache: 'no-store' }).catch(() => null);
    if (!res?.ok) return setError(t('planning.error.network'));
    const d = (await res.json()) as Data;
    setData(d);
    if (reset) {
      setFrom(d.plan.periodFrom ?? '');
      setTo(d.plan.periodTo ?? '');
      setUnits(d.plan.units.map((u) => ({ id: u.id, name: u.name, decided: u.commitments.filter((c) => c.decision), typed: u.commitments.filter((c) => !c.decision).map((c) => c.text).join('\n') })));
      setOthers(d.evaluators.filter((e) => e.category === 'stakeholder').map((e) => e.name).join('\n'));
      setNote(d.noteDraft);
    }
  }, [api, t]);
  useEffect(() => {
    void load(true);
    void fetch(`/api/communities/${communityId}/roster`).then(async (r) => (r.ok ? setRoster(((await r.json()) as { members: Member[] }).members.filter((m) => !m.retiredAt)) : null)).catch(() => null);
  }, [load, communityId]);
  // Progress while open: counts only, polled (no socket carries an evaluation's ratings).
  useEffect(() => {
    if (data?.phase !== 'open') return;
    const timer = setInterval(() => void load(false), 5000);
    return () => clearInterval(timer);
  }, [data?.phase, load]);

  function explain(err: ApiError | undefined): string {
    const issues = err?.details?.issues;
    const base = t(`meeting.error.${(err?.code ?? 'INTERNAL') as 'INTERNAL'}`);
    return issues?.length ? `${base}（${issues.map((i) => i.path).join('、')}）` : base;
  }

  async function call<T>(path: string, body: unknown): Promise<T | null> {
    setError(null);
    setBusy(true);
    try {
      const res = await fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const out = await res.json().catch(() => ({}));
      if (!res.ok) {
        setError(t('evaluation.error', { message: explain(out.error) }));
        return null;
      }
      return out as T;
    } catch {
      setError(t('planning.error.network'));
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function save(): Promise<boolean> {
    const ok = await call('', {
      periodFrom: from || null, periodTo: to || null,
      units: units.filter((u) => u.name.trim()).map((u) => ({
        ...(u.id ? { id: u.id } : {}), name: u.name,
        commitments: [...u.decided, ...u.typed.split('\n').map((l) => l.trim()).filter(Boolean).map((text) => ({ text }))],
      })),
      ...(evaluatorsChanged ? { evaluators: { categories, others: others.split('\n').map((l) => l.trim()).filter(Boolean).map((name) => ({ name })) } } : {}),
    });
    if (ok) {
      setSaved(true);
      setEvaluatorsChanged(false);
      await load(true);
    }
    return !!ok;
  }

  async function listDecisions() {
    if (!from || !to) return setError(t('evaluation.error', { message: `${t('evaluation.period.from')} / ${t('evaluation.period.to')}` }));
    const res = await fetch(`${api}/decisions?from=${from}&to=${to}`, { cache: 'no-store' }).catch(() => null);
    if (!res?.ok) return setError(t('planning.error.network'));
    setOffered(((await res.json()) as { units: { name: string; commitments: Commitment[] }[] }).units);
  }

  function take(o: { name: string; commitments: Commitment[] }) {
    const name = o.name || t('evaluation.period.noOwner');
    setUnits((us) => {
      const at = us.findIndex((u) => u.name === name);
      if (at < 0) return [...us, { name, decided: o.commitments, typed: '' }];
      return us.map((u, i) => (i === at ? { ...u, decided: [...u.decided, ...o.commitments.filter((c) => !u.decided.some((d) => d.decision?.pollId === c.decision?.pollId && d.decision?.recordId === c.decision?.recordId))] } : u));
    });
  }

  async function open() {
    if (!(await save())) return;
    const out = await call<{ links: LinkOut[] }>('/open', override.trim() ? { overrideReason: override.trim() } : {});
    if (out) {
      setLinks(out.links);
      await load(false);
    }
  }

  if (!data) return error ? <p role="alert" className="p-4 text-base">{error}</p> : null;
  const num = (n: number) => formatNumber(locale, n);
  const draft = data.phase === 'draft' && data.canManage;
  const inCategory = (c: string) => roster.filter((m) => m.categories.includes(c));
  const phase = data.published ? 'published' : data.phase;
  const nameOf = (id: string) => data.plan.units.find((u) => u.id === id)?.name ?? '';

  return (
    <div className="mx-auto max-w-5xl space-y-6 p-4">
      <header>
        <h1 className="text-3xl font-bold">{data.meetingTitle}</h1>
        <p className="mt-1 text-base"><span className="rounded-full border-2 border-civic-700 px-2 font-semibold">{t(`evaluation.phase.${phase}`)}</span> <span className="ml-2 text-ink-muted">{t('evaluation.workspace.intro')}</span></p>
      </header>
      {error ? <p role="alert" className="rounded-lg border-2 border-accent-700 bg-accent-50 p-2 text-base text-accent-800">{error}</p> : null}

      <section aria-labelledby="ev-period" className="rounded-xl border border-ink/15 bg-white p-4">
        <h2 id="ev-period" className="text-xl font-semibold">{t('evaluation.period.heading')}</h2>
        {draft ? (
          <div className="mt-2 flex flex-wrap items-end gap-3">
            <label className="font-semibold">{t('evaluation.period.from')}<input type="date" value={from} onChange={(e) => setFrom(e.target.value)} className={inputClass} /></label>
            <label className="font-semibold">{t('evaluation.period.to')}<input type="date" value={to} onChange={(e) => setTo(e.target.value)} className={inputClass} /></label>
            <Button variant="secondary" onClick={() => void listDecisions()}>{t('evaluation.period.decisions')}</Button>
          </div>
        ) : <p className="mt-2 text-lg">{data.plan.periodFrom ?? '—'} – {data.plan.periodTo ?? '—'}</p>}
        {draft && offered ? (
          offered.length === 0 ? <p className="mt-2 text-base text-ink-muted">{t('evaluation.period.none')}</p> : (
            <div className="mt-3">
              <h3 className="font-semibold">{t('evaluation.period.offered')}</h3>
              <ul className="mt-1 space-y-2">
                {offered.map((o, i) => (
                  <li key={i} className="rounded-lg border border-ink/15 p-2">
                    <div className="flex items-center justify-between gap-2">
                      <span className="font-semibold">{o.name || t('evaluation.period.noOwner')}</span>
                      <Button variant="secondary" onClick={() => take(o)}>{t('evaluation.period.take', { name: o.name || t('evaluation.period.noOwner') })}</Button>
                    </div>
                    <ul className="list-disc pl-6">{o.commitments.map((c, j) => <li key={j}>{c.text}{c.status ? `（${t(`evaluation.status.${c.status}`)}）` : ''}</li>)}</ul>
                  </li>
                ))}
              </ul>
            </div>
          )
        ) : null}
      </section>

      <section aria-labelledby="ev-units" className="rounded-xl border border-ink/15 bg-white p-4">
        <h2 id="ev-units" className="text-xl font-semibold">{t('evaluation.units.heading')}</h2>
        {draft ? (
          <div className="mt-2 space-y-3">
            {units.length === 0 ? <p className="text-ink-muted">{t('evaluation.units.none')}</p> : null}
            {units.map((u, i) => (
              <div key={i} className="rounded-lg border border-ink/15 p-3">
                <div className="flex items-end gap-2">
                  <label className="grow font-semibold">{t('evaluation.units.name')}<input value={u.name} maxLength={100} onChange={(e) => setUnits((us) => us.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)))} className={inputClass} /></label>
                  <Button variant="ghost" onClick={() => setUnits((us) => us.filter((_, k) => k !== i))}>{t('evaluation.units.remove', { name: u.name || String(i + 1) })}</Button>
                </div>
                {u.decided.length ? <ul className="mt-2 list-disc pl-6">{u.decided.map((c, j) => <li key={j}>{c.text} <span className="text-ink-muted">{t('evaluation.units.decision')}</span></li>)}</ul> : null}
                <label className="mt-2 block font-semibold">{t('evaluation.units.commitments')}<textarea rows={3} value={u.typed} onChange={(e) => setUnits((us) => us.map((x, k) => (k === i ? { ...x, typed: e.target.value } : x)))} className={inputClass} /></label>
              </div>
            ))}
            <Button variant="secondary" onClick={() => setUnits((us) => [...us, { name: '', decided: [], typed: '' }])}>{t('evaluation.units.add')}</Button>
          </div>
        ) : (
          <ol className="mt-2 list-decimal space-y-1 pl-7 text-base">
            {data.plan.units.map((u) => <li key={u.id}><span className="font-semibold">{u.name}</span><ul className="list-disc pl-6">{u.commitments.map((c, j) => <li key={j}>{c.text}</li>)}</ul></li>)}
          </ol>
        )}
      </section>

      <section aria-labelledby="ev-evaluators" className="rounded-xl border border-ink/15 bg-white p-4">
        <h2 id="ev-evaluators" className="text-xl font-semibold">{t('evaluation.evaluators.heading')}</h2>
        <p className="mt-1 text-base text-ink-muted">{t('evaluation.evaluators.count', { count: num(data.evaluators.length) })}</p>
        {draft ? (
          <div className="mt-2 space-y-3">
            <fieldset>
              <legend className="font-semibold">{t('evaluation.evaluators.categories')}</legend>
              <div className="mt-1 flex flex-wrap gap-2">
                {participantCategories.filter((c) => inCategory(c).length).map((c) => (
                  <label key={c} className="flex min-h-11 items-center gap-2 rounded-lg border border-ink/20 px-3">
                    <input type="checkbox" checked={categories.includes(c)} onChange={(e) => { setEvaluatorsChanged(true); setCategories((cs) => (e.target.checked ? [...cs, c] : cs.filter((x) => x !== c))); }} className="h-5 w-5" />
                    {t(`planning.category.${c}`)}（{num(inCategory(c).length)}）
                  </label>
                ))}
              </div>
            </fieldset>
            <label className="block font-semibold">{t('evaluation.evaluators.others')}<textarea rows={3} value={others} onChange={(e) => { setEvaluatorsChanged(true); setOthers(e.target.value); }} className={inputClass} /></label>
          </div>
        ) : null}
        {data.evaluators.length ? (
          <ul className="mt-2 flex flex-wrap gap-2 text-base">
            {data.evaluators.map((e) => (
              <li key={e.id} className="rounded-full bg-paper px-3 py-0.5">
                {e.name}<span className="text-ink-muted">（{e.category === 'stakeholder' ? t('evaluation.category.stakeholder') : t(`planning.category.${e.category as 'resident'}`)}）</span>
                {/* A lost link, or one handed to the wrong person: a new one; the old stops working. */}
                {data.phase === 'open' && data.canManage ? (
                  <Button variant="ghost" disabled={busy} onClick={() => void call<{ evaluatorId: string; path: string }>(`/evaluators/${e.id}/link`, {}).then((l) => l && setLinks([{ evaluatorId: l.evaluatorId, name: e.name, category: e.category, path: l.path }]))}>
                    {t('evaluation.links.reissue', { name: e.name })}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {draft ? (
        <section aria-label={t('evaluation.open')} className="flex flex-wrap items-end gap-3">
          <Button variant="secondary" disabled={busy} onClick={() => void save()}>{t('evaluation.save')}</Button>
          <label className="grow font-semibold">{t('evaluation.override')}<input value={override} maxLength={500} onChange={(e) => setOverride(e.target.value)} className={inputClass} /></label>
          <Button disabled={busy} onClick={() => void open()}>{t('evaluation.open')}</Button>
          {saved ? <p role="status" className="w-full text-base text-ok-700">{t('evaluation.saved')}</p> : null}
        </section>
      ) : null}

      {links.length ? (
        <section aria-labelledby="ev-links" className="rounded-xl border-2 border-warn-500 bg-white p-4">
          <h2 id="ev-links" className="text-xl font-semibold">{t('evaluation.links.heading')}</h2>
          <p className="text-base">{t('evaluation.links.once')}</p>
          <ul className="mt-2 space-y-1">
            {links.map((l) => <li key={l.evaluatorId} className="break-all text-base"><span className="font-semibold">{l.name}</span>：<code data-testid="evaluation-link" data-path={l.path}>{`${window.location.origin}${l.path}`}</code></li>)}
          </ul>
        </section>
      ) : null}

      {data.phase !== 'draft' ? (
        <section aria-labelledby="ev-progress" className="rounded-xl border border-ink/15 bg-white p-4">
          <h2 id="ev-progress" className="text-2xl font-bold tabular-nums">{t('evaluation.progress', { answered: num(data.progress.answered), invited: num(data.progress.invited) })}</h2>
          <div className="mt-2 h-4 overflow-hidden rounded-full bg-ink/10" aria-hidden="true">
            <div className="h-full bg-civic-700" style={{ width: `${data.progress.invited ? (100 * data.progress.answered) / data.progress.invited : 0}%` }} />
          </div>
          <p className="mt-1 text-base text-ink-muted">{t('evaluation.progress.private')}</p>
          {data.phase === 'open' && data.canManage ? <Button className="mt-3" variant="danger" disabled={busy} onClick={() => void call('/close', {}).then((ok) => ok && load(false))}>{t('evaluation.close')}</Button> : null}
        </section>
      ) : null}

      {data.results ? (
        <section aria-labelledby="ev-results" className="rounded-xl border border-ink/15 bg-white p-4">
          <h2 id="ev-results" className="mb-2 text-xl font-semibold">{t('evaluation.results.heading')}</h2>
          <EvaluationResultTable rows={data.results.map((r) => ({ ...r, name: nameOf(r.unitId) }))} t={t} idPrefix="ev-results" />
          {data.published ? (
            <div className="mt-3">
              <p role="status" className="text-lg font-semibold text-ok-700">{t('evaluation.published')}</p>
              {data.published.note ? <p className="whitespace-pre-line">{data.published.note}</p> : null}
              <Link href={`/console/meetings/${meetingId}/record`} className="mt-2 inline-block font-semibold text-civic-800 underline">{t('evaluation.record')}</Link>
            </div>
          ) : data.canManage ? (
            <div className="mt-3 space-y-2">
              <label className="block font-semibold">{t('evaluation.note')}<textarea rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} className={inputClass} /></label>
              <Button disabled={busy} onClick={() => void call('/publish', { note: note.trim() }).then((ok) => ok && load(false))}>{t('evaluation.publish')}</Button>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
