'use client';

import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatDateTime } from '@/lib/i18n/format';
import type { ReadableRecord } from '@/lib/record/readable';

/**
 * An expert consultation in the record page (/v/<id> and the console's): the question and who asked,
 * the acceptance, every invited expert's signed written opinion, whether the meeting sat, the conclusion
 * and when it was fed back — as signed.
 */
export function ExpertRecordSection({ x, headingLevel }: { x: NonNullable<ReadableRecord['expert']>; headingLevel: 1 | 2 }) {
  const t = useT();
  const locale = useLocale();
  const H = `h${headingLevel + 1}` as 'h2' | 'h3';
  const H2 = `h${headingLevel + 2}` as 'h3' | 'h4';
  const when = (iso: string) => formatDateTime(locale, iso);
  return (
    <section aria-labelledby="record-expert">
      <H id="record-expert" className="mb-2 border-b border-ink/15 pb-1 text-2xl font-bold text-ink">{t('record.expert.title')}</H>
      <p className="whitespace-pre-line break-words text-base">{t('record.expert.question', { question: x.question })}</p>
      <p className="mt-1 text-base text-ink-muted">{t('record.expert.asker', { name: x.asker.name, kind: t(`expert.asker.${x.asker.kind}`), at: when(x.askedAt) })}</p>
      <p className="mt-1 text-base text-ink-muted">{t('record.expert.accepted', { at: when(x.acceptance.at) })}</p>
      <H2 className="mt-4 text-lg font-semibold text-ink">{t('record.expert.experts')}</H2>
      <ol className="list-decimal space-y-2 pl-7 text-base">
        {x.experts.map((e) => (
          <li key={e.seatId}>
            {e.opinion ? (
              <>
                <span className="font-semibold">{t('record.expert.opinion', { name: e.name, title: e.opinion.title, at: when(e.opinion.at) })}</span>
                <span className="block whitespace-pre-line text-ink">{e.opinion.text}</span>
              </>
            ) : <span className="text-ink-muted">{t('record.expert.noOpinion', { name: e.name })}</span>}
          </li>
        ))}
      </ol>
      <p className="mt-3 text-base font-semibold">{t(x.sat ? 'record.expert.sat' : 'record.expert.notSat')}</p>
      <p className="mt-1 whitespace-pre-line text-base">{t('record.expert.conclusion', { at: when(x.conclusion.at), text: x.conclusion.text })}</p>
      <p className="mt-1 text-base">{t('record.expert.feedback', { at: when(x.feedback.at), channel: t(`expert.channel.${x.feedback.channel}`), note: x.feedback.note ? `：${x.feedback.note}` : '' })}</p>
    </section>
  );
}
