import { z } from 'zod';
import { fillMessage, type MessageParams } from '../i18n/format';
import { meetingZhCN } from '../i18n/messages/meeting.zh-CN';
import { outcomeSentence } from '../voting/outcome';
import { MajorityRule } from '../voting/schemas';
import { zhDuration as duration, zhTime as time, type FactText, type MinutesPart } from '../meeting/procedure/documents';
import { hearingFactSchemas, hearingMinutes } from '../meeting/procedure/hearing/minutes';
import { openSpaceFactSchemas, openSpaceMinutes } from '../meeting/procedure/openspace/minutes';
import { qaFactSchemas, qaMinutes } from '../meeting/procedure/qa/minutes';
import { expertFactSchemas, expertMinutes } from '../meeting/procedure/expert/minutes';

/**
 * Facts the server writes into the minutes: the header, each agenda item's section heading, the
 * attendance at opening, each closed poll and the speakers of each item, and the facts of the parts that
 * have their own (answered questions, an open space, a hearing's transcript). Recorders write around them;
 * their content belongs to the server (lib/minutes/writer.ts restores any change a client makes).
 * Each is a `factBlock` node whose `data` attribute is the JSON below, validated on every read.
 */
export const FactData = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('header'), title: z.string(), community: z.string(), level: z.string(), type: z.string(), form: z.string(),
    scheduledAt: z.string(), startedAt: z.string().nullable(), venue: z.string(), convener: z.string(), recorders: z.array(z.string()),
  }),
  z.object({ kind: z.literal('item'), itemId: z.string(), index: z.number().int(), title: z.string() }),
  z.object({
    kind: z.literal('attendance'), at: z.string(), members: z.number().int(), hall: z.number().int(), remote: z.number().int(),
    required: z.number().int(), met: z.boolean(),
  }),
  z.object({
    kind: z.literal('poll'), pollId: z.string(), question: z.string(), pollKind: z.string(), secret: z.boolean(), rule: MajorityRule,
    options: z.array(z.string()), tally: z.record(z.string(), z.number()), voted: z.number().int(),
    result: z.enum(['passed', 'failed']), support: z.number(), required: z.number(), denominator: z.number(), winners: z.array(z.string()),
    /** a passed motion's decision sentence; paper ballots and staff-entered ballots, already in the tally */
    decision: z.string().optional(), paperBallots: z.number().int().optional(), staffEntered: z.number().int().optional(),
  }),
  z.object({
    kind: z.literal('speakers'), itemId: z.string(),
    speakers: z.array(z.object({ name: z.string(), stance: z.string(), seconds: z.number().int() })),
  }),
  // The parts' own facts (lib/meeting/procedure/<part>/minutes.ts).
  ...qaFactSchemas,
  ...hearingFactSchemas,
  ...openSpaceFactSchemas,
  ...expertFactSchemas,
]);
export type FactData = z.infer<typeof FactData>;

/** Stable id of a fact in the document: one header, one section and one speakers list per item, one block per poll. */
export function factId(f: FactData): string {
  switch (f.kind) {
    case 'header': return 'header';
    case 'attendance': return 'attendance';
    case 'item': return `item:${f.itemId}`;
    case 'speakers': return `speakers:${f.itemId}`;
    case 'poll': return `poll:${f.pollId}`;
    default: return partOf(f).id(f);
  }
}

/** The parts that write their own facts, by kind. */
const parts: MinutesPart<never>[] = [qaMinutes, openSpaceMinutes, hearingMinutes, expertMinutes] as MinutesPart<never>[];
const partByKind = new Map(parts.flatMap((p) => p.kinds.map((k) => [k as string, p])));
// Each part's functions take its own facts; the kind picked the part.
const partOf = (f: FactData) => partByKind.get(f.kind) as unknown as MinutesPart<FactData>;

// The minutes are a Chinese document of record; their fixed words are zh-CN whatever the UI language.
const LEVEL: Record<string, string> = { compound: '小区协商', grid: '网格协商', community: '社区协商' };
const TYPE: Record<string, string> = { decision: '决策型', coordination: '协调型', advisory: '咨询型', supervision: '监督型' };
const FORM: Record<string, string> = {
  council: '居民议事会', open_space: '开放空间', hearing: '决策听证', dialogue: '民主恳谈', expert: '专家咨询',
  evaluation: '民主评议', new_media: '新兴媒体协商', written: '书面征询', visit: '走访约谈', questionnaire: '问卷式协商',
};
const OPTION: Record<string, string> = { yes: '赞成', no: '反对', abstain: '弃权' };
const STANCE: Record<string, string> = { support: '支持', oppose: '反对', neutral: '中立', procedural: '程序问题' };
// The minutes are written in Chinese whatever the reader's language, and the editor renders facts in
// the browser too: only the meeting area of the zh catalogue, not both whole catalogues.
const zh = (key: keyof typeof meetingZhCN, params?: MessageParams) => fillMessage(meetingZhCN[key], params);

/** A fact as a title and lines of text: the one rendering that HTML, Markdown and the editor's view share. */
export function factLines(f: FactData): FactText {
  switch (f.kind) {
    case 'header':
      return {
        title: f.title,
        lines: [
          `社区：${f.community}`,
          `层级：${LEVEL[f.level] ?? f.level}　类型：${TYPE[f.type] ?? f.type}　形式：${FORM[f.form] ?? f.form}`,
          `时间：${time(f.startedAt ?? f.scheduledAt)}`,
          `地点：${f.venue}`,
          `召集人：${f.convener}`,
          `记录员：${f.recorders.join('、') || '—'}`,
        ],
      };
    case 'item':
      return { title: `议题${f.index}：${f.title}`, lines: [] };
    case 'attendance':
      return {
        title: '出席情况',
        lines: [
          `应到 ${f.members} 人，实到 ${f.hall + f.remote} 人（现场 ${f.hall} 人，线上 ${f.remote} 人）。`,
          f.met ? `已达法定人数（需 ${f.required} 人）。` : `未达法定人数（需 ${f.required} 人）。`,
          `统计时间：${time(f.at)}`,
        ],
      };
    case 'poll': {
      // The rule and the outcome in the same plain words as the console, the projector and the record.
      const rule = [zh(`meeting.poll.rule.${f.rule.basis}`), zh(`meeting.poll.rule.${f.rule.threshold}`), zh(`meeting.poll.rule.abstentions.${f.rule.abstentions}`)].join('，');
      const outcome = outcomeSentence(zh, { kind: f.pollKind as 'motion', rule: f.rule }, { result: f.result, support: f.support, denominator: f.denominator });
      const counted = [
        f.paperBallots ? `其中纸质票 ${f.paperBallots} 张` : '',
        f.staffEntered ? `工作人员代录 ${f.staffEntered} 票` : '',
      ].filter(Boolean).join('，');
      return {
        title: `表决：${f.question}`,
        lines: [
          `${f.secret ? '无记名' : '记名'}投票；规则：${rule}。`,
          `计票：${f.options.map((o) => `${OPTION[o] ?? o} ${f.tally[o] ?? 0} 票`).join('，')}；共 ${f.voted} 人投票${counted ? `（${counted}）` : ''}。`,
          `结果：${f.result === 'passed' ? '通过' : '未通过'}（${outcome}）${f.winners.length && f.pollKind !== 'motion' ? `；当选：${f.winners.map((w) => OPTION[w] ?? w).join('、')}` : ''}。`,
          ...(f.decision ? [`决议：${f.decision}。`] : []),
        ],
      };
    }
    case 'speakers':
      return {
        title: '发言',
        lines: f.speakers.length
          ? f.speakers.map((s, i) => `${i + 1}. ${s.name}（${STANCE[s.stance] ?? s.stance}），${duration(s.seconds)}`)
          : ['无人发言。'],
      };
    default:
      return partOf(f).text(f);
  }
}

export function parseFactAttr(raw: unknown): FactData | null {
  try {
    const r = FactData.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
