'use client';

import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatDateTime, formatNumber } from '@/lib/i18n/format';
import type { ReadableRecord } from '@/lib/record/readable';

/**
 * A written consultation in the record page (/v/<id> and the console's): the document with its
 * fingerprint, the dates, the counts by answer, the conclusion, and every addressee's final answer — as
 * signed (a written consultation is identified by nature).
 */
export function WrittenRecordSection({ w, headingLevel }: { w: NonNullable<ReadableRecord['written']>; headingLevel: 1 | 2 }) {
  const t = useT();
  const locale = useLocale();
  const H = `h${headingLevel + 1}` as 'h2' | 'h3';
  const H2 = `h${headingLevel + 2}` as 'h3' | 'h4';
  const when = (iso: string) => formatDateTime(locale, iso);
  const num = (n: number) => formatNumber(locale, n);
  return (
    <section aria-labelledby="record-written">
      <H id="record-written" className="mb-2 border-b border-ink/15 pb-1 text-2xl font-bold text-ink">{t('record.written.title')}</H>
      <p className="break-words text-base">{t('record.written.document', { title: w.document.title, hash: w.document.sha256 })}</p>
      {w.document.attachment ? <p className="break-words text-base text-ink-muted">{t('record.written.attachment', { name: w.document.attachment.fileName, hash: w.document.attachment.sha256 })}</p> : null}
      <p className="mt-1 text-base">{t('record.written.period', { sentAt: when(w.sentAt), deadline: when(w.deadline), closedAt: when(w.closedAt) })}</p>
      <p className="mt-1 text-lg font-semibold tabular-nums">
        {t('record.written.counts', { total: num(w.addressees.length), agree: num(w.counts.agree), amend: num(w.counts.amend), disagree: num(w.counts.disagree), none: num(w.counts.none) })}
      </p>
      <p className="mt-1 whitespace-pre-line text-base">{t('record.written.conclusion', { text: w.conclusion })}</p>
      <H2 className="mt-4 text-lg font-semibold text-ink">{t('record.written.addressees')}</H2>
      <ol className="list-decimal space-y-1 pl-7 text-base">
        {w.addressees.map((a, i) => (
          <li key={i}>
            <span className="font-semibold">{a.name}</span>
            {a.unit ? <span className="text-ink-muted">（{a.unit}）</span> : null}
            <span className="ml-2">{t(`written.answer.${a.answer ?? 'none'}`)}</span>
            {a.revisions > 1 ? <span className="text-ink-muted">{t('record.written.revised', { count: num(a.revisions - 1) })}</span> : null}
            {a.text ? <span className="block whitespace-pre-line text-ink">{a.text}</span> : null}
            {a.attachment ? <span className="block break-words text-sm text-ink-muted">{t('record.written.attachment', { name: a.attachment.fileName, hash: a.attachment.sha256 })}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
