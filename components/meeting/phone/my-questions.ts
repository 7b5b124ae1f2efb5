/**
 * What this device remembers of its own questions and upvotes in a meeting. The server tells nobody
 * else who asked (anonymous questions: not even the facilitator) or who upvoted, so the phone keeps
 * its own: the ids its asks were acknowledged with and the questions it upvoted. Without storage
 * (private mode on some phones) it simply forgets after a reload; the server still refuses a second
 * upvote.
 */
export type MyQuestions = { asked: { id: string; text: string }[]; upvoted: string[] };

const key = (meetingId: string, seatId: string) => `yishi:questions:${meetingId}:${seatId}`;
const EMPTY: MyQuestions = { asked: [], upvoted: [] };

export function readMyQuestions(meetingId: string, seatId: string): MyQuestions {
  try {
    const raw = JSON.parse(localStorage.getItem(key(meetingId, seatId)) ?? 'null') as Partial<MyQuestions> | null;
    return {
      asked: Array.isArray(raw?.asked) ? raw.asked.filter((q) => typeof q?.id === 'string' && typeof q.text === 'string') : [],
      upvoted: Array.isArray(raw?.upvoted) ? raw.upvoted.filter((id) => typeof id === 'string') : [],
    };
  } catch {
    return EMPTY;
  }
}

export function storeMyQuestions(meetingId: string, seatId: string, mine: MyQuestions): void {
  try {
    localStorage.setItem(key(meetingId, seatId), JSON.stringify(mine));
  } catch {
    /* kept for this visit only */
  }
}
