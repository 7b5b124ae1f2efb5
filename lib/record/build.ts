import type { MeetingState } from '../meeting/state';
import type { SpeakRequest } from '../meeting/speaking-queue';
import { RECORD_FORMAT, MeetingRecord, type RecordSpeaker } from './format';

/** Everything the record needs beyond the meeting's folded state, read by the caller. */
export type RecordSources = {
  recordId: string;
  state: MeetingState;
  community: { id: string; name: string; street: string; district: string };
  announcedAt: string | null;
  signers: MeetingRecord['signers'];
  /** named polls' ballots: pollId → seatId → choices */
  namedBallots: Map<string, Map<string, string[]>>;
  minutes: { html: string; markdown: string; yjsStateSha256: string };
  eventLog: MeetingRecord['eventLog'];
  chain: MeetingRecord['chain'];
  frozenAt: string;
};

function speakerLine(r: SpeakRequest): RecordSpeaker | null {
  if (r.status !== 'done' || !r.startedAt || !r.endedAt) return null;
  const durationSec = Math.max(0, Math.round((Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000));
  return { name: r.name, stance: r.stance, startedAt: r.startedAt, endedAt: r.endedAt, durationSec };
}

/**
 * The record of a closed meeting, built from its authoritative (unprojected) state. Only speakers who
 * had the floor and only polls that were opened are part of it; drafts never happened.
 */
export function buildRecord(src: RecordSources): MeetingRecord {
  const s = src.state;
  if (s.status !== 'closed' || !s.closedAt) throw new Error('Only a closed meeting has a record');
  const seatName = new Map(s.seats.map((seat) => [seat.id, seat.name]));
  const spoke = (itemId: string | null) =>
    s.speakers.filter((r) => r.itemId === itemId).map(speakerLine).filter((x): x is RecordSpeaker => x !== null);
  const polls = s.polls.filter((p) => p.status === 'closed');

  return MeetingRecord.parse({
    format: RECORD_FORMAT,
    recordId: src.recordId,
    meetingId: s.meetingId,
    community: src.community,
    meeting: {
      title: s.title, level: s.level, type: s.type, form: s.form, venue: s.venue,
      convener: s.convenerName,
      recorders: src.signers.filter((x) => x.role === 'recorder').map((x) => x.name),
      scheduledAt: s.scheduledAt, announcedAt: src.announcedAt, startedAt: s.startedAt, closedAt: s.closedAt,
      quorumRule: s.quorumRule,
    },
    roster: s.seats.map((seat) => ({ seatId: seat.id, name: seat.name, kind: seat.kind, canVote: seat.canVote })),
    attendance: Object.entries(s.attendance)
      .map(([seatId, a]) => ({ seatId, name: seatName.get(seatId) ?? '', mode: a.mode, checkedInAt: a.at }))
      .sort((a, b) => a.checkedInAt.localeCompare(b.checkedInAt) || a.seatId.localeCompare(b.seatId)),
    agenda: s.agenda.map((a) => ({ id: a.id, title: a.title, notes: a.notes, status: a.status, speakers: spoke(a.id) })),
    otherSpeakers: spoke(null),
    polls: polls.map((p) => ({
      id: p.id, itemId: p.itemId, question: p.question, kind: p.kind, options: p.options, maxChoices: p.maxChoices,
      secret: p.secret, rule: p.rule, quorumAtOpen: p.quorumAtOpen, overrideReason: p.overrideReason,
      openedAt: p.openedAt, closedAt: p.closedAt, voted: p.voted, tally: p.tally ?? {}, outcome: p.outcome,
      votes: p.secret
        ? null
        : [...(src.namedBallots.get(p.id) ?? new Map<string, string[]>())]
            .map(([seatId, choices]) => ({ name: seatName.get(seatId) ?? seatId, choices }))
            .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    })),
    decisions: polls
      .filter((p) => p.outcome?.result === 'passed')
      .map((p) => ({ pollId: p.id, itemId: p.itemId, question: p.question, winners: p.outcome!.winners })),
    minutes: src.minutes,
    eventLog: src.eventLog,
    signers: src.signers,
    chain: src.chain,
    frozenAt: src.frozenAt,
  });
}
