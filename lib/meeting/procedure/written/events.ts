import { z } from 'zod';

/**
 * The written part's events: the lifecycle of a written consultation (书面征询协商), never its replies —
 * those are rows of their own (lib/written), each revision kept. Sending names the document by the
 * SHA-256 of its canonical JSON (title, text, attachment's hash), fixed from then on; closing carries the
 * conclusion staff wrote, and the meeting closes with it.
 */
export const writtenEventSchemas = {
  'written.sent': z.object({
    documentSha256: z.string().regex(/^[0-9a-f]{64}$/), title: z.string(), deadline: z.string(), addressees: z.number().int().min(1),
  }),
  'written.closed': z.object({ conclusion: z.string() }),
} as const;
