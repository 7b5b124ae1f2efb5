import { can, type MeetingRole } from '../../permissions';
import { ANONYMOUS_ACTOR, type MeetingEvent, type MeetingState } from '../../state';
import type { Projection } from '../project';
import type { Question, SeatQuestions } from './model';

/**
 * What each role sees of the questions. Nobody receives who asked an anonymous question — not even the
 * facilitator — nor who upvoted what. Only the moderator (the facilitator) reads a question before it
 * is approved or after it is hidden; everyone else gets its place (so their event sequence stays whole)
 * with no text and no asker. The asker's own connections are told which are theirs (`seat`, in
 * `meeting:me`, and the ack's `id`).
 */
function projectQuestion(q: Question, role: MeetingRole): Question {
  const moderator = can(role, 'question.moderate');
  const readable = moderator || q.status === 'approved' || q.status === 'answered';
  return {
    ...q,
    text: readable ? q.text : '',
    name: readable && !q.anonymous ? q.name : null,
    seatId: moderator && !q.anonymous ? q.seatId : null,
    voterSeatIds: [],
  };
}

function projectQaEvent(e: MeetingEvent, state: MeetingState, role: MeetingRole): MeetingEvent {
  const moderator = can(role, 'question.moderate');
  switch (e.type) {
    case 'question.asked': {
      const { seatId, ...rest } = e.data;
      if (moderator && !e.data.anonymous) return e;
      // Others learn that a question came in, not what or from whom: it is not approved yet.
      return { ...e, actor: ANONYMOUS_ACTOR, data: moderator ? { ...rest, name: null } : { ...rest, text: '', name: null } };
    }
    case 'question.approved': {
      // A question hidden since is not sent again to those who may no longer read it (a catch-up replay).
      const now = state.questions.find((q) => q.id === e.data.id);
      return moderator || now?.status !== 'hidden' ? e : { ...e, data: { ...e.data, text: '', name: null } };
    }
    case 'question.upvoted': {
      const { seatId, ...rest } = e.data;
      return { ...e, actor: ANONYMOUS_ACTOR, data: rest };
    }
    default:
      return e;
  }
}

/** The seat's own questions (with their text, also while waiting) and the ones it upvoted. */
export function seatQuestions(s: MeetingState, seatId: string): SeatQuestions {
  return {
    asked: s.questions.filter((q) => q.seatId === seatId).map((q) => ({ id: q.id, text: q.text })),
    upvoted: s.questions.filter((q) => q.voterSeatIds.includes(seatId)).map((q) => q.id),
  };
}

export const qaProjection: Projection = {
  state: (s, role) => ({ questions: s.questions.map((q) => projectQuestion(q, role)) }),
  event: projectQaEvent,
  seat: (s, seatId) => ({ questions: seatQuestions(s, seatId) }),
  owner: (e) => ((e.type === 'question.asked' || e.type === 'question.upvoted') && e.data.seatId ? e.data.seatId : null),
};
