'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import { formatFileSize } from '@/lib/i18n/format';

type Attachment = { id: string; fileName: string; size: number; noticeId: string | null; withdrawnAt: string | null };
type ApiError = { code: string; details?: { reason?: string; issues?: { path: string }[] } };

/**
 * The notice's files in 会前准备: upload (the server reads the type from the bytes and limits size and
 * count), the list with each file's state, deleting a waiting file, and withdrawing a published one
 * with a reason that goes out as a correction notice. `noticeCount` changes when a notice is published,
 * which is when waiting files become public: the list is fetched again then.
 */
export function NoticeAttachments({ meetingId, noticeCount, canChange }: { meetingId: string; noticeCount: number; canChange: boolean }) {
  const t = useT();
  const [files, setFiles] = useState<Attachment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await fetch(`/api/meetings/${meetingId}/attachments`).catch(() => null);
    if (res?.ok) setFiles(((await res.json()) as { attachments: Attachment[] }).attachments);
  }, [meetingId]);
  useEffect(() => {
    void load();
  }, [load, noticeCount]);

  function explain(err: ApiError | undefined): string {
    const reason = err?.details?.reason;
    if (reason && ['empty', 'too_large', 'unsupported_type', 'too_many'].includes(reason)) return t(`attachments.error.${reason as 'empty'}`);
    if (err?.details?.issues?.some((i) => i.path === 'reason')) return t('attachments.error.reason');
    return t(`meeting.error.${(err?.code ?? 'INTERNAL') as 'INTERNAL'}`);
  }

  async function call(url: string, init: RequestInit): Promise<boolean> {
    setError(null);
    setBusy(true);
    try {
      const res = await fetch(url, init);
      if (!res.ok) {
        setError(explain(((await res.json().catch(() => ({}))) as { error?: ApiError }).error));
        return false;
      }
      await load();
      return true;
    } catch {
      setError(t('planning.error.network'));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function upload(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (!file) return;
    const ok = await call(`/api/attachments?meetingId=${encodeURIComponent(meetingId)}&name=${encodeURIComponent(file.name)}`, {
      method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream' }, body: file,
    });
    if (ok) form.reset();
  }

  async function withdraw(e: FormEvent<HTMLFormElement>, id: string) {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim();
    if (await call(`/api/attachments/${id}/withdraw`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason }) })) setWithdrawing(null);
  }

  const state = (f: Attachment) => (f.withdrawnAt ? 'withdrawn' : f.noticeId ? 'published' : 'pending');
  const badge = { pending: 'border-warn-500 text-ink', published: 'border-ok-600 text-ink', withdrawn: 'border-ink/30 text-ink-muted line-through' } as const;

  return (
    <section className="mt-3 rounded-xl border border-ink/15 px-3 py-2" aria-labelledby="plan-attachments">
      <h4 id="plan-attachments" className="text-base font-semibold">{t('attachments.title')}</h4>
      {error ? <p role="alert" className="mt-1 rounded-lg border-2 border-accent-700 bg-accent-50 p-2 text-base text-accent-800">{error}</p> : null}
      {files.length === 0 ? <p className="text-base text-ink-muted">{t('attachments.none')}</p> : (
        <ul className="mt-1 space-y-2">
          {files.map((f) => {
            const s = state(f);
            return (
              <li key={f.id} className="flex flex-wrap items-center gap-2 text-base">
                <span className={`rounded-full border-2 px-2 text-sm font-semibold ${badge[s]}`}>{t(`attachments.${s}`)}</span>
                {s === 'withdrawn' ? <span className="break-all text-ink-muted">{f.fileName}</span>
                  : <a href={`/api/attachments/${f.id}`} download={f.fileName} className="break-all font-semibold text-civic-800 underline">{f.fileName}</a>}
                <span className="text-ink-muted">{formatFileSize(f.size)}</span>
                {canChange && s === 'pending' ? (
                  <Button variant="ghost" className="!min-h-9" disabled={busy} aria-label={t('attachments.delete', { name: f.fileName })}
                    onClick={() => void call(`/api/attachments/${f.id}/withdraw`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })}>
                    {t('attachments.deleteShort')}
                  </Button>
                ) : null}
                {canChange && s === 'published' && withdrawing !== f.id ? (
                  <Button variant="ghost" className="!min-h-9" aria-label={t('attachments.withdraw', { name: f.fileName })} onClick={() => setWithdrawing(f.id)}>{t('attachments.withdrawShort')}</Button>
                ) : null}
                {withdrawing === f.id ? (
                  <form onSubmit={(e) => void withdraw(e, f.id)} className="w-full space-y-2">
                    <label className="block text-base font-semibold">
                      {t('attachments.withdrawReason', { name: f.fileName })}
                      <input name="reason" required minLength={2} maxLength={500} className={inputClass} />
                    </label>
                    <div className="flex gap-2">
                      <Button type="submit" variant="danger" disabled={busy}>{t('attachments.withdrawSubmit')}</Button>
                      <Button variant="ghost" onClick={() => setWithdrawing(null)}>{t('attachments.cancel')}</Button>
                    </div>
                  </form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {canChange ? (
        <form onSubmit={(e) => void upload(e)} className="mt-2 space-y-2">
          <label className="block text-base font-semibold">
            {t('attachments.file')}
            <input name="file" type="file" required accept=".pdf,.jpg,.jpeg,.png,.webp,.docx,.xlsx" aria-describedby="plan-attachments-hint" className={`${inputClass} file:mr-3`} />
          </label>
          <p id="plan-attachments-hint" className="text-sm text-ink-muted">{t('attachments.hint')}</p>
          <Button type="submit" variant="secondary" disabled={busy}>{busy ? t('attachments.uploading') : t('attachments.upload')}</Button>
        </form>
      ) : null}
    </section>
  );
}
