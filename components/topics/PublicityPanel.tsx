import { Card } from '@/components/ui/Card';
import { formatDateTime } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import type { BoardPublication } from '@/lib/topics/publicity';
import { ObjectionAnswer } from './ObjectionAnswer';

/** The record page's results publicity: the period on the board and the residents' objections to answer. */
export async function PublicityPanel({ publication, mayAnswer }: { publication: BoardPublication; mayAnswer: boolean }) {
  const { t, locale } = await getI18n();
  const day = (d: Date) => formatDateTime(locale, d, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Card title={t('topic.publicity.title')}>
      <p className="text-base">
        <span className="font-semibold">{publication.open ? t('topic.publicity.open') : t('topic.publicity.ended')}</span>
        {' · '}{t('topic.publicity.period', { from: day(publication.publishedAt), to: day(publication.endsAt) })}
      </p>
      {publication.objections.length === 0 ? <p className="mt-2 text-base text-ink-muted">{t('topic.publicity.noObjections')}</p> : (
        <ul className="mt-3 space-y-3">
          {publication.objections.map((o) => (
            <li key={o.id} className="rounded-lg border-l-4 border-warn-500 bg-paper px-3 py-2">
              <p className="whitespace-pre-line">{o.text}</p>
              <p className="text-sm text-ink-muted">{formatDateTime(locale, o.createdAt)}</p>
              {o.answer ? <p className="mt-1 whitespace-pre-line"><span className="font-semibold">{t('topic.publicity.answerBy', { name: o.answeredBy ?? '' })}</span>{o.answer}</p>
                : mayAnswer ? <ObjectionAnswer objectionId={o.id} /> : <p className="mt-1 text-sm font-semibold text-ink-muted">{t('topic.publicity.awaitingAnswer')}</p>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
