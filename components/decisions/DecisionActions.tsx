'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, apiErrorOf, errorText, networkError, postJson } from '@/components/scoring/api-error';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import type { ConsoleDecision, TaskStatusName } from './console-decision';

type Mode = 'plan' | 'update';
type UpdateStatus = Exclude<TaskStatusName, 'not_started'>;
const updateStatuses: UpdateStatus[] = ['in_progress', 'done', 'impossible'];
/** The fields whose errors the server names (zod's issue paths), each said in words next to its field. */
const fields = ['owner', 'deadline', 'note', 'reason', 'photo'] as const;
type Field = (typeof fields)[number];

/** POST the photo's bytes as they are (the server reads their type from the first bytes and re-encodes them). */
async function postPhoto(updateId: string, file: File): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/decision-updates/${updateId}/photo`, { method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream' }, body: file, credentials: 'same-origin' });
  } catch {
    throw networkError();
  }
  if (!res.ok) throw apiErrorOf(res.status, await res.json().catch(() => null));
}

/**
 * 指定责任人和期限 and 更新进展 for one decision. The server's refusals are said next to the field they
 * concern, or above the form when they concern the decision (not planned yet, already closed).
 */
export function DecisionActions({ decision: d, onDone }: { decision: ConsoleDecision; onDone: (message: string, tone: 'ok' | 'error') => void }) {
  const t = useT();
  const router = useRouter();
  const uid = useId();
  const [open, setOpen] = useState<Mode | null>(null);
  const [status, setStatus] = useState<UpdateStatus>('in_progress');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [photoName, setPhotoName] = useState<string | null>(null);

  function choose(m: Mode | null) {
    setOpen(m);
    setPhotoName(null);
    setErrors({});
    setGeneral(null);
  }

  function sayError(e: unknown) {
    const err = e instanceof ApiError ? e : networkError();
    const issues = Array.isArray(err.details.issues) ? (err.details.issues as { path?: unknown }[]) : [];
    const named = new Set([...issues.map((i) => String(i.path ?? '').split('.')[0]), err.field ?? '']);
    const byField: Partial<Record<Field, string>> = {};
    for (const f of fields) {
      if (!named.has(f) && !(f === 'photo' && named.has('file'))) continue;
      byField[f] = f === 'photo' ? t(err.details.reason === 'too_large' ? 'decisions.error.photoTooLarge' : 'decisions.error.photo') : t(`decisions.error.${f}`);
    }
    if (Object.keys(byField).length) return setErrors(byField);
    if (err.code === 'INVALID_STATE' && err.details.reason === 'unplanned') return setGeneral(t('decisions.error.unplanned'));
    if (err.code === 'INVALID_STATE' && err.details.reason === 'closed') return setGeneral(t('decisions.error.closed'));
    setGeneral(errorText(t, err).message);
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const str = (k: string) => String(form.get(k) ?? '').trim();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    try {
      if (open === 'plan') {
        const day = str('deadline');
        // The deadline is the whole chosen day in Beijing time, whatever the browser's clock says.
        await postJson(`/api/decisions/${d.id}/plan`, { owner: str('owner'), deadline: day ? `${day}T23:59:59+08:00` : '' });
        onDone(t('decisions.plan.done', { owner: str('owner'), deadline: day }), 'ok');
      } else {
        const photo = form.get('photo');
        const file = photo instanceof File && photo.size > 0 ? photo : null;
        const { updateId } = await postJson<{ updateId: string }>(`/api/decisions/${d.id}/updates`, {
          status, note: str('note'), ...(status === 'impossible' ? { reason: str('reason') } : {}),
        });
        const done = t('decisions.update.done', { status: t(`decisions.status.${status}`) });
        if (file) {
          try {
            await postPhoto(updateId, file);
          } catch (err) {
            // The update is kept without its photo: the form closes (a closed decision has no form) and the card says so.
            const why = err instanceof ApiError && (err.field === 'photo' || err.field === 'file')
              ? t(err.details.reason === 'too_large' ? 'decisions.error.photoTooLarge' : 'decisions.error.photo')
              : errorText(t, err instanceof ApiError ? err : networkError()).message;
            onDone(t('decisions.error.photoSaved', { message: why }), 'error');
            choose(null);
            router.refresh();
            return;
          }
        }
        onDone(done, 'ok');
      }
      choose(null);
      router.refresh();
    } catch (err) {
      sayError(err);
    } finally {
      setBusy(false);
    }
  }

  /** A labelled field with its error under it (tied to it by aria-describedby). */
  function field(name: Field, label: string, control: (describedBy: string | undefined, invalid: boolean) => ReactNode) {
    const errId = `${uid}-${name}-error`;
    return (
      <div>
        <label className="block text-base font-semibold text-ink">
          {label}
          {control(errors[name] ? errId : undefined, !!errors[name])}
        </label>
        {errors[name] ? <p id={errId} className="mt-1 text-base font-semibold text-accent-800">{errors[name]}</p> : null}
      </div>
    );
  }

  return (
    <div className="mt-4 border-t border-ink/10 pt-3">
      <div role="group" aria-label={t('decisions.action.label', { title: d.title })} className="flex flex-wrap gap-2">
        {(['plan', 'update'] as const).map((m) => (
          <Button key={m} variant={open === m ? 'primary' : 'secondary'} aria-pressed={open === m} aria-expanded={open === m}
            aria-controls={open === m ? `${uid}-form` : undefined} onClick={() => choose(open === m ? null : m)}>
            {t(`decisions.action.${m}`)}
          </Button>
        ))}
      </div>
      {open ? (
        <form id={`${uid}-form`} onSubmit={(e) => void submit(e)} noValidate className="mt-3 space-y-3 rounded-xl border border-civic-200 bg-civic-50 p-4">
          {general ? <p role="alert" className="rounded-lg border-2 border-accent-700 bg-accent-50 p-2 text-base font-semibold text-accent-800">{general}</p> : null}
          {open === 'plan' ? (
            <>
              {field('owner', t('decisions.plan.owner'), (describedBy, invalid) => (
                <input name="owner" defaultValue={d.owner ?? ''} maxLength={80} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass} />
              ))}
              {field('deadline', t('decisions.plan.deadline'), (describedBy, invalid) => (
                <input type="date" name="deadline" defaultValue={d.deadlineDay ?? ''} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={`${inputClass} sm:w-56`} />
              ))}
            </>
          ) : (
            <>
              <fieldset>
                <legend className="text-base font-semibold text-ink">{t('decisions.update.status')}</legend>
                <div className="mt-1 flex flex-wrap gap-x-5 gap-y-1">
                  {updateStatuses.map((s) => (
                    <label key={s} className="flex min-h-11 items-center gap-2 text-base">
                      <input type="radio" name="status" value={s} checked={status === s} onChange={() => setStatus(s)} className="size-5" />
                      {t(`decisions.status.${s}`)}
                    </label>
                  ))}
                </div>
              </fieldset>
              {field('note', t('decisions.update.note'), (describedBy, invalid) => (
                <textarea name="note" rows={3} maxLength={1000} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass} />
              ))}
              {status === 'impossible' ? field('reason', t('decisions.update.reason'), (describedBy, invalid) => (
                <textarea name="reason" rows={3} maxLength={500} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass} />
              )) : null}
              {field('photo', t('decisions.update.photo'), (describedBy, invalid) => (
                // The browser's own file button speaks the browser's language, not the page's: the input is
                // kept (for the keyboard and screen readers) but drawn as a button of ours with the file's name.
                <span className="mt-1 flex flex-wrap items-center gap-3 rounded-lg focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-civic-700">
                  <input type="file" name="photo" accept="image/jpeg,image/png,image/webp" aria-describedby={describedBy} aria-invalid={invalid || undefined}
                    onChange={(e) => setPhotoName(e.currentTarget.files?.[0]?.name ?? null)} className="peer sr-only" />
                  <span aria-hidden="true" className="inline-flex min-h-11 cursor-pointer items-center rounded-xl border-2 border-civic-800 bg-white px-4 font-semibold text-civic-900 hover:bg-civic-50">
                    {t('decisions.update.photoChoose')}
                  </span>
                  <span aria-hidden="true" className="min-w-0 break-all font-normal text-ink-muted">{photoName ?? t('decisions.update.photoNone')}</span>
                </span>
              ))}
            </>
          )}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={busy}>{busy ? t('decisions.busy') : t(open === 'plan' ? 'decisions.plan.submit' : 'decisions.update.submit')}</Button>
            <Button variant="ghost" onClick={() => choose(null)}>{t('decisions.cancel')}</Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
