import type { MeetingRecord, MeetingRecordV1, MeetingRecordV2, RecordSpeakerV1 } from './format';
import type { WrittenRecordSection } from '../meeting/procedure/written/record';
import type { Agreement } from '../visits/model';
import type { EvaluationRecordSection } from '../meeting/procedure/evaluation/record';
import type { ExpertRecordSection } from '../meeting/procedure/expert/record';

/**
 * A record of either format in the one shape the pages and the PDF show: names are display strings.
 * Format 1 carries names in clear. Format 2 carries commitments: with the opened disclosures (staff of
 * the area) a seat shows its name, without them (the public) its pseudonym 成员 N; the minutes' text is
 * there only when disclosed.
 */
export type ReadableRecord = Omit<MeetingRecordV1, 'format' | 'minutes' | 'attendance' | 'polls'> & {
  format: MeetingRecord['format'];
  /** `checkedInBy`: 代签到, by this staff member (format 2 since issue 10) */
  attendance: (MeetingRecordV1['attendance'][number] & { checkedInBy?: string })[];
  /** withdrawn 代签到; `reason` is null where it is not disclosed */
  undoneCheckIns: { name: string; by: string; at: string; reason: string | null }[];
  polls: ReadablePoll[];
  minutes: { html: string | null; markdown: string | null; yjsStateSha256: string };
  names: 'clear' | 'disclosed' | 'pseudonyms';
  /** answered audience questions; `asker` null: asked anonymously (issue 13) */
  questions: { id: string; itemId: string | null; text: string; asker: string | null; votes: number; movedTo?: 'agenda' | 'speakers' }[];
  /** a hearing: participants and speakers by name where known (a seat's pseudonym otherwise), the transcript, the result */
  hearing: {
    proposer: string;
    participants: { id: string; name: string | null; role: string; stake: string; summary: string }[];
    turns: { id: string; stage: string; speaker: string | null; role: string; stake: string | null; durationSec: number | null; confirmed: boolean; corrections: string[] }[];
    result: { decision: string; reasons: string } | null;
  } | null;
  /** an open space; a host without a seat whose name is not disclosed: null (issue 13) */
  openSpace: {
    theme: string; dotsPerPerson: number;
    sessions: { id: string; title: string; summary: string; host: string | null; room: string | null; slot: string | null; mergedInto: string | null; participants: number; dots: number; notes: string | null }[];
    consensus: string[];
  } | null;
  /**
   * A questionnaire's results (issue 14; absent from other records): a text question's answers only where
   * its commitment is disclosed (staff of the area), else null.
   */
  questionnaire?: {
    anonymous: boolean; responses: number; versions: { version: number; responses: number }[]; summary: string;
    results: ReadableQuestionResult[];
  };
  /** a written consultation (issue 14; absent from other records): identified by nature, shown as signed */
  written?: WrittenRecordSection;
  /**
   * A round of household visits (issue 14): each visit's household, address, who was met and where only
   * where its commitment is disclosed (staff of the area), else null; team names likewise.
   */
  visits?: {
    question: string; startedAt: string; finishedAt: string; planned: number; plannedVisited: number;
    team: { role: 'host' | 'recorder'; name: string | null }[];
    agreement: Record<Agreement, number>;
    entries: { id: string; planned: boolean; visitedAt: string; household: { household: string; address: string; metWith: string; place: string } | null; agreement: Agreement; opinion: string }[];
    conclusion: string;
  };
  /** a 民主评议 (issue 14): units, commitments and the aggregated, anonymous result table, as signed */
  evaluation?: EvaluationRecordSection;
  /** an expert consultation (issue 14; absent from other records): experts sign their opinions */
  expert?: ExpertRecordSection;
};
type RecordQuestionResult = NonNullable<MeetingRecordV2['questionnaire']>['results'][number];
export type ReadableQuestionResult =
  | Exclude<RecordQuestionResult, { kind: 'text' }>
  | { kind: 'text'; questionId: string; title: string; required: boolean; versions: number[]; respondents: number; answered: number; answers: string[] | null };
export type ReadablePoll = Omit<MeetingRecordV1['polls'][number], 'votes'> & {
  votes: { name: string; choices: string[]; staffEntered?: true }[] | null;
  /** paper ballots of a secret poll; `tellers` null where their names are not disclosed */
  paper?: { ballots: number; tellers: string[] | null; tellerCount: number };
};
export type ReadableSpeaker = RecordSpeakerV1;

/**
 * `opened`: commitment → value, from `openCommitments` (only values the signed record vouches for);
 * null for the public view. `pseudonym` words the seat number in the reader's language.
 */
export function readableRecord(record: MeetingRecord, opened: ReadonlyMap<string, string> | null, pseudonym: (member: number) => string): ReadableRecord {
  if (record.format === 'yishi.meeting-record/1') return { ...record, undoneCheckIns: [], names: 'clear', questions: [], openSpace: null, hearing: null };
  const seats = new Map(record.roster.map((s) => [s.seatId, s]));
  const nameOf = (seatId: string) => {
    const seat = seats.get(seatId);
    if (!seat) return seatId; // a seat outside the roster cannot be in a valid record; show what it says
    return opened?.get(seat.nameCommitment) ?? pseudonym(seat.member);
  };
  const speaker = ({ seatId, ...rest }: (typeof record.otherSpeakers)[number]) => ({ name: nameOf(seatId), ...rest });
  return {
    ...record,
    roster: record.roster.map((s) => ({ seatId: s.seatId, name: nameOf(s.seatId), kind: s.kind, canVote: s.canVote })),
    attendance: record.attendance.map((a) => ({ ...a, name: nameOf(a.seatId) })),
    agenda: record.agenda.map((item) => ({ ...item, speakers: item.speakers.map(speaker) })),
    otherSpeakers: record.otherSpeakers.map(speaker),
    undoneCheckIns: (record.undoneCheckIns ?? []).map((u) => ({ name: nameOf(u.seatId), by: u.by, at: u.at, reason: opened?.get(u.reasonCommitment) ?? null })),
    polls: record.polls.map(({ paper, ...p }) => ({
      ...p,
      votes: p.votes ? p.votes.map((v) => ({ name: nameOf(v.seatId), choices: v.choices, ...(v.staffEntered ? { staffEntered: v.staffEntered } : {}) })) : null,
      ...(paper ? { paper: { ballots: paper.ballots, tellers: opened ? paper.tellerCommitments.map((c) => opened.get(c) ?? '') : null, tellerCount: paper.tellerCommitments.length } } : {}),
    })),
    minutes: {
      html: opened?.get(record.minutes.htmlCommitment) ?? null,
      markdown: opened?.get(record.minutes.markdownCommitment) ?? null,
      yjsStateSha256: record.minutes.yjsStateSha256,
    },
    names: opened ? 'disclosed' : 'pseudonyms',
    questions: (record.questions ?? []).map((q) => ({
      id: q.id, itemId: q.itemId, text: q.text, asker: q.seatId ? nameOf(q.seatId) : null, votes: q.votes, ...(q.movedTo ? { movedTo: q.movedTo } : {}),
    })),
    openSpace: record.openSpace ? openSpaceOf(record.openSpace, nameOf, opened) : null,
    hearing: record.hearing ? hearingOf(record.hearing, nameOf, opened) : null,
    questionnaire: record.questionnaire ? questionnaireOf(record.questionnaire, opened) : undefined,
    written: record.written,
    expert: record.expert,
    evaluation: record.evaluation,
    visits: record.visits ? visitsOf(record.visits, opened) : undefined,
  };
}

function visitsOf(v: NonNullable<MeetingRecordV2['visits']>, opened: ReadonlyMap<string, string> | null): NonNullable<ReadableRecord['visits']> {
  return {
    question: v.question, startedAt: v.startedAt, finishedAt: v.finishedAt, planned: v.planned, plannedVisited: v.plannedVisited,
    team: v.team.map((m) => ({ role: m.role, name: opened?.get(m.nameCommitment) ?? null })),
    agreement: v.agreement,
    entries: v.entries.map((e) => {
      const disclosed = opened?.get(e.householdCommitment);
      return { id: e.id, planned: e.planned, visitedAt: e.visitedAt, household: disclosed === undefined ? null : JSON.parse(disclosed), agreement: e.agreement, opinion: e.opinion };
    }),
    conclusion: v.conclusion.text,
  };
}

function questionnaireOf(q: NonNullable<MeetingRecordV2['questionnaire']>, opened: ReadonlyMap<string, string> | null): NonNullable<ReadableRecord['questionnaire']> {
  return {
    anonymous: q.anonymous, responses: q.responses, summary: q.summary.text,
    versions: q.versions.map((v) => ({ version: v.version, responses: v.responses })),
    results: q.results.map((r): ReadableQuestionResult => {
      if (r.kind !== 'text') return r;
      const { answersCommitment, ...rest } = r;
      const disclosed = opened?.get(answersCommitment);
      return { ...rest, answers: disclosed === undefined ? null : (JSON.parse(disclosed) as string[]) };
    }),
  };
}

function hearingOf(h: NonNullable<MeetingRecordV2['hearing']>, nameOf: (seatId: string) => string, opened: ReadonlyMap<string, string> | null): ReadableRecord['hearing'] {
  const participants = h.participants.map((p) => ({
    id: p.id, name: p.seatId ? nameOf(p.seatId) : (p.nameCommitment && opened?.get(p.nameCommitment)) || null, role: p.role, stake: p.stake, summary: p.summary,
  }));
  const byId = new Map(participants.map((p) => [p.id, p]));
  return {
    proposer: h.proposer, participants,
    turns: h.turns.map((x) => ({
      id: x.id, stage: x.stage, speaker: x.participantId ? byId.get(x.participantId)?.name ?? null : x.speaker ?? null, role: x.role, stake: x.stake,
      durationSec: x.durationSec, confirmed: x.confirmedAt !== null, corrections: x.corrections.map((c) => c.text),
    })),
    result: h.result ? { decision: h.result.decision, reasons: h.result.reasons } : null,
  };
}

function openSpaceOf(os: NonNullable<MeetingRecordV2['openSpace']>, nameOf: (seatId: string) => string, opened: ReadonlyMap<string, string> | null): ReadableRecord['openSpace'] {
  const room = new Map(os.rooms.map((r) => [r.id, r.name]));
  const slot = new Map(os.slots.map((x) => [x.id, x.label]));
  return {
    theme: os.theme, dotsPerPerson: os.dotsPerPerson,
    sessions: os.sessions.map((x) => ({
      id: x.id, title: x.title, summary: x.summary,
      host: x.hostSeatId ? nameOf(x.hostSeatId) : (x.hostNameCommitment && opened?.get(x.hostNameCommitment)) || null,
      room: x.roomId ? room.get(x.roomId) ?? null : null, slot: x.slotId ? slot.get(x.slotId) ?? null : null,
      mergedInto: x.mergedInto, participants: x.participants, dots: x.dots,
      notes: (x.notesCommitment && opened?.get(x.notesCommitment)) || null,
    })),
    consensus: os.consensus.map((c) => c.text),
  };
}

/** The forms that are not a sitting (each its own part of lib/meeting/procedure): no hall, agenda or votes. */
const NOT_A_SITTING: ReadonlySet<string> = new Set(['questionnaire', 'written', 'visit', 'evaluation']);

/**
 * Whether a record shows a sitting's sections (attendance, agenda, votes, decisions). A questionnaire, a
 * written consultation, a round of visits or an evaluation has none, nor has an expert consultation
 * concluded on written opinions without ever sitting (its meeting never started): showing "应到 2 人，实到
 * 0 人" and the experts as absent would say something untrue. A meeting of those forms held as a sitting
 * before they had their own procedures (the demo's history) has them, and keeps them.
 */
export function heldAsSitting(r: Pick<ReadableRecord, 'meeting' | 'attendance' | 'agenda' | 'polls'>): boolean {
  // Someone checked in or voted: it sat, whatever its form. Planned agenda items alone do not make a sitting.
  if (r.attendance.length > 0 || r.polls.length > 0) return true;
  if (r.meeting.startedAt === null) return false;
  return !NOT_A_SITTING.has(r.meeting.form) || r.agenda.length > 0;
}
