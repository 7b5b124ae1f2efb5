// Residents' names and the minutes in a record of format 2: commitments in the signed bytes, disclosures
// beside them. The record names nobody; each disclosure opens exactly its own commitment; the reader's
// view shows seats as 成员 N without disclosures and names with them.
import { describe, expect, it } from 'vitest';
import { seatIdOf } from '../../tests/factories/meeting';
import { closedMeeting, makeFrozenRecord } from '../../tests/factories/record';
import { canonicalJson } from './canonical';
import { commitmentOf, commitmentsOf, openCommitments, type Disclosure } from './disclosure';
import { MeetingRecord } from './format';
import { nodeCrypto } from './node-crypto';
import { readableRecord } from './readable';

const seatNames = () => closedMeeting().state.seats.map((s) => s.name);
const nameOfSeat = new Map(closedMeeting().state.seats.map((s) => [s.id, s.name]));
const member = (n: number) => `成员 ${n}`;

describe('a record of format 2', () => {
  it('names no resident and holds no minutes text, and is a valid record', () => {
    const { record } = makeFrozenRecord();
    const text = canonicalJson(record);
    expect(MeetingRecord.parse(JSON.parse(text))).toEqual(record);
    expect(record.format).toBe('yishi.meeting-record/2');
    for (const name of seatNames()) expect(text).not.toContain(name);
    expect(text).not.toContain('居民代表对方案表示认可');
    // Named votes, attendance and speakers point at seats; the tallies and outcomes are public as before.
    const named = record.polls.find((p) => !p.secret)!;
    expect(named.votes!.map((v) => v.seatId).every((id) => record.roster.some((s) => s.seatId === id))).toBe(true);
    expect(named.tally).toEqual({ yes: 3, no: 1, abstain: 1 });
    expect(record.agenda[0]!.speakers[0]!.seatId).toBe(seatIdOf(2));
  });

  it('numbers seats in the random order of their commitments, not in the meeting’s order by name', () => {
    const { record } = makeFrozenRecord();
    const commitments = record.roster.map((s) => s.nameCommitment);
    expect(commitments).toEqual([...commitments].sort());
    expect(record.roster.map((s) => s.member)).toEqual(record.roster.map((_, i) => i + 1));
    // Named votes are listed by seat number, which says nothing about names.
    const votes = record.polls.find((p) => !p.secret)!.votes!.map((v) => record.roster.find((s) => s.seatId === v.seatId)!.member);
    expect(votes).toEqual([...votes].sort((a, b) => a - b));
  });

  it('commits to each name with its own 128-bit salt, so equal names do not look equal and guessing needs the salt', async () => {
    const { record, disclosures } = makeFrozenRecord();
    expect(disclosures).toHaveLength(record.roster.length + 2);
    const salts = disclosures.map(([salt]) => salt);
    expect(new Set(salts).size).toBe(salts.length);
    for (const salt of salts) expect(Buffer.from(salt, 'base64url')).toHaveLength(16);
    // Two freezes of the same meeting commit to the same names differently.
    const again = makeFrozenRecord();
    expect(again.record.roster[0]!.nameCommitment).not.toBe(record.roster[0]!.nameCommitment);
    // The commitment is SHA-256 over the canonical JSON of [salt, value].
    // (Seats are in the random order of their commitments, so look the first one's disclosure up.)
    const commitments = await Promise.all(disclosures.map((d) => commitmentOf(nodeCrypto, d)));
    expect(commitments).toContain(record.roster[0]!.nameCommitment);
  });

  it('opens each commitment with its disclosure, and refuses a disclosure with another value or salt', async () => {
    const { record, disclosures } = makeFrozenRecord();
    const { values, unmatched } = await openCommitments(nodeCrypto, record, disclosures);
    expect(unmatched).toBe(0);
    expect(values.size).toBe(commitmentsOf(record).size);
    expect(record.roster.map((s) => values.get(s.nameCommitment))).toEqual(record.roster.map((s) => nameOfSeat.get(s.seatId)));
    const [salt, name] = disclosures[0]!;
    const forged: Disclosure[] = [[salt, `${name}x`], ['A'.repeat(22), name]];
    expect(await openCommitments(nodeCrypto, record, forged)).toEqual({ values: new Map(), unmatched: 2 });
  });

  it('reads as 成员 N for the public and with names for staff who hold the disclosures', async () => {
    const { record, disclosures } = makeFrozenRecord();
    const hidden = readableRecord(record, null, member);
    expect(hidden.names).toBe('pseudonyms');
    expect(hidden.roster.map((s) => s.name)).toEqual(record.roster.map((_, i) => member(i + 1)));
    expect(hidden.agenda[0]!.speakers[0]!.name).toBe(member(record.roster.find((s) => s.seatId === seatIdOf(2))!.member));
    expect(hidden.minutes.html).toBeNull();
    for (const name of seatNames()) expect(JSON.stringify(hidden)).not.toContain(name);

    const { values } = await openCommitments(nodeCrypto, record, disclosures);
    const shown = readableRecord(record, values, member);
    expect(shown.names).toBe('disclosed');
    expect(shown.roster.map((s) => s.name)).toEqual(record.roster.map((s) => nameOfSeat.get(s.seatId)));
    expect(shown.attendance.map((a) => a.name)).toEqual(record.attendance.map((a) => nameOfSeat.get(a.seatId)));
    expect(shown.agenda[0]!.speakers[0]!.name).toBe(nameOfSeat.get(seatIdOf(2)));
    expect(shown.polls.find((p) => !p.secret)!.votes!.map((v) => v.name).sort()).toEqual([1, 2, 3, 4, 6].map((n) => nameOfSeat.get(seatIdOf(n))).sort());
    expect(shown.minutes.html).toContain('居民代表对方案表示认可');
  });
});

describe('the format-2 schema', () => {
  it('refuses a record whose attendance, speakers or votes point outside the roster, or whose seats are misnumbered', () => {
    const { record } = makeFrozenRecord();
    expect(MeetingRecord.safeParse(record).success).toBe(true);
    expect(MeetingRecord.safeParse({ ...record, attendance: [...record.attendance, { ...record.attendance[0]!, seatId: 'nobody' }] }).success).toBe(false);
    expect(MeetingRecord.safeParse({ ...record, roster: record.roster.map((s, i) => (i === 0 ? { ...s, member: 9 } : s)) }).success).toBe(false);
    const named = record.polls.map((p) => (p.votes ? { ...p, votes: [...p.votes, { seatId: 'nobody', choices: ['yes'] }] } : p));
    expect(MeetingRecord.safeParse({ ...record, polls: named }).success).toBe(false);
  });
});
