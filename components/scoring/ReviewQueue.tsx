'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { inputClass } from '@/components/ui/form-styles';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { useHydrated } from '@/components/ui/useHydrated';
import { formatNumber } from '@/lib/i18n/format';
import { errorText, postJson, type ApiError, type ErrorText } from './api-error';
import { ErrorNotice } from './ErrorNotice';

export type QueueItem = {
  id: string;
  title: string;
  fileName: string;
  sizeKb: number;
  uploadedOn: string;
  communityName: string;
  indicatorName: string;
  evidence: string;
  /** the indicator allows partial credit, so the assessor sets a share */
  partial: boolean;
};

type Decision = { decision: 'accept'; credit: number } | { decision: 'reject'; reason: string };
/** A decision's outcome: done, or not needed any more (someone else decided first): never styled alike. */
type Notice = { tone: 'ok' | 'warn'; text: string };

const noticeClass: Record<Notice['tone'], string> = {
  ok: 'border-ok-600',
  warn: 'border-warn-500',
};

const headingId = (itemId: string) => `review-${itemId}`;
/** Where focus goes when the last item leaves: the "nothing awaits review" line that replaces the list. */
const EMPTY = '';

/**
 * The assessor's queue. A decided item leaves the list at once (the server answers in milliseconds and
 * a wrong click is fixed by the community uploading again, so there is no undo); if the server refuses,
 * the item comes back with the reason. Items arriving live (LiveRefresh) simply appear.
 * The decided item held the focus: it moves to the next item's heading (or the empty-queue line), so a
 * keyboard or screen-reader user carries on from where they were instead of from the top of the page.
 */
export function ReviewQueue({ items }: { items: QueueItem[] }) {
  const t = useT();
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, ErrorText>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const focusNext = useRef<string | null>(null);
  const emptyRef = useRef<HTMLParagraphElement>(null);
  const visible = items.filter((i) => !removed.has(i.id));

  // After the render that removed (or brought back) an item: its heading, or the empty line, takes focus.
  useEffect(() => {
    const target = focusNext.current;
    if (target === null) return;
    focusNext.current = null;
    (target === EMPTY ? emptyRef.current : document.getElementById(headingId(target)))?.focus();
  }, [removed]);

  async function decide(item: QueueItem, d: Decision) {
    const at = visible.findIndex((i) => i.id === item.id);
    focusNext.current = (visible[at + 1] ?? visible[at - 1])?.id ?? EMPTY;
    setRemoved((s) => new Set(s).add(item.id));
    setErrors(({ [item.id]: _, ...rest }) => rest);
    try {
      await postJson(`/api/evidence/${item.id}/review`, d);
      setNotice({ tone: 'ok', text: t(d.decision === 'accept' ? 'scoring.assess.accepted' : 'scoring.assess.rejected', { title: item.title }) });
    } catch (err) {
      const e = err as ApiError;
      if (e.code === 'CONFLICT') return setNotice({ tone: 'warn', text: t('scoring.assess.conflict', { title: item.title }) });
      // Back in the list with the reason, and the focus on it, so the decision can be made again.
      focusNext.current = item.id;
      setRemoved((s) => {
        const next = new Set(s);
        next.delete(item.id);
        return next;
      });
      setErrors((all) => ({ ...all, [item.id]: errorText(t, e) }));
    }
  }

  return (
    <div>
      {/* One live region for every outcome, present from the start so each change is announced. */}
      <p role="status" className={notice ? `mb-3 rounded-lg border-2 bg-white px-3 py-2 text-base font-medium text-ink ${noticeClass[notice.tone]}` : ''}>
        {notice ? <><span aria-hidden="true">{notice.tone === 'ok' ? '✓ ' : '⚠ '}</span>{notice.text}</> : null}
      </p>
      {visible.length === 0 ? (
        <p ref={emptyRef} tabIndex={-1} className="rounded-2xl border border-ink/15 bg-white p-6 text-lg">{t('scoring.assess.empty')}</p>
      ) : (
        <>
          <p className="mb-3 text-base text-ink-muted">{t('scoring.assess.count', { count: visible.length })}</p>
          <ol className="space-y-4" data-testid="review-queue">
            {visible.map((item) => <QueueEntry key={item.id} item={item} error={errors[item.id]} onDecide={(d) => decide(item, d)} />)}
          </ol>
        </>
      )}
    </div>
  );
}

function QueueEntry({ item, error, onDecide }: { item: QueueItem; error?: ErrorText; onDecide: (d: Decision) => void }) {
  const t = useT();
  const locale = useLocale();
  const ids = { credit: useId(), reason: useId(), reasonError: useId(), heading: headingId(item.id) };
  const [credit, setCredit] = useState(100);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const hydrated = useHydrated();

  // 不采纳 opens the reason box in place of the button that had the focus: the focus goes into the box.
  useEffect(() => {
    if (rejecting) reasonRef.current?.focus();
  }, [rejecting]);

  function reject() {
    if (!reason.trim()) {
      setReasonError(true);
      reasonRef.current?.focus();
      return;
    }
    onDecide({ decision: 'reject', reason: reason.trim() });
  }

  return (
    <li aria-labelledby={ids.heading} className="rounded-2xl border border-ink/15 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <h2 id={ids.heading} tabIndex={-1} className="text-xl font-semibold text-ink">{item.title}</h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-base">
            <dt className="text-ink-muted">{t('scoring.assess.community')}</dt>
            <dd>{item.communityName}</dd>
            <dt className="text-ink-muted">{t('scoring.assess.indicator')}</dt>
            <dd>
              {item.indicatorName}
              {item.evidence ? <span className="block text-sm text-ink-muted">{t('scoring.indicators.materials', { text: item.evidence })}</span> : null}
            </dd>
            <dt className="text-ink-muted">{t('scoring.assess.uploaded')}</dt>
            <dd>{item.uploadedOn}</dd>
          </dl>
        </div>
        <a href={`/api/evidence/${item.id}/file`} target="_blank" rel="noopener" className="font-medium text-civic-800 underline">
          {t('scoring.assess.open', { fileName: item.fileName })} · {t('scoring.assess.size', { size: formatNumber(locale, item.sizeKb) })}
        </a>
      </div>

      <div className="mt-4 flex flex-wrap items-end gap-x-6 gap-y-3 border-t border-ink/10 pt-4">
        <div className="flex flex-wrap items-end gap-3">
          {item.partial ? (
            <label htmlFor={ids.credit} className="block text-base font-medium text-ink">
              {t('scoring.assess.credit', { percent: credit })}
              <input id={ids.credit} type="range" min={0} max={100} step={5} value={credit} onChange={(e) => setCredit(Number(e.target.value))} className="mt-2 block w-56 accent-civic-800" />
            </label>
          ) : (
            <p className="text-sm text-ink-muted">{t('scoring.assess.fullOnly')}</p>
          )}
          <Button disabled={!hydrated} aria-label={t('scoring.assess.acceptFor', { title: item.title })} onClick={() => onDecide({ decision: 'accept', credit: item.partial ? credit / 100 : 1 })}>
            {t('scoring.assess.accept')}
          </Button>
        </div>
        {rejecting ? (
          <div className="flex min-w-0 flex-1 basis-80 flex-wrap items-end gap-3">
            <label htmlFor={ids.reason} className="min-w-0 flex-1 text-base font-medium text-ink">
              {t('scoring.assess.reason')}
              <textarea
                ref={reasonRef}
                id={ids.reason}
                rows={2}
                value={reason}
                maxLength={500}
                aria-invalid={reasonError || undefined}
                aria-describedby={reasonError ? ids.reasonError : undefined}
                onChange={(e) => {
                  setReason(e.target.value);
                  setReasonError(false);
                }}
                className={`${inputClass} aria-invalid:border-accent-700`}
              />
            </label>
            <Button variant="danger" onClick={reject}>{t('scoring.assess.confirmReject')}</Button>
            {reasonError ? <p id={ids.reasonError} role="alert" className="basis-full text-base text-accent-700">{t('scoring.assess.reasonRequired')}</p> : null}
          </div>
        ) : (
          <Button variant="secondary" disabled={!hydrated} aria-label={t('scoring.assess.rejectFor', { title: item.title })} onClick={() => setRejecting(true)}>
            {t('scoring.assess.reject')}
          </Button>
        )}
      </div>
      {error ? <ErrorNotice error={error} className="mt-3" /> : null}
    </li>
  );
}
