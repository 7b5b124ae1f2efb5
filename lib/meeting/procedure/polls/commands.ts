import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { newId } from '../../../platform/tokens';
import { quorumStatus } from '../../quorum';
import { presentVoters, presentWithoutBallot, votingMembers, type EventData, type MeetingState, type NewEvent, type Poll } from '../../state';
import { isWalkIn, mayVoteIn, pollVoters } from '../../walk-ins';
import { boxTally, emptyBox, type BallotBox } from '../../../voting/ballot-box';
import { computeOutcome, MOTION_OPTIONS, type Tally } from '../../../voting/outcome';
import { MajorityRule, PollKind } from '../../../voting/schemas';
import { command, findItem, findPoll, one, requireLive, requireNotClosed, text, type Actor, type DecideContext } from '../command';

const Ballot = {
  pollId: z.string(),
  choices: z.array(z.string().max(100)).min(1).max(20),
  idempotencyKey: z.string().min(8).max(100),
};

export function validChoices(kind: PollKind, options: string[], maxChoices: number, choices: string[]): boolean {
  if (new Set(choices).size !== choices.length) return false;
  if (!choices.every((c) => options.includes(c))) return false;
  if (kind === 'multiple') return choices.length >= 1 && choices.length <= maxChoices;
  return choices.length === 1;
}

/**
 * A poll's live totals for `DecideContext.tallyOf`: a secret poll's from its ballot box (no event and no
 * state carries them), a named poll's from the state.
 */
export function liveTally(s: MeetingState, pollId: string, boxes: ReadonlyMap<string, BallotBox>): Tally {
  const poll = s.polls.find((p) => p.id === pollId);
  if (!poll) return {};
  if (!poll.secret) return poll.tally ?? Object.fromEntries(poll.options.map((o) => [o, 0]));
  // Paper ballots counted in the hall are added to the electronic ones.
  const tally = boxTally(boxes.get(pollId) ?? emptyBox, poll.options);
  for (const [option, n] of Object.entries(poll.paper?.counts ?? {})) tally[option] = (tally[option] ?? 0) + n;
  return tally;
}

/**
 * Present seats entitled to a ballot in this poll that have cast no electronic one: roster members, and
 * in a non-binding poll open to them, walk-ins too (the paper ballots stand for these).
 */
function presentWithoutBallotIn(s: MeetingState, poll: Poll, hasVoted: DecideContext['hasVoted']): number {
  if (!poll.nonBinding) return presentWithoutBallot(s, poll.id, hasVoted);
  return pollVoters(s, poll).filter((seat) => s.attendance[seat.id] && !hasVoted(poll.id, seat.id)).length;
}

/** The event that closes a poll with its outcome (also when closing the meeting finishes it). */
export function pollClosed(s: MeetingState, poll: Poll, ctx: DecideContext): NewEvent {
  const tally = ctx.tallyOf(poll.id);
  const voted = poll.voted;
  // A binding poll's bases are the roster's; a non-binding one's are everyone entitled to its ballot.
  const voters = poll.nonBinding ? pollVoters(s, poll) : null;
  const outcome = computeOutcome({
    kind: poll.kind, options: poll.options, rule: poll.rule, tally, ballots: voted,
    present: voters ? voters.filter((seat) => s.attendance[seat.id]).length : presentVoters(s),
    members: voters ? voters.length : votingMembers(s),
  });
  return { type: 'poll.closed', data: { pollId: poll.id, voted, tally, outcome } };
}

/** A ballot, the member's own (`poll.vote`) or one the facilitator enters for them (`poll.voteFor`). */
function ballot(s: MeetingState, i: { pollId: string; choices: string[]; idempotencyKey: string }, seatId: string | null, staffEntered: boolean, ctx: DecideContext) {
  const poll = findPoll(s, i.pollId);
  if (poll.status !== 'open') throw new AppError('INVALID_STATE', 'Voting is not open', { pollId: poll.id });
  // A secret ballot entered by staff would be seen by staff: members without a phone vote on paper.
  if (staffEntered && poll.secret) throw new AppError('INVALID_STATE', 'Enter paper ballots of a secret poll as counts');
  const seat = s.seats.find((x) => x.id === seatId);
  if (staffEntered && !seat) throw new AppError('NOT_FOUND', 'No such member in this meeting');
  if (seat && isWalkIn(seat) && !mayVoteIn(seat, poll, s.walkIns)) {
    throw new AppError('BINDING_POLL_ROSTER_ONLY', 'Only roster members vote in this poll', { pollId: poll.id });
  }
  if (!seat || !mayVoteIn(seat, poll, s.walkIns)) throw new AppError('FORBIDDEN', 'You are not entitled to vote in this meeting');
  if (!s.attendance[seat.id]) throw new AppError('INVALID_STATE', 'Check in before voting');
  if (ctx.hasVoted(poll.id, seat.id)) throw new AppError('ALREADY_VOTED', 'You have already voted in this poll');
  if (!validChoices(poll.kind, poll.options, poll.maxChoices, i.choices)) {
    throw new AppError('BAD_REQUEST', 'Invalid choice', { maxChoices: poll.maxChoices });
  }
  // Paper ballots stand for present members without an electronic one: once they and the electronic
  // ballots make up everyone present, one more would count someone twice.
  if (poll.paper && poll.paper.ballots >= presentWithoutBallotIn(s, poll, ctx.hasVoted)) {
    throw new AppError('INVALID_STATE', 'Every present member\'s ballot is in, counting the paper ones');
  }
  // A secret ballot's event says only that one more ballot is in the box; a named one says whose it
  // is and the new totals. The choice itself goes to the database as the effect.
  let data: EventData<'poll.ballot'> = { pollId: poll.id, voted: poll.voted + 1 };
  if (!poll.secret) {
    const tally = { ...ctx.tallyOf(poll.id) };
    for (const c of i.choices) tally[c] = (tally[c] ?? 0) + 1;
    data = { ...data, tally, seatId: seat.id, ...(staffEntered ? { staffEntered: true as const } : {}) };
  }
  return one(
    { type: 'poll.ballot', data },
    { kind: 'ballot', pollId: poll.id, seatId: seat.id, choices: i.choices, secret: poll.secret, idempotencyKey: i.idempotencyKey },
  );
}

/** Polls: created, opened (with quorum or a stated reason), voted in, counted on paper, closed, revealed. */
export const pollCommands = {
  'poll.create': command({
    schema: z.strictObject({
      question: text(300),
      kind: PollKind,
      options: z.array(text(100)).max(20).default([]),
      maxChoices: z.number().int().min(1).max(20).default(1),
      secret: z.boolean().default(false),
      resultsVisibility: z.enum(['live', 'hidden']).default('live'),
      rule: MajorityRule,
      itemId: z.string().nullable().default(null),
      /** the decision a passed motion records ("同意…"); derived from the question when left out */
      decision: z.string().trim().max(300).optional(),
      /** 意向性表决: decides nothing; walk-ins may vote in it where the form allows (walk-ins.ts) */
      nonBinding: z.boolean().default(false),
    }),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      const options = i.kind === 'motion' ? [...MOTION_OPTIONS] : i.options;
      if (i.kind !== 'motion' && options.length < 2) throw new AppError('BAD_REQUEST', 'A choice poll needs at least two options');
      if (new Set(options).size !== options.length) throw new AppError('BAD_REQUEST', 'Options must differ');
      const maxChoices = i.kind === 'multiple' ? Math.min(i.maxChoices, options.length) : 1;
      if (i.itemId) findItem(s, i.itemId);
      return one({
        type: 'poll.created',
        data: {
          id: newId(), itemId: i.itemId ?? s.currentItemId, question: i.question, kind: i.kind, options, maxChoices, secret: i.secret,
          resultsVisibility: i.resultsVisibility, rule: i.rule, ...(i.decision ? { decision: i.decision } : {}),
          ...(i.nonBinding ? { nonBinding: true as const } : {}),
        },
      });
    },
  }),
  'poll.open': command({
    schema: z.strictObject({ pollId: z.string(), overrideReason: z.string().trim().min(2).max(500).optional() }),
    action: 'meeting.manage',
    decide(s, i) {
      requireLive(s);
      const poll = findPoll(s, i.pollId);
      if (poll.status !== 'draft') throw new AppError('INVALID_STATE', 'This poll has already been opened');
      if (s.polls.some((p) => p.status === 'open')) throw new AppError('INVALID_STATE', 'Another poll is open');
      const quorum = quorumStatus(s.quorumRule, presentVoters(s), votingMembers(s));
      // Without quorum a poll opens only on the facilitator's stated reason, which the log keeps.
      if (!quorum.met && !i.overrideReason) throw new AppError('QUORUM_NOT_MET', 'Quorum not met', quorum);
      return one({ type: 'poll.opened', data: { pollId: poll.id, quorum, overrideReason: quorum.met ? null : i.overrideReason! } });
    },
  }),
  'poll.close': command({
    schema: z.strictObject({ pollId: z.string() }),
    action: 'meeting.manage',
    decide(s, i, _actor, ctx) {
      const poll = findPoll(s, i.pollId);
      if (poll.status !== 'open') throw new AppError('INVALID_STATE', 'This poll is not open');
      return one(pollClosed(s, poll, ctx));
    },
  }),
  'poll.reveal': command({
    schema: z.strictObject({ pollId: z.string() }),
    action: 'meeting.manage',
    decide(s, i) {
      const poll = findPoll(s, i.pollId);
      if (poll.status !== 'closed') throw new AppError('INVALID_STATE', 'Close the poll before revealing it');
      if (poll.revealed) throw new AppError('INVALID_STATE', 'Already revealed');
      return one({ type: 'poll.revealed', data: { pollId: poll.id, tally: poll.tally, outcome: poll.outcome } });
    },
  }),
  'poll.vote': command({
    schema: z.strictObject(Ballot),
    action: 'poll.vote',
    decide: (s, i, actor, ctx) => ballot(s, i, actor.seatId, false, ctx),
  }),
  /** a named ballot the facilitator enters for a present member without a phone */
  'poll.voteFor': command({
    schema: z.strictObject({ pollId: Ballot.pollId, seatId: z.string(), choices: Ballot.choices, idempotencyKey: Ballot.idempotencyKey }),
    action: 'poll.enterBallots',
    decide: (s, i, _actor, ctx) => ballot(s, i, i.seatId, true, ctx),
  }),
  /**
   * The paper ballots of an open secret poll as the tellers counted them: how many ballots, the votes
   * per option, the tellers' names. Entered while the poll is open (a later entry corrects the earlier
   * one) and added to the electronic count when it closes.
   */
  'poll.paperCount': command({
    schema: z.strictObject({
      pollId: z.string(),
      ballots: z.number().int().min(0).max(10000),
      counts: z.record(z.string().max(100), z.number().int().min(0).max(10000)),
      tellers: z.array(text(50)).min(1).max(10),
    }),
    action: 'poll.enterBallots',
    decide(s, i, _actor, ctx) {
      const poll = findPoll(s, i.pollId);
      if (poll.status !== 'open') throw new AppError('INVALID_STATE', 'Voting is not open', { pollId: poll.id });
      if (!poll.secret) throw new AppError('INVALID_STATE', 'Enter a named poll\'s ballots one by one for each member');
      const unknown = Object.keys(i.counts).filter((o) => !poll.options.includes(o));
      if (unknown.length) throw new AppError('BAD_REQUEST', 'Invalid choice', { options: unknown });
      const counts = Object.fromEntries(poll.options.map((o) => [o, i.counts[o] ?? 0]));
      const votes = Object.values(counts).reduce((a, b) => a + b, 0);
      // Each ballot names one option (several, up to maxChoices, in a multiple-choice poll); a blank or
      // spoilt paper ballot is not a ballot here.
      const fits = poll.kind === 'multiple'
        ? votes >= i.ballots && votes <= i.ballots * poll.maxChoices && Object.values(counts).every((n) => n <= i.ballots)
        : votes === i.ballots;
      if (!fits) throw new AppError('BAD_REQUEST', 'The counts do not match the number of ballots', { ballots: i.ballots, votes });
      const room = presentWithoutBallotIn(s, poll, ctx.hasVoted);
      if (i.ballots > room) throw new AppError('INVALID_STATE', 'More paper ballots than present members without an electronic one', { ballots: i.ballots, room });
      return one({ type: 'poll.paperCounted', data: { pollId: poll.id, ballots: i.ballots, counts, tellers: i.tellers } });
    },
  }),
};

/** The seat a ballot command is for: the voter's own, or the one the facilitator enters it for. */
export function ballotSeatOf(name: string, input: unknown, actor: Actor): string | null {
  if (name === 'poll.voteFor') return (input as { seatId: string }).seatId;
  return name === 'poll.vote' ? actor.seatId : null;
}
