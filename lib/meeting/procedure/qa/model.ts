/**
 * Audience questions (Slido-style, moderated): a participant asks, optionally anonymous; the facilitator
 * approves or hides it; approved questions collect one upvote per participant; the facilitator pins one,
 * marks it answered, or takes it up as an agenda item or as a turn on the speakers list.
 */
export type QuestionStatus = 'pending' | 'approved' | 'answered' | 'hidden';

export type Question = {
  id: string;
  /** the agenda item in progress when it was asked (its section of the minutes) */
  itemId: string | null;
  /** empty for a role that may not read it yet (pending) or any more (hidden) */
  text: string;
  anonymous: boolean;
  /** the asker's seat: the server's own state only (never sent to a client) */
  seatId: string | null;
  /** the asker's name: null when anonymous, and for other participants until it is approved */
  name: string | null;
  status: QuestionStatus;
  pinned: boolean;
  votes: number;
  /** who upvoted (one vote each): the server's own state only */
  voterSeatIds: string[];
  askedAt: string;
  answeredAt: string | null;
  /** how it was answered when taken up elsewhere */
  movedTo: { kind: 'agenda'; itemId: string } | { kind: 'speakers'; requestId: string } | null;
};

/** What a seat's own connections are told of its questions: those it asked (with their text) and upvoted. */
export type SeatQuestions = { asked: { id: string; text: string }[]; upvoted: string[] };

/** Limits per participant, against floods: questions waiting for moderation at once, and in all. */
export const QA_LIMITS = { pendingPerSeat: 3, perSeat: 20, textMax: 200 } as const;

/** The order people see them in: the pinned one first, then by votes, then first asked first. */
export function rankQuestions(questions: readonly Question[]): Question[] {
  return questions
    .filter((q) => q.status === 'approved')
    .map((q, i) => ({ q, i }))
    .sort((a, b) => Number(b.q.pinned) - Number(a.q.pinned) || b.q.votes - a.q.votes || a.i - b.i)
    .map(({ q }) => q);
}
