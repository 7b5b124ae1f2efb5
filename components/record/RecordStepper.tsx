'use client';

import { useT } from '@/components/ui/I18nProvider';
import { recordStatuses, type RecordStatus } from '@/lib/record/format';

/**
 * 已结束 → 待签名 → 已签名 → 已归档. Steps before the current one are done; a filed record has every
 * step done. `status` null: the meeting has closed but the record is still being frozen.
 */
export function RecordStepper({ status }: { status: RecordStatus | null }) {
  const t = useT();
  const current = status === null ? 0 : recordStatuses.indexOf(status);
  const allDone = status === 'filed';
  return (
    <ol aria-label={t('record.stepper.label')} className="grid grid-cols-4 gap-1">
      {recordStatuses.map((step, i) => {
        const done = i < current || allDone;
        const here = i === current;
        return (
          <li key={step} aria-current={here ? 'step' : undefined} className="relative flex flex-col items-center text-center">
            {/* the line to the previous step */}
            {i > 0 ? <span aria-hidden="true" className={`absolute top-4 right-1/2 h-1 w-full rounded-full ${done || here ? 'bg-civic-700' : 'bg-ink/15'}`} /> : null}
            <span
              aria-hidden="true"
              className={`relative z-10 grid size-9 place-items-center rounded-full border-2 text-base font-bold ${
                done ? 'border-ok-600 bg-ok-600 text-white' : here ? 'border-civic-800 bg-civic-800 text-white' : 'border-ink/30 bg-white text-ink-muted'
              }`}
            >
              {done ? '✓' : i + 1}
            </span>
            <span className={`mt-1 text-sm leading-tight ${here ? 'font-bold text-ink' : 'text-ink-muted'}`}>
              {t(`record.status.${step}`)}
              <span className="sr-only">{done ? t('record.stepper.done') : here ? t('record.stepper.current') : t('record.stepper.todo')}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
