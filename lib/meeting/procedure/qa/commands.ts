import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { newId } from '../../../platform/tokens';
import type { MeetingState } from '../../state';
import { command, one, requireLive, requireNotClosed, text, type Actor } from '../command';
import { QA_LIMITS, type Question, type QuestionStatus } from './model';

function findQuestion(s: MeetingState, id: string, allowed: readonly QuestionStatus[]): Question {
  const q = s.questions.find((x) => x.id === id);
  if (!q) throw new AppError('NOT_FOUND', 'No such question', { id });
  if (!allowed.includes(q.status)) throw new AppError('INVALID_STATE', `The question is ${q.status}`, { id, status: q.status });
  return q;
}

/** The asking participant's seat: a member of this meeting who has checked in. */
function presentSeat(s: MeetingState, actor: Actor) {
  const seat = s.seats.find((x) => x.id === actor.seatId);
  if (!seat) throw new AppError('FORBIDDEN', 'Only participants may ask and upvote');
  if (!s.attendance[seat.id]) throw new AppError('INVALID_STATE', 'Check in before asking or upvoting');
  return seat;
}

const ById = z.strictObject({ id: z.string() });

/**
 * Audience questions for every form. Participants ask (optionally anonymous) and upvote approved
 * questions once each; the facilitator moderates: nothing a participant writes reaches the projector
 * or the other phones before it is approved.
 */
export const qaCommands = {
  'question.ask': command({
    schema: z.strictObject({ text: text(QA_LIMITS.textMax), anonymous: z.boolean().default(false) }),
    action: 'question.ask',
    decide(s, i, actor) {
      requireLive(s);
      const seat = presentSeat(s, actor);
      const mine = s.questions.filter((q) => q.seatId === seat.id);
      if (mine.filter((q) => q.status === 'pending').length >= QA_LIMITS.pendingPerSeat) {
        throw new AppError('RATE_LIMITED', 'Wait until your questions have been reviewed', { limit: QA_LIMITS.pendingPerSeat });
      }
      if (mine.length >= QA_LIMITS.perSeat) throw new AppError('RATE_LIMITED', 'You have asked the most questions one person may ask', { limit: QA_LIMITS.perSeat });
      const id = newId();
      return {
        ...one({ type: 'question.asked', data: { id, itemId: s.currentItemId, text: i.text, anonymous: i.anonymous, seatId: seat.id, name: i.anonymous ? null : seat.name } }),
        // The asker's phone learns its question's id from the acknowledgement, which only it receives.
        id,
      };
    },
  }),
  'question.upvote': command({
    schema: ById,
    action: 'question.ask',
    decide(s, i, actor) {
      requireLive(s);
      const seat = presentSeat(s, actor);
      const q = findQuestion(s, i.id, ['approved']);
      if (q.voterSeatIds.includes(seat.id)) throw new AppError('CONFLICT', 'You have already upvoted this question');
      return one({ type: 'question.upvoted', data: { id: q.id, votes: q.votes + 1, seatId: seat.id } });
    },
  }),
  /** Approving a hidden question undoes the hiding. */
  'question.approve': command({
    schema: ById,
    action: 'question.moderate',
    decide(s, i) {
      requireNotClosed(s);
      const q = findQuestion(s, i.id, ['pending', 'hidden']);
      return one({ type: 'question.approved', data: { id: q.id, text: q.text, name: q.name } });
    },
  }),
  'question.hide': command({
    schema: ById,
    action: 'question.moderate',
    decide(s, i) {
      requireNotClosed(s);
      const q = findQuestion(s, i.id, ['pending', 'approved']);
      return one({ type: 'question.hidden', data: { id: q.id } });
    },
  }),
  'question.pin': command({
    schema: z.strictObject({ id: z.string(), pinned: z.boolean() }),
    action: 'question.moderate',
    decide(s, i) {
      requireLive(s);
      const q = findQuestion(s, i.id, ['approved']);
      return one({ type: 'question.pinned', data: { id: q.id, pinned: i.pinned } });
    },
  }),
  'question.answer': command({
    schema: ById,
    action: 'question.moderate',
    decide(s, i) {
      requireNotClosed(s);
      const q = findQuestion(s, i.id, ['approved']);
      return one({ type: 'question.answered', data: { id: q.id } });
    },
  }),
  /** The question becomes an agenda item of its own (at the end of the agenda). */
  'question.toAgenda': command({
    schema: ById,
    action: 'question.moderate',
    decide(s, i) {
      requireNotClosed(s);
      const q = findQuestion(s, i.id, ['approved']);
      const itemId = newId();
      return {
        events: [
          { type: 'agenda.added', data: { id: itemId, title: q.text, notes: '', speakLimitSec: 180 } },
          { type: 'question.movedToAgenda', data: { id: q.id, itemId } },
        ],
        effects: [],
      };
    },
  }),
  /** The asker gets a turn on the speakers list to put the question in person (not for an anonymous one). */
  'question.toSpeakers': command({
    schema: ById,
    action: 'question.moderate',
    decide(s, i) {
      requireLive(s);
      const q = findQuestion(s, i.id, ['approved']);
      if (q.anonymous || !q.seatId) throw new AppError('INVALID_STATE', 'An anonymous question has nobody to give the floor to');
      const seat = s.seats.find((x) => x.id === q.seatId);
      if (!seat || !s.attendance[seat.id]) throw new AppError('INVALID_STATE', 'The asker is not present');
      const waiting = s.speakers.some((r) => r.seatId === seat.id && (r.status === 'queued' || r.status === 'speaking') && r.itemId === s.currentItemId);
      if (waiting) throw new AppError('CONFLICT', 'The asker is already on the speakers list');
      const requestId = newId();
      const limitSec = s.agenda.find((a) => a.id === s.currentItemId)?.speakLimitSec ?? 180;
      return {
        events: [
          { type: 'speaker.requested', data: { id: requestId, itemId: s.currentItemId, seatId: seat.id, name: seat.name, stance: 'neutral', limitSec } },
          { type: 'question.movedToSpeakers', data: { id: q.id, requestId } },
        ],
        effects: [],
      };
    },
  }),
};
