import { z } from 'zod';
import type { QuestionResult } from '../../../questionnaire/aggregate';
import type { Definition } from '../../../questionnaire/definition';
import { Audience, type QuestionnaireSettings } from '../../../questionnaire/settings';
import { canonicalJson } from '../../../record/canonical';
import { Commitment, Iso, type RecordPart } from '../documents';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const ResultBase = {
  questionId: z.string(), title: z.string(), required: z.boolean(), versions: z.array(z.number().int().min(1)),
  respondents: z.number().int().min(0), answered: z.number().int().min(0),
};

/**
 * A questionnaire (问卷式协商, since issue 14) in the record: who was asked and how, every published version
 * (its definition and the SHA-256 of the definition's canonical JSON, as the log names it) with its number
 * of responses, the results per question as lib/questionnaire/aggregate.ts computes them, and the
 * published summary. No answer set of anyone is in it: a text question's answers only as a commitment to
 * their sorted list (free text residents wrote, which may name people; staff of the area open it), so
 * nothing in the record links an answer to a person.
 */
export const questionnaireRecordShape = {
  questionnaire: z.object({
    anonymous: z.boolean(),
    audience: Audience,
    opensAt: Iso.nullable(), closesAt: Iso.nullable(), openedAt: Iso, closedAt: Iso,
    versions: z.array(z.object({
      version: z.number().int().min(1), sha256: Hex64, publishedAt: Iso, responses: z.number().int().min(0),
      /** the definition as published (lib/questionnaire/definition.ts): kept as signed, not re-read here */
      definition: z.record(z.string(), z.unknown()),
    })),
    responses: z.number().int().min(0),
    results: z.array(z.discriminatedUnion('kind', [
      z.object({ ...ResultBase, kind: z.enum(['single', 'multiple']), options: z.array(z.object({ id: z.string(), label: z.string(), count: z.number().int().min(0) })) }),
      z.object({
        ...ResultBase, kind: z.literal('rating'), mean: z.number().nullable(),
        distribution: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
      }),
      z.object({
        ...ResultBase, kind: z.literal('ranking'),
        options: z.array(z.object({ id: z.string(), label: z.string(), borda: z.number().int(), meanRank: z.number().nullable(), places: z.array(z.number().int()) })),
      }),
      z.object({ ...ResultBase, kind: z.literal('text'), answersCommitment: Commitment }),
    ])),
    summary: z.object({ text: z.string(), publishedAt: Iso }),
  }).optional(),
};
type QuestionnaireRecord = { [K in keyof typeof questionnaireRecordShape]: z.infer<(typeof questionnaireRecordShape)[K]> };

/** What the record needs of a questionnaire beyond the log: read from its tables (lib/questionnaire/service.ts `recordSource`). */
export type QuestionnaireRecordSource = {
  settings: QuestionnaireSettings;
  versions: { version: number; sha256: string; definition: Definition; responses: number }[];
  responses: number;
  questions: QuestionResult[];
};

export const questionnaireRecord: RecordPart<QuestionnaireRecord> = {
  section(s, { commit, questionnaire: q }) {
    const life = s.questionnaire;
    if (!life || !q) return {};
    return {
      questionnaire: {
        anonymous: q.settings.anonymous, audience: q.settings.audience, opensAt: q.settings.opensAt, closesAt: q.settings.closesAt,
        openedAt: life.openedAt ?? s.startedAt ?? s.closedAt!, closedAt: life.closedAt ?? s.closedAt!,
        versions: q.versions.map((v) => ({
          version: v.version, sha256: v.sha256, publishedAt: life.versions.find((x) => x.version === v.version)?.at ?? life.openedAt!,
          responses: v.responses, definition: v.definition,
        })),
        responses: q.responses,
        results: q.questions.map((r) => {
          if (r.kind !== 'text') return r;
          const { answers, ...rest } = r;
          return { ...rest, answersCommitment: commit(canonicalJson(answers)) };
        }),
        summary: { text: life.summary?.text ?? '', publishedAt: life.summary?.at ?? s.closedAt! },
      },
    };
  },
  // Residents are never seats of a questionnaire's section.
  seatRefs: () => [],
};
