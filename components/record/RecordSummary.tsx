'use client';

import type { ReactNode } from 'react';
import { minutesProse } from '@/components/minutes/minutes-styles';
import { formatDuration } from '@/components/ui/format';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatDateTime, formatFileSize, formatList, formatNumber } from '@/lib/i18n/format';
import { proxyCheckInNote, undoneCheckInLines } from '@/lib/record/ballot-notes';
import { heldAsSitting, type ReadableRecord, type ReadableSpeaker } from '@/lib/record/readable';
import { WALK_IN_KIND } from '@/lib/meeting/walk-ins';
import { PollResult } from './PollResult';
import { WrittenRecordSection } from '@/components/written/WrittenRecordSection';
import { VisitsRecord } from '@/components/visits/VisitsRecord';
import { EvaluationRecordSection } from '@/components/evaluation/EvaluationRecordSection';
import { ExpertRecordSection } from '@/components/expert/ExpertRecordSection';

type Level = 1 | 2;

/**
 * A meeting record in human form, for the console's record page and the public page: what happened,
 * who was there, what was said and decided, and the minutes. Everything shown comes from the signed
 * record.json — residents' names only where a disclosure matched its commitment, else 成员 N
 * (lib/record/readable.ts); times are shown in Asia/Shanghai whatever the reader's zone (formatDateTime).
 */
export function RecordSummary({ record, headingLevel }: { record: ReadableRecord; headingLevel: Level }) {
  const t = useT();
  const locale = useLocale();
  const m = record.meeting;
  const H1 = `h${headingLevel}` as const;
  const when = (iso: string | null) => (iso ? formatDateTime(locale, iso) : '—');
  const itemTitle = (itemId: string | null) => {
    const i = record.agenda.findIndex((a) => a.id === itemId);
    return i < 0 ? null : t('record.agenda.itemTitle', { n: formatNumber(locale, i + 1), title: record.agenda[i]!.title });
  };

  return (
    <div className="space-y-8">
      <header>
        <p className="text-base text-ink-muted">{[record.community.district, record.community.street, record.community.name].join(' · ')}</p>
        <H1 className="text-3xl font-bold leading-tight text-ink">{m.title}</H1>
        <p className="mt-2 flex flex-wrap gap-2">
          {[t(`meeting.form.${m.form}`), t(`meeting.type.${m.type}`), t(`meeting.level.${m.level}`)].map((label) => (
            <span key={label} className="rounded-full border border-civic-700 bg-civic-50 px-3 py-0.5 text-base text-civic-900">{label}</span>
          ))}
        </p>
        <dl className="mt-4 grid gap-x-6 gap-y-1 text-base sm:grid-cols-[auto_minmax(0,1fr)]">
          <Fact label={t('record.meeting.venue')}>{m.venue}</Fact>
          <Fact label={t('record.meeting.convener')}>{m.convener}</Fact>
          <Fact label={t('record.meeting.recorders')}>{formatList(locale, m.recorders) || '—'}</Fact>
          <Fact label={t('record.meeting.scheduledAt')}>{when(m.scheduledAt)}</Fact>
          {m.announcedAt ? <Fact label={t('record.meeting.announcedAt')}>{when(m.announcedAt)}</Fact> : null}
          <Fact label={t('record.meeting.startedAt')}>{when(m.startedAt)}</Fact>
          <Fact label={t('record.meeting.closedAt')}>{when(m.closedAt)}</Fact>
          {m.startedEarlyBecause ? <Fact label={t('record.meeting.startedEarlyBecause')}>{m.startedEarlyBecause}</Fact> : null}
        </dl>
      </header>

      {m.notices?.length || m.procedure?.length ? (
        <Section title={t('record.planning.title')} level={headingLevel}>
          {m.procedure?.length ? (
            <ol className="flex flex-wrap gap-2 text-base" aria-label={t('planning.steps.title')}>
              {m.procedure.map((p) => (
                <li key={p.step} className={`rounded-full border px-3 py-0.5 ${p.doneAt ? 'border-ok-600 text-ink' : 'border-ink/30 text-ink-muted'}`}>
                  {p.doneAt ? '✓ ' : ''}{p.name}<span className="sr-only">{p.doneAt ? t('planning.step.done') : t('planning.step.todo')}</span>
                </li>
              ))}
            </ol>
          ) : null}
          {m.procedureEdition ? <p className="mt-1 text-sm text-ink-muted">{t('record.planning.edition', { edition: m.procedureEdition })}</p> : null}
          <ol className="mt-3 space-y-2">
            {(m.notices ?? []).map((n) => (
              <li key={n.publishedAt + n.kind} className="break-inside-avoid rounded-xl border-l-4 border-civic-700 bg-paper px-3 py-2">
                <p className="text-sm text-ink-muted">{t(`planning.notice.kind.${n.kind}`)} · {t('planning.notice.by', { time: when(n.publishedAt), by: n.by })}</p>
                <p className="mt-1 whitespace-pre-line text-base">{n.text}</p>
                {[...(n.attachments ?? []).map((f) => ['record.notice.attachment', f] as const), ...(n.withdrawnAttachments ?? []).map((f) => ['record.notice.withdrawn', f] as const)].map(([key, f]) => (
                  <p key={key + f.sha256 + f.name} className="mt-1 text-sm">
                    {t(key, { name: f.name, size: formatFileSize(f.size) })} <span className="break-all font-mono text-ink-muted">SHA-256 {f.sha256}</span>
                  </p>
                ))}
              </li>
            ))}
          </ol>
        </Section>
      ) : null}

      {/* A form that did not sit (a questionnaire, a written consultation, visits) has no hall, agenda or votes to show. */}
      {heldAsSitting(record) ? (
        <>
        <Attendance record={record} level={headingLevel} />

        <Section title={t('meeting.agenda')} level={headingLevel}>
          {record.agenda.length === 0 ? <p className="text-base text-ink-muted">{t('record.agenda.none')}</p> : (
            <ol className="space-y-4">
              {record.agenda.map((item, i) => (
                <li key={item.id} className="break-inside-avoid">
                  <SubHeading level={headingLevel}>
                    {t('record.agenda.itemTitle', { n: formatNumber(locale, i + 1), title: item.title })}
                    <span className="ml-2 text-sm font-normal text-ink-muted">{item.status === 'dropped' && item.closeReason ? t('meeting.agenda.droppedBecause', { reason: item.closeReason }) : t(`meeting.agenda.${item.status}`)}</span>
                  </SubHeading>
                  {item.notes ? <p className="whitespace-pre-line text-base text-ink-muted">{item.notes}</p> : null}
                  <Speakers speakers={item.speakers} />
                </li>
              ))}
            </ol>
          )}
          {record.otherSpeakers.length ? (
            <div className="mt-4">
              <SubHeading level={headingLevel}>{t('record.agenda.otherSpeakers')}</SubHeading>
              <Speakers speakers={record.otherSpeakers} />
            </div>
          ) : null}
        </Section>

        <Section title={t('record.polls.title')} level={headingLevel}>
          {record.polls.length === 0 ? <p className="text-base text-ink-muted">{t('record.polls.none')}</p> : (
            <div className="space-y-4">
              {record.polls.map((p) => <PollResult key={p.id} poll={p} itemTitle={itemTitle(p.itemId)} headingLevel={headingLevel === 1 ? 3 : 4} />)}
            </div>
          )}
        </Section>

        <Section title={t('record.decisions.title')} level={headingLevel}>
          {record.decisions.length === 0 ? <p className="text-base text-ink-muted">{t('record.decisions.none')}</p> : (
            <ol className="list-decimal space-y-1 pl-7 text-base">
              {record.decisions.map((d) => {
                const poll = record.polls.find((p) => p.id === d.pollId);
                return (
                  <li key={d.pollId}>
                    <span className="font-semibold">{d.decision ? t('meeting.poll.decision', { text: d.decision }) : d.question}</span>
                    {poll && poll.kind !== 'motion' && d.winners.length ? <span>{t('record.decisions.winners', { list: formatList(locale, d.winners) })}</span> : null}
                    <span className="text-ink-muted">{t('record.decisions.passed')}</span>
                  </li>
                );
              })}
            </ol>
          )}
        </Section>
        </>
      ) : null}

      {record.openSpace ? <OpenSpaceRecord os={record.openSpace} level={headingLevel} /> : null}
      {record.hearing ? <HearingRecord h={record.hearing} level={headingLevel} /> : null}
      {record.written ? <WrittenRecordSection w={record.written} headingLevel={headingLevel} /> : null}
      {record.visits ? <VisitsRecord v={record.visits} level={headingLevel} /> : null}
      {record.evaluation ? <EvaluationRecordSection e={record.evaluation} headingLevel={headingLevel} /> : null}
      {record.expert ? <ExpertRecordSection x={record.expert} headingLevel={headingLevel} /> : null}
      {record.questions.length ? (
        <Section title={t('record.questions.title')} level={headingLevel}>
          <ol className="list-decimal space-y-1 pl-7 text-base">
            {record.questions.map((q) => (
              <li key={q.id}>
                <span className="font-semibold">{q.text}</span>
                <span className="ml-2 text-ink-muted">
                  {q.asker ?? t('meeting.qa.anonymous')} · {t('meeting.qa.votes', { count: q.votes })}
                  {itemTitle(q.itemId) ? ` · ${itemTitle(q.itemId)}` : ''}
                  {q.movedTo ? ` · ${t(`meeting.qa.movedTo.${q.movedTo}`)}` : ''}
                </span>
              </li>
            ))}
          </ol>
        </Section>
      ) : null}

      <Section title={t('record.minutes.title')} level={headingLevel}>
        {record.minutes.html === null ? <p className="text-base text-ink-muted">{t('record.minutes.withheld')}</p> : (
          // Server-rendered from the minutes' schema (sanitised by construction), frozen into the signed
          // record — in format 2 only once its disclosure matched the commitment in the signed record.
          <div className={`${minutesProse} rounded-xl border border-ink/20 px-3 py-2 text-base sm:px-5 sm:py-3 leading-relaxed`} dangerouslySetInnerHTML={{ __html: record.minutes.html }} />
        )}
      </Section>
    </div>
  );
}

function Attendance({ record, level }: { record: ReadableRecord; level: Level }) {
  const t = useT();
  const locale = useLocale();
  const present = new Set(record.attendance.map((a) => a.seatId));
  const kindOf = new Map(record.roster.map((r) => [r.seatId, r.kind]));
  const hall = record.attendance.filter((a) => a.mode === 'hall').length;
  const absent = record.roster.filter((r) => !present.has(r.seatId));
  const num = (n: number) => formatNumber(locale, n);
  const proxyNote = proxyCheckInNote(t, record);
  const undone = undoneCheckInLines(t, (iso) => formatDateTime(locale, iso, { timeStyle: 'short' }), record);
  return (
    <Section title={t('record.attendance.title')} level={level}>
      <p className="text-lg font-semibold tabular-nums">
        {t('record.attendance.counts', { members: num(record.roster.length), present: num(record.attendance.length), hall: num(hall), remote: num(record.attendance.length - hall) })}
        {proxyNote ? <span className="ml-2 text-base font-normal">{proxyNote}</span> : null}
      </p>
      {record.attendance.length ? (
        <ul aria-label={t('record.attendance.list')} className="mt-2 grid grid-cols-2 gap-x-4 gap-y-0.5 text-base sm:grid-cols-3 lg:grid-cols-4">
          {record.attendance.map((a) => (
            <li key={a.seatId}>
              {a.name}
              {kindOf.get(a.seatId) === WALK_IN_KIND ? <span className="ml-1 text-sm text-ink-muted">（{t('meeting.walkIns.badge')}）</span>
                : kindOf.get(a.seatId) === 'expert' ? <span className="ml-1 text-sm text-ink-muted">（{t('planning.category.expert')}）</span> : null}
              <span className="ml-1 whitespace-nowrap text-sm text-ink-muted">
                {t(a.mode === 'hall' ? 'meeting.attendance.hall' : 'meeting.attendance.remote')} {formatDateTime(locale, a.checkedInAt, { timeStyle: 'short' })}
                {a.checkedInBy ? ` ${t('record.attendance.proxyBy', { by: a.checkedInBy })}` : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {absent.length ? <p className="mt-2 text-base text-ink-muted">{t('record.attendance.absent', { names: formatList(locale, absent.map((r) => r.name)) })}</p> : null}
      {undone.map((line) => <p key={line} className="mt-1 text-sm text-ink-muted">{line}</p>)}
    </Section>
  );
}

/** The hearing: who took part for which side, the transcript's turns with confirmations and corrections, the result. */
function HearingRecord({ h, level }: { h: NonNullable<ReadableRecord['hearing']>; level: Level }) {
  const t = useT();
  const known = <K extends string>(prefix: string, key: K) => t(`${prefix}.${key}` as Parameters<typeof t>[0]);
  return (
    <Section title={t('meeting.hearing.title')} level={level}>
      <ul className="space-y-1 text-base">
        {h.participants.map((p) => (
          <li key={p.id}>
            <span className="font-semibold">{p.name ?? t('record.openSpace.hostWithheld')}</span>
            <span className="ml-2 text-ink-muted">{known('meeting.hearing.role', p.role)} · {known('meeting.hearing.stake', p.stake)}</span>
            {p.summary ? <span className="ml-2">{p.summary}</span> : null}
          </li>
        ))}
      </ul>
      <SubHeading level={level}>{t('meeting.hearing.transcript')}</SubHeading>
      <ol className="list-decimal space-y-1 pl-7 text-base">
        {h.turns.map((x) => (
          <li key={x.id}>
            <span className="font-semibold">{known('meeting.hearing.stage', x.stage)} · {x.speaker ?? t('record.openSpace.hostWithheld')}</span>
            <span className="ml-2 text-ink-muted">{known('meeting.hearing.role', x.role)}{x.stake ? ` · ${known('meeting.hearing.stake', x.stake)}` : ''}</span>
            {x.durationSec !== null ? <span className="ml-2 tabular-nums">{t('meeting.hearing.duration', { duration: formatDuration(x.durationSec) })}</span> : null}
            {x.confirmed ? <span className="ml-2 font-semibold text-green-800">{t('meeting.hearing.confirmed')}</span> : null}
            {x.corrections.map((c) => <p key={c} className="break-words text-accent-800">{t('meeting.hearing.correction', { text: c })}</p>)}
          </li>
        ))}
      </ol>
      {h.result ? (
        <>
          <SubHeading level={level}>{t('meeting.hearing.result')}</SubHeading>
          <p className="text-base font-semibold">{h.result.decision}</p>
          <p className="text-base">{t('meeting.hearing.reasons', { text: h.result.reasons })}</p>
        </>
      ) : null}
    </Section>
  );
}

/** The open space: its proposals where and when, with hosts, how many took part and their dots; what was agreed. */
function OpenSpaceRecord({ os, level }: { os: NonNullable<ReadableRecord['openSpace']>; level: Level }) {
  const t = useT();
  const standing = os.sessions.filter((x) => x.mergedInto === null).sort((a, b) => b.dots - a.dots);
  return (
    <Section title={t('record.openSpace.title', { theme: os.theme })} level={level}>
      <table className="w-full text-left text-base">
        <caption className="sr-only">{t('record.openSpace.sessions')}</caption>
        <thead className="text-sm text-ink-muted">
          <tr>
            <th scope="col" className="py-1 pr-3">{t('console.os.proposalTitle')}</th>
            <th scope="col" className="py-1 pr-3">{t('record.openSpace.where')}</th>
            <th scope="col" className="py-1 pr-3">{t('record.openSpace.host')}</th>
            <th scope="col" className="py-1 pr-3 text-right">{t('record.openSpace.participants')}</th>
            <th scope="col" className="py-1 text-right">{t('record.openSpace.dots')}</th>
          </tr>
        </thead>
        <tbody>
          {standing.map((x) => (
            <tr key={x.id} className="border-t border-ink/10 align-top">
              <td className="py-1 pr-3 font-semibold">{x.title}</td>
              <td className="py-1 pr-3">{x.slot && x.room ? `${x.slot} · ${x.room}` : '—'}</td>
              <td className="py-1 pr-3">{x.host ?? t('record.openSpace.hostWithheld')}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{x.participants}</td>
              <td className="py-1 text-right tabular-nums">{x.dots}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {/* The harvests: free text residents wrote, shown only where their disclosure matched. */}
      {standing.filter((x) => x.notes).map((x) => (
        <details key={x.id} className="mt-2">
          <summary className="cursor-pointer text-base font-semibold">{t('meeting.os.notesOf', { title: x.title })}</summary>
          <p className="mt-1 whitespace-pre-wrap break-words rounded-lg bg-civic-50 p-2 text-base">{x.notes}</p>
        </details>
      ))}
      <SubHeading level={level}>{t('meeting.os.consensus', { count: os.consensus.length })}</SubHeading>
      {os.consensus.length ? (
        <ol className="list-decimal space-y-1 pl-7 text-base">{os.consensus.map((c, i) => <li key={i}>{c}</li>)}</ol>
      ) : <p className="text-base text-ink-muted">{t('meeting.os.consensusNone')}</p>}
    </Section>
  );
}

function Speakers({ speakers }: { speakers: ReadableSpeaker[] }) {
  const t = useT();
  if (!speakers.length) return <p className="text-sm text-ink-muted">{t('record.agenda.noSpeakers')}</p>;
  return (
    <ul aria-label={t('record.agenda.speakers')} className="mt-1 space-y-0.5 text-base">
      {speakers.map((s) => (
        <li key={`${s.name}-${s.startedAt}`} className="flex flex-wrap gap-x-3">
          <span className="font-semibold">{s.name}</span>
          <span className="text-ink-muted">{t(`meeting.stance.${s.stance}`)}</span>
          <span className="tabular-nums text-ink-muted">{t('record.agenda.duration', { duration: formatDuration(s.durationSec) })}</span>
        </li>
      ))}
    </ul>
  );
}

function Section({ title, level, children }: { title: string; level: Level; children: ReactNode }) {
  const H = `h${level + 1}` as 'h2' | 'h3';
  return (
    <section>
      <H className="mb-2 border-b border-ink/15 pb-1 text-2xl font-bold text-ink">{title}</H>
      {children}
    </section>
  );
}

function SubHeading({ level, children }: { level: Level; children: ReactNode }) {
  const H = `h${level + 2}` as 'h3' | 'h4';
  return <H className="text-lg font-semibold text-ink">{children}</H>;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-semibold text-ink-muted">{label}</dt>
      <dd className="text-ink">{children}</dd>
    </>
  );
}
