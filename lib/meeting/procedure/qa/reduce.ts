import type { MeetingState } from '../../state';
import type { Reducers } from '../reduce';
import type { Question } from './model';

function update(s: MeetingState, id: string, f: (q: Question) => Question): Partial<MeetingState> {
  return { questions: s.questions.map((q) => (q.id === id ? f(q) : q)) };
}

/** Audience questions: asked, approved, hidden, pinned (one at a time), upvoted, answered or taken up. */
export const qaReducers: Reducers = {
  'question.asked': (s, e) => ({
    questions: [...s.questions, {
      id: e.data.id, itemId: e.data.itemId, text: e.data.text, anonymous: e.data.anonymous, seatId: e.data.seatId ?? null,
      name: e.data.name, status: 'pending', pinned: false, votes: 0, voterSeatIds: [], askedAt: e.at, answeredAt: null, movedTo: null,
    }],
  }),
  'question.approved': (s, e) => update(s, e.data.id, (q) => ({ ...q, status: 'approved', text: e.data.text, name: e.data.name })),
  'question.hidden': (s, e) => update(s, e.data.id, (q) => ({ ...q, status: 'hidden', pinned: false })),
  // Pinning one unpins any other: the projector shows one question at the top.
  'question.pinned': (s, e) => ({
    questions: s.questions.map((q) => (q.id === e.data.id ? { ...q, pinned: e.data.pinned } : e.data.pinned ? { ...q, pinned: false } : q)),
  }),
  'question.answered': (s, e) => update(s, e.data.id, (q) => ({ ...q, status: 'answered', pinned: false, answeredAt: e.at })),
  'question.movedToAgenda': (s, e) => update(s, e.data.id, (q) => ({
    ...q, status: 'answered', pinned: false, answeredAt: e.at, movedTo: { kind: 'agenda', itemId: e.data.itemId },
  })),
  'question.movedToSpeakers': (s, e) => update(s, e.data.id, (q) => ({
    ...q, status: 'answered', pinned: false, answeredAt: e.at, movedTo: { kind: 'speakers', requestId: e.data.requestId },
  })),
  'question.upvoted': (s, e) => update(s, e.data.id, (q) => ({
    ...q, votes: e.data.votes, voterSeatIds: e.data.seatId && !q.voterSeatIds.includes(e.data.seatId) ? [...q.voterSeatIds, e.data.seatId] : q.voterSeatIds,
  })),
};
