'use client';

import { useCallback, useEffect, useState } from 'react';
import { CopyLinkButton } from '@/components/meeting/console/CopyLinkButton';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import { StepList } from '@/components/ui/StepList';
import { participantCategories, type ParticipantCategory } from '@/lib/planning/categories';
import type { Definition } from '@/lib/questionnaire/definition';
import type { QuestionnaireSettings } from '@/lib/questionnaire/settings';
import { ApiError, getJson, postJson } from './api';
import { Builder } from './Builder';
import { checkBuilder, fromDefinition, toInput, type BuilderDefinition, type FieldIssue } from './builder-model';
import { LiveResults } from './LiveResults';

/** GET /api/meetings/<id>/questionnaire: what staff see of it. */
type Workspace = {
  meetingId: string; title: string; joinCode: string; meetingStatus: string;
  phase: 'draft' | 'open' | 'closed';
  settings: QuestionnaireSettings;
  draft: Definition | null;
  versions: { version: number; definition: Definition; responses: number }[];
  currentVersion: number; responses: number; summaryDraft: string;
  summary: { text: string; at: string } | null;
};

type Step = 'build' | 'collect' | 'summarise' | 'publish';

/**
 * The console's page for a questionnaire meeting, step by step as its procedure goes: 制作问卷 (builder,
 * settings, open) → 问卷调查 (live results; a revision is a new version; close) → 结果汇总 (results,
 * the summary) → 公示结果 (published; its record is next).
 */
export function QuestionnaireWorkspace({ meetingId, canManage, recordHref }: { meetingId: string; canManage: boolean; recordHref: string }) {
  const t = useT();
  const [w, setW] = useState<Workspace | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [builder, setBuilder] = useState<BuilderDefinition | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [settings, setSettings] = useState<QuestionnaireSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [needReason, setNeedReason] = useState(false);
  const [reason, setReason] = useState('');
  const [summary, setSummary] = useState('');
  const [revising, setRevising] = useState(false);

  /** Once faults are shown, they follow the edits (a fixed field loses its mark as it is typed). */
  const editBuilder = (next: BuilderDefinition) => {
    setBuilder(next);
    if (!issues.length) return;
    const left = checkBuilder(next);
    setIssues(left);
    if (!left.length) setMessage(null);
  };

  const load = useCallback(async (resetBuilder: boolean) => {
    try {
      const next = await getJson<Workspace>(`/api/meetings/${meetingId}/questionnaire`);
      setW(next);
      setLoadFailed(false);
      if (resetBuilder) {
        const latest = next.versions.at(-1)?.definition ?? next.draft;
        setBuilder(fromDefinition(latest ?? { title: next.title, intro: '', sections: [] }));
        setSettings(next.settings);
        setSummary(next.summaryDraft);
      }
      return next;
    } catch {
      setLoadFailed(true);
      return null;
    }
  }, [meetingId]);

  useEffect(() => { void load(true); }, [load]);

  const fail = (e: unknown) => {
    const err = e as ApiError;
    const list = Array.isArray(err.details?.issues) ? (err.details.issues as { path: string; message: string }[]) : [];
    const fieldIssues = list.filter((i) => i.path.startsWith('sections') || i.path === 'title' || i.path === 'intro').map((i) => ({ path: i.path, code: '', message: i.message }));
    if (fieldIssues.length) setIssues(fieldIssues);
    const reasonKey = typeof err.details?.reason === 'string' ? `questionnaire.error.${err.details.reason}` : null;
    const known = ['questionnaire.error.closes_in_past', 'questionnaire.error.draft_incomplete', 'questionnaire.error.settings_fixed', 'questionnaire.error.closed', 'questionnaire.error.not_closed', 'questionnaire.error.no_draft'];
    const text = fieldIssues.length ? t('questionnaire.builder.fixFields', { count: fieldIssues.length })
      : reasonKey && known.includes(reasonKey) ? t(reasonKey as 'questionnaire.error.closed')
      : err.code === 'NETWORK' ? t('questionnaire.error.network')
      : err.code === 'BAD_REQUEST' && list.length ? t('questionnaire.error.field', { fields: list.map((i) => `${i.path}: ${i.message}`).join('; ') })
      : t('questionnaire.error.generic', { message: err.serverMessage ?? err.code });
    setMessage({ kind: 'error', text });
  };

  /** Checks the builder as the server will; false (and the faults at their fields) when it does not pass. */
  function checked(): boolean {
    if (!builder) return false;
    const found = checkBuilder(builder);
    setIssues(found);
    if (found.length) setMessage({ kind: 'error', text: t('questionnaire.builder.fixFields', { count: found.length }) });
    return found.length === 0;
  }

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  const saveDraft = () => act(async () => {
    if (!checked()) return;
    await postJson(`/api/meetings/${meetingId}/questionnaire`, { definition: toInput(builder!), settings: settings! });
    setMessage({ kind: 'ok', text: t('questionnaire.builder.saved') });
    await load(false);
  });

  const open = (withReason: boolean) => act(async () => {
    if (!checked()) return;
    await postJson(`/api/meetings/${meetingId}/questionnaire`, { definition: toInput(builder!), settings: settings! });
    try {
      await postJson(`/api/meetings/${meetingId}/questionnaire/open`, withReason ? { overrideReason: reason } : {});
    } catch (e) {
      if ((e as ApiError).code === 'NOTICE_LEAD_NOT_MET') {
        setNeedReason(true);
        setMessage({ kind: 'error', text: t('questionnaire.open.leadNotMet') });
        return;
      }
      throw e;
    }
    setNeedReason(false);
    setMessage({ kind: 'ok', text: t('questionnaire.open.done') });
    await load(true);
  });

  const revise = () => act(async () => {
    if (!checked()) return;
    const r = await postJson<{ version: number | null; changed: boolean }>(`/api/meetings/${meetingId}/questionnaire`, { definition: toInput(builder!) });
    setMessage({ kind: 'ok', text: r.changed ? t('questionnaire.revise.done', { version: r.version ?? 0 }) : t('questionnaire.revise.unchanged') });
    setRevising(false);
    await load(true);
  });

  const close = () => act(async () => {
    if (!window.confirm(t('questionnaire.close.confirm'))) return;
    await postJson(`/api/meetings/${meetingId}/questionnaire/close`, {});
    setMessage({ kind: 'ok', text: t('questionnaire.close.done') });
    await load(true);
  });

  const saveSummary = () => act(async () => {
    await postJson(`/api/meetings/${meetingId}/questionnaire/summary`, { text: summary });
    setMessage({ kind: 'ok', text: t('questionnaire.summary.saved') });
  });

  const publish = () => act(async () => {
    if (!summary.trim()) { setMessage({ kind: 'error', text: t('questionnaire.summary.empty') }); return; }
    await postJson(`/api/meetings/${meetingId}/questionnaire/publish`, { summary });
    setMessage({ kind: 'ok', text: t('questionnaire.publish.done') });
    await load(true);
  });

  if (loadFailed && !w) return <p role="alert" className="p-6 text-lg">{t('questionnaire.loadFailed')}</p>;
  if (!w || !builder || !settings) return <p role="status" className="p-6 text-lg">{t('questionnaire.loading')}</p>;

  const step: Step = w.summary ? 'publish' : w.phase === 'closed' ? 'summarise' : w.phase === 'open' ? 'collect' : 'build';
  const steps = (['build', 'collect', 'summarise', 'publish'] as const).map((id) => ({ id, label: t(`questionnaire.step.${id}`) }));
  const link = typeof window === 'undefined' ? `/q/${w.joinCode}` : `${window.location.origin}/q/${w.joinCode}`;

  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-6">
      <div className="space-y-3">
        <p className="text-base text-ink-muted">{t('meeting.form.questionnaire')}</p>
        <h1 className="text-3xl font-bold">{w.title}</h1>
        <StepList steps={steps} current={step} label={t('questionnaire.step.label')} />
        {w.phase !== 'draft' ? (
          <p className="flex flex-wrap items-center gap-3 text-lg">
            <span>{t('questionnaire.link', { link })}</span>
            <CopyLinkButton value={link} label={t('questionnaire.copyLink')} />
          </p>
        ) : null}
      </div>
      <div aria-live="polite">
        {message ? <p role={message.kind === 'error' ? 'alert' : 'status'} className={`rounded-xl border-2 p-3 text-lg font-semibold ${message.kind === 'error' ? 'border-accent-700 text-accent-800' : 'border-civic-700 text-civic-900'}`}>{message.text}</p> : null}
      </div>

      {step === 'build' ? (
        <>
          <section aria-labelledby="q-build" className="space-y-4">
            <h2 id="q-build" className="text-2xl font-semibold">{t('questionnaire.step.build')}</h2>
            {canManage ? <Builder value={builder} onChange={editBuilder} issues={issues} /> : <p>{t('questionnaire.readOnly')}</p>}
          </section>
          {canManage ? (
            <>
              <SettingsForm value={settings} onChange={setSettings} />
              <NoticeForm meetingId={meetingId} />
              <section aria-labelledby="q-open" className="space-y-3 rounded-2xl border-2 border-civic-700 bg-white p-4">
                <h2 id="q-open" className="text-2xl font-semibold">{t('questionnaire.open.title')}</h2>
                <p>{t('questionnaire.open.explain')}</p>
                {needReason ? (
                  <label className="block font-medium">
                    {t('questionnaire.open.reason')}
                    <textarea className={inputClass} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
                  </label>
                ) : null}
                <div className="flex flex-wrap gap-3">
                  <Button variant="secondary" disabled={busy} onClick={() => void saveDraft()}>{t('questionnaire.builder.save')}</Button>
                  {needReason
                    ? <Button disabled={busy || reason.trim().length < 2} onClick={() => void open(true)}>{t('questionnaire.open.withReason')}</Button>
                    : <Button disabled={busy} onClick={() => void open(false)}>{t('questionnaire.open.button')}</Button>}
                </div>
              </section>
            </>
          ) : null}
        </>
      ) : null}

      {step === 'collect' ? (
        <>
          {canManage ? (
            <div className="flex flex-wrap items-center gap-3 rounded-2xl border-2 border-civic-700 bg-white p-4">
              <p className="flex-1 text-lg">{t('questionnaire.collect.status', { version: w.currentVersion })}</p>
              <Button variant="secondary" disabled={busy} aria-expanded={revising} onClick={() => setRevising((r) => !r)}>{t('questionnaire.revise.toggle')}</Button>
              <Button variant="danger" disabled={busy} onClick={() => void close()}>{t('questionnaire.close.button')}</Button>
            </div>
          ) : null}
          {revising && canManage ? (
            <section aria-labelledby="q-revise" className="space-y-4">
              <h2 id="q-revise" className="text-2xl font-semibold">{t('questionnaire.revise.title')}</h2>
              <p className="rounded-xl border-2 border-accent-700 bg-white p-3 text-lg">{t('questionnaire.revise.explain', { next: w.currentVersion + 1 })}</p>
              <Builder value={builder} onChange={editBuilder} issues={issues} />
              <Button disabled={busy} onClick={() => void revise()}>{t('questionnaire.revise.button', { next: w.currentVersion + 1 })}</Button>
            </section>
          ) : null}
          <LiveResults meetingId={meetingId} live />
        </>
      ) : null}

      {step === 'summarise' || step === 'publish' ? (
        <>
          <section aria-labelledby="q-summary" className="space-y-3 rounded-2xl border-2 border-civic-700 bg-white p-4">
            <h2 id="q-summary" className="text-2xl font-semibold">{step === 'publish' ? t('questionnaire.step.publish') : t('questionnaire.summary.title')}</h2>
            {step === 'publish' ? (
              <>
                <p className="whitespace-pre-line text-lg" data-testid="published-summary">{w.summary!.text}</p>
                <p className="text-lg">{t('questionnaire.publish.next')} <a className="font-semibold underline" href={recordHref}>{t('questionnaire.publish.record')}</a></p>
              </>
            ) : canManage ? (
              <>
                <p>{t('questionnaire.summary.explain')}</p>
                <label className="block font-medium">
                  {t('questionnaire.summary.label')}
                  <textarea className={inputClass} rows={6} maxLength={4000} value={summary} onChange={(e) => setSummary(e.target.value)} />
                </label>
                <div className="flex flex-wrap gap-3">
                  <Button variant="secondary" disabled={busy} onClick={() => void saveSummary()}>{t('questionnaire.summary.save')}</Button>
                  <Button disabled={busy || !summary.trim()} onClick={() => void publish()}>{t('questionnaire.publish.button')}</Button>
                </div>
              </>
            ) : <p>{t('questionnaire.readOnly')}</p>}
          </section>
          <LiveResults meetingId={meetingId} live={false} />
        </>
      ) : null}
    </div>
  );
}

/** datetime-local (the reader's wall clock) ⇄ ISO with offset. */
const toLocalInput = (iso: string | null) => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const fromLocalInput = (v: string) => (v ? new Date(v).toISOString() : null);

/** Who is asked, anonymous or identified, when it takes answers: fixed once it opens (lib/questionnaire/settings.ts). */
function SettingsForm({ value, onChange }: { value: QuestionnaireSettings; onChange: (s: QuestionnaireSettings) => void }) {
  const t = useT();
  const categories = value.audience.kind === 'categories' ? value.audience.categories : [];
  const toggle = (c: ParticipantCategory) => {
    const next = categories.includes(c) ? categories.filter((x) => x !== c) : [...categories, c];
    onChange({ ...value, audience: next.length ? { kind: 'categories', categories: next } : { kind: 'community' } });
  };
  return (
    <section aria-labelledby="q-settings" className="space-y-4 rounded-2xl border border-ink/15 bg-white p-4">
      <h2 id="q-settings" className="text-2xl font-semibold">{t('questionnaire.settings.title')}</h2>
      <p className="text-base text-ink-muted">{t('questionnaire.settings.fixed')}</p>
      <fieldset className="space-y-2">
        <legend className="font-medium">{t('questionnaire.settings.mode')}</legend>
        <label className="flex min-h-11 items-center gap-2"><input type="radio" name="q-anon" className="size-5 accent-civic-800" checked={value.anonymous} onChange={() => onChange({ ...value, anonymous: true })} />{t('questionnaire.settings.anonymous')}</label>
        <label className="flex min-h-11 items-center gap-2"><input type="radio" name="q-anon" className="size-5 accent-civic-800" checked={!value.anonymous} onChange={() => onChange({ ...value, anonymous: false })} />{t('questionnaire.settings.identified')}</label>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="font-medium">{t('questionnaire.settings.audience')}</legend>
        <label className="flex min-h-11 items-center gap-2"><input type="radio" name="q-aud" className="size-5 accent-civic-800" checked={value.audience.kind !== 'categories'} onChange={() => onChange({ ...value, audience: { kind: 'community' } })} />{t('questionnaire.settings.community')}</label>
        <label className="flex min-h-11 items-center gap-2"><input type="radio" name="q-aud" className="size-5 accent-civic-800" checked={value.audience.kind === 'categories'} onChange={() => onChange({ ...value, audience: { kind: 'categories', categories: categories.length ? categories : ['resident_representative'] } })} />{t('questionnaire.settings.categories')}</label>
        {value.audience.kind === 'categories' ? (
          <div className="flex flex-wrap gap-x-4 gap-y-1 pl-7">
            {participantCategories.map((c) => (
              <label key={c} className="flex min-h-11 items-center gap-2"><input type="checkbox" className="size-5 accent-civic-800" checked={categories.includes(c)} onChange={() => toggle(c)} />{t(`planning.category.${c}`)}</label>
            ))}
          </div>
        ) : null}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block font-medium">
          {t('questionnaire.settings.opensAt')}
          <input type="datetime-local" className={inputClass} value={toLocalInput(value.opensAt)} onChange={(e) => onChange({ ...value, opensAt: fromLocalInput(e.target.value) })} />
        </label>
        <label className="block font-medium">
          {t('questionnaire.settings.closesAt')}
          <input type="datetime-local" className={inputClass} value={toLocalInput(value.closesAt)} onChange={(e) => onChange({ ...value, closesAt: fromLocalInput(e.target.value) })} />
        </label>
      </div>
      <p className="text-base text-ink-muted">{t('questionnaire.settings.timesNote')}</p>
    </section>
  );
}

/**
 * 会议公告 for the questionnaire: the notice residents read on the board (where the form's link appears
 * once it is open). The same route as every meeting's notice; the live console's planning panel is not
 * shown here, since its start button would put the meeting live without opening the questionnaire.
 */
function NoticeForm({ meetingId }: { meetingId: string }) {
  const t = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<'ok' | 'error' | null>(null);
  async function publish() {
    setBusy(true);
    setDone(null);
    try {
      await postJson(`/api/meetings/${meetingId}/notice`, { text });
      setDone('ok');
      setText('');
    } catch {
      setDone('error');
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="q-notice" className="space-y-3 rounded-2xl border border-ink/15 bg-white p-4">
      <h2 id="q-notice" className="text-2xl font-semibold">{t('planning.notice.title')}</h2>
      <p className="text-base text-ink-muted">{t('questionnaire.notice.explain')}</p>
      <label className="block font-medium">
        {t('planning.notice.text')}
        <textarea className={inputClass} rows={3} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <div aria-live="polite">
        {done === 'ok' ? <p role="status" className="font-semibold text-civic-900">{t('questionnaire.notice.done')}</p> : null}
        {done === 'error' ? <p role="alert" className="font-semibold text-accent-800">{t('questionnaire.notice.failed')}</p> : null}
      </div>
      <Button variant="secondary" disabled={busy || !text.trim()} onClick={() => void publish()}>{t('planning.notice.publish')}</Button>
    </section>
  );
}
