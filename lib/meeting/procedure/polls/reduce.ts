import type { MeetingState, Poll } from '../../state';
import type { Reducers } from '../reduce';

function updatePoll(s: MeetingState, id: string, f: (p: Poll) => Poll): Poll[] {
  return s.polls.map((p) => (p.id === id ? f(p) : p));
}

/** Polls: created, opened, ballots in, paper counts, closed or dropped, revealed. */
export const pollReducers: Reducers = {
  'poll.created': (s, e) => ({
    polls: [...s.polls, {
      ...e.data, status: 'draft', revealed: false, quorumAtOpen: null, overrideReason: null, voted: 0,
      votedSeatIds: [], staffEnteredSeatIds: [], paper: null, tally: null, outcome: null, openedAt: null, closedAt: null,
    }],
  }),
  'poll.opened': (s, e) => ({
    polls: updatePoll(s, e.data.pollId, (p) => ({
      ...p, status: 'open', openedAt: e.at, quorumAtOpen: e.data.quorum, overrideReason: e.data.overrideReason,
      // A secret poll has no running tally anywhere but in the server's ballot box, until it closes; a
      // hidden one starts without one too, so no screen shows empty bars that the first ballot then hides.
      tally: p.secret || p.resultsVisibility === 'hidden' ? null : Object.fromEntries(p.options.map((o) => [o, 0])),
    })),
  }),
  'poll.ballot': (s, e) => ({
    polls: updatePoll(s, e.data.pollId, (p) => ({
      ...p,
      voted: e.data.voted,
      tally: e.data.tally !== undefined ? e.data.tally : p.tally,
      votedSeatIds: e.data.seatId && !p.votedSeatIds.includes(e.data.seatId) ? [...p.votedSeatIds, e.data.seatId] : p.votedSeatIds,
      staffEnteredSeatIds: e.data.staffEntered && e.data.seatId && !p.staffEnteredSeatIds.includes(e.data.seatId)
        ? [...p.staffEnteredSeatIds, e.data.seatId] : p.staffEnteredSeatIds,
    })),
  }),
  'poll.paperCounted': (s, e) => ({
    polls: updatePoll(s, e.data.pollId, (p) => ({
      ...p,
      // `voted` counts every ballot in the box, paper ones too; a corrected count replaces the last.
      voted: p.voted - (p.paper?.ballots ?? 0) + e.data.ballots,
      paper: { ballots: e.data.ballots, counts: e.data.counts, tellers: e.data.tellers },
    })),
  }),
  'poll.closed': (s, e) => ({
    polls: updatePoll(s, e.data.pollId, (p) => ({
      ...p, status: 'closed', closedAt: e.at, voted: e.data.voted, tally: e.data.tally, outcome: e.data.outcome,
      revealed: p.resultsVisibility === 'live',
    })),
  }),
  'poll.dropped': (s, e) => ({
    polls: updatePoll(s, e.data.pollId, (p) => ({ ...p, status: 'closed', closedAt: e.at, tally: null, outcome: null, revealed: true, dropReason: e.data.reason })),
  }),
  'poll.revealed': (s, e) => ({
    polls: updatePoll(s, e.data.pollId, (p) => ({ ...p, revealed: true, tally: e.data.tally, outcome: e.data.outcome })),
  }),
};
