'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import { useHydrated } from '@/components/ui/useHydrated';
import { errorText, postJson, type ApiError, type ErrorText } from '@/components/scoring/api-error';
import { ErrorNotice } from '@/components/scoring/ErrorNotice';
import { meetingForms, type MeetingForm } from '@/lib/meeting/model';
import { quorumPresets, type QuorumRule } from '@/lib/meeting/quorum';
import { participantCategories, type ParticipantCategory } from '@/lib/planning/categories';
import { StepMarker } from '@/lib/planning/procedure';
import type { ProcedureTemplates } from '@/lib/planning/templates';

type Template = ProcedureTemplates['templates'][number];

const FIELDS = ['noticeLeadDays', 'publicityDays', 'quorumRule', 'defaultCategories', 'requiredCategories', 'steps'] as const;

/**
 * The server's reason (`template "hearing": noticeLeadDays: Too big …`, lib/planning/templates.ts) led by
 * the form and the field in the reader's words; the reason itself stays below, as the server said it.
 */
function reasonHeading(t: ReturnType<typeof useT>, reason: string): string | null {
  const m = /^template "([a-z_]+)": (?:([A-Za-z]+)[.:])?/.exec(reason);
  if (!m) return null;
  const form = meetingForms.includes(m[1] as MeetingForm) ? t(`meeting.form.${m[1] as MeetingForm}`) : m[1]!;
  const field = FIELDS.find((f) => f === m[2]);
  return field ? `${form} · ${t(`templates.field.${field}`)}` : form;
}
type QuorumChoice = 'none' | keyof typeof quorumPresets | 'custom';

function quorumChoice(rule: QuorumRule | null): QuorumChoice {
  if (!rule) return 'none';
  for (const [name, preset] of Object.entries(quorumPresets)) {
    if (preset.numerator === rule.numerator && preset.denominator === rule.denominator && preset.comparison === rule.comparison) return name as QuorumChoice;
  }
  return 'custom';
}

/**
 * The district admin's form over the district's procedure templates: per form its notice lead time,
 * quorum rule, participant categories (invited by default / required) and steps. Saving makes a new
 * edition; the server checks it (lib/planning/templates.ts) and lists every reason, each naming the
 * template and the field. Meetings planned earlier keep the procedure they were planned with.
 */
export function TemplatesEditor({ templates, canEdit }: { templates: ProcedureTemplates; canEdit: boolean }) {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const hydrated = useHydrated();
  const [draft, setDraft] = useState<ProcedureTemplates>(() => structuredClone(templates));
  const [problem, setProblem] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<ErrorText | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problemRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  const update = (form: Template['form'], fn: (tpl: Template) => void) => {
    setSaved(null);
    setDraft((d) => {
      const next = structuredClone(d);
      fn(next.templates.find((x) => x.form === form)!);
      return next;
    });
  };

  async function save() {
    setBusy(true);
    setProblem(null);
    setFailure(null);
    try {
      const { version } = await postJson<{ version: string }>('/api/templates', { templates: draft });
      setSaved(t('templates.saved', { version }));
      router.refresh();
    } catch (err) {
      const e = err as ApiError;
      if (Array.isArray(e.details.errors)) setProblem(e.details.errors.map(String));
      else setFailure(errorText(t, e));
    } finally {
      setBusy(false);
    }
  }

  const disabled = !canEdit || !hydrated;
  return (
    <div className="space-y-4">
      {saved ? <p role="status" className="rounded-lg border-2 border-ok-600 bg-white px-3 py-2 text-base">{saved}</p> : null}
      {problem ? (
        <div ref={problemRef} tabIndex={-1} role="alert" className="rounded-lg border-2 border-accent-700 bg-accent-50 px-4 py-3 text-accent-800">
          <p className="font-semibold">{t('templates.invalid', { count: problem.length })}</p>
          <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="templates-errors">
            {problem.map((e, k) => {
              const heading = reasonHeading(t, e);
              return (
                <li key={k}>
                  {heading ? <span className="font-semibold">{heading}</span> : null}
                  <span lang="en" className="block font-mono text-sm">{e}</span>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {failure ? <ErrorNotice error={failure} /> : null}
      {canEdit ? null : <p className="text-base text-ink-muted">{t('templates.readOnly')}</p>}

      {draft.templates.map((tpl) => {
        const choice = quorumChoice(tpl.quorumRule);
        const id = (field: string) => `tpl-${tpl.form}-${field}`;
        return (
          <details key={tpl.form} className="rounded-xl border border-ink/15 bg-white" data-form={tpl.form}>
            <summary className="min-h-11 cursor-pointer px-4 py-3 text-lg font-semibold text-ink">
              {t(`meeting.form.${tpl.form}`)}
              <span className="ml-2 text-base font-normal text-ink-muted">{t('templates.summary', { days: tpl.noticeLeadDays, steps: tpl.steps.length })}</span>
            </summary>
            <fieldset disabled={disabled} className="space-y-4 border-t border-ink/10 px-4 py-4">
              <legend className="sr-only">{t(`meeting.form.${tpl.form}`)}</legend>
              <div className="grid gap-3 sm:grid-cols-2">
                <label htmlFor={id('lead')} className="block text-base font-medium text-ink">
                  {t('templates.field.noticeLeadDays')}
                  <input
                    id={id('lead')} type="number" min={0} max={60} step={1}
                    value={Number.isFinite(tpl.noticeLeadDays) ? tpl.noticeLeadDays : ''}
                    onChange={(e) => update(tpl.form, (x) => { x.noticeLeadDays = e.target.valueAsNumber; })}
                    className={inputClass}
                  />
                </label>
                <label htmlFor={id('publicity')} className="block text-base font-medium text-ink">
                  {t('templates.field.publicityDays')}
                  <input
                    id={id('publicity')} type="number" min={1} max={60} step={1}
                    value={Number.isFinite(tpl.publicityDays) ? tpl.publicityDays : ''}
                    onChange={(e) => update(tpl.form, (x) => { x.publicityDays = e.target.valueAsNumber; })}
                    className={inputClass}
                  />
                </label>
                <label htmlFor={id('quorum')} className="block text-base font-medium text-ink">
                  {t('templates.field.quorumRule')}
                  <select
                    id={id('quorum')} value={choice} className={inputClass}
                    onChange={(e) => update(tpl.form, (x) => {
                      const v = e.target.value as QuorumChoice;
                      x.quorumRule = v === 'none' ? null : v === 'custom' ? { ...(x.quorumRule ?? quorumPresets.more_than_half) } : { ...quorumPresets[v] };
                    })}
                  >
                    <option value="none">{t('planning.quorum.none')}</option>
                    <option value="more_than_half">{t('planning.quorum.more_than_half')}</option>
                    <option value="two_thirds">{t('planning.quorum.two_thirds')}</option>
                    <option value="custom">{t('templates.quorum.custom')}</option>
                  </select>
                </label>
              </div>
              {choice === 'custom' && tpl.quorumRule ? (
                <div className="flex flex-wrap items-end gap-3">
                  <label className="block w-28 text-base font-medium text-ink">
                    {t('templates.quorum.numerator')}
                    <input type="number" min={0} step={1} value={Number.isFinite(tpl.quorumRule.numerator) ? tpl.quorumRule.numerator : ''} onChange={(e) => update(tpl.form, (x) => { x.quorumRule!.numerator = e.target.valueAsNumber; })} className={inputClass} />
                  </label>
                  <label className="block w-28 text-base font-medium text-ink">
                    {t('templates.quorum.denominator')}
                    <input type="number" min={1} step={1} value={Number.isFinite(tpl.quorumRule.denominator) ? tpl.quorumRule.denominator : ''} onChange={(e) => update(tpl.form, (x) => { x.quorumRule!.denominator = e.target.valueAsNumber; })} className={inputClass} />
                  </label>
                  <label className="block w-44 text-base font-medium text-ink">
                    {t('templates.quorum.comparison')}
                    <select value={tpl.quorumRule.comparison} onChange={(e) => update(tpl.form, (x) => { x.quorumRule!.comparison = e.target.value as QuorumRule['comparison']; })} className={inputClass}>
                      <option value="more_than">{t('templates.quorum.more_than')}</option>
                      <option value="at_least">{t('templates.quorum.at_least')}</option>
                    </select>
                  </label>
                </div>
              ) : null}

              <fieldset>
                <legend className="text-base font-semibold text-ink">{t('templates.field.categories')}</legend>
                <table className="mt-1 w-full text-base">
                  <thead>
                    <tr className="text-left text-sm text-ink-muted">
                      <th scope="col" className="py-1 font-medium">{t('templates.category')}</th>
                      <th scope="col" className="w-20 py-1 text-center font-medium">{t('templates.field.defaultCategories')}</th>
                      <th scope="col" className="w-20 py-1 text-center font-medium">{t('templates.field.requiredCategories')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {participantCategories.map((c: ParticipantCategory) => (
                      <tr key={c} className="border-t border-ink/10">
                        <th scope="row" className="py-1 text-left font-normal">{t(`planning.category.${c}`)}</th>
                        {(['defaultCategories', 'requiredCategories'] as const).map((list) => (
                          <td key={list} className="text-center">
                            <input
                              type="checkbox" className="size-6 align-middle"
                              aria-label={t(list === 'defaultCategories' ? 'templates.defaultFor' : 'templates.requiredFor', { category: t(`planning.category.${c}`) })}
                              checked={tpl[list].includes(c)}
                              onChange={(e) => update(tpl.form, (x) => { x[list] = e.target.checked ? [...x[list], c] : x[list].filter((y) => y !== c); })}
                            />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </fieldset>

              <fieldset>
                <legend className="text-base font-semibold text-ink">{t('templates.field.steps')}</legend>
                <ol className="mt-1 space-y-2">
                  {tpl.steps.map((s, k) => (
                    <li key={k} className="grid gap-2 rounded-lg border border-ink/10 p-2 sm:grid-cols-[1fr_1fr_11rem_auto]">
                      <input aria-label={t('templates.step.nameZh', { n: k + 1 })} value={s.name['zh-CN']} onChange={(e) => update(tpl.form, (x) => { x.steps[k]!.name['zh-CN'] = e.target.value; })} className={`${inputClass} mt-0`} />
                      <input aria-label={t('templates.step.nameEn', { n: k + 1 })} lang="en" value={s.name.en} onChange={(e) => update(tpl.form, (x) => { x.steps[k]!.name.en = e.target.value; })} className={`${inputClass} mt-0`} />
                      <select aria-label={t('templates.step.doneWhen', { n: k + 1 })} value={s.doneWhen} onChange={(e) => update(tpl.form, (x) => { x.steps[k]!.doneWhen = e.target.value as StepMarker; })} className={`${inputClass} mt-0`}>
                        {StepMarker.options.map((m) => <option key={m} value={m}>{t(`templates.marker.${m}`)}</option>)}
                      </select>
                      <Button variant="secondary" aria-label={t('templates.step.remove', { n: k + 1 })} onClick={() => update(tpl.form, (x) => { x.steps.splice(k, 1); })}>
                        {t('templates.step.removeShort')}
                      </Button>
                    </li>
                  ))}
                </ol>
                <Button
                  variant="secondary" className="mt-2"
                  onClick={() => update(tpl.form, (x) => { x.steps.push({ id: `step_${x.steps.length + 1}_${Date.now().toString(36)}`, name: { 'zh-CN': '', en: '' }, doneWhen: 'manual' }); })}
                >
                  {t('templates.step.add')}
                </Button>
              </fieldset>
              {tpl.note ? <p className="text-sm text-ink-muted">{tpl.note[locale]}</p> : null}
            </fieldset>
          </details>
        );
      })}

      {canEdit ? (
        <div className="sticky bottom-0 flex flex-wrap gap-3 border-t border-ink/15 bg-paper py-3">
          <Button onClick={save} disabled={busy || !hydrated}>{busy ? t('templates.saving') : t('templates.save')}</Button>
          <Button variant="secondary" disabled={busy} onClick={() => { setDraft(structuredClone(templates)); setProblem(null); setFailure(null); }}>{t('templates.reset')}</Button>
        </div>
      ) : null}
    </div>
  );
}
