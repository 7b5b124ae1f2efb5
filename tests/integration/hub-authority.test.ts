// One authority per live meeting across nodes (lib/meeting/hub.ts, docs/scaling.md), through the real hub
// and database with the nodes in one process (tests/support/memory-cluster.ts): commands are forwarded
// to the authority and their events reach every node's copy before the answer; a dead authority is
// taken over and a resent ballot gets its original receipt; an authority that lost the meeting without
// knowing cannot write — its commit fails on the fence and its command is decided by the new authority;
// a closed meeting left unfrozen by a dead authority is frozen by the node that takes it over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/meeting/commands';
import { MeetingHub } from '../../lib/meeting/hub';
import { createRecordService } from '../../lib/record/service';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, makeMeeting } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { memoryCluster } from '../support/memory-cluster';

const SIMPLE = { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' } as const;
const facilitator: Actor = { role: 'facilitator', label: '王书记', seatId: null, mode: null };

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`the meeting's authority across nodes on ${target.name}`, () => {
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

    async function setup() {
      const community = await makeCommunity(db, { members: 4 });
      const meeting = await makeMeeting(db, community);
      const cluster = memoryCluster(db);
      const a = new MeetingHub(db, undefined, cluster.link('a'));
      const b = new MeetingHub(db, undefined, cluster.link('b'));
      const seats = (await a.state(meeting.id)).seats.map((s) => s.id);
      const member = (i: number): Actor => ({ role: 'member', label: `成员${i}`, seatId: seats[i]!, mode: 'hall' });
      const seqs = async () => (await db.meetingEvent.findMany({ where: { meetingId: meeting.id }, orderBy: { seq: 'asc' } })).map((e) => e.seq);
      const authority = () => db.meetingAuthority.findUnique({ where: { meetingId: meeting.id } });
      /** The meeting started on b (b decides), `present` checked in through `via`, and a motion open: its id. */
      const openMotion = async (via: MeetingHub, present: number[], secret: boolean) => {
        await b.execute(meeting.id, 'meeting.start', {}, facilitator);
        for (const i of present) await via.execute(meeting.id, 'attendance.checkInSelf', {}, member(i));
        await via.execute(meeting.id, 'poll.create', { question: '是否同意？', kind: 'motion', rule: SIMPLE, options: [], maxChoices: 1, secret, resultsVisibility: 'live', itemId: null, nonBinding: false }, facilitator);
        const pollId = (await via.state(meeting.id)).polls[0]!.id;
        await via.execute(meeting.id, 'poll.open', { pollId }, facilitator);
        return pollId;
      };
      return { meeting, cluster, a, b, seats, member, seqs, authority, openMotion };
    }

    it('forwards commands to the node that decides, and every copy has the events before the answer', async () => {
      const { meeting, a, b, seats, member, seqs, authority } = await setup();
      await b.execute(meeting.id, 'meeting.start', {}, facilitator);
      expect(await authority()).toMatchObject({ nodeId: 'b', epoch: 1 });
      const r = await a.execute(meeting.id, 'attendance.checkInSelf', {}, member(0));
      expect(await authority()).toMatchObject({ nodeId: 'b', epoch: 1 });
      expect((await a.state(meeting.id)).seq).toBe(r.seq);
      expect((await a.state(meeting.id)).attendance[seats[0]!]).toBeTruthy();
      // A refusal comes back with the authority's code.
      await expect(a.execute(meeting.id, 'poll.open', { pollId: 'no-such-poll' }, facilitator)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const s = await seqs();
      expect(s).toEqual(s.map((_, i) => i + 1));
      expect((await b.state(meeting.id)).seq).toBe((await a.state(meeting.id)).seq);
    });

    it('takes a dead authority\'s meeting over, and a resent ballot gets its original receipt', async () => {
      const { meeting, cluster, a, member, seqs, authority, openMotion } = await setup();
      const pollId = await openMotion(a, [0, 1, 2], true);
      const ballot = { pollId, choices: ['yes'], idempotencyKey: 'phone-0-ballot' };
      const first = await a.execute(meeting.id, 'poll.vote', ballot, member(0));

      cluster.kill('b');
      const again = await a.execute(meeting.id, 'poll.vote', ballot, member(0));
      expect(again).toMatchObject({ receipt: first.receipt, duplicate: true });
      expect(await authority()).toMatchObject({ nodeId: 'a', epoch: 2 });
      await a.execute(meeting.id, 'poll.vote', { pollId, choices: ['no'], idempotencyKey: 'phone-1-ballot' }, member(1));
      await a.execute(meeting.id, 'poll.close', { pollId }, facilitator);
      // The secret box the dead node had stored carried over: both ballots in the tally, once each.
      expect((await a.state(meeting.id)).polls[0]!.tally).toMatchObject({ yes: 1, no: 1 });
      expect(await db.pollParticipation.count({ where: { pollId } })).toBe(2);
      const s = await seqs();
      expect(s).toEqual(s.map((_, i) => i + 1));
    });

    it('answers a ballot that arrives twice before it is stored as it answers the first, and counts it once', async () => {
      // A forward that timed out on a slow authority is sent again (executeClustered), so the authority
      // can hold both copies at once: while it stores one command, the ballot and its resend wait in the
      // same batch. The resend must get the first's receipt, not "already voted".
      const { meeting, b, member, openMotion } = await setup();
      const pollId = await openMotion(b, [0, 1, 2], false);

      const ballot = { pollId, choices: ['yes'], idempotencyKey: 'phone-0-ballot' };
      const [, first, resent] = await Promise.all([
        b.execute(meeting.id, 'attendance.checkInSelf', {}, member(3)),
        b.execute(meeting.id, 'poll.vote', ballot, member(0)),
        b.execute(meeting.id, 'poll.vote', ballot, member(0)),
      ]);
      expect(first.receipt).toBeTruthy();
      expect(first.duplicate).toBeUndefined();
      expect(resent).toMatchObject({ receipt: first.receipt, duplicate: true });

      // Two different ballots of one seat in one batch: the second is refused.
      const [, one, two] = await Promise.allSettled([
        b.execute(meeting.id, 'poll.vote', { pollId, choices: ['no'], idempotencyKey: 'phone-2' }, member(2)),
        b.execute(meeting.id, 'poll.vote', { pollId, choices: ['yes'], idempotencyKey: 'phone-1-a' }, member(1)),
        b.execute(meeting.id, 'poll.vote', { pollId, choices: ['no'], idempotencyKey: 'phone-1-b' }, member(1)),
      ]);
      expect(one.status).toBe('fulfilled');
      expect(two).toMatchObject({ status: 'rejected', reason: { code: 'ALREADY_VOTED' } });

      expect(await db.pollParticipation.count({ where: { pollId } })).toBe(3);
      expect(await db.ballot.count({ where: { pollId } })).toBe(3);
      expect((await b.state(meeting.id)).polls[0]!.tally).toMatchObject({ yes: 2, no: 1 });
    });

    it('publishes nothing between nodes that says who chose what in a secret poll', async () => {
      // What crosses the nodes' channel (Redis in production) during a secret poll, read by an attacker:
      // the same voters in the same order, the same ballots dealt to different voters. If anything
      // published depended on who chose what, the two runs would differ.
      const run = async (ballots: string[]) => {
        const { meeting, cluster, a, seats, member, openMotion } = await setup();
        const pollId = await openMotion(a, [0, 1, 2, 3], true);
        const from = cluster.published.length;
        for (const [i, choice] of ballots.entries()) await a.execute(meeting.id, 'poll.vote', { pollId, choices: [choice], idempotencyKey: `k${i}` }, member(i));
        await a.execute(meeting.id, 'poll.close', { pollId }, facilitator);
        // Ids, keys, receipts and clocks differ between any two runs; seats are named by their place.
        const text = JSON.stringify(cluster.published.slice(from).map((x) => ({
          events: x.events.map((e) => ({ type: e.type, actor: e.actor, data: e.data })),
          participations: x.participations.map((p) => seats.indexOf(p.seatId)),
        })));
        return text.replaceAll(pollId, 'POLL').replaceAll(meeting.id, 'MEETING');
      };
      const first = await run(['yes', 'no', 'yes', 'abstain']);
      const second = await run(['no', 'yes', 'abstain', 'yes']);
      expect(first).toContain('"participations":[0]');
      expect(second).toEqual(first);
    });

    it('refuses the commit of an authority that lost the meeting, and its command is decided by the new one', async () => {
      const { meeting, cluster, a, b, seqs, authority } = await setup();
      await b.execute(meeting.id, 'meeting.start', {}, facilitator);
      // b is paused: its lock is gone and it does not know; a cannot reach it and takes the meeting over.
      cluster.loseLock(meeting.id);
      cluster.cutOff('b');
      // (Refused, so a holds the meeting under epoch 2 with nothing written yet: only the fence can stop b.)
      await expect(a.execute(meeting.id, 'poll.open', { pollId: 'no-such-poll' }, facilitator)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await authority()).toMatchObject({ nodeId: 'a', epoch: 2 });
      const before = await seqs();

      // b wakes up and decides a command as if it still held the meeting: its commit fails on the fence,
      // b gives the meeting up, and the command goes to a, which decides it once.
      const r = await b.execute(meeting.id, 'message.show', { text: '继续开会' }, facilitator);
      expect(r.seq).toBe(before.length + 1);
      expect((await a.state(meeting.id)).seq).toBe(r.seq);
      expect(await seqs()).toEqual([...before, before.length + 1]);
      const last = await db.meetingEvent.findFirst({ where: { meetingId: meeting.id }, orderBy: { seq: 'desc' } });
      expect(JSON.parse(last!.data)).toMatchObject({ text: '继续开会' });
      expect(await authority()).toMatchObject({ nodeId: 'a', epoch: 2 });
      // b follows again: its copy catches up with a's.
      await expect.poll(async () => (await b.state(meeting.id)).seq).toBe((await a.state(meeting.id)).seq);
    });

    it('freezes a closed meeting whose deciding node died on the node that takes it over, never beside a live one', async () => {
      const { meeting, cluster, a, b, authority } = await setup();
      await b.execute(meeting.id, 'meeting.start', {}, facilitator);
      const items = (await b.state(meeting.id)).agenda.map((item) => ({ kind: 'item' as const, id: item.id, action: 'drop' as const, reason: '改期再议' }));
      await b.execute(meeting.id, 'meeting.close', { decisions: items }, facilitator);
      // b closed the meeting and stopped there, as a node that crashed before freezing its record would.
      const noMinutes = async () => ({ html: '', markdown: '', yjsState: new Uint8Array() });
      const recordsOnA = createRecordService(db, a, noMinutes);
      const record = () => db.meetingRecord.findUnique({ where: { meetingId: meeting.id } });

      expect(await a.adopt(meeting.id)).toBe(false);
      await recordsOnA.recover((id) => (id === meeting.id ? a.adopt(id) : Promise.resolve(false)));
      expect(await record()).toBeNull();
      expect(await authority()).toMatchObject({ nodeId: 'b', epoch: 1 });
      expect(await b.adopt(meeting.id)).toBe(true);

      cluster.kill('b');
      await recordsOnA.recover((id) => (id === meeting.id ? a.adopt(id) : Promise.resolve(false)));
      expect(await authority()).toMatchObject({ nodeId: 'a', epoch: 2 });
      expect(await record()).toMatchObject({ status: 'awaiting_signatures' });
      expect(await a.adopt(meeting.id)).toBe(true);
    });
  });
}
