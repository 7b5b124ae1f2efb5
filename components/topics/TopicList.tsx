import Link from 'next/link';
import { ButtonLink } from '@/components/ui/ButtonLink';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { formatDateTime, type Translate } from '@/lib/i18n/format';
import type { Locale } from '@/lib/i18n/format';
import type { BoardTopic } from '@/lib/topics/queries';
import { TopicStatusBadge } from './TopicStatusBadge';

/**
 * The board's topics: residents' proposals with how far their co-signing has come, and the topics staff
 * registered, each leading to its page (its journey). Counts only: who signed is never shown here.
 */
export function TopicList({ topics, boardHref, t, locale }: { topics: BoardTopic[]; boardHref: string; t: Translate; locale: Locale }) {
  return (
    <section aria-labelledby="board-topics">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="board-topics" className="text-2xl font-semibold text-ink">{t('topic.section.title')}</h2>
        <ButtonLink href={`${boardHref}/propose`} size="large">{t('topic.propose.link')}</ButtonLink>
      </div>
      <p className="mt-1 text-lg text-ink-muted">{t('topic.section.intro')}</p>
      {topics.length === 0 ? <p className="mt-2 text-lg text-ink-muted">{t('topic.section.empty')}</p> : (
        <ul className="mt-3 space-y-3">
          {topics.map((topic) => (
            <li key={topic.id}>
              <article aria-labelledby={`t-${topic.id}`} className="rounded-2xl border border-ink/15 bg-white p-4 shadow-sm">
                <div className="flex items-start justify-between gap-3">
                  <h3 id={`t-${topic.id}`} className="text-xl font-semibold leading-snug">
                    <Link href={`${boardHref}/t/${encodeURIComponent(topic.id)}`} className="text-civic-900 underline">{topic.title}</Link>
                  </h3>
                  <TopicStatusBadge status={topic.status} t={t} />
                </div>
                <p className="mt-1 text-base text-ink-muted">
                  {t(`topic.path.${topic.intakePath as 'grid_worker'}`)} · <time dateTime={topic.createdAt.toISOString()}>{formatDateTime(locale, topic.createdAt, { dateStyle: 'medium' })}</time>
                </p>
                {topic.proposal && topic.status === 'submitted' ? (
                  <ProgressBar
                    className="mt-3" value={topic.coSign.have} max={topic.coSign.have + topic.coSign.missing}
                    label={topic.coSign.reached ? t('topic.cosign.reached', { have: topic.coSign.have }) : t('topic.cosign.progress', { have: topic.coSign.have, missing: topic.coSign.missing })}
                  />
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
