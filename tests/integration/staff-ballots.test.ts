// Issue 10 through the real hub and database: a 代签到 undone with a reason is gone from the attendance
// table too (so the member can check in again); a ballot the facilitator enters for a member keeps the
// "never lost, never counted twice" rules (a retry gets the same receipt, a second ballot is refused);
// a secret poll's paper count is added to the box's count and survives a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/meeting/commands';
import { MeetingHub } from '../../lib/meeting/hub';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, makeMeeting } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';

const SIMPLE = { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' } as const;
const facilitator: Actor = { role: 'facilitator', label: '王书记', seatId: null, mode: null };

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`staff check-ins and ballots on ${target.name}`, () => {
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

    it('undoes a 代签到, enters a named ballot once, and adds paper ballots to a secret poll', async () => {
      const community = await makeCommunity(db, { members: 4 });
      const meeting = await makeMeeting(db, community);
      const hub = new MeetingHub(db);
      const run = (name: Parameters<MeetingHub['execute']>[1], input: unknown, actor: Actor = facilitator) => hub.execute(meeting.id, name, input as never, actor);
      const seats = (await hub.state(meeting.id)).seats.map((s) => s.id);
      const member = (i: number): Actor => ({ role: 'member', label: `成员${i}`, seatId: seats[i]!, mode: 'hall' });

      await run('meeting.start', {});
      await run('attendance.checkIn', { seatId: seats[0], mode: 'hall' });
      await run('attendance.undoCheckIn', { seatId: seats[0], reason: '签错了人' });
      expect(await db.attendance.count({ where: { meetingId: meeting.id, seatId: seats[0] } })).toBe(0);
      await run('attendance.checkInSelf', {}, member(0));
      for (const i of [1, 2]) await run('attendance.checkIn', { seatId: seats[i], mode: 'hall' });
      expect(await db.attendance.count({ where: { meetingId: meeting.id } })).toBe(3);

      await run('poll.create', { question: '是否同意？', kind: 'motion', rule: SIMPLE, options: [], maxChoices: 1, secret: false, resultsVisibility: 'live', itemId: null });
      const named = (await hub.state(meeting.id)).polls[0]!.id;
      await run('poll.open', { pollId: named });
      const entry = { pollId: named, seatId: seats[1], choices: ['yes'], idempotencyKey: 'staff-entry-1' };
      const [first, retry] = await Promise.all([run('poll.voteFor', entry), run('poll.voteFor', entry)]);
      expect(retry).toMatchObject({ receipt: first!.receipt, duplicate: true });
      await expect(run('poll.voteFor', { ...entry, idempotencyKey: 'staff-entry-2' })).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
      await expect(run('poll.vote', { pollId: named, choices: ['no'], idempotencyKey: 'own-phone-1' }, member(1))).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
      expect(await db.ballot.count({ where: { pollId: named } })).toBe(1);
      await run('poll.close', { pollId: named });

      await run('poll.create', { question: '推选', kind: 'single', rule: SIMPLE, options: ['甲', '乙'], maxChoices: 1, secret: true, resultsVisibility: 'live', itemId: null });
      const secret = (await hub.state(meeting.id)).polls[1]!.id;
      await run('poll.open', { pollId: secret });
      await run('poll.vote', { pollId: secret, choices: ['乙'], idempotencyKey: 'own-phone-2' }, member(0));
      await expect(run('poll.paperCount', { pollId: secret, ballots: 3, counts: { 甲: 3 }, tellers: ['张三'] })).rejects.toMatchObject({ code: 'INVALID_STATE' });
      await run('poll.paperCount', { pollId: secret, ballots: 2, counts: { 甲: 2 }, tellers: ['张三', '李四'] });
      // After a restart the hub rebuilds the paper count from the log and the electronic one from the box.
      hub.evict(meeting.id);
      await run('poll.close', { pollId: secret });
      const poll = (await hub.state(meeting.id)).polls[1]!;
      expect(poll).toMatchObject({ voted: 3, tally: { 甲: 2, 乙: 1 }, paper: { ballots: 2, tellers: ['张三', '李四'] } });
      const paperEvent = await db.meetingEvent.findFirstOrThrow({ where: { meetingId: meeting.id, type: 'poll.paperCounted' } });
      expect(JSON.parse(paperEvent.data)).not.toHaveProperty('seatId');
    });
  });
}
