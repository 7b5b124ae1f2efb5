import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { CloseDecision, unfinishedWork } from '../../closing';
import { canMoveStatus } from '../../model';
import { QuorumRule } from '../../quorum';
import { decideSchedule, scheduleCommandSchemas, type ScheduleCommand } from '../../schedule';
import type { MeetingState, NewEvent } from '../../state';
import { command, findPoll, one, requireNotClosed, text, type CommandDef, type DecideContext, type Decision } from '../command';
import { pollClosed } from '../polls/commands';

/** A command of the meeting before it sits (lib/meeting/schedule.ts), decided on the server's clock. */
const scheduled = <C extends ScheduleCommand>(name: C) => command({
  schema: scheduleCommandSchemas[name],
  action: 'meeting.manage',
  decide: (s, i, _actor, ctx) => decideSchedule(s, name, i as never, ctx.now ?? new Date()),
}) as CommandDef<(typeof scheduleCommandSchemas)[C]>;

/**
 * Closing: every unfinished thing needs exactly one decision, or nothing happens — so the record never
 * shows an item of a closed meeting as still in progress. The decisions become ordinary events before
 * the status change.
 */
function closeMeeting(s: MeetingState, decisions: CloseDecision[], ctx: DecideContext): Decision {
  const open = unfinishedWork(s);
  const key = (d: { kind: string; id: string }) => `${d.kind}:${d.id}`;
  const byKey = new Map<string, CloseDecision>();
  for (const d of decisions) {
    if (byKey.has(key(d))) throw new AppError('BAD_REQUEST', 'Two decisions for one thing', { kind: d.kind, id: d.id });
    byKey.set(key(d), d);
  }
  const missing = open.filter((w) => !byKey.has(key(w))).map((w) => ({ kind: w.kind, id: w.id }));
  if (missing.length) throw new AppError('UNFINISHED_WORK', 'Decide what becomes of every unfinished item before closing', { missing });
  const stray = decisions.filter((d) => !open.some((w) => key(w) === key(d)));
  if (stray.length) throw new AppError('BAD_REQUEST', 'A decision refers to nothing unfinished', { kind: stray[0]!.kind, id: stray[0]!.id });

  const events: NewEvent[] = [];
  for (const w of open) {
    const d = byKey.get(key(w))!;
    if (!w.actions.includes(d.action)) throw new AppError('BAD_REQUEST', 'This cannot be done with it', { kind: d.kind, id: d.id, action: d.action });
    const reason = d.reason?.trim() ?? '';
    if (d.action === 'drop' && reason.length < 2) throw new AppError('BAD_REQUEST', 'Dropping needs a reason', { kind: d.kind, id: d.id });
    if (d.kind === 'item') {
      events.push(d.action === 'finish' ? { type: 'agenda.finished', data: { itemId: d.id } }
        : { type: 'agenda.closedOut', data: { itemId: d.id, outcome: d.action === 'defer' ? 'deferred' : 'dropped', reason: d.action === 'drop' ? reason : null } });
    } else if (d.kind === 'speaker') {
      events.push(d.action === 'finish' ? { type: 'speaker.ended', data: { id: d.id } }
        : { type: 'speaker.closedOut', data: { id: d.id, outcome: d.action === 'defer' ? 'deferred' : 'dropped', reason: d.action === 'drop' ? reason : null } });
    } else {
      const poll = findPoll(s, d.id);
      events.push(d.action === 'finish' ? pollClosed(s, poll, ctx) : { type: 'poll.dropped', data: { pollId: poll.id, reason } });
    }
  }
  // A hearing's turn still running ends with the meeting: its duration is what the transcript keeps.
  const turn = s.hearing?.turns.find((t) => t.id === s.hearing?.currentTurnId);
  if (turn) events.push({ type: 'hearing.turnEnded', data: { id: turn.id, durationSec: Math.max(0, Math.round(((ctx.now ?? new Date()).getTime() - Date.parse(turn.startedAt)) / 1000)) } });
  // The hall's sound to remote listeners stops with the meeting, in the log like its start.
  if (s.hallAudio) events.push({ type: 'speaker.hallAudioOff', data: {} });
  events.push({ type: 'meeting.statusChanged', data: { status: 'closed' } });
  return { events, effects: [{ kind: 'status', status: 'closed' }] };
}

/** The meeting as a whole: its notices and start gate, edits before it sits, settings, closing. */
export const meetingCommands = {
  // 公告, start gate, edits before the sitting: lib/meeting/schedule.ts
  'meeting.announce': scheduled('meeting.announce'),
  'meeting.start': scheduled('meeting.start'),
  'meeting.edit': scheduled('meeting.edit'),
  'meeting.reschedule': scheduled('meeting.reschedule'),
  'meeting.cancel': scheduled('meeting.cancel'),
  'agenda.edit': scheduled('agenda.edit'),
  'agenda.remove': scheduled('agenda.remove'),
  // Closing decides, for everything still unfinished, what becomes of it (see `unfinishedWork`).
  'meeting.close': command({
    schema: z.strictObject({ decisions: z.array(CloseDecision).max(500).default([]) }),
    action: 'meeting.manage',
    decide(s, i, _actor, ctx) {
      if (!canMoveStatus(s.status, 'closed')) throw new AppError('INVALID_STATE', 'Only a meeting in session can be closed', { status: s.status });
      // An opened questionnaire closes with its published result (questionnaire.publish), so its record has
      // one. (A questionnaire meeting held as a sitting, as before issue 14, starts and closes as any.)
      if (s.questionnaire) throw new AppError('INVALID_STATE', 'A questionnaire closes when its result is published', { reason: 'questionnaire' });
      // A sent written consultation closes with its conclusion (written.close).
      if (s.written) throw new AppError('INVALID_STATE', 'A written consultation closes with its conclusion', { reason: 'written' });
      // A started round of visits closes with its conclusion (visits.conclude), likewise.
      if (s.visits) throw new AppError('INVALID_STATE', 'A round of visits closes when its conclusion is recorded', { reason: 'visits' });
      // An opened 民主评议 closes when its result table is published (evaluation.publish).
      if (s.evaluation) throw new AppError('INVALID_STATE', 'An evaluation closes when its result is published', { reason: 'evaluation' });
      // An expert consultation's sitting closes once its conclusion went back to whoever asked (expert.feedback).
      if (s.expert && !s.expert.feedback) throw new AppError('INVALID_STATE', 'Feed the conclusion back before closing', { reason: 'expert_feedback' });
      // (Trusted callers such as the demo history pass {} without going through the schema's default.)
      return closeMeeting(s, (i as Partial<typeof i>).decisions ?? [], ctx);
    },
  }),
  'meeting.update': command({
    schema: z.strictObject({
      livestreamUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
      /** residents, remote participants and the projector may follow the minutes read-only */
      minutesPublic: z.boolean().optional(),
      quorumRule: QuorumRule.optional(),
    }).refine((i) => Object.values(i).some((v) => v !== undefined), 'Nothing to update'),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      return one({ type: 'meeting.updated', data: i });
    },
  }),
};

/** What the projector shows besides the meeting: a message from the facilitator. */
export const messageCommands = {
  'message.show': command({
    schema: z.strictObject({ text: text(280) }),
    action: 'meeting.manage',
    decide: (_s, i) => one({ type: 'message.shown', data: { text: i.text } }),
  }),
  'message.clear': command({
    schema: z.strictObject({}),
    action: 'meeting.manage',
    decide: () => one({ type: 'message.cleared', data: {} }),
  }),
};
