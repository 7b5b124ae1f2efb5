import { z } from 'zod';
import { zhDuration, zhTime, type MinutesPart, type Placed } from '../documents';
import type { Hearing } from './model';

export const hearingFactSchemas = [
  /** a hearing's turn (听证笔录): who spoke, in what role and for which side, when and how long; the speaker's confirmation and corrections */
  z.object({
    kind: z.literal('hearingTurn'), turnId: z.string(), stage: z.string(), speaker: z.string(), role: z.string(), stake: z.string().nullable(),
    startedAt: z.string(), durationSec: z.number().int().nullable(), confirmed: z.boolean(), corrections: z.array(z.string()),
  }),
  /** a hearing's result: the convener's decision and its reasons */
  z.object({ kind: z.literal('hearingResult'), decision: z.string(), reasons: z.string() }),
] as const;
export type HearingFact = z.infer<(typeof hearingFactSchemas)[number]>;

const STAGE: Record<string, string> = {
  discipline: '主持人宣布纪律', explanation: '事项说明', representatives: '听证代表发言', questioning: '询问与回应', final: '最后陈述', summary: '主持人总结',
};
const ROLE: Record<string, string> = { statement: '陈述人', representative: '听证代表', attendee: '列席', host: '主持人', proposer: '事项提出方' };
const STAKE: Record<string, string> = { support: '支持', oppose: '反对', other: '其他意见' };

export const hearingMinutes: MinutesPart<HearingFact> = {
  kinds: ['hearingTurn', 'hearingResult'],
  id: (f) => (f.kind === 'hearingTurn' ? `turn:${f.turnId}` : 'hearingResult'),
  text: (f) => (f.kind === 'hearingTurn'
    ? {
      title: `${STAGE[f.stage] ?? f.stage}：${f.speaker}（${ROLE[f.role] ?? f.role}${f.stake ? `，${STAKE[f.stake] ?? f.stake}` : ''}）`,
      lines: [
        `开始：${zhTime(f.startedAt)}${f.durationSec !== null ? `，用时 ${zhDuration(f.durationSec)}` : ''}`,
        ...f.corrections.map((c) => `本人更正：${c}`),
        ...(f.confirmed ? ['本人已确认笔录。'] : []),
      ],
    }
    : { title: '听证结果', lines: [`决定：${f.decision}`, `理由：${f.reasons}`] }),
};

/** A hearing's transcript at the top: a section per turn for the recorder to fill under it, then the result. */
export function hearingFacts(h: Hearing | null): Placed<HearingFact>[] {
  if (!h) return [];
  return [
    ...h.turns.map((x): Placed<HearingFact> => ({
      section: 'top',
      fact: {
        kind: 'hearingTurn', turnId: x.id, stage: x.stage, speaker: x.speaker, role: x.role, stake: x.stake, startedAt: x.startedAt,
        durationSec: x.durationSec, confirmed: x.confirmedAt !== null, corrections: x.corrections.map((c) => c.text),
      },
    })),
    ...(h.result ? [{ section: 'top', fact: { kind: 'hearingResult', decision: h.result.decision, reasons: h.result.reasons } } as const] : []),
  ];
}
