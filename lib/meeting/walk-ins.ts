import type { MeetingState, Poll, Seat, WalkInPolicy } from './state';

/**
 * Walk-ins (非名册参与者): open space and 民主恳谈 are open to anyone with a stake, so the facilitator may
 * admit a stakeholder who is not on the roster. A walk-in has a seat of kind `walk_in` without a vote
 * (canVote false): quorum, binding polls and their outcomes count roster members only. Where the form's
 * template allows it, a walk-in may vote in a poll created as non-binding (意向性表决), which the record
 * marks as such. The rules live here; the command (`attendance.admitWalkIn`), the phone and the record
 * read them, with the meeting's own policy (`state.walkIns`, kept from its form's template when it was
 * created). No zod and no templates here: the phone page runs these too.
 */
export const WALK_IN_KIND = 'walk_in';

export type { WalkInPolicy } from './state';

export function isWalkIn(seat: Pick<Seat, 'kind'>): boolean {
  return seat.kind === WALK_IN_KIND;
}

/**
 * Whether a seat may cast a ballot in a poll: a roster seat with a vote in every poll; a walk-in only in
 * a non-binding poll of a form that lets walk-ins vote.
 */
export function mayVoteIn(seat: Pick<Seat, 'kind' | 'canVote'>, poll: Pick<Poll, 'nonBinding'>, policy: WalkInPolicy): boolean {
  if (seat.canVote) return true;
  return isWalkIn(seat) && poll.nonBinding === true && policy.nonBindingVotes;
}

/** The seats entitled to a ballot in this poll (present or not). */
export function pollVoters(s: MeetingState, poll: Pick<Poll, 'nonBinding'>): Seat[] {
  return s.seats.filter((seat) => mayVoteIn(seat, poll, s.walkIns));
}

/**
 * How many of those entitled to this poll's ballot are present: the roster's, and walk-ins in a non-binding
 * poll (mayVoteIn, counted). From the roster's counts, which a phone has without the seat list.
 */
export function presentPollVoters(s: MeetingState, poll: Pick<Poll, 'nonBinding'>): number {
  return s.roster.presentVoting + (poll.nonBinding === true && s.walkIns.nonBindingVotes ? s.roster.presentWalkIns : 0);
}
