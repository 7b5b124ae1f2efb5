'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import { inputClass } from '@/components/ui/form-styles';
import type { MeetingLevel, MeetingType } from '@/lib/meeting/model';
import type { ConsoleTopic } from './console-topic';
import { TopicFiles, usePathLabel } from './TopicReviewQueue';
import { EscalateTopic, EscalationNote } from './EscalateTopic';

const reviewed = ['accepted', 'merged', 'referred', 'rejected'] as const;

const badge: Record<string, string> = {
  accepted: 'border-ok-600 text-ink',
  merged: 'border-civic-700 text-ink',
  referred: 'border-warn-500 text-ink',
  rejected: 'border-accent-700 text-accent-800',
};

/** 议题台账: every reviewed topic with its outcome and the meetings that took it up, filterable by status and path. */
export function TopicRegister({ topics }: { topics: ConsoleTopic[] }) {
  const t = useT();
  const pathLabel = usePathLabel();
  const [status, setStatus] = useState('');
  const [path, setPath] = useState('');
  const paths = [...new Set(topics.map((x) => x.intakePath))];
  const shown = topics.filter((x) => (!status || x.status === status) && (!path || x.intakePath === path));
  return (
    <section aria-labelledby="topic-register" className="mt-10">
      <h2 id="topic-register" className="text-2xl font-semibold text-ink">{t('topicReview.all.title')}</h2>
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <label className="block text-base font-semibold text-ink">
          {t('topicReview.all.filterStatus')}
          <select value={status} onChange={(e) => setStatus(e.target.value)} className={inputClass}>
            <option value="">{t('topicReview.all.any')}</option>
            {reviewed.map((s) => <option key={s} value={s}>{t(`topic.status.${s}`)}</option>)}
          </select>
        </label>
        <label className="block text-base font-semibold text-ink">
          {t('topicReview.all.filterPath')}
          <select value={path} onChange={(e) => setPath(e.target.value)} className={inputClass}>
            <option value="">{t('topicReview.all.any')}</option>
            {paths.map((p) => <option key={p} value={p}>{pathLabel(p)}</option>)}
          </select>
        </label>
      </div>
      <p role="status" className="mt-3 text-base text-ink-muted">{t('topicReview.all.count', { count: shown.length })}</p>
      {shown.length === 0 ? <p className="mt-2 text-lg text-ink-muted">{t('topicReview.all.empty')}</p> : (
        <ul className="mt-2 space-y-2">
          {shown.map((topic) => (
            <li key={topic.id}>
              <article aria-labelledby={`register-${topic.id}`} className="rounded-2xl border border-ink/15 bg-white px-4 py-3 shadow-sm">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <h3 id={`register-${topic.id}`} className="min-w-0 flex-1 break-words text-lg font-semibold text-ink">{topic.title}</h3>
                  <span className={`shrink-0 rounded-full border-2 bg-white px-3 py-0.5 text-base font-semibold ${badge[topic.status] ?? ''}`}>{t(`topic.status.${topic.status}`)}</span>
                </div>
                {/* A register is read down the page: who and where on one line, then the outcome. */}
                <p className="mt-1 break-words text-base text-ink-muted">
                  {[pathLabel(topic.intakePath), topic.submitter, topic.created, topic.place].filter(Boolean).join(' · ')}
                </p>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-base">
                  {topic.reviewed ? (
                    <>
                      <dt className="text-ink-muted">{t('topicReview.meta.reviewed')}</dt>
                      <dd>{topic.reviewed}</dd>
                    </>
                  ) : null}
                  {topic.status === 'accepted' && topic.level && topic.type ? (
                    <>
                      <dt className="text-ink-muted">{t('topicReview.meta.level')}</dt>
                      <dd>{t('topicReview.meta.levelValue', {
                        level: t(`meeting.level.${topic.level as MeetingLevel}`), place: topic.placeName ?? '', type: t(`meeting.type.${topic.type as MeetingType}`),
                      })}</dd>
                    </>
                  ) : null}
                  {topic.status === 'accepted' ? (
                    <>
                      <dt className="text-ink-muted">{t('topicReview.meta.convener')}</dt>
                      <dd>{topic.convener ?? <span className="text-ink-muted">{t('topicReview.meta.noConvener')}</span>}</dd>
                    </>
                  ) : null}
                  {topic.mergedInto ? (
                    <>
                      <dt className="text-ink-muted">{t('topicReview.meta.mergedInto')}</dt>
                      <dd className="break-words">{topic.mergedInto.title}</dd>
                    </>
                  ) : null}
                  {topic.referredTo ? (
                    <>
                      <dt className="text-ink-muted">{t('topicReview.meta.referredTo')}</dt>
                      <dd className="break-words">{topic.referredTo}</dd>
                    </>
                  ) : null}
                  {topic.reason ? (
                    <>
                      <dt className="text-ink-muted">{t('topicReview.meta.reason')}</dt>
                      <dd className="whitespace-pre-line break-words">{topic.reason}</dd>
                    </>
                  ) : null}
                  {topic.status === 'accepted' ? (
                    <>
                      <dt className="text-ink-muted">{t('topicReview.meta.meetings')}</dt>
                      <dd>
                        {topic.meetings.length ? (
                          <ul>{topic.meetings.map((m) => <li key={m.id}><Link href={`/console/meetings/${m.id}`} className="font-semibold text-civic-800 underline">{m.title}</Link></li>)}</ul>
                        ) : <span className="text-ink-muted">{t('topicReview.meta.noMeetings')}</span>}
                      </dd>
                    </>
                  ) : null}
                </dl>
                {topic.escalation ? <EscalationNote escalation={topic.escalation} /> : null}
                <TopicFiles topic={topic} />
                {topic.status === 'accepted' ? (
                  <p className="mt-2">
                    <Link href={`/console/meetings/new?topic=${encodeURIComponent(topic.id)}`} className="text-lg font-semibold text-civic-800 underline">{t('topicReview.planMeeting')}</Link>
                  </p>
                ) : null}
                {topic.status === 'accepted' && (topic.level === 'compound' || topic.level === 'grid' || topic.level === 'community') ? (
                  <div className="mt-2"><EscalateTopic topicId={topic.id} level={topic.level} /></div>
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
