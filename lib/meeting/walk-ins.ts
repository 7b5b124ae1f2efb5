import { z } from 'zod';
import { loadDefaultTemplates, templateFor } from '../planning/templates';
import type { MeetingForm } from './model';
import type { MeetingState, Poll, Seat } from './state';

/**
 * Walk-ins (非名册参与者): open space and 民主恳谈 are open to anyone with a stake, so the facilitator may
 * admit a stakeholder who is not on the roster. A walk-in has a seat of kind `walk_in` without a vote
 * (canVote false): quorum, binding polls and their outcomes count roster members only. Where the form's
 * template allows it, a walk-in may vote in a poll created as non-binding (意向性表决), which the record
 * marks as such. The rules live here; the command (`attendance.admitWalkIn`), the phone and the record
 * read them.
 */
export const WALK_IN_KIND = 'walk_in';

export type WalkInPolicy = { allowed: boolean; nonBindingVotes: boolean };

/** The form's policy, from its procedure template (lib/planning/templates/default.json). */
export function walkInPolicyOf(form: MeetingForm): WalkInPolicy {
  return templateFor(loadDefaultTemplates(), form).walkIns;
}

/** What the facilitator enters: the phone is optional, mainland mobile, and staff-only (never in an event). */
export const WalkInInput = z.strictObject({
  name: z.string().trim().min(1).max(50),
  building: z.string().trim().min(1).max(100),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$/, 'a mainland mobile number of 11 digits').optional(),
});
export type WalkInInput = z.infer<typeof WalkInInput>;

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
  const policy = walkInPolicyOf(s.form);
  return s.seats.filter((seat) => mayVoteIn(seat, poll, policy));
}

/** How many of those entitled to this poll's ballot are present: the roster's, and walk-ins in a non-binding poll. */
export function presentPollVoters(s: MeetingState, poll: Pick<Poll, 'nonBinding'>): number {
  return pollVoters(s, poll).filter((seat) => s.attendance[seat.id]).length;
}
