import Link from 'next/link';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { formatDateTime, type Locale, type Translate } from '@/lib/i18n/format';
import { getI18n } from '@/lib/i18n/server';
import type { MeetingStatus } from '@/lib/meeting/model';
import type { PublicTopic } from '@/lib/topics/queries';
import { CoSignPanel } from './CoSignPanel';
import type { ResidentView } from './resident-api';
import { TopicStatusBadge } from './TopicStatusBadge';
import { BoardSubpageHeader } from './BoardSubpageHeader';

type Step = PublicTopic['steps'][number];

/** One line of the journey, in words: what happened and, for reviews, why. */
function stepText(s: Step, t: Translate): string {
  const d = s.detail;
  switch (s.kind) {
    case 'accepted': {
      const at = { level: t(`meeting.level.${d.level as 'community'}`), type: t(`meeting.type.${d.type as 'decision'}`) };
      return d.convener ? t('topic.step.acceptedTo', { ...at, name: String(d.convener), post: t(`topic.post.${d.post as 'grid_lead'}`) }) : t('topic.step.accepted', at);
    }
    case 'merged': return t('topic.step.merged', { title: String(d.intoTitle ?? '') });
    case 'merged_from': return t('topic.step.mergedFrom', { title: String(d.fromTitle ?? '') });
    case 'referred': return t('topic.step.referred', { to: String(d.to ?? ''), reason: String(d.reason ?? '') });
    case 'rejected': return t('topic.step.rejected', { reason: String(d.reason ?? '') });
    case 'escalated': return t('topic.step.escalated', { to: t(`topic.level.${d.to as 'grid'}`), reason: String(d.reason ?? '') });
    case 'on_agenda': return t('topic.step.onAgenda', { meeting: String(d.meetingTitle ?? '') });
    case 'expert_feedback': return t('topic.step.expertFeedback', { meeting: String(d.meetingTitle ?? ''), conclusion: String(d.conclusion ?? '') });
    case 'joint_reached': return t('topic.step.jointReached', { count: Number(d.coSigners ?? 0) });
    case 'joint_lost': return t('topic.step.jointLost', { count: Number(d.coSigners ?? 0) });
    case 'record_filed': return t('topic.step.recordFiled', { meeting: String(d.meetingTitle ?? '') });
    case 'published': return t('topic.step.published', { meeting: String(d.meetingTitle ?? '') });
    case 'decision_done': return t('topic.step.decisionDone', { title: String(d.title ?? '') });
    case 'decision_impossible': return t('topic.step.decisionImpossible', { title: String(d.title ?? ''), reason: String(d.reason ?? '') });
    case 'registered': return t('topic.step.registered', { path: t(`topic.path.${d.intakePath as 'grid_worker'}`) });
    default: return t('topic.step.proposed');
  }
}

/**
 * A topic's public page (/c/<code>/t/<id>): the matter, its photos, how far co-signing has come, and its
 * journey from proposal through review to the meetings that took it up and what came of them. Phone first.
 */
export async function TopicView({ topic, boardHref, communityName, resident, photosFailed }: {
  topic: PublicTopic; boardHref: string; communityName: string; resident: ResidentView; photosFailed: number;
}) {
  const { t, locale } = await getI18n();
  const when = (d: Date) => formatDateTime(locale as Locale, d, { dateStyle: 'medium', timeStyle: 'short' });
  const coSignOpen = topic.proposal && topic.status === 'submitted';
  return (
    <div className="flex min-h-dvh flex-col">
      <BoardSubpageHeader boardHref={boardHref} communityName={communityName} t={t} />
      <main className="mx-auto w-full max-w-2xl flex-1 space-y-6 px-4 py-6">
        <div>
          <div className="flex items-start justify-between gap-3">
            <h1 className="text-2xl font-bold leading-tight">{topic.title}</h1>
            <TopicStatusBadge status={topic.status} t={t} />
          </div>
          <p className="mt-1 text-base text-ink-muted">
            {t(`topic.path.${topic.intakePath as 'grid_worker'}`)}{topic.submitter ? ` · ${t('topic.submitter', { name: topic.submitter })}` : ''}
          </p>
        </div>
        {photosFailed > 0 ? <p role="alert" className="rounded-xl border-2 border-warn-500 px-3 py-2 text-lg">{t('topic.propose.photosFailed', { count: photosFailed })}</p> : null}
        {topic.status === 'rejected' || topic.status === 'referred' ? (
          <p className="rounded-xl border-l-4 border-accent-700 bg-accent-50 px-3 py-2 text-lg">
            {topic.status === 'rejected' ? t('topic.reason.rejected', { reason: topic.reason ?? '' }) : t('topic.reason.referred', { to: topic.referredTo ?? '', reason: topic.reason ?? '' })}
          </p>
        ) : null}
        <p className="whitespace-pre-line text-lg leading-relaxed">{topic.description}</p>
        {topic.place ? <p className="text-lg"><span className="text-ink-muted">{t('topic.place')}</span> {topic.place}</p> : null}
        {topic.photos.length ? (
          <ul className="grid grid-cols-2 gap-2" aria-label={t('topic.photos')}>
            {topic.photos.map((p, i) => (
              <li key={p.id}>
                <a href={`/api/topic-photos/${encodeURIComponent(p.id)}`}>
                  {/* eslint-disable-next-line @next/next/no-img-element -- served as re-encoded JPEGs by the API */}
                  <img src={`/api/topic-photos/${encodeURIComponent(p.id)}`} alt={t('topic.photoAlt', { n: i + 1 })} loading="lazy" className="aspect-[4/3] w-full rounded-lg object-cover" />
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        {topic.proposal ? (
          <ProgressBar
            value={topic.coSign.have} max={topic.coSign.have + topic.coSign.missing}
            label={topic.coSign.reached ? t('topic.cosign.reached', { have: topic.coSign.have }) : t('topic.cosign.progress', { have: topic.coSign.have, missing: topic.coSign.missing })}
          />
        ) : null}
        {coSignOpen ? <CoSignPanel topicId={topic.id} resident={resident} mine={topic.mine} /> : null}
        {topic.meetings.length ? (
          <section aria-labelledby="topic-meetings">
            <h2 id="topic-meetings" className="text-xl font-semibold">{t('topic.meetings')}</h2>
            <ul className="mt-2 space-y-3 text-lg">
              {topic.meetings.map((m) => (
                <li key={m.id} className="rounded-xl border border-ink/15 bg-white px-3 py-2">
                  <p>{m.title} · <time dateTime={m.scheduledAt.toISOString()}>{when(m.scheduledAt)}</time> · {t(`meeting.status.${m.status as MeetingStatus}`)}</p>
                  {m.outcome ? (
                    <>
                      <p className="mt-1 text-base">
                        <Link href={`/v/${encodeURIComponent(m.outcome.recordId)}`} className="font-semibold text-civic-800 underline">{t('board.record')}</Link>
                        {m.outcome.publishedAt ? <> · {t('topic.outcome.published', { at: when(m.outcome.publishedAt) })}</> : null}
                      </p>
                      {m.outcome.decisions.length ? (
                        <ul className="mt-1 space-y-1 text-base">
                          {m.outcome.decisions.map((d) => (
                            <li key={d.taskId}>
                              {d.title} · <Link href={`${boardHref}/d/${encodeURIComponent(d.taskId)}`} className="font-semibold text-civic-800 underline">{t(`topic.task.${d.status as 'done'}`)}</Link>
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="topic-journey">
          <h2 id="topic-journey" className="text-xl font-semibold">{t('topic.journey')}</h2>
          <ol className="mt-3 space-y-3 border-l-4 border-civic-700 pl-4">
            {topic.steps.map((s, i) => (
              <li key={i} className="relative">
                <span aria-hidden className="absolute -left-[1.6rem] top-1.5 h-4 w-4 rounded-full border-4 border-white bg-civic-700" />
                <p className="text-lg">{stepText(s, t)}</p>
                <p className="text-base text-ink-muted"><time dateTime={s.at.toISOString()}>{when(s.at)}</time>{s.actor ? ` · ${s.actor}` : ''}</p>
              </li>
            ))}
          </ol>
        </section>
      </main>
    </div>
  );
}
