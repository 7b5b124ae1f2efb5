import { z } from 'zod';
import type { ExpertLifecycle } from './model';
import type { MinutesPart, Placed } from '../documents';

/**
 * An expert consultation's written opinions in the minutes, at the top: the question, who asked, and each
 * expert's latest opinion, signed (name, title, text) — a fact staff cannot edit away, shown as the sitting
 * reads them. Present once the question is accepted and an opinion has come in.
 */
export const expertFactSchemas = [
  z.object({
    kind: z.literal('expertOpinions'), question: z.string(), asker: z.string(),
    opinions: z.array(z.object({ name: z.string(), title: z.string(), text: z.string() })),
  }),
] as const;
export type ExpertFact = z.infer<(typeof expertFactSchemas)[number]>;

export const expertMinutes: MinutesPart<ExpertFact> = {
  kinds: ['expertOpinions'],
  id: () => 'expertOpinions',
  text: (f) => ({
    title: '专家书面意见',
    lines: [`咨询事项：${f.question}（提出方：${f.asker}）`, ...f.opinions.map((o, i) => `${i + 1}. ${o.name}：《${o.title}》${o.text}`)],
  }),
};

export function expertFacts(e: ExpertLifecycle | null): Placed<ExpertFact>[] {
  if (!e?.acceptance?.accepted || e.opinions.length === 0) return [];
  return [{
    section: 'top',
    fact: { kind: 'expertOpinions', question: e.question, asker: e.asker.name, opinions: e.opinions.map((o) => ({ name: o.expertName, title: o.title, text: o.text })) },
  }];
}
