import { z } from 'zod';
import { hearingRoles, hearingStages, hearingStakes } from './model';

const Role = z.enum(hearingRoles);
const Stake = z.enum(hearingStakes);

/**
 * The hearing's events. An application keeps its seat, name and summary in the log; only the
 * facilitator receives them before it is admitted (hearing/project.ts), the others learn them from
 * `hearing.admitted`, which carries the registration as everyone may see it from then on.
 */
export const hearingEventSchemas = {
  'hearing.configured': z.object({ turnSeconds: z.number().int(), proposer: z.string() }),
  // Everything but `id` is absent from what other roles receive while it is not admitted.
  'hearing.applied': z.object({
    id: z.string(), seatId: z.string().optional(), name: z.string().optional(), role: Role.optional(), stake: Stake.optional(), summary: z.string().optional(),
  }),
  // Staff registered someone without a phone: admitted at once (replayed as `{ id }` to those who may no
  // longer see it, once rejected).
  'hearing.registered': z.object({ id: z.string(), name: z.string().optional(), role: Role.optional(), stake: Stake.optional(), summary: z.string().optional() }),
  // The registration as everyone sees it from now on (absent for those who may no longer see it).
  // `seatId` (here, in `hearing.rejected` and `hearing.withdrawn`): the applicant's, so the server tells
  // that seat's devices (meeting:mine); only the facilitator receives it.
  'hearing.admitted': z.object({
    id: z.string(), seatId: z.string().nullable().optional(), name: z.string().optional(), role: Role.optional(), stake: Stake.optional(), summary: z.string().optional(),
  }),
  // `reason`: absent for all but the facilitator (the applicant is told in meeting:me / meeting:mine)
  'hearing.rejected': z.object({ id: z.string(), seatId: z.string().nullable().optional(), reason: z.string().optional() }),
  'hearing.withdrawn': z.object({ id: z.string(), seatId: z.string().nullable().optional() }),
  'hearing.stageChanged': z.object({ stage: z.enum(hearingStages) }),
  'hearing.floorRequested': z.object({ registrationId: z.string(), raised: z.boolean() }),
  // One turn: its speaker, role and stake; it starts at the event's `at`.
  'hearing.turnStarted': z.object({
    id: z.string(), stage: z.enum(hearingStages), registrationId: z.string().nullable(), speaker: z.string(),
    role: z.enum([...hearingRoles, 'host', 'proposer']), stake: Stake.nullable(), limitSec: z.number().int(),
  }),
  'hearing.turnEnded': z.object({ id: z.string(), durationSec: z.number().int() }),
  /** a representative called in the speaking order who did not speak */
  'hearing.turnSkipped': z.object({ registrationId: z.string() }),
  'hearing.confirmed': z.object({ turnId: z.string() }),
  'hearing.corrected': z.object({ turnId: z.string(), text: z.string() }),
  'hearing.resultRecorded': z.object({ decision: z.string(), reasons: z.string() }),
} as const;
