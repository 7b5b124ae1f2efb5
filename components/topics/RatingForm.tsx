'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiError, postJson } from '@/components/scoring/api-error';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { PhoneConfirm } from './PhoneConfirm';
import { topicErrorKey, type ResidentView } from './resident-api';

const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

/** A resident rates a carried-out decision (评议), once per confirmed phone. */
export function RatingForm({ taskId, resident, rated }: { taskId: string; resident: ResidentView; rated: boolean }) {
  const t = useT();
  const router = useRouter();
  const [started, setStarted] = useState(false);
  const [rating, setRating] = useState<(typeof RATINGS)[number] | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (rated) return <p className="text-lg font-semibold text-ok-600">{t('topic.decision.youRated')}</p>;
  if (!started) return <Button size="large" onClick={() => setStarted(true)}>{t('topic.decision.rate')}</Button>;
  if (!resident) return <PhoneConfirm onConfirmed={() => router.refresh()} />;

  async function submit() {
    if (!rating) return setError(t('topic.decision.chooseRating'));
    setBusy(true);
    setError(null);
    try {
      await postJson(`/api/decisions/${encodeURIComponent(taskId)}/ratings`, { rating, comment });
      router.refresh();
    } catch (e) {
      const err = e as ApiError;
      setError(err.code === 'CONFLICT' ? t('topic.decision.alreadyRated') : t(topicErrorKey(err)));
      if (err.code === 'UNAUTHENTICATED') router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="space-y-3" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <fieldset>
        <legend className="text-lg font-semibold">{t('topic.decision.ratingLegend')}</legend>
        <div className="mt-2 grid gap-2">
          {RATINGS.map((r) => (
            <label key={r} className={`flex min-h-14 items-center gap-3 rounded-xl border-2 px-4 text-xl ${rating === r ? 'border-civic-800 bg-civic-50' : 'border-ink/20 bg-white'}`}>
              <input type="radio" name="rating" value={r} className="h-6 w-6" checked={rating === r} onChange={() => setRating(r)} />
              {t(`topic.rating.${r}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="block text-lg font-medium">
        {t('topic.decision.comment')}
        <textarea className="mt-1 block min-h-24 w-full rounded-xl border-2 border-ink/30 bg-white px-3 py-2 text-xl" maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <p role="alert" className="text-lg font-semibold text-accent-800">{error ?? ''}</p>
      <Button type="submit" size="large" disabled={busy}>{t('topic.decision.submitRating')}</Button>
    </form>
  );
}
