'use client';

import { useEffect, useRef, useState } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import { formatFileSize, type MessageKey } from '@/lib/i18n/format';
import { EscalationNote } from './EscalateTopic';
import type { ConsoleTopic, GridOption } from './console-topic';
import { TopicReviewActions } from './TopicReviewActions';

/** The intake path's name; a path the catalogue does not know shows as itself. */
export function usePathLabel(): (path: string) => string {
  const t = useT();
  return (path) => t(`topic.path.${path}` as MessageKey);
}

/** What a topic says about itself: path, submitter, time, place; shared by the queue and the register. */
export function TopicFacts({ topic }: { topic: ConsoleTopic }) {
  const t = useT();
  const pathLabel = usePathLabel();
  return (
    <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-base">
      <dt className="text-ink-muted">{t('topicReview.meta.path')}</dt>
      <dd>{pathLabel(topic.intakePath)}</dd>
      {topic.submitter ? (
        <>
          <dt className="text-ink-muted">{t('topicReview.meta.submitter')}</dt>
          <dd className="break-words">{topic.submitter}</dd>
        </>
      ) : null}
      <dt className="text-ink-muted">{t('topicReview.meta.created')}</dt>
      <dd>{topic.created}</dd>
      {topic.place ? (
        <>
          <dt className="text-ink-muted">{t('topicReview.meta.place')}</dt>
          <dd className="break-words">{topic.place}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** The topic's files: staff download written submissions and photos (GET /api/topic-files/:id). */
export function TopicFiles({ topic }: { topic: ConsoleTopic }) {
  const t = useT();
  if (!topic.files.length) return null;
  return (
    <div className="mt-3">
      <h4 className="text-base font-semibold">{t('topicReview.files.title')}</h4>
      <ul className="mt-1 space-y-1">
        {topic.files.map((f) => (
          <li key={f.id} className="flex flex-wrap items-center gap-2 text-base">
            <span className="rounded-full border-2 border-ink/30 px-2 text-sm font-semibold">{t(f.kind === 'photo' ? 'topicReview.files.photo' : 'topicReview.files.submission')}</span>
            <a href={`/api/topic-files/${f.id}`} download={f.fileName} aria-label={t('topicReview.files.download', { name: f.fileName, size: formatFileSize(f.size) })}
              className="break-all font-semibold text-civic-800 underline">{f.fileName}</a>
            <span className="text-ink-muted">{formatFileSize(f.size)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * 议题审核: the topics awaiting review, oldest first (first come, first reviewed), each with who raised it,
 * for a board proposal its co-signatures (who signed is for staff only), its files and the four decisions.
 */
export function TopicReviewQueue({ topics, grids }: { topics: ConsoleTopic[]; grids: GridOption[] }) {
  const t = useT();
  const [done, setDone] = useState<{ message: string; tone: 'ok' | 'error' } | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  // The reviewed topic (and the button that was pressed) leaves the queue: focus moves to the outcome, so
  // neither the keyboard nor the eye is left at the foot of a list that no longer has that topic.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const waiting = topics.filter((x) => x.status === 'submitted').reverse();
  const open = topics.filter((x) => x.status === 'submitted' || x.status === 'accepted');
  return (
    <section aria-labelledby="topic-queue" className="mt-6">
      <h2 id="topic-queue" className="text-2xl font-semibold text-ink">{t('topicReview.queue.title', { count: waiting.length })}</h2>
      <div ref={doneRef} tabIndex={-1} role="status" className={done ? `mt-3 rounded-xl border-2 p-3 text-base font-semibold ${done.tone === 'ok' ? 'border-ok-600 bg-white text-ink' : 'border-accent-700 bg-accent-50 text-accent-800'}` : 'sr-only'}>
        {done?.message}
      </div>
      {waiting.length === 0 ? <p className="mt-3 text-lg text-ink-muted">{t('topicReview.queue.empty')}</p> : (
        <ul className="mt-3 space-y-4">
          {waiting.map((topic) => (
            <li key={topic.id}>
              <article aria-labelledby={`topic-${topic.id}`} className="rounded-2xl border border-ink/15 bg-white p-5 shadow-sm">
                <h3 id={`topic-${topic.id}`} className="break-words text-xl font-semibold text-ink">{topic.title}</h3>
                {topic.description ? <p className="mt-1 whitespace-pre-line break-words text-base">{topic.description}</p> : null}
                <TopicFacts topic={topic} />
                {topic.escalation ? <EscalationNote escalation={topic.escalation} /> : null}
                {topic.proposal ? (
                  <div className="mt-3">
                    <p className={`text-base font-semibold ${topic.coSign.reached ? 'text-ok-600' : 'text-ink'}`}>
                      {topic.coSign.reached ? t('topicReview.cosign.reached', { have: topic.coSign.have }) : t('topicReview.cosign.progress', { have: topic.coSign.have, missing: topic.coSign.missing })}
                    </p>
                    {topic.coSigners.length ? (
                      <details className="mt-1">
                        <summary className="cursor-pointer text-base font-semibold text-civic-800">{t('topicReview.cosign.list', { count: topic.coSigners.length })}</summary>
                        <p className="mt-1 text-sm text-ink-muted">{t('topicReview.cosign.privacy')}</p>
                        <div className="overflow-x-auto">
                          <table className="mt-1 w-full border-collapse text-left text-base">
                            <thead>
                              <tr className="border-b border-ink/15">
                                <th scope="col" className="px-2 py-1">{t('topicReview.cosign.name')}</th>
                                <th scope="col" className="px-2 py-1">{t('topicReview.cosign.building')}</th>
                                <th scope="col" className="px-2 py-1">{t('topicReview.cosign.phone')}</th>
                                <th scope="col" className="px-2 py-1">{t('topicReview.cosign.time')}</th>
                              </tr>
                            </thead>
                            <tbody>
                              {topic.coSigners.map((c, k) => (
                                <tr key={k} className="border-b border-ink/10">
                                  <td className="px-2 py-1">{c.name}</td>
                                  <td className="px-2 py-1">{c.building}</td>
                                  <td className="px-2 py-1 font-mono">{c.phoneMasked}</td>
                                  <td className="px-2 py-1">{c.time}</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </div>
                      </details>
                    ) : null}
                  </div>
                ) : null}
                <TopicFiles topic={topic} />
                <TopicReviewActions topic={topic} grids={grids} mergeTargets={open.filter((x) => x.id !== topic.id)} onDone={(message, tone) => setDone({ message, tone })} />
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
