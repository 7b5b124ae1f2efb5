'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiError, errorText, postJson } from '@/components/scoring/api-error';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';

/** Staff answer a resident's objection to published results; the answer is public and final. */
export function ObjectionAnswer({ objectionId }: { objectionId: string }) {
  const t = useT();
  const router = useRouter();
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="mt-2 space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        postJson(`/api/objections/${encodeURIComponent(objectionId)}/answer`, { answer })
          .then(() => router.refresh())
          .catch((err: ApiError) => setError(err.field === 'answer' ? t('topic.error.objection') : errorText(t, err).message))
          .finally(() => setBusy(false));
      }}
    >
      <label className="block text-base font-medium">
        {t('topic.publicity.answerField')}
        <textarea className={`${inputClass} min-h-20`} maxLength={1000} minLength={5} required value={answer} onChange={(e) => setAnswer(e.target.value)} />
      </label>
      <p role="alert" className="text-base font-semibold text-accent-800">{error ?? ''}</p>
      <Button type="submit" disabled={busy}>{t('topic.publicity.answerSubmit')}</Button>
    </form>
  );
}
