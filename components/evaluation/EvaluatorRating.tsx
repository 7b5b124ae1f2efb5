'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import { CARD_TEXT_MAX, cardProblems, ratedCriteria, ratings, textCriteria, type Rating } from '@/lib/evaluation/criteria';

type Unit = { id: string; name: string; commitments: { text: string; status: 'not_started' | 'in_progress' | 'done' | 'impossible' | null }[] };
type View = { communityName: string; meetingTitle: string; evaluator: { name: string }; periodFrom: string | null; periodTo: string | null; units: Unit[]; rating: boolean; answered: boolean };
type Draft = Record<string, { completion?: Rating; performance?: Rating; problems?: string; reasons?: string }>;

// A draft on this phone only (never sent before submitting), keyed by the link's first characters so the
// whole credential is not copied into storage. Storage can be missing or full (private modes, old WeChat
// builds): the page works without it.
const draftKey = (token: string) => `yishi.evaluation.draft.${token.slice(0, 12)}`;
function readDraft(token: string): Draft {
  try {
    const raw = window.localStorage.getItem(draftKey(token));
    return raw ? (JSON.parse(raw) as Draft) : {};
  } catch {
    return {};
  }
}
function writeDraft(token: string, d: Draft | null) {
  try {
    if (d) window.localStorage.setItem(draftKey(token), JSON.stringify(d));
    else window.localStorage.removeItem(draftKey(token));
  } catch {
    // no storage: the draft lives as long as the page
  }
}
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * An evaluator's page (/e/<token>), on their phone: one card per unit under evaluation with its
 * commitments, 完成情况 and 履职情况 as three big buttons each, and the two optional texts. The draft
 * survives a reload; sending retries a failed network twice by itself, then offers a button, and a
 * "already answered" reply to a retry is taken as done (the first attempt got through). Once sent the page
 * says so and shows nothing back: the ratings are anonymous, nothing links them to this link. Plain fetch
 * and form controls, no zod (the server validates), for WeChat's browser and older phones.
 */
export function EvaluatorRating({ token }: { token: string }) {
  const t = useT();
  const [view, setView] = useState<View | null>(null);
  const [missing, setMissing] = useState(false);
  const [failed, setFailed] = useState(false);
  const [draft, setDraft] = useState<Draft>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const base = `/api/e/${encodeURIComponent(token)}`;

  async function load() {
    try {
      const res = await fetch(base, { cache: 'no-store' });
      if (res.status === 404) return setMissing(true);
      if (!res.ok) return setFailed(true);
      setView((await res.json()) as View);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }
  useEffect(() => {
    setDraft(readDraft(token));
    void load();
  }, [token]); // eslint-disable-line react-hooks/exhaustive-deps

  function set(unitId: string, field: string, value: string) {
    setDraft((d) => {
      const next = { ...d, [unitId]: { ...d[unitId], [field]: value } };
      writeDraft(token, next);
      return next;
    });
  }

  async function submit(e?: FormEvent) {
    if (e) e.preventDefault();
    if (!view) return;
    const missingUnits = view.units.filter((u) => cardProblems(draft[u.id] ?? {}).length > 0);
    if (missingUnits.length) return setProblem(t('evaluation.phone.missing', { count: missingUnits.length, list: missingUnits.map((u) => u.name).join('、') }));
    const cards = view.units.map((u) => ({ unitId: u.id, completion: draft[u.id]!.completion, performance: draft[u.id]!.performance, problems: draft[u.id]!.problems ?? '', reasons: draft[u.id]!.reasons ?? '' }));
    setBusy(true);
    setProblem(null);
    setOffline(false);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const res = await fetch(`${base}/ratings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cards }) });
        const body = await res.json().catch(() => ({}));
        const code: string = body.error ? body.error.code : '';
        if (res.ok || (attempt > 0 && code === 'ALREADY_ANSWERED')) {
          writeDraft(token, null);
          setDone(true);
          setBusy(false);
          return void load();
        }
        if (res.status < 500) {
          setProblem(t(`meeting.error.${(code || 'INTERNAL') as 'INTERNAL'}`));
          setBusy(false);
          return void load();
        }
      } catch {
        // the network failed: try again below
      }
      await wait(1000 * (attempt + 1));
    }
    setOffline(true);
    setBusy(false);
  }

  if (missing) return <p role="alert" className="text-xl">{t('evaluation.phone.notFound')}</p>;
  if (!view) return failed ? <p role="alert" className="text-xl">{t('evaluation.phone.loadFailed')}</p> : null;

  const header = (
    <header>
      <p className="text-lg text-ink-muted">{view.communityName}</p>
      <h1 className="text-2xl font-bold leading-snug">{view.meetingTitle}</h1>
      <p className="mt-1 text-lg">{t('evaluation.phone.hello', { name: view.evaluator.name })}</p>
      {view.periodFrom && view.periodTo ? <p className="text-lg">{t('evaluation.phone.period', { from: view.periodFrom, to: view.periodTo })}</p> : null}
    </header>
  );
  if (done || view.answered) {
    return <div className="space-y-5">{header}<p role="status" className="rounded-xl border-2 border-ok-600 bg-white p-4 text-xl font-semibold">{t('evaluation.phone.done')}</p></div>;
  }
  if (!view.rating) return <div className="space-y-5">{header}<p role="status" className="rounded-xl border-2 border-ink/20 p-4 text-xl">{t('evaluation.phone.closed')}</p></div>;

  return (
    <div className="space-y-5">
      {header}
      <p className="text-lg">{t('evaluation.phone.intro')}</p>
      <form onSubmit={(e) => void submit(e)} className="space-y-5" noValidate>
        {view.units.map((u, n) => {
          const card = draft[u.id] ?? {};
          return (
            <section key={u.id} aria-labelledby={`unit-${u.id}`} className="rounded-2xl border-2 border-ink/15 bg-white p-4">
              <h2 id={`unit-${u.id}`} className="text-xl font-bold">{t('evaluation.phone.unit', { n: n + 1, total: view.units.length, name: u.name })}</h2>
              <p className="mt-2 text-base font-semibold text-ink-muted">{t('evaluation.phone.commitments')}</p>
              <ul className="list-disc pl-6 text-lg">
                {u.commitments.map((c, j) => <li key={j}>{c.text}{c.status ? <span className="text-ink-muted">（{t(`evaluation.status.${c.status}`)}）</span> : null}</li>)}
              </ul>
              {ratedCriteria.map((k) => (
                <fieldset key={k} className="mt-3">
                  <legend className="text-lg font-semibold">{t(`evaluation.criterion.${k}`)}</legend>
                  <div className="mt-1 grid grid-cols-3 gap-2">
                    {ratings.map((r) => (
                      <label key={r} className={`flex min-h-14 cursor-pointer items-center justify-center rounded-xl border-2 px-1 text-center text-lg font-semibold has-[:focus-visible]:ring-4 has-[:focus-visible]:ring-civic-300 ${card[k] === r ? 'border-civic-800 bg-civic-800 text-white' : 'border-ink/25 bg-white text-ink'}`}>
                        <input type="radio" name={`${u.id}-${k}`} value={r} checked={card[k] === r} onChange={() => set(u.id, k, r)} className="sr-only" />
                        {t(`evaluation.rating.${r}`)}
                      </label>
                    ))}
                  </div>
                </fieldset>
              ))}
              {textCriteria.map((k) => (
                <label key={k} className="mt-3 block text-lg font-semibold">
                  {t(`evaluation.criterion.${k}`)} <span className="font-normal text-ink-muted">{t('evaluation.phone.optional')}</span>
                  <textarea rows={3} maxLength={CARD_TEXT_MAX} value={card[k] ?? ''} onChange={(e) => set(u.id, k, e.target.value)} className={`${inputClass} text-lg`} />
                </label>
              ))}
            </section>
          );
        })}
        {problem ? <p role="alert" className="rounded-lg border-2 border-accent-700 bg-accent-50 p-2 text-lg text-accent-800">{problem}</p> : null}
        {offline ? <p role="alert" className="rounded-lg border-2 border-accent-700 bg-accent-50 p-2 text-lg text-accent-800">{t('evaluation.phone.failed')}</p> : null}
        <Button type="submit" size="large" className="w-full" disabled={busy}>{busy ? t('evaluation.phone.sending') : offline ? t('evaluation.phone.retry') : t('evaluation.phone.submit')}</Button>
      </form>
    </div>
  );
}
