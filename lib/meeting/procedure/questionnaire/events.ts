import { z } from 'zod';

/**
 * The questionnaire part's events: the lifecycle of a questionnaire (问卷式协商), never its answers —
 * those stay in their tables (lib/questionnaire), so the log of an anonymous questionnaire says nothing
 * about who answered when. Each published version is named by its number and the SHA-256 of its
 * definition's canonical JSON; the definition itself is the QuestionnaireVersion row written with the event.
 */
export const questionnaireEventSchemas = {
  'questionnaire.versionPublished': z.object({ version: z.number().int().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** answers are taken from now (the meeting goes live with the same command) */
  'questionnaire.opened': z.object({}),
  /** no more answers: the results are final; the summary follows */
  'questionnaire.closed': z.object({}),
  /** the result summary (结果) as staff published it; the meeting closes with it and its record is frozen */
  'questionnaire.summaryPublished': z.object({ text: z.string() }),
} as const;
