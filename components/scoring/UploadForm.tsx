'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { inputClass } from '@/components/ui/form-styles';
import { useT } from '@/components/ui/I18nProvider';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { useHydrated } from '@/components/ui/useHydrated';
import type { MessageKey, Translate } from '@/lib/i18n/format';
import { apiErrorOf, errorText, networkError, type ApiError, type ErrorText } from './api-error';
import { ErrorNotice } from './ErrorNotice';

export type UploadIndicator = { id: string; name: string; evidence: string };

/** Mirrors the server's list (lib/assessment/evidence.ts): checked here only to answer at once. */
const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const MAX_BYTES = 10 * 1024 * 1024;
const invalidClass = 'aria-invalid:border-accent-700';
const ACCEPT = Object.keys(TYPES).map((e) => `.${e}`).join(',');

/** Browsers leave `type` empty for some office files: the extension decides then. */
function mimeOf(file: File): string | null {
  if (Object.values(TYPES).includes(file.type)) return file.type;
  return TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? null;
}

type Field = 'indicator' | 'title' | 'file';
type Problem = { field: Field | null; text: ErrorText };

const problem = (field: Field | null, message: string): Problem => ({ field, text: { message, detail: null } });

/** The server's reasons, in the reader's words and pinned to the field they are about; anything else by its code. */
function uploadProblem(t: Translate, e: ApiError): Problem {
  if (e.code === 'FORBIDDEN') return problem(null, t('scoring.upload.error.forbidden'));
  if (e.field === 'mimeType') return problem('file', t('scoring.upload.error.type'));
  if (e.field === 'title') return problem('title', t('scoring.upload.error.title'));
  if (e.field === 'indicatorId') return problem('indicator', t('scoring.upload.error.unknownIndicator'));
  if (e.field === 'file') {
    if (e.details.reason === 'too_large') return problem('file', t('scoring.upload.error.tooLarge'));
    if (e.details.reason === 'type_mismatch') return problem('file', t('scoring.upload.error.mismatch', { ext: String(e.details.ext ?? '').toUpperCase() }));
    if (e.details.reason === 'empty') return problem('file', t('scoring.upload.error.empty'));
  }
  return { field: null, text: errorText(t, e) };
}

/** XMLHttpRequest rather than fetch: only it reports upload progress. */
function send(url: string, file: File, mime: string, onProgress: (percent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', mime);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let payload: unknown = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's error page; the status says enough
      }
      reject(apiErrorOf(xhr.status, payload));
    };
    xhr.onerror = () => reject(networkError());
    xhr.send(file);
  });
}

export function UploadForm({ communityId, year, indicators }: { communityId: string; year: number; indicators: UploadIndicator[] }) {
  const t = useT();
  const router = useRouter();
  const ids = { indicator: useId(), title: useId(), file: useId(), hint: useId(), error: useId() };
  const fields = { indicator: useRef<HTMLSelectElement>(null), title: useRef<HTMLInputElement>(null), file: useRef<HTMLInputElement>(null) };
  const [indicatorId, setIndicatorId] = useState('');
  const [title, setTitle] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const chosen = indicators.find((i) => i.id === indicatorId);
  const hydrated = useHydrated();

  // A problem with one field takes the reader to it, where its label, state and message are read out.
  // (After the render that marks it invalid; `fields` holds refs, which never change.)
  useEffect(() => {
    if (error?.field) fields[error.field].current?.focus();
  }, [error]);

  /** The field a problem is about is marked invalid and described by the message (after its own hint). */
  const invalid = (field: Field, hint?: string) => {
    const bad = error?.field === field;
    const describedBy = [hint, bad ? ids.error : undefined].filter(Boolean).join(' ');
    return { 'aria-invalid': bad || undefined, 'aria-describedby': describedBy || undefined };
  };
  const edited = (field: Field) => {
    if (error?.field === field) setError(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const file = fields.file.current?.files?.[0];
    const mime = file ? mimeOf(file) : null;
    const local: [Field, MessageKey] | null = !indicatorId ? ['indicator', 'scoring.upload.error.indicator']
      : !title.trim() ? ['title', 'scoring.upload.error.title']
      : !file ? ['file', 'scoring.upload.error.noFile']
      : !mime ? ['file', 'scoring.upload.error.type']
      : file.size > MAX_BYTES ? ['file', 'scoring.upload.error.tooLarge']
      : file.size === 0 ? ['file', 'scoring.upload.error.empty']
      : null;
    if (local || !file || !mime) {
      const [field, key] = local ?? ['file', 'scoring.upload.error.noFile'];
      return setError(problem(field, t(key)));
    }
    setError(null);
    setProgress(0);
    const query = new URLSearchParams({ communityId, indicatorId, year: String(year), title: title.trim(), fileName: file.name });
    try {
      await send(`/api/evidence?${query}`, file, mime, setProgress);
      setDone(t('scoring.upload.done', { title: title.trim() }));
      setTitle('');
      if (fields.file.current) fields.file.current.value = '';
      router.refresh();
    } catch (err) {
      setError(uploadProblem(t, err as ApiError));
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  return (
    <form onSubmit={submit} noValidate aria-describedby={error && !error.field ? ids.error : undefined} className="space-y-3">
      <p className="text-base text-ink-muted">{t('scoring.upload.intro')}</p>
      <label htmlFor={ids.indicator} className="block text-base font-medium text-ink">
        {t('scoring.upload.indicator')}
        <select
          id={ids.indicator}
          ref={fields.indicator}
          value={indicatorId}
          onChange={(e) => { setIndicatorId(e.target.value); edited('indicator'); }}
          {...invalid('indicator', chosen ? ids.hint : undefined)}
          className={`${inputClass} ${invalidClass}`}
        >
          <option value="">{t('scoring.upload.choose')}</option>
          {indicators.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
        </select>
      </label>
      {chosen ? <p id={ids.hint} className="text-sm text-ink-muted">{t('scoring.indicators.materials', { text: chosen.evidence })}</p> : null}
      <label htmlFor={ids.title} className="block text-base font-medium text-ink">
        {t('scoring.upload.docTitle')}
        <input id={ids.title} ref={fields.title} value={title} onChange={(e) => { setTitle(e.target.value); edited('title'); }} maxLength={200} {...invalid('title')} className={`${inputClass} ${invalidClass}`} />
      </label>
      <label htmlFor={ids.file} className="block text-base font-medium text-ink">
        {t('scoring.upload.file')}
        <input id={ids.file} ref={fields.file} type="file" accept={ACCEPT} onChange={() => edited('file')} {...invalid('file')} className={`${inputClass} ${invalidClass} file:mr-3 file:rounded-md file:border-0 file:bg-civic-50 file:px-3 file:py-1 file:text-civic-900`} />
      </label>
      {busy ? <ProgressBar value={progress} max={100} label={t('scoring.upload.progress')} valueText={`${progress}%`} /> : null}
      {error ? <ErrorNotice id={ids.error} error={error.text} /> : null}
      {done ? <p role="status" className="rounded-lg border-2 border-ok-600 bg-white px-3 py-2 text-base text-ink">{done}</p> : null}
      <Button type="submit" disabled={busy || !hydrated}>{busy ? t('scoring.upload.uploading', { percent: progress }) : t('scoring.upload.submit')}</Button>
    </form>
  );
}
