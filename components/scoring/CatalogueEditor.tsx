'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { inputClass } from '@/components/ui/form-styles';
import { Button } from '@/components/ui/Button';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import type { Catalogue } from '@/lib/scoring/catalogue';
import { errorText, postJson, type ApiError, type ErrorText } from './api-error';
import { ErrorNotice } from './ErrorNotice';
import { formatPoints, inLocale } from './scoring-text';
import { useHydrated } from '@/components/ui/useHydrated';

type Props = {
  year: number;
  catalogue: Catalogue;
  /** what each tier must add up to (fixed by the standard), to show the sums while editing */
  tierPoints: Record<string, number>;
  canEdit: boolean;
  /** the read-only catalogue, shown while not editing */
  children: ReactNode;
};

type Mode = 'form' | 'json';

/** Every reason the server gave: the catalogue's own checks (details.errors) or the request's (issues). */
function reasonsOf(e: ApiError): string[] | null {
  if (Array.isArray(e.details.errors)) return e.details.errors.map(String);
  if (Array.isArray(e.details.issues)) return (e.details.issues as { path: string; message: string }[]).map((i) => `${i.path}: ${i.message}`);
  return null;
}

/**
 * Edits a copy of the year's catalogue and saves it as a new edition. The form covers what changes
 * most (points, texts, grade lines); the JSON view edits everything else. The server validates; its
 * reasons are listed in full, since one edit can break several rules at once (tier sums, grade order).
 */
export function CatalogueEditor({ year, catalogue, tierPoints, canEdit, children }: Props) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const jsonId = useId();
  const [draft, setDraft] = useState<Catalogue | null>(null);
  const [mode, setMode] = useState<Mode>('form');
  const [json, setJson] = useState('');
  // `heading` only for the server's validation reasons; a JSON syntax error stands alone.
  const [problem, setProblem] = useState<{ heading: string | null; items: string[] } | null>(null);
  // A failure that is not about the catalogue's content (no connection, no permission, a server fault).
  const [failure, setFailure] = useState<ErrorText | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  const problemRef = useRef<HTMLDivElement>(null);
  // The reasons sit above a long form: bring them into view when they arrive.
  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  if (!draft) {
    return (
      <div>
        {saved ? <p role="status" className="mb-4 rounded-lg border-2 border-ok-600 bg-white px-3 py-2 text-base">{saved}</p> : null}
        {canEdit ? (
          <Button className="mb-5" disabled={!hydrated} onClick={() => { setDraft(structuredClone(catalogue)); setMode('form'); setProblem(null); setSaved(null); }}>
            {t('scoring.catalogue.edit')}
          </Button>
        ) : (
          <p className="mb-5 text-base text-ink-muted">{t('scoring.catalogue.readOnly')}</p>
        )}
        {children}
      </div>
    );
  }

  const update = (fn: (c: Catalogue) => void) => setDraft((d) => {
    if (!d) return d;
    const next = structuredClone(d);
    fn(next);
    return next;
  });

  function switchMode(next: Mode) {
    if (next === mode || !draft) return;
    if (next === 'json') {
      setJson(JSON.stringify(draft, null, 2));
    } else {
      try {
        setDraft(JSON.parse(json) as Catalogue);
      } catch (e) {
        return setProblem({ heading: null, items: [t('scoring.catalogue.jsonInvalid', { message: (e as Error).message })] });
      }
    }
    setProblem(null);
    setMode(next);
  }

  async function save() {
    let body: unknown = draft;
    if (mode === 'json') {
      try {
        body = JSON.parse(json);
      } catch (e) {
        return setProblem({ heading: null, items: [t('scoring.catalogue.jsonInvalid', { message: (e as Error).message })] });
      }
    }
    setBusy(true);
    setProblem(null);
    setFailure(null);
    try {
      const { version } = await postJson<{ version: string }>('/api/catalogue', { year, catalogue: body });
      setSaved(t('scoring.catalogue.saved', { version }));
      setDraft(null);
      router.refresh();
    } catch (err) {
      const e = err as ApiError;
      const items = reasonsOf(e);
      if (items) setProblem({ heading: t('scoring.catalogue.invalid', { count: items.length }), items });
      else setFailure(errorText(t, e));
    } finally {
      setBusy(false);
    }
  }

  const sums = Object.keys(tierPoints).map((tier) => ({
    tier, expected: tierPoints[tier]!, sum: draft.indicators.filter((i) => i.tier === tier).reduce((s, i) => s + (Number.isFinite(i.points) ? i.points : 0), 0),
  }));
  const tierName = (tier: string) => (['basic', 'advanced', 'featured'].includes(tier) ? t(`scoring.tier.${tier as 'basic'}`) : tier);

  return (
    <div className="space-y-5">
      <div role="group" aria-label={t('scoring.catalogue.modes')} className="inline-flex rounded-lg border border-ink/25 bg-white p-1">
        {(['form', 'json'] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            onClick={() => switchMode(m)}
            className={`min-h-11 rounded-md px-4 text-base font-medium ${mode === m ? 'bg-civic-800 text-white' : 'text-ink hover:bg-civic-50'}`}
          >
            {t(m === 'form' ? 'scoring.catalogue.modeForm' : 'scoring.catalogue.modeJson')}
          </button>
        ))}
      </div>

      {problem ? (
        <div ref={problemRef} tabIndex={-1} role="alert" className="rounded-lg border-2 border-accent-700 bg-accent-50 px-4 py-3 text-accent-800">
          {problem.heading ? <p className="font-semibold">{problem.heading}</p> : null}
          <ul className={`list-disc pl-5 text-sm ${problem.heading ? 'mt-1 font-mono' : ''}`} data-testid="catalogue-errors">
            {problem.items.map((e, k) => <li key={k}>{e}</li>)}
          </ul>
        </div>
      ) : null}
      {failure ? <ErrorNotice error={failure} /> : null}

      {mode === 'json' ? (
        <label htmlFor={jsonId} className="block text-base font-medium text-ink">
          {t('scoring.catalogue.json')}
          <textarea id={jsonId} value={json} onChange={(e) => setJson(e.target.value)} rows={28} spellCheck={false} className={`${inputClass} font-mono text-sm`} />
        </label>
      ) : (
        <>
          <div className="grid gap-3 md:grid-cols-2">
            {(['zh-CN', 'en'] as const).map((lang) => (
              <label key={lang} className="block text-base font-medium text-ink">
                {t(lang === 'zh-CN' ? 'scoring.catalogue.titleZh' : 'scoring.catalogue.titleEn')}
                <input value={draft.title[lang]} onChange={(e) => update((c) => { c.title[lang] = e.target.value; })} className={inputClass} />
              </label>
            ))}
          </div>

          <fieldset>
            <legend className="text-lg font-semibold text-ink">{t('scoring.catalogue.grades')}</legend>
            <div className="mt-2 flex flex-wrap gap-3">
              {/* By grade name, not by line: the fields must not move while a line is being typed. */}
              {Object.keys(draft.grades).sort().reverse().map((g) => (
                <label key={g} className="block w-32 text-base font-medium text-ink">
                  {t('scoring.catalogue.gradeLine', { grade: g })}
                  <input type="number" min={1} max={1000} step={1} value={Number.isFinite(draft.grades[g]) ? draft.grades[g] : ''} onChange={(e) => update((c) => { c.grades[g] = e.target.valueAsNumber; })} className={inputClass} />
                </label>
              ))}
            </div>
          </fieldset>

          <ul aria-live="polite" className="flex flex-wrap gap-x-6 gap-y-1 text-base">
            {sums.map((s) => (
              <li key={s.tier} className={`tabular-nums ${s.sum === s.expected ? 'text-ink' : 'font-semibold text-accent-700'}`}>
                {s.sum === s.expected
                  ? t('scoring.catalogue.tierSum', { tier: tierName(s.tier), sum: formatPoints(locale, s.sum), expected: formatPoints(locale, s.expected) })
                  : t('scoring.catalogue.tierSumWrong', { tier: tierName(s.tier), sum: formatPoints(locale, s.sum), expected: formatPoints(locale, s.expected) })}
              </li>
            ))}
          </ul>

          {draft.categories.map((c) => (
            <fieldset key={c.id} className="rounded-lg border border-ink/15 bg-white p-3">
              <legend className="px-1 text-lg font-semibold text-ink">{inLocale(c.name, locale)}</legend>
              <div className="hidden gap-3 px-1 text-sm font-medium text-ink-muted md:grid md:grid-cols-[6rem_1fr_1fr]" aria-hidden="true">
                <span>{t('scoring.catalogue.points')}</span>
                <span>{t('scoring.catalogue.textZh')}</span>
                <span>{t('scoring.catalogue.textEn')}</span>
              </div>
              {draft.elements.filter((e) => e.category === c.id).flatMap((e) => draft.indicators.filter((i) => i.element === e.id)).map((ind) => (
                <div key={ind.id} className="grid gap-x-3 gap-y-1 border-t border-ink/10 px-1 py-2 md:grid-cols-[6rem_1fr_1fr]">
                  <p className="text-sm text-ink-muted md:col-span-3">{t('scoring.catalogue.tierOf', { tier: tierName(ind.tier), id: ind.id })}</p>
                  <input
                    type="number" min={1} step={1} aria-label={t('scoring.catalogue.pointsFor', { id: ind.id })}
                    value={Number.isFinite(ind.points) ? ind.points : ''}
                    onChange={(e) => update((d) => { d.indicators.find((i) => i.id === ind.id)!.points = e.target.valueAsNumber; })}
                    className={`${inputClass} mt-0`}
                  />
                  {(['zh-CN', 'en'] as const).map((lang) => (
                    <textarea
                      key={lang} rows={2} aria-label={t(lang === 'zh-CN' ? 'scoring.catalogue.textZhFor' : 'scoring.catalogue.textEnFor', { id: ind.id })}
                      value={ind.text[lang]}
                      onChange={(e) => update((d) => { d.indicators.find((i) => i.id === ind.id)!.text[lang] = e.target.value; })}
                      className={`${inputClass} mt-0 text-sm`}
                    />
                  ))}
                </div>
              ))}
            </fieldset>
          ))}
        </>
      )}


      <div className="sticky bottom-0 flex flex-wrap gap-3 border-t border-ink/15 bg-paper py-3">
        <Button onClick={save} disabled={busy}>{busy ? t('scoring.catalogue.saving') : t('scoring.catalogue.save')}</Button>
        <Button variant="secondary" onClick={() => { setDraft(null); setProblem(null); setFailure(null); }} disabled={busy}>{t('scoring.catalogue.cancel')}</Button>
      </div>
    </div>
  );
}
