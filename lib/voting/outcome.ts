import type { MajorityRule, PollKind } from './schemas';

// The rules' schemas live in ./schemas; this module (the arithmetic and its wording) runs in browsers too.
export type { MajorityRule, PollKind } from './schemas';

export const majorityPresets = {
  simple_majority: { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' },
  half_of_present: { basis: 'present', threshold: 'more_than_half', abstentions: 'counted' },
  two_thirds_of_present: { basis: 'present', threshold: 'two_thirds', abstentions: 'counted' },
  two_thirds_of_members: { basis: 'all_members', threshold: 'two_thirds', abstentions: 'counted' },
} as const satisfies Record<string, MajorityRule>;

/** Motion options, in this order: 赞成 / 反对 / 弃权. */
export const MOTION_OPTIONS = ['yes', 'no', 'abstain'] as const;

export type Tally = Record<string, number>;

export type Outcome =
  | { result: 'passed' | 'failed'; support: number; denominator: number; required: number; winners: string[]; reason?: 'no_votes' | 'tie' }
  ;

export type OutcomeInput = {
  kind: PollKind;
  options: string[];
  rule: MajorityRule;
  tally: Tally;
  /** ballots cast (a multiple-choice ballot counts once) */
  ballots: number;
  present: number;
  members: number;
};

function meets(threshold: MajorityRule['threshold'], support: number, denominator: number): boolean {
  if (denominator <= 0) return false;
  return threshold === 'two_thirds' ? support * 3 >= denominator * 2 : support * 2 > denominator;
}

function required(threshold: MajorityRule['threshold'], denominator: number): number {
  if (denominator <= 0) return 1;
  return threshold === 'two_thirds' ? Math.ceil((denominator * 2) / 3) : Math.floor(denominator / 2) + 1;
}

/**
 * Motion: "yes" must reach the threshold of the basis.
 * Single/multiple choice: the option(s) with the most votes win if they reach the threshold of the basis
 * (votes_cast counts ballots, since on a multiple-choice ballot one voter backs several options).
 * A tie for first place decides nothing.
 */
export function computeOutcome(input: OutcomeInput): Outcome {
  const { rule, tally } = input;
  const abstain = tally.abstain ?? 0;
  let denominator: number;
  if (rule.basis === 'present') denominator = input.present;
  else if (rule.basis === 'all_members') denominator = input.members;
  else if (input.kind === 'motion') {
    denominator = (tally.yes ?? 0) + (tally.no ?? 0) + (rule.abstentions === 'counted' ? abstain : 0);
  } else denominator = input.ballots;

  const need = required(rule.threshold, denominator);
  if (input.ballots === 0) {
    return { result: 'failed', support: 0, denominator, required: need, winners: [], reason: 'no_votes' };
  }
  if (input.kind === 'motion') {
    const support = tally.yes ?? 0;
    const passed = meets(rule.threshold, support, denominator);
    const tie = !passed && support > 0 && support === (tally.no ?? 0);
    return { result: passed ? 'passed' : 'failed', support, denominator, required: need, winners: passed ? ['yes'] : [], ...(tie ? { reason: 'tie' as const } : {}) };
  }
  const top = Math.max(...input.options.map((o) => tally[o] ?? 0));
  const leaders = input.options.filter((o) => (tally[o] ?? 0) === top);
  // Multiple choice elects every option that reaches the threshold; single choice needs one clear leader.
  if (input.kind === 'multiple') {
    const winners = input.options.filter((o) => meets(rule.threshold, tally[o] ?? 0, denominator));
    return { result: winners.length ? 'passed' : 'failed', support: top, denominator, required: need, winners };
  }
  if (leaders.length > 1) {
    return { result: 'failed', support: top, denominator, required: need, winners: [], reason: 'tie' };
  }
  const passed = meets(rule.threshold, top, denominator);
  return { result: passed ? 'passed' : 'failed', support: top, denominator, required: need, winners: passed ? leaders : [] };
}

/**
 * The outcome as one plain sentence whose words match the arithmetic above: what was counted (赞成, or
 * the leading option), what it was compared with (valid votes, ballots, members present or all members)
 * and whether it passed the share — "赞成 2 票，超过有效票 3 票的一半（弃权不计入）". The words live in the
 * message catalogue; which words apply is decided here, beside the rule, so the two cannot drift.
 */
export function outcomeSentence(
  t: (key: OutcomeMessageKey, params?: Record<string, string | number>) => string,
  poll: { kind: PollKind; rule: MajorityRule },
  o: Pick<Outcome, 'result' | 'support' | 'denominator' | 'reason'>,
): string {
  if (o.reason === 'no_votes') return t('meeting.poll.outcome.noVotes');
  const { rule } = poll;
  const motion = poll.kind === 'motion';
  const base: OutcomeMessageKey =
    rule.basis === 'present' ? 'meeting.poll.base.present'
      : rule.basis === 'all_members' ? 'meeting.poll.base.all_members'
        : !motion ? 'meeting.poll.base.ballots'
          : rule.abstentions === 'excluded' ? 'meeting.poll.base.valid' : 'meeting.poll.base.cast';
  // Abstentions change the count only when the votes themselves are the base.
  const note: OutcomeMessageKey | null = motion && rule.basis === 'votes_cast'
    ? (rule.abstentions === 'excluded' ? 'meeting.poll.base.note.excluded' : 'meeting.poll.base.note.counted')
    : null;
  const met = meets(rule.threshold, o.support, o.denominator);
  const sentence: OutcomeMessageKey = rule.threshold === 'two_thirds'
    ? (met ? 'meeting.poll.outcome.twoThirds.met' : 'meeting.poll.outcome.twoThirds.notMet')
    : (met ? 'meeting.poll.outcome.half.met' : 'meeting.poll.outcome.half.notMet');
  return t(sentence, {
    subject: t(motion ? 'meeting.poll.outcome.subject.yes' : 'meeting.poll.outcome.subject.top'),
    support: o.support,
    base: t(base, { n: o.denominator }),
    note: note ? t(note) : '',
  });
}

export type OutcomeMessageKey =
  | 'meeting.poll.outcome.noVotes'
  | 'meeting.poll.outcome.half.met' | 'meeting.poll.outcome.half.notMet'
  | 'meeting.poll.outcome.twoThirds.met' | 'meeting.poll.outcome.twoThirds.notMet'
  | 'meeting.poll.outcome.subject.yes' | 'meeting.poll.outcome.subject.top'
  | 'meeting.poll.base.valid' | 'meeting.poll.base.cast' | 'meeting.poll.base.ballots'
  | 'meeting.poll.base.present' | 'meeting.poll.base.all_members'
  | 'meeting.poll.base.note.excluded' | 'meeting.poll.base.note.counted';

/**
 * The decision a passed motion records: the sentence entered with the motion, or one derived from its
 * question — "是否同意3号楼加装电梯方案？" becomes "同意3号楼加装电梯方案" — so the record states what was
 * decided rather than what was asked.
 */
export function decisionSentence(question: string, entered?: string | null): string {
  const own = entered?.trim();
  if (own) return own;
  const q = question.trim().replace(/[？?。.！!\s]+$/u, '');
  // "是否同意…" keeps its verb ("同意…"); any other "是否…" question states its matter ("是否设置…" → "设置…").
  const m = /^是否(.+)$/u.exec(q);
  return m ? m[1]! : q;
}
