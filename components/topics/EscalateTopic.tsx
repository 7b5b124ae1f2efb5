'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiError, postJson } from '@/components/scoring/api-error';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';

const targets = { compound: 'grid', grid: 'community', community: 'street' } as const;

/**
 * 逐级上报: an accepted topic its level could not resolve goes up one level with a reason (小区 → 网格 →
 * 社区 → 街道); up to the community it returns to review there.
 */
export function EscalateTopic({ topicId, level }: { topicId: string; level: keyof typeof targets }) {
  const t = useT();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const to = targets[level];
  if (!open) return <Button variant="secondary" onClick={() => setOpen(true)}>{t(`topicReview.escalate.to.${to}`)}</Button>;
  return (
    <form
      className="mt-2 space-y-2 rounded-xl border-2 border-warn-500 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        postJson(`/api/topics/${encodeURIComponent(topicId)}/escalate`, { reason })
          .then(() => router.refresh())
          .catch((err: ApiError) => setError(t(err.code === 'BAD_REQUEST' ? 'topicReview.escalate.reasonNeeded' : err.code === 'INVALID_STATE' ? 'topicReview.escalate.changed' : 'topicReview.escalate.failed')))
          .finally(() => setBusy(false));
      }}
    >
      <label className="block text-base font-medium">
        {t('topicReview.escalate.reason')}
        <textarea className={`${inputClass} min-h-20`} maxLength={500} required value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <p role="alert" className="text-base font-semibold text-accent-800">{error ?? ''}</p>
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>{t(`topicReview.escalate.to.${to}`)}</Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}

/** "由小区上报：…" on a topic an escalation brought to this level. */
export function EscalationNote({ escalation }: { escalation: { from: string; to: string; reason: string; by: string; time: string } }) {
  const t = useT();
  return (
    <p className="mt-2 rounded-lg border-l-4 border-warn-500 bg-paper px-3 py-2 text-base">
      {t('topicReview.escalate.note', { from: t(`topicReview.escalate.level.${escalation.from as 'compound'}`), to: t(`topicReview.escalate.level.${escalation.to as 'grid'}`), reason: escalation.reason, by: escalation.by, time: escalation.time })}
    </p>
  );
}
