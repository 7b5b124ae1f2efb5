import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { quorumPresets, quorumStatus } from '../meeting/quorum';
import { foldEvents, loggedActor, presentVoters, votingMembers, type MeetingEvent, type MeetingState, type NewEvent } from '../meeting/state';
import type { Stance } from '../meeting/model';
import { expectedFacts } from '../minutes/expected-facts';
import { minutesHTML, minutesJSON, minutesMarkdown } from '../minutes/export';
import { reconcileFacts } from '../minutes/reconcile';
import { MINUTES_FIELD, minutesSchema } from '../minutes/schema';
import { computeOutcome, majorityPresets, MOTION_OPTIONS, type MajorityRule, type PollKind, type Tally } from '../voting/outcome';
import { buildRecord, type RecordSources } from './build';
import { canonicalJson } from './canonical';
import type { Disclosure } from './disclosure';
import type { MeetingRecordV2 } from './format';
import { commitValue, sha256Hex } from './node-crypto';
import { readableRecord, type ReadableRecord } from './readable';

/**
 * Synthetic closed meetings for the record's tests and for bench/record.ts: an event log folded the way
 * the hub folds it, the named ballots the database would hold, and a minutes document built through the
 * minutes schema (the server's fact blocks plus recorders' text, lists and tables). Deterministic: the
 * same size gives the same meeting, so PDF output and timings are comparable between runs.
 */

export type SyntheticSize = {
  /** voting seats; one non-voting guest is added per 20 */
  seats: number;
  agendaItems: number;
  speeches: number;
  polls: number;
  /** words of recorders' text (a Chinese word is a 词 of one to three characters) */
  minutesWords: number;
};

export type SyntheticMeeting = {
  meetingId: string;
  events: MeetingEvent[];
  state: MeetingState;
  namedBallots: Map<string, Map<string, string[]>>;
  minutes: Y.Doc;
  community: RecordSources['community'];
  signers: MeetingRecordV2['signers'];
};

export const SMALL_MEETING: SyntheticSize = { seats: 12, agendaItems: 3, speeches: 8, polls: 2, minutesWords: 600 };
export const THREE_HOUR_MEETING: SyntheticSize = { seats: 57, agendaItems: 50, speeches: 150, polls: 40, minutesWords: 30_000 };

/** 2025-06-14 09:00 in Asia/Shanghai. */
const START = Date.parse('2025-06-14T01:00:00.000Z');

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['建国', '秀英', '桂兰', '志强', '丽华', '海燕', '国华', '玉梅', '文斌', '晓明', '淑珍', '德胜', '红梅', '永刚', '春生', '雪梅', '俊杰', '婷婷', '子涵', '浩然', '思远', '嘉怡', '明轩', '欣怡', '宇航', '梓萱', '金凤', '卫东', '凤英', '家乐'];
const ITEM_TOPICS = ['老旧小区加装电梯', '地下车库停车位分配', '垃圾分类投放点调整', '公共绿地改造方案', '楼道堆物清理', '维修基金使用', '社区食堂运营', '夜间噪声管理', '电动车集中充电棚', '儿童游乐设施更新', '物业服务费调整', '雨污分流改造'];
const POLL_OPTIONS = [['方案甲：北侧入口', '方案乙：南侧入口', '方案丙：两侧同时'], ['按楼层分摊', '按面积分摊', '平均分摊', '政府补贴为主']];
const CN_WORDS = ['会议', '居民', '代表', '小区', '电梯', '加装', '费用', '分摊', '物业', '公司', '业主', '委员会', '表决', '通过', '讨论', '意见', '方案',
  '社区', '街道', '安全', '绿化', '垃圾', '分类', '停车', '问题', '建议', '同意', '反对', '的', '了', '在', '和', '对', '将', '需要', '进一步',
  '核实', '协调', '施工', '时间', '预算', '资金', '来源', '维修', '基金', '使用', '情况', '说明', '我们', '认为', '可以', '应当', '楼栋', '长'];
const EN_WORDS = ['WiFi', 'App', 'PPT', 'budget', 'phase', 'QR', 'code', 'online', 'plan', 'B'];

export const personName = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length + i) % GIVEN.length]}`;

/** A sentence of `n` words, mostly Chinese with the odd English term, as recorders type them. */
function sentence(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) {
    const en = rand() < 0.05;
    const w = en ? EN_WORDS[Math.floor(rand() * EN_WORDS.length)]! : CN_WORDS[Math.floor(rand() * CN_WORDS.length)]!;
    s += en ? ` ${w} ` : w;
    if (i < n - 1 && rand() < 0.08) s += '，';
  }
  return `${s.trim()}。`;
}

const text = (t: string): JSONContent => ({ type: 'text', text: t });
const paragraph = (t: string): JSONContent => ({ type: 'paragraph', content: [text(t)] });

/** Recorders' notes for one agenda item: about `words` words in paragraphs, a list now and then, a table once in a while. */
function recorderNotes(rand: () => number, words: number, itemNo: number): JSONContent[] {
  const out: JSONContent[] = [];
  let left = words;
  let block = 0;
  while (left > 0) {
    const kind = block++ % 7;
    if (kind === 3) {
      const items = Array.from({ length: 3 }, () => sentence(rand, 8));
      out.push({ type: 'bulletList', content: items.map((t) => ({ type: 'listItem', content: [paragraph(t)] })) });
      left -= 24;
    } else if (kind === 5 && itemNo % 4 === 0) {
      const row = (cells: string[], header: boolean): JSONContent => ({
        type: 'tableRow',
        content: cells.map((c) => ({ type: header ? 'tableHeader' : 'tableCell', content: [paragraph(c)] })),
      });
      out.push({
        type: 'table',
        content: [row(['事项', '责任人', '完成时间'], true), row(['现场勘查', personName(itemNo), '两周内'], false), row(['报价比选', '物业公司', '一个月内'], false)],
      });
      left -= 12;
    } else {
      const n = Math.min(left, 40 + Math.floor(rand() * 60));
      const sentences: string[] = [];
      for (let k = n; k > 0; k -= 15) sentences.push(sentence(rand, Math.min(15, k)));
      out.push(paragraph(sentences.join('')));
      left -= n;
    }
  }
  return out;
}

/** A closed meeting of the given size: event log, folded state, named ballots and minutes. */
export function syntheticMeeting(size: SyntheticSize, seed = 1): SyntheticMeeting {
  const rand = mulberry32(seed);
  const meetingId = `meeting-synthetic-${seed}`;
  const guests = Math.floor(size.seats / 20);
  const seats = [
    ...Array.from({ length: size.seats }, (_, i) => ({ id: `seat-${i + 1}`, name: personName(i), kind: 'council', canVote: true })),
    ...Array.from({ length: guests }, (_, i) => ({ id: `guest-${i + 1}`, name: `${personName(i + 200)}（街道）`, kind: 'guest', canVote: false })),
  ];
  const items = Array.from({ length: size.agendaItems }, (_, i) => ({
    id: `item-${i + 1}`,
    title: `${ITEM_TOPICS[i % ITEM_TOPICS.length]}${i >= ITEM_TOPICS.length ? `（续${Math.floor(i / ITEM_TOPICS.length)}）` : ''}`,
  }));

  const events: MeetingEvent[] = [];
  let clock = START - 7 * 24 * 3600_000;
  const emit = (e: NewEvent, advanceSec = 5) => {
    clock += advanceSec * 1000;
    events.push({ ...e, seq: events.length + 1, at: new Date(clock).toISOString(), actor: loggedActor(e, '主持人') } as MeetingEvent);
  };

  emit({
    type: 'meeting.created',
    data: {
      title: '2025年第二次居民议事会', level: 'community', type: 'decision', form: 'council', venue: '幸福里社区党群服务中心三楼会议室',
      scheduledAt: new Date(START).toISOString(), convenerName: '周卫东', communityName: '幸福里社区', joinCode: 'XFL625',
      livestreamUrl: null, quorumRule: quorumPresets.more_than_half, seats, status: 'draft',
    },
  });
  for (const item of items) emit({ type: 'agenda.added', data: { id: item.id, title: item.title, notes: `由${personName(items.indexOf(item) + 3)}等居民提出。`, speakLimitSec: 180 } });
  emit({ type: 'meeting.statusChanged', data: { status: 'announced' } });
  clock = START - 20 * 60_000;
  for (const seat of seats) {
    if (rand() < 0.1) continue; // a tenth stay away
    emit({ type: 'attendance.checkedIn', data: { seatId: seat.id, mode: rand() < 0.8 ? 'hall' : 'remote' } }, 10 + Math.floor(rand() * 20));
  }
  clock = Math.max(clock, START);
  emit({ type: 'meeting.statusChanged', data: { status: 'live' } });

  let state = foldEvents(meetingId, events);
  const present = seats.filter((s) => s.canVote && state.attendance[s.id]);
  const namedBallots = new Map<string, Map<string, string[]>>();
  const stances: Stance[] = ['support', 'support', 'oppose', 'neutral', 'procedural'];
  const rules: MajorityRule[] = [majorityPresets.simple_majority, majorityPresets.half_of_present, majorityPresets.two_thirds_of_present];

  let speech = 0;
  let pollNo = 0;
  for (const [i, item] of items.entries()) {
    emit({ type: 'agenda.started', data: { itemId: item.id } }, 30);
    const speeches = Math.floor(((i + 1) * size.speeches) / items.length) - Math.floor((i * size.speeches) / items.length);
    for (let k = 0; k < speeches; k++, speech++) {
      const seat = present[Math.floor(rand() * present.length)]!;
      const id = `req-${speech + 1}`;
      emit({ type: 'speaker.requested', data: { id, itemId: item.id, seatId: seat.id, name: seat.name, stance: stances[speech % stances.length]!, limitSec: 180 } }, 10);
      emit({ type: 'speaker.granted', data: { id } }, 5);
      emit({ type: 'speaker.ended', data: { id } }, 40 + Math.floor(rand() * 120));
    }
    const polls = Math.floor(((i + 1) * size.polls) / items.length) - Math.floor((i * size.polls) / items.length);
    for (let k = 0; k < polls; k++, pollNo++) {
      const pollId = `poll-${pollNo + 1}`;
      const kind: PollKind = pollNo % 5 === 3 ? 'single' : pollNo % 5 === 4 ? 'multiple' : 'motion';
      const options = kind === 'motion' ? [...MOTION_OPTIONS] : POLL_OPTIONS[pollNo % 2]!;
      const maxChoices = kind === 'multiple' ? 2 : 1;
      const secret = pollNo % 2 === 1;
      const rule = rules[pollNo % rules.length]!;
      emit({
        type: 'poll.created',
        data: { id: pollId, itemId: item.id, question: kind === 'motion' ? `是否同意${item.title}的实施方案？` : `${item.title}：请选择方案`, kind, options, maxChoices, secret, resultsVisibility: 'live', rule },
      }, 20);
      state = foldEvents(meetingId, events);
      const members = votingMembers(state);
      const presentNow = presentVoters(state);
      emit({ type: 'poll.opened', data: { pollId, quorum: quorumStatus(state.quorumRule, presentNow, members), overrideReason: null } }, 5);
      const tally: Tally = Object.fromEntries(options.map((o) => [o, 0]));
      const ballots = new Map<string, string[]>();
      for (const seat of present) {
        if (rand() < 0.05) continue;
        const r = rand();
        const choices = kind === 'motion'
          ? [r < 0.7 ? 'yes' : r < 0.88 ? 'no' : 'abstain']
          : kind === 'single' ? [options[Math.floor(r * options.length)]!]
          : [...new Set([options[Math.floor(r * options.length)]!, options[Math.floor(rand() * options.length)]!])];
        for (const c of choices) tally[c] = (tally[c] ?? 0) + 1;
        ballots.set(seat.id, choices);
        emit({ type: 'poll.ballot', data: { pollId, voted: ballots.size, ...(secret ? {} : { tally: { ...tally }, seatId: seat.id }) } }, 1);
      }
      if (!secret) namedBallots.set(pollId, ballots);
      const outcome = computeOutcome({ kind, options, rule, tally, ballots: ballots.size, present: presentNow, members });
      emit({ type: 'poll.closed', data: { pollId, voted: ballots.size, tally, outcome } }, 10);
    }
    emit({ type: 'agenda.finished', data: { itemId: item.id } }, 15);
  }
  emit({ type: 'meeting.statusChanged', data: { status: 'closed' } }, 60);
  state = foldEvents(meetingId, events);

  const recorders = ['林晓明', '陈雪梅'];
  const minutes = minutesDoc(state, recorders, size, rand);
  return {
    meetingId, events, state, namedBallots, minutes,
    community: { id: 'community-xfl', name: '幸福里社区', street: '新都街道', district: '新都区' },
    signers: [
      { role: 'convener', staffId: 'staff-convener', name: state.convenerName },
      ...recorders.map((name, i) => ({ role: 'recorder' as const, staffId: `staff-recorder-${i + 1}`, name })),
    ],
  };
}

/** The template the server writes (fact blocks), with recorders' notes under each item's heading. */
function minutesDoc(state: MeetingState, recorders: string[], size: SyntheticSize, rand: () => number): Y.Doc {
  const template = new Y.Doc();
  reconcileFacts(template, expectedFacts(state, recorders, new Date(state.closedAt!)));
  const content = minutesJSON(template).content ?? [];
  const perItem = Math.ceil(size.minutesWords / Math.max(1, state.agenda.length));
  const filled: JSONContent[] = [paragraph('会议由召集人主持，宣布会议议程和表决规则，记录人员负责记录。')];
  let itemNo = 0;
  for (const node of content) {
    filled.push(node);
    const factId = String(node.attrs?.factId ?? '');
    if (node.type === 'factBlock' && factId.startsWith('item:')) filled.push(...recorderNotes(rand, perItem, ++itemNo));
  }
  filled.push({ type: 'heading', attrs: { level: 2 }, content: [text('会后事项')] });
  filled.push({ type: 'orderedList', attrs: { start: 1 }, content: ['整理会议纪要并在公示栏公示七天。', '将表决结果报街道备案。'].map((t) => ({ type: 'listItem', content: [paragraph(t)] })) });
  const doc = new Y.Doc();
  doc.clientID = 1; // Yjs picks a random client id; a fixed one keeps the state (and its hash) repeatable
  prosemirrorJSONToYXmlFragment(minutesSchema(), { type: 'doc', content: filled }, doc.getXmlFragment(MINUTES_FIELD));
  return doc;
}

/** What the server hashes for the event log: canonical JSON of the stored events' fields. */
export function eventLogSha256(events: readonly MeetingEvent[]): string {
  return sha256Hex(canonicalJson(events.map(({ seq, type, data, at, actor }) => ({ seq, type, data, at, actor }))));
}

/** A frozen record of a synthetic meeting and its disclosures, built as the record service builds them. */
export function syntheticRecord(size: SyntheticSize = SMALL_MEETING, seed = 1): { record: MeetingRecordV2; disclosures: Disclosure[] } {
  const m = syntheticMeeting(size, seed);
  const json = minutesJSON(m.minutes);
  return buildRecord({
    commit: commitValue,
    recordId: `record-synthetic-${seed}`,
    state: m.state,
    community: m.community,
    announcedAt: m.events.find((e) => e.type === 'meeting.statusChanged' && e.data.status === 'announced')?.at ?? null,
    signers: m.signers,
    namedBallots: m.namedBallots,
    minutes: { html: minutesHTML(json), markdown: minutesMarkdown(json), yjsStateSha256: sha256Hex(Y.encodeStateAsUpdate(m.minutes)) },
    eventLog: { events: m.events.length, lastSeq: m.events.at(-1)!.seq, sha256: eventLogSha256(m.events) },
    chain: { communityId: m.community.id, seq: 3, previousRecordHash: sha256Hex('record 2') },
    frozenAt: new Date(Date.parse(m.state.closedAt!) + 5 * 60_000).toISOString(),
  });
}

/**
 * A record as a reader sees it: with every disclosure opened (staff of the area) or with seat pseudonyms
 * (the public). Disclosures are opened here by hashing each, as `openCommitments` does, synchronously.
 */
export function readableOf(frozen: { record: MeetingRecordV2; disclosures: readonly Disclosure[] }, names: 'disclosed' | 'pseudonyms'): ReadableRecord {
  const opened = names === 'disclosed' ? new Map(frozen.disclosures.map((d) => [sha256Hex(canonicalJson(d)), d[1]])) : null;
  return readableRecord(frozen.record, opened, (n) => `成员 ${n}`);
}
