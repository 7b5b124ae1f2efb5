'use client';

import { useEffect, useState } from 'react';
import { ConnectionBadge } from '@/components/ui/ConnectionBadge';
import { Button } from '@/components/ui/Button';
import { Countdown } from '@/components/ui/Countdown';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { QrCodeClient } from '@/components/ui/QrCodeClient';
import { useMeeting } from '@/components/meeting/useMeeting';
import { useHallVoice } from '@/components/meeting/voice/HallVoice';
import { HallBroadcastBadge, useHallBroadcast } from '@/components/meeting/voice/HallBroadcast';
import { LevelMeter } from '@/components/meeting/voice/rtc';
import { ProjectorMinutes } from '@/components/minutes/ProjectorMinutes';
import { StanceBadge, speakerEndsAt } from '@/components/meeting/console/SpeakersPanel';
import { OutcomeLine, TallyBars } from '@/components/meeting/console/TallyBars';
import { formatDateTime } from '@/lib/i18n/format';
import { rankQuestions } from '@/lib/meeting/procedure/qa/model';
import { quorumStatus } from '@/lib/meeting/quorum';
import { HearingBoard } from './Hearing';
import { OpenSpaceBoard } from './OpenSpace';
import { PinnedQuestion, TopQuestions } from './Questions';
import { queueOrder } from '@/lib/meeting/speaking-queue';
import { presentVoters, votingMembers, type MeetingState, type Poll } from '@/lib/meeting/state';

/**
 * The hall projector (1920×1080), read from the back row: huge type, high contrast, no controls.
 * It holds the `projector` role, so hidden tallies stay hidden here until the facilitator reveals them.
 */
export function ProjectorView({ meetingId, boardPath }: { meetingId: string; boardPath?: string }) {
  const t = useT();
  const meeting = useMeeting({ meetingId, view: 'projector' });
  const { state, connection, fatal, clockOffset } = meeting;
  // Before any early return (a hook): the remote floor holder's voice plays whatever the screen shows.
  const voice = useHallVoice(state, meeting);
  const hallSound = useHallBroadcast(state, meeting);
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.origin), []);

  if (fatal) {
    return <main className="grid min-h-dvh place-items-center p-12"><p role="alert" className="text-5xl font-bold text-accent-700">{t(`meeting.error.${fatal.code}`)}</p></main>;
  }
  if (!state) {
    return <main className="grid min-h-dvh place-items-center"><p role="status" className="text-5xl text-ink-muted">{t('common.loading')}</p></main>;
  }

  const q = quorumStatus(state.quorumRule, presentVoters(state), votingMembers(state));
  // 代签到 shown as such in the hall: how many of those present staff checked in on their behalf.
  const proxyCount = state.seats.filter((s) => s.canVote && state.attendance[s.id]?.by).length;
  const item = state.agenda.find((a) => a.id === state.currentItemId) ?? null;
  const speaker = state.speakers.find((r) => r.status === 'speaking') ?? null;
  const nextUp = state.status === 'live' ? queueOrder(state.speakers, state.currentItemId)[0] ?? null : null;
  const openPoll = state.polls.find((p) => p.status === 'open') ?? null;
  const lastClosed = [...state.polls].reverse().find((p) => p.status === 'closed') ?? null;
  // A result stays up until someone starts speaking after it, another poll opens or the next item starts.
  const recentResult = lastClosed && lastClosed.itemId === state.currentItemId && (!speaker || Date.parse(lastClosed.closedAt ?? '') > Date.parse(speaker.startedAt ?? '')) ? lastClosed : null;
  const joinUrl = origin ? `${origin}/j/${state.joinCode}` : '';
  // Questions on screen: a pinned one takes the stage between speakers and votes; the top few wait below.
  const questions = rankQuestions(state.questions);
  const pinned = questions.find((x) => x.pinned) ?? null;
  const waiting = questions.filter((x) => !x.pinned).slice(0, pinned ? 2 : 3);
  // An open space shows its own board in place of the agenda item (a vote or a pinned question still takes the stage).
  const openSpace = state.status === 'live' ? state.openSpace : null;
  // A hearing under way shows its proceedings under the matter heard (a vote still takes the stage).
  const hearing = state.status === 'live' && state.hearing?.stage ? state.hearing : null;

  return (
    <div className="flex h-dvh flex-col overflow-hidden bg-white text-ink">
      {state.message ? (
        <div role="status" aria-live="polite" className="bg-civic-900 px-12 py-5 text-center text-5xl font-bold leading-tight text-white">
          {state.message.text}
        </div>
      ) : null}
      <header className="flex items-center gap-8 border-b-4 border-civic-800 px-12 py-5">
        <span aria-hidden="true" className="grid size-16 shrink-0 place-items-center rounded-xl bg-accent-700 text-4xl leading-none text-white">议</span>
        <h1 className="min-w-0 flex-1 text-4xl font-bold leading-tight">{state.title}</h1>
        <div className="text-right">
          <p className="text-3xl font-semibold tabular-nums">{t('meeting.attendance.present', { present: q.present, members: q.members })}</p>
          {proxyCount ? <p className="text-xl tabular-nums text-ink-muted">{t('meeting.attendance.proxyCount', { count: proxyCount })}</p> : null}
          {/* An open space is open to all who come: a quorum matters only while it holds a formal vote. */}
          {state.form !== 'open_space' || openPoll ? (
            <p className={`text-2xl font-semibold ${q.met ? 'text-ok-600' : 'text-accent-700'}`}>
              {q.met ? t('meeting.quorum.met') : t('meeting.quorum.notMet', { required: q.required })}
            </p>
          ) : null}
        </div>
      </header>

      <main className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_auto] gap-12 px-12 py-6">
        <div className="flex min-h-0 flex-col gap-6">
          {state.status === 'live' && !openSpace ? (
            <section aria-labelledby="proj-item">
              <h2 id="proj-item" className="text-2xl font-semibold text-ink-muted">{t('meeting.agenda.current')}</h2>
              <p className={`mt-1 font-bold leading-tight ${openPoll || recentResult || hearing ? 'text-4xl' : 'text-6xl'}`}>{item ? item.title : t('meeting.agenda.none')}</p>
            </section>
          ) : null}

          {state.status === 'closed' ? (
            <Closed state={state} />
          ) : state.status !== 'live' ? (
            <NotStarted state={state} />
          ) : openPoll ? (
            <OpenPoll poll={openPoll} present={q.present} />
          ) : openSpace && !pinned ? (
            <OpenSpaceBoard os={openSpace} />
          ) : hearing ? (
            <HearingBoard h={hearing} clockOffset={clockOffset} />
          ) : speaker ? (
            <section aria-labelledby="proj-speaker" className="flex flex-1 items-center gap-16">
              <div className="min-w-0">
                <h2 id="proj-speaker" className="text-4xl font-semibold text-ink-muted">{t('meeting.speakers.current')}</h2>
                <p className="mt-2 text-[7rem] font-bold leading-none">{speaker.name}</p>
                <div className="mt-6 text-3xl [&>span]:border-4 [&>span]:px-6 [&>span]:py-1 [&>span]:text-4xl"><StanceBadge stance={speaker.stance} /></div>
                {voice.floor?.id === speaker.id ? (
                  <div className="mt-8 w-[44rem]">
                    <p className="text-3xl font-semibold text-civic-800">{speaker.voice?.statement ? t('projector.voice.statement') : t('projector.voice.remote')}</p>
                    {speaker.voice?.statement ? (
                      <p className="mt-3 whitespace-pre-wrap break-words text-4xl leading-snug">{speaker.voice.statement}</p>
                    ) : <LevelMeter level={voice.level} label={t('projector.voice.level')} className="mt-3 !h-8" />}
                  </div>
                ) : null}
              </div>
              <Countdown endsAt={speakerEndsAt(speaker)} clockOffsetMs={clockOffset}
                className="ml-auto [&>span:first-child]:text-[13rem] [&>span:nth-child(2)]:text-5xl" />
            </section>
          ) : pinned ? (
            <>
              <PinnedQuestion question={pinned} />
              <TopQuestions questions={waiting} title={t('projector.qa.more')} />
            </>
          ) : recentResult ? (
            <ClosedPoll poll={recentResult} />
          ) : state.minutesPublic ? (
            // Between speakers and votes the hall can follow the minutes, when the facilitator allows it.
            <ProjectorMinutes meetingId={state.meetingId} currentItemId={state.currentItemId} />
          ) : (
            <>
              <AgendaOverview state={state} />
              {/* 专家咨询: the titles of the experts' written opinions, signed, as the sitting reads them */}
              {state.expert?.opinions.length ? (
                <section aria-labelledby="proj-expert" className="mt-6">
                  <h2 id="proj-expert" className="text-4xl font-semibold text-ink-muted">{t('projector.expert.opinions')}</h2>
                  <ul className="mt-3 space-y-2 text-4xl">
                    {state.expert.opinions.map((o) => <li key={o.seatId}><span className="font-semibold">{o.expertName}</span>：{o.title}</li>)}
                  </ul>
                </section>
              ) : null}
              <TopQuestions questions={waiting} title={t('projector.qa.title')} />
            </>
          )}

          {(openPoll && speaker) || nextUp ? (
            <div className="mt-auto flex flex-wrap gap-x-12 gap-y-2 text-3xl text-ink-muted">
              {openPoll && speaker ? <p>{t('meeting.speakers.current')}：<span className="font-semibold text-ink">{speaker.name}</span></p> : null}
              {nextUp ? <p>{t('projector.speakers.next')}：<span className="font-semibold text-ink">{nextUp.name}</span></p> : null}
            </div>
          ) : null}
        </div>

        {/* After closing nobody can join: the hall is not invited to scan a code that would be refused. */}
        {state.status === 'closed' && boardPath && origin ? (
          <aside aria-labelledby="proj-board" className="flex w-[24rem] flex-col items-center justify-center gap-3 self-start rounded-3xl border-4 border-civic-800 p-6">
            <h2 id="proj-board" className="text-center text-4xl font-bold">{t('projector.board.title')}</h2>
            <QrCodeClient value={`${origin}${boardPath}`} size={360} label={t('projector.board.title')} />
            <p className="text-center text-2xl text-ink-muted">{t('projector.board.hint')}</p>
          </aside>
        ) : null}
        {state.status === 'closed' ? null : <aside aria-labelledby="proj-join" className="flex w-[24rem] flex-col items-center justify-center gap-3 self-start rounded-3xl border-4 border-civic-800 p-6">
          <h2 id="proj-join" className="text-4xl font-bold">{t('projector.join.title')}</h2>
          <div className="size-[360px]">
            {joinUrl ? <QrCodeClient value={joinUrl} size={360} label={t('projector.join.qrLabel', { code: state.joinCode })} /> : null}
          </div>
          <p className="text-2xl text-ink-muted">{t('projector.join.code')}</p>
          <p className="font-mono text-6xl font-bold tracking-[0.15em]">{state.joinCode}</p>
          <p className="break-all text-center text-xl text-ink-muted">{joinUrl.replace(/^https?:\/\//, '')}</p>
        </aside>}
      </main>
      {/* The hall's speakers are wired to this page's audio output. */}
      <audio ref={voice.audioRef} autoPlay className="hidden" />
      {voice.blocked ? (
        <div role="alert" className="absolute bottom-12 left-1/2 flex -translate-x-1/2 items-center gap-6 rounded-2xl border-4 border-accent-700 bg-white px-8 py-4 text-2xl">
          <span>{t('projector.voice.enableHint')}</span>
          <Button size="large" onClick={voice.enable}>{t('projector.voice.enable')}</Button>
        </div>
      ) : null}
      <div className="absolute bottom-3 left-4"><HallBroadcastBadge {...hallSound} /></div>
      <div className="absolute bottom-3 right-4 opacity-80"><ConnectionBadge state={connection} className="text-sm" /></div>
    </div>
  );
}

function NotStarted({ state }: { state: MeetingState }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="proj-wait" className="flex flex-1 flex-col justify-center gap-6">
      <h2 id="proj-wait" className="text-7xl font-bold">{t('projector.notStarted')}</h2>
      {state.scheduledAt ? <p className="text-5xl">{formatDateTime(locale, state.scheduledAt, { dateStyle: 'long', timeStyle: 'short' })}</p> : null}
      {state.venue ? <p className="text-4xl text-ink-muted">{state.venue}</p> : null}
      <p className="mt-6 text-4xl font-semibold text-civic-800">{t('projector.checkInHint')}</p>
    </section>
  );
}

function OpenPoll({ poll, present }: { poll: Poll; present: number }) {
  const t = useT();
  const progress = t('projector.poll.progress', { voted: poll.voted, members: present });
  // A poll whose results are hidden (or secret: no running tally exists) shows no bars at all, not even
  // empty ones: only how many have voted, and when the result comes.
  if (poll.secret || poll.resultsVisibility === 'hidden' || !poll.tally) {
    return (
      <section aria-labelledby="proj-poll" className="flex flex-col gap-5">
        <h2 id="proj-poll" className="text-5xl font-bold leading-tight">{poll.question}</h2>
        <p className="text-6xl font-bold text-civic-800 tabular-nums">{t('projector.poll.votedCount', { count: poll.voted })}</p>
        <p className="mt-4 text-6xl font-bold text-ink-muted">{t('meeting.poll.hiddenTally')}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="proj-poll" className="flex flex-col gap-5">
      <h2 id="proj-poll" className="text-5xl font-bold leading-tight">{poll.question}</h2>
      <p className="text-5xl font-bold text-civic-800 tabular-nums" aria-hidden="true">{progress}</p>
      <ProgressBar value={poll.voted} max={present} label={progress}
        className="[&>div:first-child]:sr-only [&_[role=progressbar]]:h-10 [&_[role=progressbar]]:border-2" />
      <TallyBars poll={poll} size="huge" />
    </section>
  );
}

function ClosedPoll({ poll }: { poll: Poll }) {
  const t = useT();
  return (
    <section aria-labelledby="proj-result" className="flex flex-col gap-5">
      <h2 id="proj-result" className="text-5xl font-bold leading-tight">{poll.question}</h2>
      <p className="text-3xl text-ink-muted">{t('meeting.poll.closed')} · {t('console.poll.ballots', { count: poll.voted })}</p>
      {poll.outcome ? (
        <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] items-start gap-12">
          <OutcomeLine poll={poll} size="huge" />
          {poll.tally ? <TallyBars poll={poll} size="huge" /> : null}
        </div>
      ) : (
        <p className="text-6xl font-bold text-ink-muted">{t('projector.poll.awaitingReveal')}</p>
      )}
    </section>
  );
}

/** The meeting is over: what became of each item, and nothing that invites anyone to join. */
function Closed({ state }: { state: MeetingState }) {
  const t = useT();
  return (
    <section aria-labelledby="proj-closed" className="flex flex-col gap-6">
      <h2 id="proj-closed" className="text-8xl font-bold">{t('projector.closed')}</h2>
      <p className="text-4xl text-ink-muted">{t('projector.closedThanks')}</p>
      {state.agenda.length ? (
        <ol className="mt-4 space-y-3">
          {state.agenda.map((a, i) => (
            <li key={a.id} className="text-4xl">
              {i + 1}. {a.title}
              <span className="ml-4 text-3xl text-ink-muted">
                {a.status === 'dropped' && a.closeReason ? t('meeting.agenda.droppedBecause', { reason: a.closeReason }) : t(`meeting.agenda.${a.status}`)}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function AgendaOverview({ state }: { state: MeetingState }) {
  const t = useT();
  return (
    <section aria-labelledby="proj-agenda">
      <h2 id="proj-agenda" className="text-3xl font-semibold text-ink-muted">{t('meeting.agenda')}</h2>
      <ol className="mt-3 space-y-3">
        {state.agenda.map((a, i) => (
          <li key={a.id} className={`text-4xl ${a.status === 'active' ? 'font-bold text-civic-800' : a.status === 'done' ? 'text-ink-muted line-through' : ''}`}>
            {i + 1}. {a.title}
          </li>
        ))}
      </ol>
    </section>
  );
}
