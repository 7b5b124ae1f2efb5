import { z } from 'zod';

/**
 * The visits part's events: the lifecycle of a round of household visits (走访约谈协商), never its
 * entries — those are rows of their own (lib/visits), sent from recorders' phones, possibly late and more
 * than once, and stored once each by their client-chosen id.
 */
export const visitsEventSchemas = {
  /** the round starts with its question (the meeting goes live with the same command; no check-in) */
  'visits.started': z.object({ question: z.string() }),
  /** no more entries: the visits are final; the conclusion follows */
  'visits.finished': z.object({}),
  /** the conclusion (结论) as staff wrote it; the meeting closes with it and its record is frozen */
  'visits.concluded': z.object({ text: z.string() }),
} as const;
