import { z } from 'zod';
import { fillMessage, type MessageParams } from '../i18n/format';
import { meetingZhCN } from '../i18n/messages/meeting.zh-CN';
import { outcomeSentence } from '../voting/outcome';
import { MajorityRule } from '../voting/schemas';

/**
 * Facts the server writes into the minutes: the header, each agenda item's section heading, the
 * attendance at opening, each closed poll and the speakers of each item. Recorders write around them;
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
  /** the audience's answered questions of an item (or of none: `itemId` null); `name` null: asked anonymously */
  z.object({
    kind: z.literal('questions'), itemId: z.string().nullable(),
    questions: z.array(z.object({ text: z.string(), name: z.string().nullable(), votes: z.number().int(), movedTo: z.enum(['agenda', 'speakers']).optional() })),
  }),
  /** a hearing's turn (听证笔录): who spoke, in what role and for which side, when and how long; the speaker's confirmation and corrections */
  z.object({
    kind: z.literal('hearingTurn'), turnId: z.string(), stage: z.string(), speaker: z.string(), role: z.string(), stake: z.string().nullable(),
    startedAt: z.string(), durationSec: z.number().int().nullable(), confirmed: z.boolean(), corrections: z.array(z.string()),
  }),
  /** a hearing's result: the convener's decision and its reasons */
  z.object({ kind: z.literal('hearingResult'), decision: z.string(), reasons: z.string() }),
  /** an open space: its sessions where and when, with their hosts, how many took part and their dots; what was agreed */
  z.object({
    kind: z.literal('openSpace'), theme: z.string(), dotsPerPerson: z.number().int(),
    sessions: z.array(z.object({ title: z.string(), host: z.string(), slot: z.string().nullable(), room: z.string().nullable(), participants: z.number().int(), dots: z.number().int() })),
    consensus: z.array(z.string()),
  }),
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
    case 'questions': return `questions:${f.itemId ?? ''}`;
    case 'openSpace': return 'openSpace';
    case 'hearingTurn': return `turn:${f.turnId}`;
    case 'hearingResult': return 'hearingResult';
  }
}

// The minutes are a Chinese document of record; their fixed words are zh-CN whatever the UI language.
const LEVEL: Record<string, string> = { compound: '小区协商', grid: '网格协商', community: '社区协商' };
const TYPE: Record<string, string> = { decision: '决策型', coordination: '协调型', advisory: '咨询型', supervision: '监督型' };
const FORM: Record<string, string> = {
  council: '居民议事会', open_space: '开放空间', hearing: '决策听证', dialogue: '民主恳谈', expert: '专家咨询',
  evaluation: '民主评议', new_media: '新兴媒体协商', written: '书面征询', visit: '走访约谈', questionnaire: '问卷式协商',
};
const OPTION: Record<string, string> = { yes: '赞成', no: '反对', abstain: '弃权' };
const HEARING_STAGE: Record<string, string> = {
  discipline: '主持人宣布纪律', explanation: '事项说明', representatives: '听证代表发言', questioning: '询问与回应', final: '最后陈述', summary: '主持人总结',
};
const HEARING_ROLE: Record<string, string> = { statement: '陈述人', representative: '听证代表', attendee: '列席', host: '主持人', proposer: '事项提出方' };
const HEARING_STAKE: Record<string, string> = { support: '支持', oppose: '反对', other: '其他意见' };
const STANCE: Record<string, string> = { support: '支持', oppose: '反对', neutral: '中立', procedural: '程序问题' };
// The minutes are written in Chinese whatever the reader's language, and the editor renders facts in
// the browser too: only the meeting area of the zh catalogue, not both whole catalogues.
const zh = (key: keyof typeof meetingZhCN, params?: MessageParams) => fillMessage(meetingZhCN[key], params);

const time = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
const duration = (s: number) => `${Math.floor(s / 60)}分${String(s % 60).padStart(2, '0')}秒`;

/** A fact as a title and lines of text: the one rendering that HTML, Markdown and the editor's view share. */
export function factLines(f: FactData): { title: string; lines: string[] } {
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
    case 'questions':
      return {
        title: '现场提问（已回答）',
        lines: f.questions.map((q, i) => `${i + 1}. ${q.text}（${q.name ?? '匿名'}，附议 ${q.votes}${q.movedTo ? `，${q.movedTo === 'agenda' ? '转为议题' : '提问人已发言'}` : ''}）`),
      };
    case 'hearingTurn':
      return {
        title: `${HEARING_STAGE[f.stage] ?? f.stage}：${f.speaker}（${HEARING_ROLE[f.role] ?? f.role}${f.stake ? `，${HEARING_STAKE[f.stake] ?? f.stake}` : ''}）`,
        lines: [
          `开始：${time(f.startedAt)}${f.durationSec !== null ? `，用时 ${duration(f.durationSec)}` : ''}`,
          ...f.corrections.map((c) => `本人更正：${c}`),
          ...(f.confirmed ? ['本人已确认笔录。'] : []),
        ],
      };
    case 'hearingResult':
      return { title: '听证结果', lines: [`决定：${f.decision}`, `理由：${f.reasons}`] };
    case 'openSpace':
      return {
        title: `开放空间：${f.theme}`,
        lines: [
          ...(f.sessions.length
            ? f.sessions.map((x, i) => `${i + 1}. ${x.slot && x.room ? `${x.slot} · ${x.room}：` : ''}${x.title}（发起人：${x.host}），参加 ${x.participants} 人，得 ${x.dots} 点。`)
            : ['没有提出议题。']),
          `每人 ${f.dotsPerPerson} 点。`,
          ...(f.consensus.length ? ['达成共识：', ...f.consensus.map((c, i) => `（${i + 1}）${c}`)] : ['未确认共识。']),
        ],
      };
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
