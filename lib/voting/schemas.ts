import { z } from 'zod';

/**
 * Majority rules (表决规则). The basis says what the "yes" votes are compared with; the threshold how
 * large a share they need; `abstentions` whether an abstention counts as a vote cast (and so makes
 * passing harder) or is left out. The outcome is always computed (lib/voting/outcome), never typed in by
 * a person. The schemas are the server's (commands, event log, record); browsers use the types only.
 */
export const MajorityRule = z.object({
  basis: z.enum(['votes_cast', 'present', 'all_members']),
  threshold: z.enum(['more_than_half', 'two_thirds']),
  abstentions: z.enum(['excluded', 'counted']),
});
export type MajorityRule = z.infer<typeof MajorityRule>;

export const PollKind = z.enum(['motion', 'single', 'multiple']);
export type PollKind = z.infer<typeof PollKind>;
