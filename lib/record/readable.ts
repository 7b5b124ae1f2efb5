import type { MeetingRecord, MeetingRecordV1, RecordSpeakerV1 } from './format';

/**
 * A record of either format in the one shape the pages and the PDF show: names are display strings.
 * Format 1 carries names in clear. Format 2 carries commitments: with the opened disclosures (staff of
 * the area) a seat shows its name, without them (the public) its pseudonym 成员 N; the minutes' text is
 * there only when disclosed.
 */
export type ReadableRecord = Omit<MeetingRecordV1, 'format' | 'minutes'> & {
  format: MeetingRecord['format'];
  minutes: { html: string | null; markdown: string | null; yjsStateSha256: string };
  names: 'clear' | 'disclosed' | 'pseudonyms';
};
export type ReadablePoll = ReadableRecord['polls'][number];
export type ReadableSpeaker = RecordSpeakerV1;

/**
 * `opened`: commitment → value, from `openCommitments` (only values the signed record vouches for);
 * null for the public view. `pseudonym` words the seat number in the reader's language.
 */
export function readableRecord(record: MeetingRecord, opened: ReadonlyMap<string, string> | null, pseudonym: (member: number) => string): ReadableRecord {
  if (record.format === 'yishi.meeting-record/1') return { ...record, names: 'clear' };
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
    polls: record.polls.map((p) => ({ ...p, votes: p.votes ? p.votes.map((v) => ({ name: nameOf(v.seatId), choices: v.choices })) : null })),
    minutes: {
      html: opened?.get(record.minutes.htmlCommitment) ?? null,
      markdown: opened?.get(record.minutes.markdownCommitment) ?? null,
      yjsStateSha256: record.minutes.yjsStateSha256,
    },
    names: opened ? 'disclosed' : 'pseudonyms',
  };
}
