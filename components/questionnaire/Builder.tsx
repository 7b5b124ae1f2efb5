'use client';

import { useId, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import type { AnswerValue } from '@/lib/questionnaire/answers';
import { QUESTIONNAIRE_LIMITS, questionKinds, type QuestionKind } from '@/lib/questionnaire/definition';
import { mintId, move, newQuestion, newSection, previewDefinition, type BuilderDefinition, type BuilderQuestion, type FieldIssue } from './builder-model';
import { QuestionnaireForm, type DraftAnswers } from './QuestionnaireForm';

type T = ReturnType<typeof useT>;

/** A field's fault in the reader's language, from the zod issue's code and path (client) or the server's message. */
export function fieldIssueText(t: T, i: FieldIssue): string {
  const last = i.path.split('.').at(-1) ?? '';
  if (/Two options have this label/.test(i.message)) return t('questionnaire.builder.error.duplicateLabel');
  if (last === 'minChoices' || last === 'maxChoices') return t('questionnaire.builder.error.choices');
  if (i.code === 'too_small' && last === 'options') return t('questionnaire.builder.error.fewOptions');
  if (i.code === 'too_small' && last === 'questions') return t('questionnaire.builder.error.noQuestions');
  if (i.code === 'too_small' && last === 'sections') return t('questionnaire.builder.error.noSections');
  if (i.code === 'too_small' || /expected string to have >=1/.test(i.message)) return t('questionnaire.builder.error.empty');
  if (i.code === 'too_big' || /expected .* to have <=/.test(i.message)) return t('questionnaire.builder.error.tooLong');
  return t('questionnaire.builder.error.invalid', { message: i.message });
}

/**
 * 制作问卷: the title, the introduction and the sections' questions (single, multiple, rating 1–5,
 * ranking, text), each required or optional, options and questions added, removed and moved with
 * buttons; faults shown at their field; beside it the phone's view at 390 px, live.
 */
export function Builder({ value, onChange, issues }: { value: BuilderDefinition; onChange: (b: BuilderDefinition) => void; issues: FieldIssue[] }) {
  const t = useT();
  const [previewAnswers, setPreviewAnswers] = useState<DraftAnswers>({});
  const byPath = new Map<string, string>();
  for (const i of issues) if (!byPath.has(i.path)) byPath.set(i.path, fieldIssueText(t, i));
  const err = (path: string) => byPath.get(path);
  const set = (patch: Partial<BuilderDefinition>) => onChange({ ...value, ...patch });
  const setSection = (si: number, patch: Partial<BuilderDefinition['sections'][number]>) =>
    set({ sections: value.sections.map((s, i) => (i === si ? { ...s, ...patch } : s)) });
  const setQuestion = (si: number, qi: number, patch: Partial<BuilderQuestion>) =>
    setSection(si, { questions: value.sections[si]!.questions.map((q, i) => (i === qi ? { ...q, ...patch } : q)) });

  let number = 0;
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_420px]">
      <div className="space-y-5">
        <Field label={t('questionnaire.builder.title')} error={err('title')}>
          {(props) => <input {...props} className={inputClass} maxLength={QUESTIONNAIRE_LIMITS.title} value={value.title} onChange={(e) => set({ title: e.target.value })} />}
        </Field>
        <Field label={t('questionnaire.builder.intro')} error={err('intro')}>
          {(props) => <textarea {...props} className={inputClass} rows={3} maxLength={QUESTIONNAIRE_LIMITS.intro} value={value.intro} onChange={(e) => set({ intro: e.target.value })} />}
        </Field>
        {err('sections') ? <p role="alert" className="font-semibold text-accent-800">{err('sections')}</p> : null}
        {value.sections.map((s, si) => (
          <section key={s.id} className="space-y-4 rounded-2xl border-2 border-ink/15 bg-paper p-4" aria-label={t('questionnaire.builder.sectionN', { n: si + 1 })}>
            <div className="flex flex-wrap items-end gap-2">
              <div className="min-w-0 flex-1">
                <Field label={t('questionnaire.builder.sectionTitle', { n: si + 1 })} error={err(`sections.${si}.title`)}>
                  {(props) => <input {...props} className={inputClass} value={s.title} onChange={(e) => setSection(si, { title: e.target.value })} />}
                </Field>
              </div>
              <Button variant="ghost" disabled={si === 0} onClick={() => set({ sections: move(value.sections, si, si - 1) })}>{t('questionnaire.builder.sectionUp', { n: si + 1 })}</Button>
              <Button variant="ghost" disabled={si === value.sections.length - 1} onClick={() => set({ sections: move(value.sections, si, si + 1) })}>{t('questionnaire.builder.sectionDown', { n: si + 1 })}</Button>
              <Button variant="ghost" disabled={value.sections.length === 1} onClick={() => set({ sections: value.sections.filter((_, i) => i !== si) })}>{t('questionnaire.builder.sectionRemove', { n: si + 1 })}</Button>
            </div>
            {err(`sections.${si}.questions`) ? <p role="alert" className="font-semibold text-accent-800">{err(`sections.${si}.questions`)}</p> : null}
            {s.questions.map((q, qi) => {
              number += 1;
              const at = `sections.${si}.questions.${qi}`;
              return (
                <QuestionEditor key={q.id} n={number} q={q} at={at} err={err} t={t}
                  onChange={(patch) => setQuestion(si, qi, patch)}
                  onMove={(d) => setSection(si, { questions: move(s.questions, qi, qi + d) })}
                  canUp={qi > 0} canDown={qi < s.questions.length - 1}
                  onRemove={() => setSection(si, { questions: s.questions.filter((_, i) => i !== qi) })} />
              );
            })}
            <AddQuestion t={t} n={si + 1} onAdd={(kind) => setSection(si, { questions: [...s.questions, newQuestion(kind)] })} />
          </section>
        ))}
        <Button variant="secondary" onClick={() => set({ sections: [...value.sections, newSection()] })}>{t('questionnaire.builder.addSection')}</Button>
      </div>
      <aside aria-label={t('questionnaire.builder.preview')} className="xl:sticky xl:top-4 xl:self-start">
        <h3 className="mb-2 text-lg font-semibold">{t('questionnaire.builder.preview')}</h3>
        <div className="mx-auto max-h-[760px] w-[390px] max-w-full overflow-y-auto rounded-[2rem] border-8 border-ink/80 bg-paper p-3" data-testid="questionnaire-preview">
          <p className="text-xl font-bold">{value.title || t('questionnaire.builder.untitled')}</p>
          {value.intro ? <p className="mt-1 whitespace-pre-line text-base">{value.intro}</p> : null}
          <div className="mt-3">
            <QuestionnaireForm definition={previewDefinition(value, t('questionnaire.builder.blank'))} answers={previewAnswers} issues={{}}
              onChange={(id: string, v: AnswerValue | undefined) => setPreviewAnswers((p) => {
                const next = { ...p };
                if (v === undefined) delete next[id];
                else next[id] = v;
                return next;
              })} />
          </div>
        </div>
      </aside>
    </div>
  );
}

function Field({ label, error, children }: { label: string; error?: string; children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block font-medium">{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-e` } : {}) })}
      {error ? <p id={`${id}-e`} className="mt-1 font-semibold text-accent-800">{error}</p> : null}
    </div>
  );
}

function AddQuestion({ t, n, onAdd }: { t: T; n: number; onAdd: (kind: QuestionKind) => void }) {
  const [kind, setKind] = useState<QuestionKind>('single');
  const id = `add-kind-${n}`;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor={id} className="block font-medium">{t('questionnaire.builder.newKind', { n })}</label>
        <select id={id} className={inputClass} value={kind} onChange={(e) => setKind(e.target.value as QuestionKind)}>
          {questionKinds.map((k) => <option key={k} value={k}>{t(`questionnaire.kind.${k}`)}</option>)}
        </select>
      </div>
      <Button variant="secondary" onClick={() => onAdd(kind)}>{t('questionnaire.builder.addQuestion', { n })}</Button>
    </div>
  );
}

function QuestionEditor({ n, q, at, err, t, onChange, onMove, onRemove, canUp, canDown }: {
  n: number; q: BuilderQuestion; at: string; err: (path: string) => string | undefined; t: T;
  onChange: (patch: Partial<BuilderQuestion>) => void; onMove: (d: -1 | 1) => void; onRemove: () => void; canUp: boolean; canDown: boolean;
}) {
  const withOptions = q.kind === 'single' || q.kind === 'multiple' || q.kind === 'ranking';
  const setOption = (oi: number, label: string) => onChange({ options: q.options.map((o, i) => (i === oi ? { ...o, label } : o)) });
  return (
    <div className="space-y-3 rounded-xl border border-ink/20 bg-white p-4" role="group" aria-label={t('questionnaire.builder.questionN', { n })} data-testid={`builder-question-${n}`}>
      <div className="flex flex-wrap items-end gap-2">
        <p className="font-bold text-civic-900">{t('questionnaire.builder.questionN', { n })}</p>
        <div>
          <label htmlFor={`${q.id}-kind`} className="sr-only">{t('questionnaire.builder.kind', { n })}</label>
          <select id={`${q.id}-kind`} className={inputClass} value={q.kind} onChange={(e) => {
            const kind = e.target.value as QuestionKind;
            const needs = kind === 'single' || kind === 'multiple' || kind === 'ranking';
            onChange({ kind, options: needs && q.options.length < 2 ? [...q.options, ...newQuestion(kind).options].slice(0, Math.max(2, q.options.length)) : q.options });
          }}>
            {questionKinds.map((k) => <option key={k} value={k}>{t(`questionnaire.kind.${k}`)}</option>)}
          </select>
        </div>
        <label className="flex min-h-11 items-center gap-2">
          <input type="checkbox" className="size-5 accent-civic-800" checked={q.required} onChange={(e) => onChange({ required: e.target.checked })} />
          {t('questionnaire.builder.required')}
        </label>
        <span className="flex-1" />
        <Button variant="ghost" disabled={!canUp} onClick={() => onMove(-1)}>{t('questionnaire.builder.up', { n })}</Button>
        <Button variant="ghost" disabled={!canDown} onClick={() => onMove(1)}>{t('questionnaire.builder.down', { n })}</Button>
        <Button variant="ghost" onClick={onRemove}>{t('questionnaire.builder.remove', { n })}</Button>
      </div>
      <Field label={t('questionnaire.builder.questionTitle', { n })} error={err(`${at}.title`)}>
        {(props) => <input {...props} className={inputClass} maxLength={QUESTIONNAIRE_LIMITS.title} value={q.title} onChange={(e) => onChange({ title: e.target.value })} />}
      </Field>
      <Field label={t('questionnaire.builder.help', { n })} error={err(`${at}.help`)}>
        {(props) => <input {...props} className={inputClass} maxLength={QUESTIONNAIRE_LIMITS.help} value={q.help} onChange={(e) => onChange({ help: e.target.value })} />}
      </Field>
      {withOptions ? (
        <div className="space-y-2">
          {err(`${at}.options`) ? <p role="alert" className="font-semibold text-accent-800">{err(`${at}.options`)}</p> : null}
          <ol className="space-y-2">
            {q.options.map((o, oi) => (
              <li key={o.id} className="flex flex-wrap items-start gap-2">
                <div className="min-w-48 flex-1">
                  <Field label={t('questionnaire.builder.option', { n, m: oi + 1 })} error={err(`${at}.options.${oi}.label`)}>
                    {(props) => <input {...props} className={inputClass} maxLength={QUESTIONNAIRE_LIMITS.label} value={o.label} onChange={(e) => setOption(oi, e.target.value)} />}
                  </Field>
                </div>
                <div className="flex gap-1 pt-7">
                  <Button variant="ghost" disabled={oi === 0} onClick={() => onChange({ options: move(q.options, oi, oi - 1) })}>{t('questionnaire.builder.optionUp', { n, m: oi + 1 })}</Button>
                  <Button variant="ghost" disabled={oi === q.options.length - 1} onClick={() => onChange({ options: move(q.options, oi, oi + 1) })}>{t('questionnaire.builder.optionDown', { n, m: oi + 1 })}</Button>
                  <Button variant="ghost" onClick={() => onChange({ options: q.options.filter((_, i) => i !== oi) })}>{t('questionnaire.builder.optionRemove', { n, m: oi + 1 })}</Button>
                </div>
              </li>
            ))}
          </ol>
          <Button variant="secondary" onClick={() => onChange({ options: [...q.options, { id: mintId('o'), label: '' }] })}>{t('questionnaire.builder.addOption', { n })}</Button>
        </div>
      ) : null}
      {q.kind === 'multiple' ? (
        <Field label={t('questionnaire.builder.maxChoices', { n })} error={err(`${at}.maxChoices`) ?? err(`${at}.minChoices`)}>
          {(props) => <input {...props} type="number" min={1} max={q.options.length} className={`${inputClass} max-w-32`} value={q.maxChoices ?? ''}
            onChange={(e) => onChange({ maxChoices: e.target.value === '' ? null : Number(e.target.value) })} />}
        </Field>
      ) : null}
      {q.kind === 'rating' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t('questionnaire.builder.lowLabel', { n })} error={err(`${at}.lowLabel`)}>
            {(props) => <input {...props} className={inputClass} maxLength={40} value={q.lowLabel} onChange={(e) => onChange({ lowLabel: e.target.value })} />}
          </Field>
          <Field label={t('questionnaire.builder.highLabel', { n })} error={err(`${at}.highLabel`)}>
            {(props) => <input {...props} className={inputClass} maxLength={40} value={q.highLabel} onChange={(e) => onChange({ highLabel: e.target.value })} />}
          </Field>
        </div>
      ) : null}
      {q.kind === 'text' ? (
        <Field label={t('questionnaire.builder.maxLength', { n })} error={err(`${at}.maxLength`)}>
          {(props) => <input {...props} type="number" min={1} max={QUESTIONNAIRE_LIMITS.textMax} className={`${inputClass} max-w-32`} value={q.maxLength}
            onChange={(e) => onChange({ maxLength: Number(e.target.value) || QUESTIONNAIRE_LIMITS.textDefault })} />}
        </Field>
      ) : null}
    </div>
  );
}
