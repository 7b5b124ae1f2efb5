'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiError, postJson } from '@/components/scoring/api-error';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { PhoneConfirm } from './PhoneConfirm';
import { topicErrorKey, type ResidentView } from './resident-api';

/** Raising an objection (异议) to published results, with a confirmed phone; the text becomes public. */
export function ObjectionForm({ recordId, resident }: { recordId: string; resident: ResidentView }) {
  const t = useT();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  if (sent) return <p role="status" className="text-lg text-ok-600">{t('topic.publicity.objectionSent')}</p>;
  if (!open) return <Button variant="secondary" size="large" onClick={() => setOpen(true)}>{t('topic.publicity.object')}</Button>;
  if (!resident) return <PhoneConfirm onConfirmed={() => router.refresh()} />;

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await postJson(`/api/records/${encodeURIComponent(recordId)}/objections`, { text });
      setSent(true);
      router.refresh();
    } catch (e) {
      const err = e as ApiError;
      setError(err.code === 'INVALID_STATE' ? t('topic.publicity.closed') : err.field === 'text' ? t('topic.error.objection') : t(topicErrorKey(err)));
      if (err.code === 'UNAUTHENTICATED') router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="space-y-3" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <label className="block text-lg font-medium">
        {t('topic.publicity.objectionField')}
        <textarea className="mt-1 block min-h-32 w-full rounded-xl border-2 border-ink/30 bg-white px-3 py-2 text-xl focus:border-civic-700" maxLength={1000} minLength={5} required value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <p className="text-base text-ink-muted">{t('topic.publicity.objectionPublic')}</p>
      <p role="alert" className="text-lg font-semibold text-accent-800">{error ?? ''}</p>
      <Button type="submit" size="large" disabled={busy}>{t('topic.publicity.objectionSubmit')}</Button>
    </form>
  );
}
