'use client';

import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, buttonClassName } from '@/components/ui/Button';
import { effectiveConnection, useNetworkOnline } from '@/components/ui/ConnectionBadge';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { MinutesDisclosure } from '@/components/minutes/MinutesDisclosure';
import { formatDateTime, type MessageKey } from '@/lib/i18n/format';
import type { MeetingState } from '@/lib/meeting/state';
import { useMeeting, type Me } from '../useMeeting';
import { errorMessageKey } from './error-message';
import { Frame, HelpLine, MeetingHeader, WaitingStatus } from './MeetingFrame';
import { forgetParticipantToken, takeCheckInOnArrival } from './participant-session';
import { ClosedPoll, OpenPoll } from './PollPanel';
import { EMPTY_HEARING } from '@/lib/meeting/procedure/hearing/reduce';
import { isWalkIn, mayVoteIn, presentPollVoters } from '@/lib/meeting/walk-ins';
import { CurrentSpeaker, SpeakPanel } from './SpeakPanel';

// The whole agenda, the speakers list and the stream are for remote participants and observers (the
// wide layout): a resident's phone in the hall never loads them. React's own lazy (this view is drawn
// only in the browser) rather than next/dynamic, whose loader would add ~3 KB to every phone.
const AgendaList = lazy(() => import('./RemotePanels').then((m) => ({ default: m.AgendaList })));
const SpeakersList = lazy(() => import('./RemotePanels').then((m) => ({ default: m.SpeakersList })));
// The voice (WebRTC, WebAudio) is for remote members only; hall phones never load it.
const RemoteVoice = lazy(() => import('../voice/RemoteVoice').then((m) => ({ default: m.RemoteVoice })));
const MicTest = lazy(() => import('../voice/RemoteVoice').then((m) => ({ default: m.MicTest })));
const HallListen = lazy(() => import('../voice/HallSound').then((m) => ({ default: m.HallListen })));
const Livestream = lazy(() => import('./RemotePanels').then((m) => ({ default: m.Livestream })));
// Questions are a part of their own: their chunk loads after the meeting is drawn.
const QuestionsPanel = lazy(() => import('./QuestionsPanel'));
// So is the open space, which only its own meetings load.
const OpenSpacePanel = lazy(() => import('./OpenSpacePanel'));
const HearingPanel = lazy(() => import('./HearingPanel'));

function Section({ title, id, children, className = '', tone = 'plain' }: { title: string; id: string; children: ReactNode; className?: string; tone?: 'plain' | 'strong' }) {
  return (
    <section
      aria-labelledby={id}
      className={`rounded-2xl border bg-white p-5 shadow-sm ${tone === 'strong' ? 'border-2 border-civic-800' : 'border-ink/15'} ${className}`}
    >
      <h2 id={id} className="mb-3 text-xl font-bold text-civic-800">
        {title}
      </h2>
      {children}
    </section>
  );
}

const isMember = (me: Me) => me.role === 'member' || me.role === 'remote_member';

export type LiveMeetingProps = { joinCode: string; token: string; title?: string; remoteHint: boolean; boardPath?: string };

/**
 * The live meeting on the resident's phone (and the remote participant's browser), for the device whose
 * participant token the page's shell (PhoneMeeting) has read. Loaded by the shell after its first paint:
 * this module brings the socket, the reducer and the panels.
 */
export function LiveMeeting({ joinCode, token, title, remoteHint, boardPath }: LiveMeetingProps) {
  const t = useT();
  const locale = useLocale();
  const meeting = useMeeting({ participantToken: token });
  const { state, me, fatal, pending, send, vote, clockOffset } = meeting;
  // The badge and the ballot's retry button follow the browser's network as well as the socket.
  const connection = effectiveConnection(meeting.connection, useNetworkOnline());
  const [checkInBusy, setCheckInBusy] = useState(false);
  const [checkInError, setCheckInError] = useState<MessageKey | null>(null);
  const checkInFlight = useRef(false);

  async function checkIn() {
    if (checkInFlight.current) return;
    checkInFlight.current = true;
    setCheckInBusy(true);
    setCheckInError(null);
    const r = await send('attendance.checkInSelf', {});
    if (!r.ok) setCheckInError(errorMessageKey(r.error));
    checkInFlight.current = false;
    setCheckInBusy(false);
  }

  useEffect(() => {
    // A token the server no longer knows is useless on this device; the next visit asks to join again.
    if (fatal?.code === 'UNAUTHENTICATED') forgetParticipantToken(joinCode);
  }, [fatal, joinCode]);

  // Arriving from a member card: check in without a tap, once connected and known as the member.
  const arrivalChecked = useRef(false);
  useEffect(() => {
    if (arrivalChecked.current || connection !== 'connected' || !state || !me?.seatId || me.mode !== 'hall') return;
    arrivalChecked.current = true;
    const wanted = takeCheckInOnArrival(joinCode);
    if (!wanted || state.status === 'closed' || state.attendance[me.seatId]) return;
    void checkIn();
  }); // eslint-disable-line react-hooks/exhaustive-deps

  const remote = me ? me.mode === 'remote' || (remoteHint && me.mode !== 'hall') : remoteHint;
  const observer = me ? !isMember(me) : false;
  // Remote participants and observers follow from elsewhere: they get the whole agenda, the speakers list and the stream.
  const wide = remote || (me !== null && me.role === 'observer');

  const header = <MeetingHeader title={state?.title || title || t('app.name')} connection={connection} pending={pending.length} />;

  if (fatal) {
    return (
      <Frame header={header}>
        <div role="alert" className="space-y-4 rounded-2xl border-2 border-accent-700 bg-accent-50 p-5">
          <p className="text-2xl font-bold text-accent-900">{t('phone.fatal.title')}</p>
          <p className="text-xl text-ink">{fatal.code === 'UNAUTHENTICATED' ? t('phone.fatal.body') : t(errorMessageKey(fatal))}</p>
        </div>
        {/* A plain link: the join page loads afresh, and the live view carries no router link code (~3 KB). */}
        <a href={`/j/${encodeURIComponent(joinCode)}`} className={buttonClassName({ size: 'large', className: 'mt-6 w-full' })}>
          {t('phone.rejoin')}
        </a>
      </Frame>
    );
  }

  // The same children as the shell's WaitingView; the help line stays the same element when the meeting comes in.
  const helpLine = <HelpLine key="help" />;

  if (!state || !me) {
    return (
      <Frame header={header}>
        <div className="flex flex-col gap-4">
          <WaitingStatus key="status" status="phone.loading" />
          {helpLine}
        </div>
      </Frame>
    );
  }

  const seatId = me.seatId;
  const member = isMember(me) && seatId !== null;
  const mySeat = state.seats.find((s) => s.id === seatId) ?? null;
  // A walk-in speaks, and votes only in the non-binding polls their meeting's form opens to them.
  const walkIn = member && mySeat !== null && isWalkIn(mySeat);
  const attendance = seatId ? state.attendance[seatId] : undefined;
  const currentItem = state.agenda.find((a) => a.id === state.currentItemId) ?? null;
  const speaking = state.speakers.find((r) => r.status === 'speaking') ?? null;
  const openPoll = state.polls.find((p) => p.status === 'open') ?? null;
  const lastClosed = latestClosedPoll(state);

  const identity = (
    <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
      {me.seatId ? <p className="text-2xl font-bold text-ink">{t('phone.me', { name: me.name })}</p> : null}
      {observer ? (
        <p className="rounded-full bg-civic-100 px-3 py-0.5 text-lg font-semibold text-civic-900">
          {me.seatId ? t('phone.me.noVote') : t('phone.me.observer')}
        </p>
      ) : null}
      {walkIn ? <p className="basis-full rounded-xl bg-civic-50 p-3 text-lg text-ink">{t('meeting.walkIns.phoneNote')}</p> : null}
      {remote && member ? <p className="rounded-full bg-civic-100 px-3 py-0.5 text-lg font-semibold text-civic-900">{t('phone.me.remote')}</p> : null}
    </div>
  );

  const statusNote =
    state.status === 'live' ? null : (
      <p className="rounded-xl bg-civic-50 p-4 text-xl font-semibold text-ink">
        {t(state.status === 'closed' ? 'phone.status.closed' : 'phone.status.notStarted')}
        {/* After the meeting a resident is pointed to where its record and results are published. */}
        {state.status === 'closed' && boardPath ? (
          <a href={boardPath} className="mt-2 block text-lg font-semibold text-civic-800 underline">{t('phone.closed.board')}</a>
        ) : null}
      </p>
    );

  const checkInBlock =
    member && state.status !== 'closed' ? (
      attendance ? (
        <p className="flex min-h-14 items-center justify-center gap-2 rounded-xl border-2 border-ok-600 bg-green-50 text-2xl font-bold text-green-800">
          <span aria-hidden="true">✓</span>
          {t('phone.checkedInAt', { time: formatDateTime(locale, attendance.at, { timeStyle: 'short' }) })}
        </p>
      ) : (
        <div className="space-y-2">
          <p className="text-lg text-ink-muted">{t('phone.checkIn.hint')}</p>
          <Button size="large" className="min-h-18 w-full text-3xl" disabled={checkInBusy} aria-busy={checkInBusy} onClick={() => void checkIn()}>
            {checkInBusy ? t('phone.checkingIn') : t('phone.checkIn')}
          </Button>
          {checkInError ? (
            <p role="alert" className="text-lg font-semibold text-accent-700">
              {t(checkInError)}
            </p>
          ) : null}
        </div>
      )
    ) : null;

  const message = (
    <div aria-live="assertive" aria-atomic="true">
      {state.message ? (
        <div className="rounded-2xl border-2 border-accent-700 bg-accent-50 p-4">
          <p className="text-lg font-bold text-accent-900">
            {t('phone.message.title')}
          </p>
          <p className="mt-1 break-words text-2xl font-semibold text-ink">{state.message.text}</p>
        </div>
      ) : null}
    </div>
  );

  const currentBlock = (
    <Section title={t('phone.agenda.title')} id="ph-current">
      <p className="break-words text-2xl font-bold leading-snug text-ink">{currentItem ? currentItem.title : t('meeting.agenda.none')}</p>
      {currentItem?.notes ? <p className="mt-2 text-lg text-ink-muted">{currentItem.notes}</p> : null}
    </Section>
  );

  const speakerBlock = speaking ? (
    <Section title={t('phone.speaker.title')} id="ph-speaker">
      <CurrentSpeaker speaker={speaking} isMe={speaking.seatId === seatId} clockOffset={clockOffset} />
      {speaking.seatId === seatId && me.role === 'remote_member' ? (
        <div className="mt-4"><Suspense fallback={null}><RemoteVoice key={speaking.id} speaker={speaking} connection={meeting} /></Suspense></div>
      ) : speaking.voice?.statement ? (
        <p className="mt-4 whitespace-pre-wrap break-words rounded-xl bg-civic-50 p-3 text-xl text-ink">{speaking.voice.statement}</p>
      ) : null}
    </Section>
  ) : null;

  const pollBlock = openPoll ? (
    <Section title={t('phone.poll.title')} id="ph-poll" tone="strong">
      {openPoll.nonBinding ? <p className="mb-2 inline-block rounded-full bg-civic-100 px-3 py-0.5 text-lg font-semibold text-civic-900">{t('meeting.walkIns.nonBinding')}</p> : null}
      <OpenPoll
        key={openPoll.id}
        poll={openPoll}
        canVote={member && mySeat !== null && mayVoteIn(mySeat, openPoll, state.walkIns)}
        {...(walkIn ? { readOnlyNote: 'meeting.walkIns.bindingOnly' as const } : {})}
        checkedIn={Boolean(attendance)}
        receipt={me.receipts[openPoll.id]}
        staffEntered={me.staffEntered.includes(openPoll.id)}
        pending={pending.find((b) => b.pollId === openPoll.id)}
        connection={connection}
        vote={vote}
        members={presentPollVoters(state, openPoll)}
      />
    </Section>
  ) : lastClosed ? (
    <Section title={t('phone.poll.title')} id="ph-poll">
      <ClosedPoll poll={lastClosed} />
      {me.receipts[lastClosed.id] ? (
        <p className="mt-4 flex flex-wrap items-baseline gap-x-3 text-lg text-ink">
          <span>{t('phone.poll.receipt')}</span>
          <span className="font-mono text-xl font-bold tracking-widest">{me.receipts[lastClosed.id]}</span>
        </p>
      ) : null}
    </Section>
  ) : state.status === 'live' ? (
    <Section title={t('phone.poll.title')} id="ph-poll">
      <p className="text-xl text-ink-muted">{t('phone.poll.none')}</p>
    </Section>
  ) : null;

  // In a hearing the host gives the floor in the order of proceedings; a representative raises a hand there.
  const speakBlock =
    member && seatId && state.status !== 'closed' && state.form !== 'hearing' ? (
      <Section title={t('phone.speak.title')} id="ph-speak">
        <SpeakPanel state={state} seatId={seatId} checkedIn={Boolean(attendance)} send={send} />
      </Section>
    ) : null;

  const questionsBlock =
    member && seatId && (state.status === 'live' || state.questions.length > 0) ? (
      <Section title={t('meeting.qa.title')} id="ph-questions">
        <Suspense fallback={null}><QuestionsPanel state={state} own={me.questions} checkedIn={Boolean(attendance)} send={send} /></Suspense>
      </Section>
    ) : null;

  // An open space takes the place of the agenda item: its phase is what the hall is doing now.
  const openSpaceBlock = state.openSpace ? (
    <Section title={t('meeting.os.title')} id="ph-os" tone="strong">
      <Suspense fallback={null}>
        <OpenSpacePanel state={state} os={state.openSpace} seatId={member ? seatId : ''} own={me.openSpace} checkedIn={member && Boolean(attendance)} send={send} token={token} name={me.name} />
      </Suspense>
    </Section>
  ) : null;

  // A hearing: the application, the order of proceedings and one's own statements, under the matter heard.
  const hearingBlock = state.form === 'hearing' ? (
    <Section title={t('meeting.hearing.title')} id="ph-hearing" tone="strong">
      <Suspense fallback={null}>
        <HearingPanel state={state} h={state.hearing ?? EMPTY_HEARING} own={me.hearing} member={member} clockOffset={clockOffset} send={send} />
      </Suspense>
    </Section>
  ) : null;

  // Only while the facilitator allows it; the server enforces the same rule on the minutes connection.
  const minutesBlock = state.minutesPublic ? <MinutesDisclosure meetingId={state.meetingId} participantToken={token} /> : null;

  if (!wide) {
    return (
      <Frame header={header}>
        <div className="flex flex-col gap-4">
          {identity}
          {message}
          {statusNote}
          {checkInBlock}
          {openSpaceBlock ?? currentBlock}
          {hearingBlock}
          {speakerBlock}
          {pollBlock}
          {speakBlock}
          {questionsBlock}
          {minutesBlock}
          {helpLine}
        </div>
      </Frame>
    );
  }

  // Remote / observer: on a phone one column (stream first, then what needs the person's hand, then
  // the lists); from 1024px two columns, the stream and lists on the left, personal actions on the right.
  return (
    <Frame header={header} wide>
      <div className="flex flex-col gap-4 lg:grid lg:grid-cols-[3fr_2fr] lg:items-start lg:gap-6">
        <div className="contents lg:flex lg:flex-col lg:gap-4">
          <Section title={t('remote.live.title')} id="ph-live" className="order-3 lg:order-none">
            <Suspense fallback={null}><Livestream url={state.livestreamUrl} /></Suspense>
          </Section>
          <Section title={t('remote.agenda')} id="ph-agenda" className="order-8 lg:order-none">
            <Suspense fallback={null}><AgendaList state={state} /></Suspense>
          </Section>
          <Section title={t('remote.speakers')} id="ph-speakers" className="order-9 lg:order-none">
            <Suspense fallback={null}><SpeakersList state={state} mySeatId={seatId} /></Suspense>
          </Section>
        </div>
        <div className="contents lg:flex lg:flex-col lg:gap-4">
          <div className="order-1 lg:order-none">{identity}</div>
          <div className="order-2 empty:hidden lg:order-none">{message}</div>
          {statusNote ? <div className="order-2 lg:order-none">{statusNote}</div> : null}
          {checkInBlock ? <div className="order-2 lg:order-none">{checkInBlock}</div> : null}
          <div className="order-4 lg:order-none">{openSpaceBlock ?? currentBlock}</div>
          {hearingBlock ? <div className="order-4 lg:order-none">{hearingBlock}</div> : null}
          {speakerBlock ? <div className="order-5 lg:order-none">{speakerBlock}</div> : null}
          {pollBlock ? <div className="order-6 lg:order-none">{pollBlock}</div> : null}
          {speakBlock ? <div className="order-7 lg:order-none">{speakBlock}</div> : null}
          {questionsBlock ? <div className="order-7 lg:order-none">{questionsBlock}</div> : null}
          {member && me.role === 'remote_member' && state.hallAudio && state.status === 'live' && state.attendance[seatId ?? '']?.mode === 'remote' ? (
            <div className="order-3 lg:order-none">
              <Section title={t('phone.hallSound.title')} id="ph-hall"><Suspense fallback={null}><HallListen connection={meeting} livestreamUrl={state.livestreamUrl} /></Suspense></Section>
            </div>
          ) : null}
          {member && me.role === 'remote_member' && state.status !== 'closed' && speaking?.seatId !== seatId ? (
            <div className="order-7 lg:order-none">
              <Section title={t('phone.mic.title')} id="ph-mic"><Suspense fallback={null}><MicTest /></Suspense></Section>
            </div>
          ) : null}
          {minutesBlock ? <div className="order-10 lg:order-none">{minutesBlock}</div> : null}
        </div>
      </div>
    </Frame>
  );
}

function latestClosedPoll(state: MeetingState) {
  const closed = state.polls.filter((p) => p.status === 'closed');
  return closed.length ? closed.reduce((a, b) => ((a.closedAt ?? '') >= (b.closedAt ?? '') ? a : b)) : null;
}
