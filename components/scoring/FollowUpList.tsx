'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { inputClass } from '@/components/ui/form-styles';
import { useT } from '@/components/ui/I18nProvider';
import { useHydrated } from '@/components/ui/useHydrated';
import { errorText, postJson, type ApiError, type ErrorText } from './api-error';
import { ErrorNotice } from './ErrorNotice';

export type OpenDecision = { recordId: string; pollId: string; question: string; meetingTitle: string; closedOn: string; overdue: boolean };

/**
 * Decisions of filed records still without a follow-up (落实情况), each with its own short form.
 * The status line stays in the page whatever the list holds: a live region must exist before its
 * text changes, or the "recorded" of the last decision (which empties the list) is never announced.
 */
export function FollowUpList({ decisions }: { decisions: OpenDecision[] }) {
  const t = useT();
  // Counts the follow-ups recorded here: each one re-inserts the text, so each is announced.
  const [recorded, setRecorded] = useState(0);
  return (
    <div>
      <p role="status" className="mb-2 text-base font-medium text-ok-600 empty:mb-0">
        {recorded > 0 ? <span key={recorded}>{t('scoring.followUp.done')}</span> : null}
      </p>
      {decisions.length === 0 ? (
        <p className="text-base text-ink-muted">{t('scoring.followUp.none')}</p>
      ) : (
        <>
          <p className="text-base text-ink-muted">{t('scoring.followUp.intro')}</p>
          <ul className="mt-3 space-y-3">
            {decisions.map((d) => <FollowUpItem key={`${d.recordId}:${d.pollId}`} decision={d} onDone={() => setRecorded((n) => n + 1)} />)}
          </ul>
        </>
      )}
    </div>
  );
}

function FollowUpItem({ decision: d, onDone }: { decision: OpenDecision; onDone: () => void }) {
  const t = useT();
  const router = useRouter();
  const ids = { note: useId(), error: useId() };
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: ErrorText; note: boolean } | null>(null);
  const hydrated = useHydrated();
  const noteError = (): { text: ErrorText; note: boolean } => ({ text: { message: t('scoring.followUp.error.note'), detail: null }, note: true });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (note.trim().length < 2) return setError(noteError());
    setBusy(true);
    setError(null);
    try {
      await postJson(`/api/records/${d.recordId}/follow-ups`, { pollId: d.pollId, note: note.trim() });
      onDone();
      router.refresh();
    } catch (err) {
      const e2 = err as ApiError;
      setError(e2.field === 'note' ? noteError() : { text: errorText(t, e2), note: false });
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
        <label htmlFor={ids.note} className="min-w-0 flex-1 basis-64 text-base font-medium text-ink">
          {t('scoring.followUp.note')}
          <textarea
            id={ids.note}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
            aria-invalid={error?.note || undefined}
            aria-describedby={error ? ids.error : undefined}
            className={`${inputClass} aria-invalid:border-accent-700`}
          />
        </label>
        <Button type="submit" variant="secondary" disabled={busy || !hydrated}>{t('scoring.followUp.submit')}</Button>
      </form>
      {error ? <ErrorNotice id={ids.error} error={error.text} className="mt-2" /> : null}
    </li>
  );
}
