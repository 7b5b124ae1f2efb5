// Issue 11, walk-ins, through the real hub and database (SQLite and PostgreSQL): a stakeholder who is not
// on the roster is admitted to an open space, gets a one-device admission, speaks, votes in a
// non-binding poll and is refused in a binding one; the quorum counts the roster only; a council refuses
// the admission; the phone number stays in the seat's row only; the record marks the walk-in and the
// non-binding poll, and leaves that poll out of the decisions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/meeting/commands';
import { MeetingHub } from '../../lib/meeting/hub';
import { admitSeat } from '../../lib/meeting/join';
import { ensureShortCodes } from '../../lib/meeting/card-code';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { parseStoredRecord } from '../../lib/record/format';
import { createRecordService } from '../../lib/record/service';
import { resolveMeetingIdentity } from '../../server/identity';
import { makeCommunity, makeMeeting } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';

const SIMPLE = { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' } as const;
const facilitator: Actor = { role: 'facilitator', label: '王书记', seatId: null, mode: null };
const PHONE = '13912345678';
const poll = (question: string, nonBinding: boolean) => ({
  question, kind: 'motion', rule: SIMPLE, options: [], maxChoices: 1, secret: false, resultsVisibility: 'live', itemId: null, nonBinding,
});

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`walk-ins on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
    });
    afterAll(async () => {
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('admits a walk-in to an open space, who speaks and votes in a non-binding poll only; the record marks both', async () => {
      const community = await makeCommunity(db, { members: 4 });
      const meeting = await makeMeeting(db, community, { form: 'open_space', title: '中心花园改造开放空间' });
      const hub = new MeetingHub(db);
      const run = (name: Parameters<MeetingHub['execute']>[1], input: unknown, actor: Actor = facilitator) => hub.execute(meeting.id, name, input as never, actor);
      const seats = (await hub.state(meeting.id)).seats.map((s) => s.id);

      await run('meeting.start', {});
      for (const i of [0, 1, 2]) await run('attendance.checkIn', { seatId: seats[i], mode: 'hall' });
      const admitted = await run('attendance.admitWalkIn', { name: '赵路人', building: '7栋2单元', phone: PHONE });
      const walkInSeat = admitted.seatId!;
      expect(walkInSeat).toBeTruthy();

      // The seat row keeps building and phone (staff-only); no event does, and no card code is made for it.
      const row = await db.meetingSeat.findUniqueOrThrow({ where: { id: walkInSeat } });
      expect(row).toMatchObject({ rosterMemberId: null, walkInName: '赵路人', walkInBuilding: '7栋2单元', walkInPhone: PHONE, canVote: false });
      const events = await db.meetingEvent.findMany({ where: { meetingId: meeting.id } });
      expect(events.some((e) => e.data.includes(PHONE) || e.data.includes('7栋2单元'))).toBe(false);
      await ensureShortCodes(db, meeting.id);
      expect((await db.meetingSeat.findUniqueOrThrow({ where: { id: walkInSeat } })).shortCode).toBeNull();
      expect(await db.attendance.count({ where: { meetingId: meeting.id, seatId: walkInSeat } })).toBe(1);

      // The facilitator's one-device admission: the phone connects as a member seated as the walk-in.
      const pass = await admitSeat(db, meeting.id, walkInSeat);
      expect(pass).toMatchObject({ seatId: walkInSeat, name: '赵路人', mode: 'hall' });
      const identity = await resolveMeetingIdentity(db, hub, { participantToken: pass.participantToken });
      expect(identity).toMatchObject({ role: 'member', actor: { seatId: walkInSeat, label: '赵路人' } });
      const walkIn = identity.actor;

      await run('speaker.request', { stance: 'support' }, walkIn);
      const request = (await hub.state(meeting.id)).speakers.find((r) => r.seatId === walkInSeat)!;
      await run('speaker.grant', { id: request.id });
      await run('speaker.end', { id: request.id });

      await run('poll.create', poll('是否倾向于增设儿童游乐区？', true));
      const sounding = (await hub.state(meeting.id)).polls[0]!.id;
      await run('poll.open', { pollId: sounding });
      // Quorum at the opening counts roster members only: 3 of 4, the walk-in not among them.
      expect((await hub.state(meeting.id)).polls[0]!.quorumAtOpen).toMatchObject({ present: 3, members: 4 });
      const ballot = await run('poll.vote', { pollId: sounding, choices: ['yes'], idempotencyKey: 'walk-in-ballot-1' }, walkIn);
      expect(ballot.receipt).toBeTruthy();
      expect(await db.ballot.count({ where: { pollId: sounding, seatId: walkInSeat } })).toBe(1);
      await run('poll.vote', { pollId: sounding, choices: ['yes'], idempotencyKey: 'member-ballot-1' }, { role: 'member', label: '成员', seatId: seats[0]!, mode: 'hall' });
      await run('poll.close', { pollId: sounding });

      await run('poll.create', poll('是否同意动用维修基金？', false));
      const binding = (await hub.state(meeting.id)).polls[1]!.id;
      await run('poll.open', { pollId: binding });
      await expect(run('poll.vote', { pollId: binding, choices: ['yes'], idempotencyKey: 'walk-in-ballot-2' }, walkIn)).rejects.toMatchObject({ code: 'BINDING_POLL_ROSTER_ONLY' });
      await run('poll.vote', { pollId: binding, choices: ['yes'], idempotencyKey: 'member-ballot-2' }, { role: 'member', label: '成员', seatId: seats[1]!, mode: 'hall' });
      await run('poll.close', { pollId: binding });
      // The agenda was not worked through item by item here: both items are deferred on closing.
      await run('meeting.close', { decisions: (await hub.state(meeting.id)).agenda.map((a) => ({ kind: 'item', id: a.id, action: 'defer' })) });

      // After a restart the walk-in's seat and presence come back from the log.
      hub.evict(meeting.id);
      const after = await hub.state(meeting.id);
      expect(after.seats.find((s) => s.id === walkInSeat)).toMatchObject({ kind: 'walk_in', canVote: false });

      const records = createRecordService(db, hub, async () => ({ html: '<p>纪要</p>', markdown: '纪要', yjsState: new Uint8Array() }));
      const recordId = await records.freeze(meeting.id);
      const stored = await db.meetingRecord.findUniqueOrThrow({ where: { id: recordId } });
      expect(stored.body).not.toContain(PHONE);
      expect(stored.body).not.toContain('赵路人'); // names are commitments in the record
      const record = parseStoredRecord(stored.body);
      if (!record || record.format !== 'yishi.meeting-record/2') throw new Error('expected a format 2 record');
      expect(record.roster.find((s) => s.seatId === walkInSeat)).toMatchObject({ kind: 'walk_in', canVote: false });
      expect(record.attendance.some((a) => a.seatId === walkInSeat)).toBe(true);
      expect(record.polls.find((p) => p.id === sounding)).toMatchObject({ nonBinding: true, votes: expect.arrayContaining([{ seatId: walkInSeat, choices: ['yes'] }]) });
      expect(record.polls.find((p) => p.id === binding)).not.toHaveProperty('nonBinding');
      // Only the binding poll can make a decision.
      expect(record.decisions.map((d) => d.pollId)).toEqual([binding]);
    });

    it('a council refuses walk-ins: its votes and its seats are the roster\'s', async () => {
      const community = await makeCommunity(db, { members: 3 });
      const meeting = await makeMeeting(db, community, { form: 'council' });
      const hub = new MeetingHub(db);
      await hub.execute(meeting.id, 'meeting.start', {} as never, facilitator);
      await expect(hub.execute(meeting.id, 'attendance.admitWalkIn', { name: '赵路人', building: '7栋' }, facilitator)).rejects.toMatchObject({ code: 'WALK_INS_NOT_ALLOWED' });
      expect(await db.meetingSeat.count({ where: { meetingId: meeting.id, rosterMemberId: null } })).toBe(0);
    });
  });
}
