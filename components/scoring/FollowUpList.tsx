'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { inputClass } from '@/components/meeting/console/form-styles';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { postJson, type ApiError } from './api-error';
import { useHydrated } from './useHydrated';

export type OpenDecision = { recordId: string; pollId: string; question: string; meetingTitle: string; closedOn: string; overdue: boolean };

/** Decisions of filed records still without a follow-up (落实情况), each with its own short form. */
export function FollowUpList({ decisions }: { decisions: OpenDecision[] }) {
  const t = useT();
  const [done, setDone] = useState(false);
  if (decisions.length === 0) {
    return <p className="text-base text-ink-muted">{done ? t('scoring.followUp.done') : t('scoring.followUp.none')}</p>;
  }
  return (
    <div>
      <p className="text-base text-ink-muted">{t('scoring.followUp.intro')}</p>
      {done ? <p role="status" className="mt-2 text-base font-medium text-ok-600">{t('scoring.followUp.done')}</p> : null}
      <ul className="mt-3 space-y-3">
        {decisions.map((d) => <FollowUpItem key={`${d.recordId}:${d.pollId}`} decision={d} onDone={() => setDone(true)} />)}
      </ul>
    </div>
  );
}

function FollowUpItem({ decision: d, onDone }: { decision: OpenDecision; onDone: () => void }) {
  const t = useT();
  const router = useRouter();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (note.trim().length < 2) return setError(t('scoring.followUp.error.note'));
    setBusy(true);
    setError(null);
    try {
      await postJson(`/api/records/${d.recordId}/follow-ups`, { pollId: d.pollId, note: note.trim() });
      onDone();
      router.refresh();
    } catch (err) {
      const e2 = err as ApiError;
      setError(e2.code === 'NETWORK' ? t('scoring.error.network') : e2.field === 'note' ? t('scoring.followUp.error.note') : t('scoring.error.generic', { message: e2.message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="rounded-lg border border-ink/15 bg-white p-3">
      <p className="text-base font-medium text-ink">
        {t('scoring.followUp.decision', { question: d.question })}
        {d.overdue ? <span className="ml-2 rounded bg-accent-700 px-1.5 text-sm font-semibold text-white">{t('scoring.followUp.overdue')}</span> : null}
      </p>
      <p className="text-sm text-ink-muted">
        <Link href={`/v/${d.recordId}`} className="text-civic-800 underline">{t('scoring.followUp.meeting', { title: d.meetingTitle, date: d.closedOn })}</Link>
      </p>
      <form onSubmit={submit} noValidate className="mt-2 flex flex-wrap items-end gap-2">
        <label htmlFor={noteId} className="min-w-0 flex-1 basis-64 text-base font-medium text-ink">
          {t('scoring.followUp.note')}
          <textarea id={noteId} rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} className={inputClass} />
        </label>
        <Button type="submit" variant="secondary" disabled={busy || !hydrated}>{t('scoring.followUp.submit')}</Button>
      </form>
      {error ? <p role="alert" className="mt-1 text-base text-accent-700">{error}</p> : null}
    </li>
  );
}
