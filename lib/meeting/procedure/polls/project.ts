import { can, type MeetingRole } from '../../permissions';
import { ANONYMOUS_ACTOR, type MeetingEvent, type MeetingState, type Poll } from '../../state';
import type { Projection } from '../project';

/**
 * What each role may see of the state and of each event. Hidden tallies stay on the server until the
 * facilitator reveals them; who voted in a named poll is for the facilitator only, while the poll is
 * open and after (the record lists named choices once the meeting closes). A secret poll has no running
 * tally at all (its ballot events carry only the count), so there is nothing to hide from anyone. Events
 * keep their seq when fields are removed, so every client's sequence stays gap-free. The paper ballots'
 * own counts per option are the facilitator's only, also after the close: the combined tally minus them
 * would be the phones' tally, a smaller group whose choices the attendance narrows. How many paper
 * ballots there were and who counted them is public.
 */
function tallyVisible(poll: Pick<Poll, 'resultsVisibility' | 'revealed'>, role: MeetingRole): boolean {
  return poll.resultsVisibility === 'live' || poll.revealed || can(role, 'poll.seeHiddenTally');
}

export function projectPoll(poll: Poll, role: MeetingRole): Poll {
  const showTally = tallyVisible(poll, role);
  return {
    ...poll,
    tally: showTally ? poll.tally : null,
    outcome: showTally ? poll.outcome : null,
    votedSeatIds: can(role, 'poll.seeVoters') ? poll.votedSeatIds : [],
    staffEnteredSeatIds: can(role, 'poll.seeVoters') ? poll.staffEnteredSeatIds : [],
    paper: poll.paper && { ...poll.paper, counts: can(role, 'poll.seeHiddenTally') ? poll.paper.counts : {} },
  };
}

export const pollProjection: Projection = {
  state: (s: MeetingState, role: MeetingRole) => ({ polls: s.polls.map((p) => projectPoll(p, role)) }),
  event: projectPollEvent,
};

/** `state` is the server's full state, used to look up the poll an event refers to. */
function projectPollEvent(e: MeetingEvent, state: MeetingState, role: MeetingRole): MeetingEvent {
  if (e.type === 'poll.paperCounted') return can(role, 'poll.seeHiddenTally') ? e : { ...e, data: { ...e.data, counts: {} } };
  if (e.type !== 'poll.ballot' && e.type !== 'poll.closed') return e;
  const poll = state.polls.find((p) => p.id === e.data.pollId);
  if (!poll) return e;
  // Visibility as it was when the event happened: a reveal comes later as its own event.
  const showTally = poll.resultsVisibility === 'live' || can(role, 'poll.seeHiddenTally');
  if (e.type === 'poll.ballot') {
    const { seatId, tally, staffEntered, ...rest } = e.data;
    if (seatId !== undefined && can(role, 'poll.seeVoters')) return { ...e, data: { ...rest, seatId, tally: showTally ? tally : null, ...(staffEntered ? { staffEntered } : {}) } };
    // Without the right to see voters, a ballot is anonymous: no seat and no actor.
    return { ...e, actor: ANONYMOUS_ACTOR, data: tally === undefined ? rest : { ...rest, tally: showTally ? tally : null } };
  }
  return { ...e, data: { ...e.data, tally: showTally ? e.data.tally : null, outcome: showTally ? e.data.outcome : null } };
}
