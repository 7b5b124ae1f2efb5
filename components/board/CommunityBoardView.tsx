import Link from 'next/link';
import { LanguageSwitch } from '@/components/ui/LanguageSwitch';
import { formatDateTime, formatFileSize } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import type { MeetingForm, MeetingStatus } from '@/lib/meeting/model';
import type { CommunityBoard } from '@/lib/planning/board';
import { boardPath } from '@/lib/planning/board-path';
import { TopicList } from '@/components/topics/TopicList';
import { PublicationList } from '@/components/topics/PublicationList';
import type { ResidentView } from '@/components/topics/resident-api';

const statusClass: Record<MeetingStatus, string> = {
  draft: 'border-ink/30 text-ink',
  announced: 'border-civic-700 bg-civic-50 text-civic-900',
  live: 'border-ok-600 bg-ok-600 text-white',
  closed: 'border-ink/30 bg-ink/5 text-ink',
  cancelled: 'border-accent-700 bg-accent-50 text-accent-800',
};

/**
 * The community board as a resident sees it on a phone (WeChat's browser included): large type, one
 * column, no script needed to read it. Notices are shown whole and in the order they were published.
 */
export async function CommunityBoardView({ board, resident }: { board: CommunityBoard; resident: ResidentView }) {
  const { t, locale } = await getI18n();
  const when = (d: Date) => formatDateTime(locale, d, { dateStyle: 'full', timeStyle: 'short' });
  const badge = (status: string) => (
    <span className={`shrink-0 rounded-full border-2 px-3 py-0.5 text-base font-semibold ${statusClass[status as MeetingStatus] ?? statusClass.draft}`}>
      {t(`meeting.status.${status as MeetingStatus}`)}
    </span>
  );
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-t-4 border-accent-700 bg-white">
        <div className="mx-auto flex w-full max-w-2xl items-center justify-between gap-3 px-4 py-4">
          <div>
            <p className="text-base text-ink-muted">{board.community.streetName}</p>
            <h1 className="text-2xl font-bold leading-tight text-ink">{t('board.title', { community: board.community.name })}</h1>
          </div>
          <LanguageSwitch />
        </div>
      </header>
      <main className="mx-auto w-full max-w-2xl flex-1 space-y-8 px-4 py-6">
        <section aria-labelledby="board-upcoming">
          <h2 id="board-upcoming" className="text-2xl font-semibold text-ink">{t('board.upcoming')}</h2>
          {board.upcoming.length === 0 ? <p className="mt-2 text-lg text-ink-muted">{t('board.upcomingEmpty')}</p> : (
            <ul className="mt-3 space-y-4">
              {board.upcoming.map((m) => (
                <li key={m.id}>
                  <article aria-labelledby={`m-${m.id}`} className="rounded-2xl border border-ink/15 bg-white p-4 shadow-sm">
                    <div className="flex items-start justify-between gap-3">
                      <h3 id={`m-${m.id}`} className="text-xl font-semibold leading-snug text-ink">{m.title}</h3>
                      {badge(m.status)}
                    </div>
                    <p className="mt-1 text-base text-ink-muted">{t(`meeting.form.${m.form as MeetingForm}`)}</p>
                    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-lg">
                      <dt className="text-ink-muted">{t('board.when')}</dt>
                      <dd><time dateTime={m.scheduledAt.toISOString()}>{when(m.scheduledAt)}</time></dd>
                      <dt className="text-ink-muted">{t('board.where')}</dt>
                      <dd>{m.venue}</dd>
                    </dl>
                    {m.joinCode ? (
                      <p className="mt-3 rounded-xl bg-ok-600 px-3 py-2 text-lg font-semibold text-white">
                        {/* A questionnaire has no sitting to join with a card: its link opens the form. */}
                        {m.form === 'questionnaire'
                          ? <a href={`/q/${encodeURIComponent(m.joinCode)}`} className="text-white underline">{t('board.questionnaireOpen')}</a>
                          : <Link href={`/join?code=${encodeURIComponent(m.joinCode)}`} className="text-white underline">{t('board.live', { code: m.joinCode })}</Link>}
                      </p>
                    ) : null}
                    <ol className="mt-3 space-y-2">
                      {m.notices.map((n) => (
                        <li key={n.id} className={`rounded-xl border-l-4 bg-paper px-3 py-2 ${n.kind === 'cancellation' ? 'border-accent-700' : n.kind === 'revision' ? 'border-warn-500' : 'border-civic-700'}`}>
                          <p className="text-base text-ink-muted">
                            <span className="font-semibold text-ink">{t(`planning.notice.kind.${n.kind as 'notice'}`)}</span>
                            {' · '}
                            <time dateTime={n.publishedAt.toISOString()}>{formatDateTime(locale, n.publishedAt)}</time>
                          </p>
                          <p className="mt-1 whitespace-pre-line text-lg">{n.text}</p>
                          {n.attachments.length ? (
                            <ul aria-label={t('board.attachments')} className="mt-2 space-y-1">
                              {n.attachments.map((f) => (
                                <li key={f.id}>
                                  <a href={`/api/attachments/${encodeURIComponent(f.id)}`} download={f.name} className="inline-flex min-h-11 items-center gap-2 break-all text-lg font-semibold text-civic-800 underline">
                                    <span aria-hidden className="rounded border border-civic-700 px-1 font-mono text-sm no-underline">{(f.name.split('.').pop() ?? '').toUpperCase()}</span>
                                    <span>{f.name}</span>
                                  </a>
                                  <span className="ml-2 whitespace-nowrap text-base text-ink-muted">{formatFileSize(f.size)}</span>
                                </li>
                              ))}
                            </ul>
                          ) : null}
                        </li>
                      ))}
                    </ol>
                  </article>
                </li>
              ))}
            </ul>
          )}
        </section>
        <TopicList topics={board.topics} boardHref={boardPath(board.community.code)} t={t} locale={locale} />
        <PublicationList publications={board.publications} boardHref={boardPath(board.community.code)} t={t} locale={locale} resident={resident} />
        <section aria-labelledby="board-held">
          <h2 id="board-held" className="text-2xl font-semibold text-ink">{t('board.held')}</h2>
          {board.held.length === 0 ? <p className="mt-2 text-lg text-ink-muted">{t('board.heldEmpty')}</p> : (
            <ul className="mt-3 divide-y divide-ink/10 rounded-2xl border border-ink/15 bg-white">
              {board.held.map((m) => (
                <li key={m.id} className="p-4">
                  <p className="text-lg font-semibold leading-snug text-ink">{m.title}</p>
                  <p className="text-base text-ink-muted">{t(`meeting.form.${m.form as MeetingForm}`)} · <time dateTime={m.scheduledAt.toISOString()}>{formatDateTime(locale, m.scheduledAt, { dateStyle: 'long' })}</time></p>
                  <p className="mt-1 text-lg">
                    {m.recordId ? <Link href={`/v/${encodeURIComponent(m.recordId)}`} className="font-semibold text-civic-800 underline">{t('board.record')}</Link>
                      : <span className="text-ink-muted">{t('board.recordPending')}</span>}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
        <p className="print:hidden">
          <Link href={`${boardPath(board.community.code)}/poster`} className="text-lg font-semibold text-civic-800 underline">{t('board.poster')}</Link>
        </p>
      </main>
    </div>
  );
}
