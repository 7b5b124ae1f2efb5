// A database from before ballot boxes, holding secret polls the old way (a Ballot row per ballot in
// voting order, and poll.ballot events naming the voter with the running tally), is migrated: afterwards
// the same attacks that linked every secret ballot link none, named polls are as they were, closed polls
// keep their results, and a secret poll that was open goes on counting from its box. SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/meeting/commands';
import { MeetingHub } from '../../lib/meeting/hub';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { noFilter, readMigrationList, withSchemaEngine } from '../../lib/platform/db/schema-engine';
import { newId, newToken } from '../../lib/platform/tokens';
import { makeCommunity } from '../factories/community';
import { correctLinks, linkByStorageOrder, linkByTallyDifferences } from '../support/ballot-attack';
import { databaseTargets, type ScratchDatabase } from '../support/databases';

const MIGRATION = '20261201061630_secret_ballot_box';
const VOTERS = 8;
const CHOICES = ['yes', 'no', 'yes', 'abstain', 'yes', 'no', 'yes', 'yes'];
const RULE = { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' };

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`secret ballot migration on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let meetingId: string;
    const seats: { id: string; name: string }[] = [];
    const polls = { secretClosed: newId(), named: newId(), secretOpen: newId() };
    const truth = new Map<string, Map<string, string[]>>();

    /** Rows in the order they are stored (SQLite rowid, PostgreSQL ctid). */
    const stored = (table: string) =>
      db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}" ORDER BY ${target.name === 'sqlite' ? 'rowid' : 'ctid'}`);

    async function attacks() {
      const events = (await db.meetingEvent.findMany({ where: { meetingId }, orderBy: { seq: 'asc' } }))
        .map((e) => ({ seq: e.seq, type: e.type, data: JSON.parse(e.data) as unknown, actor: e.actor }));
      const seatByName = new Map(seats.map((s) => [s.name, s.id]));
      const secret = (g: ReturnType<typeof linkByTallyDifferences>) => {
        g.delete(polls.named);
        return correctLinks(g, truth);
      };
      return {
        eventLog: secret(linkByTallyDifferences(events, seatByName)),
        storageOrder: secret(linkByStorageOrder(await stored('Ballot') as never, await stored('PollParticipation') as never)),
        namedStorageOrder: correctLinks(new Map([[polls.named, linkByStorageOrder(await stored('Ballot') as never, await stored('PollParticipation') as never).get(polls.named) ?? new Map()]]), truth),
      };
    }

    beforeAll(async () => {
      scratch = await target.make();
      // The schema as it was just before the migration.
      const list = readMigrationList(target.name);
      await withSchemaEngine(scratch.url, (engine) => engine.applyMigrations({
        migrationsList: { ...list, migrationDirectories: list.migrationDirectories.filter((d) => d.path < MIGRATION) },
        filters: noFilter,
      }));
      db = createDb(scratch.url);
      const old = await oldMeeting(db, await makeCommunity(db, { members: 0, beforeCommunityCode: true }));
      meetingId = old.id;
      seats.push(...old.seats);

      // The log and rows the old server wrote.
      let seq = await db.meetingEvent.count({ where: { meetingId } });
      const at = new Date('2026-11-20T19:00:00+08:00');
      const log = (type: string, data: unknown, actor = '主持人') =>
        db.meetingEvent.create({ data: { meetingId, seq: ++seq, type, data: JSON.stringify(data), actor, at: new Date(at.getTime() + seq * 1000) } });
      await log('meeting.statusChanged', { status: 'live' });
      for (const s of seats) {
        await log('attendance.checkedIn', { seatId: s.id, mode: 'hall' }, s.name);
        await db.attendance.create({ data: { id: newId(), meetingId, seatId: s.id, mode: 'hall', checkedInAt: at } });
      }
      await db.$executeRaw`UPDATE "Meeting" SET "status" = 'live' WHERE "id" = ${meetingId}`;
      const quorum = { present: VOTERS, members: VOTERS, required: VOTERS / 2 + 1, met: true };
      for (const [pollId, secret, close] of [[polls.secretClosed, true, true], [polls.named, false, true], [polls.secretOpen, true, false]] as const) {
        await log('poll.created', { id: pollId, itemId: null, question: '是否同意？', kind: 'motion', options: ['yes', 'no', 'abstain'], maxChoices: 1, secret, resultsVisibility: 'live', rule: RULE });
        await log('poll.opened', { pollId, quorum, overrideReason: null });
        const tally: Record<string, number> = { yes: 0, no: 0, abstain: 0 };
        const voters = close ? seats : seats.slice(0, 5);
        truth.set(pollId, new Map());
        for (const [i, s] of voters.entries()) {
          const choice = CHOICES[i]!;
          tally[choice]! += 1;
          truth.get(pollId)!.set(s.id, [choice]);
          await log('poll.ballot', { pollId, voted: i + 1, tally: { ...tally }, ...(secret ? {} : { seatId: s.id }) }, s.name);
          await db.pollParticipation.create({ data: { id: newId(), pollId, seatId: s.id, idempotencyKey: `key-${pollId}-${i}`, receipt: `R${pollId.slice(0, 8)}${i}` } });
          await db.ballot.create({ data: { id: newId(), pollId, choices: JSON.stringify([choice]), seatId: secret ? null : s.id } });
        }
        if (close) await log('poll.closed', { pollId, voted: voters.length, tally, outcome: null });
      }
    });

    afterAll(async () => {
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('before: the old database links every secret ballot (the attacks work)', async () => {
      expect(await attacks()).toEqual({ eventLog: VOTERS + 5, storageOrder: VOTERS + 5, namedStorageOrder: VOTERS });
    });

    it('after the migration: no secret ballot links, named polls and closed results are as they were', async () => {
      const namedBefore = await db.meetingEvent.findMany({ where: { meetingId, type: 'poll.ballot', data: { contains: polls.named } }, orderBy: { seq: 'asc' } });
      const closedBefore = await db.meetingEvent.findMany({ where: { meetingId, type: 'poll.closed' }, orderBy: { seq: 'asc' } });
      // The engine takes SQLite's write lock, as a server starting up would: nobody else has the file open.
      await db.$disconnect();
      expect(await applyMigrations(scratch.url)).toContain(MIGRATION);
      db = createDb(scratch.url);

      expect(await attacks()).toEqual({ eventLog: 0, storageOrder: 0, namedStorageOrder: VOTERS });
      const secretEvents = await db.meetingEvent.findMany({ where: { meetingId, type: 'poll.ballot', NOT: { data: { contains: polls.named } } } });
      expect(secretEvents).toHaveLength(VOTERS + 5);
      for (const e of secretEvents) {
        expect(e.actor).toBe('');
        expect(Object.keys(JSON.parse(e.data)).sort()).toEqual(['pollId', 'voted']);
      }
      expect(await db.ballot.count({ where: { seatId: null } })).toBe(0);
      const boxes = await db.secretBallotBox.findMany({ orderBy: { pollId: 'asc' } });
      expect(boxes.map((b) => [b.pollId, b.ballots, JSON.parse(b.contents)]).sort()).toEqual([
        [polls.secretClosed, VOTERS, [[['abstain'], 1], [['no'], 2], [['yes'], 5]]],
        [polls.secretOpen, 5, [[['abstain'], 1], [['no'], 1], [['yes'], 3]]],
      ].sort());
      expect(await db.meetingEvent.findMany({ where: { meetingId, type: 'poll.ballot', data: { contains: polls.named } }, orderBy: { seq: 'asc' } })).toEqual(namedBefore);
      expect(await db.meetingEvent.findMany({ where: { meetingId, type: 'poll.closed' }, orderBy: { seq: 'asc' } })).toEqual(closedBefore);
      expect(await db.eventLogRedaction.findMany()).toMatchObject([{ meetingId, events: VOTERS + 5, migration: MIGRATION }]);
    });

    it('after the migration: the open secret poll goes on counting from its box', async () => {
      const hub = new MeetingHub(db);
      const state = await hub.state(meetingId);
      expect(state.polls.find((p) => p.id === polls.secretClosed)).toMatchObject({ status: 'closed', tally: { yes: 5, no: 2, abstain: 1 } });
      expect(state.polls.find((p) => p.id === polls.secretOpen)).toMatchObject({ status: 'open', voted: 5, tally: null });
      for (const [i, s] of seats.slice(5).entries()) {
        const actor: Actor = { role: 'member', label: s.name, seatId: s.id, mode: 'hall' };
        await hub.execute(meetingId, 'poll.vote', { pollId: polls.secretOpen, choices: ['no'], idempotencyKey: `after-${i}-key` }, actor);
      }
      const chair: Actor = { role: 'facilitator', label: '主持人', seatId: null, mode: null };
      await hub.execute(meetingId, 'poll.close', { pollId: polls.secretOpen }, chair);
      expect((await hub.state(meetingId)).polls.find((p) => p.id === polls.secretOpen)).toMatchObject({
        status: 'closed', voted: VOTERS, tally: { yes: 3, no: 4, abstain: 1 },
      });
    });
  });
}

/**
 * A meeting as the server before the migration wrote it: only the columns that schema had (today's
 * createMeeting writes later columns, which this database does not have yet).
 */
async function oldMeeting(db: Db, community: Awaited<ReturnType<typeof makeCommunity>>): Promise<{ id: string; seats: { id: string; name: string }[] }> {
  const id = newId();
  const scheduledAt = new Date('2026-11-20T19:00:00+08:00');
  const seats = Array.from({ length: VOTERS }, (_, i) => ({ id: newId(), rosterMemberId: newId(), name: `成员${String(i + 1).padStart(3, '0')}` }));
  for (const seat of seats) {
    await db.$executeRaw`INSERT INTO "RosterMember" ("id", "communityId", "name", "kind", "joinToken") VALUES (${seat.rosterMemberId}, ${community.communityId}, ${seat.name}, 'council', ${newToken()})`;
  }
  // Raw statements: the client of today would read back columns this database does not have yet.
  await db.$executeRaw`INSERT INTO "Meeting" ("id", "communityId", "title", "level", "type", "form", "convenerId", "venue", "scheduledAt", "status", "joinCode", "observerToken")
    VALUES (${id}, ${community.communityId}, '测试议事会', 'community', 'decision', 'council', ${community.facilitator.id}, '议事厅', ${scheduledAt}, 'draft', 'OLD234', ${newToken()})`;
  for (const seat of seats) {
    await db.$executeRaw`INSERT INTO "MeetingSeat" ("id", "meetingId", "rosterMemberId", "canVote", "remoteToken") VALUES (${seat.id}, ${id}, ${seat.rosterMemberId}, true, ${newToken()})`;
  }
  const created = {
    title: '测试议事会', level: 'community', type: 'decision', form: 'council', venue: '议事厅', scheduledAt: scheduledAt.toISOString(),
    convenerName: '主持人', communityName: '测试社区', joinCode: 'OLD234', livestreamUrl: null,
    quorumRule: { numerator: 1, denominator: 2, comparison: 'more_than' }, status: 'draft',
    seats: seats.map((seat) => ({ id: seat.id, name: seat.name, kind: 'council', canVote: true })),
  };
  await db.meetingEvent.create({ data: { meetingId: id, seq: 1, type: 'meeting.created', data: JSON.stringify(created), actor: '主持人', at: scheduledAt } });
  return { id, seats: seats.map(({ id: seatId, name }) => ({ id: seatId, name })) };
}
