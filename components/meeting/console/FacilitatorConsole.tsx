'use client';

import { useT } from '@/components/ui/I18nProvider';
import { useMeeting } from '@/components/meeting/useMeeting';
import { RecordLinkCard } from '@/components/record/RecordLinkCard';
import { AgendaPanel } from './AgendaPanel';
import { AttendancePanel } from './AttendancePanel';
import { PlanningPanel } from '@/components/planning/PlanningPanel';
import type { MeetingProcedure } from '@/lib/meeting/state';
import { MeetingBar } from './MeetingBar';
import { MinutesPanel } from './MinutesPanel';
import { HearingPanel } from './HearingPanel';
import { OpenSpacePanel } from './OpenSpacePanel';
import { PollsPanel } from './PollsPanel';
import { ProjectorSafeProvider } from './projector-safe';
import { QuestionsPanel } from './QuestionsPanel';
import { LivestreamPanel, ProjectorMessagePanel } from './ProjectorMessagePanel';
import { SpeakersPanel } from './SpeakersPanel';
import { Toasts } from './Toasts';
import { useCommandRunner } from './useCommandRunner';

/**
 * The facilitator's live console (laptop, 1366×768 and up). Everything shown comes from the meeting
 * state the server sends; every change is a command whose refusal comes back as a toast.
 * A staff member who may only watch (recorder, assessor) gets the same screen with controls disabled.
 */
export function FacilitatorConsole({ meetingId, canManage, defaultProcedure = null }: { meetingId: string; canManage: boolean; defaultProcedure?: MeetingProcedure | null }) {
  const t = useT();
  const { state, connection, fatal, send, clockOffset } = useMeeting({ meetingId });
  const { run, toasts, dismiss } = useCommandRunner(send);

  if (fatal) {
    return <p role="alert" className="m-6 rounded-xl border-2 border-accent-700 bg-accent-50 p-4 text-lg text-accent-800">{t(`meeting.error.${fatal.code}`)}</p>;
  }
  if (!state) {
    return <p role="status" className="m-6 text-lg text-ink-muted">{t('common.loading')}</p>;
  }

  const pollOpen = state.polls.some((p) => p.status === 'open');

  return (
    <ProjectorSafeProvider>
      <MeetingBar state={state} connection={connection} run={run} />
      {!canManage ? <p className="border-b border-ink/15 bg-civic-50 px-4 py-2 text-base">{t('console.readOnly')}</p> : null}
      {/* A start before the notice lead time stays in sight, as it stays in the record. */}
      {state.statusReason && (state.status === 'live' || state.status === 'closed') ? (
        <p className="border-b border-warn-500 bg-white px-4 py-2 text-base">{t('planning.startedEarly', { reason: state.statusReason })}</p>
      ) : null}
      {state.status === 'closed' ? <RecordLinkCard meetingId={meetingId} /> : null}
      <fieldset disabled={!canManage || connection !== 'connected'} className="m-0 min-w-0 border-0 p-0">
        <legend className="sr-only">{t('console.controls')}</legend>
        <div className="grid gap-4 p-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)_minmax(0,0.9fr)]">
          <div className="space-y-4">
            {state.status !== 'live' && state.status !== 'closed' ? <PlanningPanel state={state} run={run} clockOffset={clockOffset} defaultProcedure={defaultProcedure} /> : null}
            <AgendaPanel state={state} run={run} />
            <ProjectorMessagePanel state={state} run={run} />
            <LivestreamPanel state={state} run={run} />
            <MinutesPanel state={state} run={run} />
          </div>
          {/* While a vote is open it is what the facilitator watches, so it moves above the speakers. */}
          <div className="flex flex-col gap-4">
            {state.form === 'open_space' ? <OpenSpacePanel state={state} run={run} /> : null}
            {state.form === 'hearing' ? <HearingPanel state={state} run={run} clockOffset={clockOffset} /> : null}
            <div className={pollOpen ? 'order-2' : 'order-1'}><SpeakersPanel state={state} run={run} clockOffset={clockOffset} /></div>
            <div className={pollOpen ? 'order-1' : 'order-2'}><PollsPanel state={state} run={run} /></div>
            <div className="order-3"><QuestionsPanel state={state} run={run} /></div>
          </div>
          <div className="space-y-4">
            <AttendancePanel state={state} run={run} />
          </div>
        </div>
      </fieldset>
      <Toasts toasts={toasts} dismiss={dismiss} />
    </ProjectorSafeProvider>
  );
}
