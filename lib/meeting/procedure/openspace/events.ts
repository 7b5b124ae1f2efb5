import { z } from 'zod';
import { openSpacePhases } from './model';

const Named = z.object({ id: z.string(), name: z.string() });
const Dots = z.record(z.string(), z.number().int());

/**
 * The open space's events. A dot allocation keeps its seat in the log (one allocation per participant,
 * also after a restart); no role receives it (openspace/project.ts), only the running totals.
 */
export const openSpaceEventSchemas = {
  'openSpace.configured': z.object({
    theme: z.string(), rooms: z.array(Named), slots: z.array(z.object({ id: z.string(), label: z.string() })), dotsPerPerson: z.number().int(),
  }),
  'openSpace.proposed': z.object({ id: z.string(), title: z.string(), summary: z.string(), hostSeatId: z.string().nullable(), hostName: z.string() }),
  'openSpace.merged': z.object({ id: z.string(), intoId: z.string() }),
  // A merge undone: the proposal is back in the marketplace, unplaced.
  'openSpace.unmerged': z.object({ id: z.string() }),
  'openSpace.placed': z.object({ id: z.string(), roomId: z.string().nullable(), slotId: z.string().nullable() }),
  'openSpace.phaseChanged': z.object({ phase: z.enum(openSpacePhases) }),
  // The law of two feet: `sessionId` null = left the slot's sessions.
  'openSpace.joined': z.object({ seatId: z.string(), slotId: z.string(), sessionId: z.string().nullable() }),
  // `seatId` and `allocation` are absent from what clients receive; `totals` is the public result.
  'openSpace.dotsPlaced': z.object({ seatId: z.string().optional(), allocation: Dots.optional(), totals: Dots }),
  'openSpace.confirmed': z.object({ id: z.string(), sessionId: z.string().nullable(), text: z.string() }),
  'openSpace.unconfirmed': z.object({ id: z.string() }),
} as const;
