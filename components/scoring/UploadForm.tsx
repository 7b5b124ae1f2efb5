'use client';

import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { inputClass } from '@/components/meeting/console/form-styles';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { apiErrorOf, networkError, type ApiError } from './api-error';
import type { Translate } from './scoring-text';
import { useHydrated } from './useHydrated';

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
const ACCEPT = Object.keys(TYPES).map((e) => `.${e}`).join(',');

/** Browsers leave `type` empty for some office files: the extension decides then. */
function mimeOf(file: File): string | null {
  if (Object.values(TYPES).includes(file.type)) return file.type;
  return TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? null;
}

/** The server's reasons, in the reader's words; anything unforeseen is shown as the server wrote it. */
function uploadMessage(t: Translate, e: ApiError): string {
  if (e.code === 'NETWORK') return t('scoring.error.network');
  if (e.code === 'FORBIDDEN') return t('scoring.upload.error.forbidden');
  if (e.field === 'mimeType') return t('scoring.upload.error.type');
  if (e.field === 'title') return t('scoring.upload.error.title');
  if (e.field === 'indicatorId') return t('scoring.upload.error.unknownIndicator');
  if (e.field === 'file') {
    if (e.details.reason === 'too_large') return t('scoring.upload.error.tooLarge');
    if (e.details.reason === 'type_mismatch') return t('scoring.upload.error.mismatch', { ext: String(e.details.ext ?? '').toUpperCase() });
    if (e.details.reason === 'empty') return t('scoring.upload.error.empty');
  }
  return t('scoring.error.generic', { message: e.message });
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
  const fileRef = useRef<HTMLInputElement>(null);
  const [indicatorId, setIndicatorId] = useState('');
  const [title, setTitle] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const chosen = indicators.find((i) => i.id === indicatorId);
  const hydrated = useHydrated();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const file = fileRef.current?.files?.[0];
    const mime = file ? mimeOf(file) : null;
    const problem = !indicatorId ? 'scoring.upload.error.indicator'
      : !title.trim() ? 'scoring.upload.error.title'
      : !file ? 'scoring.upload.error.noFile'
      : !mime ? 'scoring.upload.error.type'
      : file.size > MAX_BYTES ? 'scoring.upload.error.tooLarge'
      : file.size === 0 ? 'scoring.upload.error.empty'
      : null;
    if (problem || !file || !mime) return setError(t(problem ?? 'scoring.upload.error.noFile'));
    setError(null);
    setProgress(0);
    const query = new URLSearchParams({ communityId, indicatorId, year: String(year), title: title.trim(), fileName: file.name });
    try {
      await send(`/api/evidence?${query}`, file, mime, setProgress);
      setDone(t('scoring.upload.done', { title: title.trim() }));
      setTitle('');
      if (fileRef.current) fileRef.current.value = '';
      router.refresh();
    } catch (err) {
      setError(uploadMessage(t, err as ApiError));
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  return (
    <form onSubmit={submit} noValidate aria-describedby={error ? ids.error : undefined} className="space-y-3">
      <p className="text-base text-ink-muted">{t('scoring.upload.intro')}</p>
      <label htmlFor={ids.indicator} className="block text-base font-medium text-ink">
        {t('scoring.upload.indicator')}
        <select id={ids.indicator} value={indicatorId} onChange={(e) => setIndicatorId(e.target.value)} aria-describedby={chosen ? ids.hint : undefined} className={inputClass}>
          <option value="">{t('scoring.upload.choose')}</option>
          {indicators.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
        </select>
      </label>
      {chosen ? <p id={ids.hint} className="text-sm text-ink-muted">{t('scoring.indicators.materials', { text: chosen.evidence })}</p> : null}
      <label htmlFor={ids.title} className="block text-base font-medium text-ink">
        {t('scoring.upload.docTitle')}
        <input id={ids.title} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} className={inputClass} />
      </label>
      <label htmlFor={ids.file} className="block text-base font-medium text-ink">
        {t('scoring.upload.file')}
        <input id={ids.file} ref={fileRef} type="file" accept={ACCEPT} className={`${inputClass} file:mr-3 file:rounded-md file:border-0 file:bg-civic-50 file:px-3 file:py-1 file:text-civic-900`} />
      </label>
      {busy ? <ProgressBar value={progress} max={100} label={t('scoring.upload.progress')} valueText={`${progress}%`} /> : null}
      {error ? <p id={ids.error} role="alert" className="rounded-lg border-2 border-accent-700 bg-accent-50 px-3 py-2 text-base text-accent-800">{error}</p> : null}
      {done ? <p role="status" className="rounded-lg border-2 border-ok-600 bg-white px-3 py-2 text-base text-ink">{done}</p> : null}
      <Button type="submit" disabled={busy || !hydrated}>{busy ? t('scoring.upload.uploading', { percent: progress }) : t('scoring.upload.submit')}</Button>
    </form>
  );
}
