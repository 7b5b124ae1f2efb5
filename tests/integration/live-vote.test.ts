// A council vote through the real server and real socket.io clients: 200 members vote while 10% of
// them drop and reconnect, and the server is SIGKILLed mid-poll and restarted. Afterwards every
// acknowledged ballot is counted exactly once and nothing else is. Runs on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { command, connect, postJson, staffCookie, startServer, waitFor, type Ack, type RunningServer } from '../support/server';

const MEMBERS = 200;
const MOTION = { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' } as const;

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`live vote on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let community: Awaited<ReturnType<typeof makeCommunity>>;
    let meeting: { id: string; joinCode: string };
    const sockets: ReturnType<typeof connect>[] = [];

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      community = await makeCommunity(db, { members: MEMBERS });
      meeting = await makeMeeting(db, community);
      server = await startServer({ databaseUrl: scratch.url });
    });

    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('rejects a wrong join code and a wrong card with a clear error', async () => {
      const wrongCode = await postJson(`${server.url}/api/join`, { via: 'card', joinCode: 'ZZZZZZ', cardToken: community.roster[0]!.joinToken });
      expect(wrongCode.status).toBe(404);
      expect(wrongCode.body.error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'joinCode' } });
      const wrongCard = await postJson(`${server.url}/api/join`, { via: 'card', joinCode: meeting.joinCode, cardToken: 'x'.repeat(43) });
      expect(wrongCard.body.error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'cardToken' } });
      const malformed = await postJson(`${server.url}/api/join`, { via: 'card', joinCode: 1 });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.code).toBe('BAD_REQUEST');
    });

    it('counts every acknowledged ballot exactly once through drops and a SIGKILL', async () => {
      const cookie = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
      const fac = connect(server.url, { meetingId: meeting.id }, { cookie });
      sockets.push(fac);
      await waitFor(() => fac.connected, 10_000, 'facilitator connection');

      // Members join by card and check in from their phones.
      const members: { seatId: string; socket: ReturnType<typeof connect> }[] = [];
      for (const m of community.roster) {
        const r = await postJson(`${server.url}/api/join`, { via: 'card', joinCode: meeting.joinCode, cardToken: m.joinToken });
        expect(r.status).toBe(200);
        const s = connect(server.url, { participantToken: r.body.participantToken });
        sockets.push(s);
        members.push({ seatId: r.body.seatId as string, socket: s });
      }
      await waitFor(() => members.every((m) => m.socket.connected), 30_000, 'all members connected');
      expect((await command(fac, 'meeting.start')).ok).toBe(true);
      const checkIns = await Promise.all(members.map((m) => command(m.socket, 'attendance.checkInSelf')));
      expect(checkIns.every((a) => a.ok)).toBe(true);

      const created = await command(fac, 'poll.create', { question: '是否同意加装电梯方案？', kind: 'motion', rule: MOTION });
      expect(created.ok).toBe(true);
      const state = await db.meetingEvent.findFirst({ where: { meetingId: meeting.id, type: 'poll.created' } });
      const pollId = JSON.parse(state!.data).id as string;
      expect((await command(fac, 'poll.open', { pollId })).ok).toBe(true);

      // Each member's ballot, fixed up front so retries repeat it exactly.
      const choice = (i: number) => (['yes', 'yes', 'no', 'abstain'] as const)[i % 4]!;
      const ballots = members.map((m, i) => ({ ...m, choices: [choice(i)], key: randomUUID(), receipt: null as string | null }));
      const tryVote = async (b: (typeof ballots)[number]) => {
        let ack: Ack;
        try {
          ack = await command(b.socket, 'poll.vote', { pollId, choices: b.choices, idempotencyKey: b.key }, 3000);
        } catch {
          return; // no acknowledgement (dropped or server gone): unknown, retried later with the same key
        }
        if (ack.ok) b.receipt = ack.result.receipt!;
        else throw new Error(`vote refused: ${ack.error.code}`);
      };

      // 1) the first 80 vote normally.
      await Promise.all(ballots.slice(0, 80).map(tryVote));
      // 2) 10% drop mid-poll: 20 members disconnect, some right after sending their ballot.
      const droppers = ballots.slice(80, 100);
      await Promise.all(droppers.map(async (b, i) => {
        if (i % 2 === 0) {
          const pending = tryVote(b);
          b.socket.disconnect();
          await pending;
        } else b.socket.disconnect();
      }));
      await Promise.all(droppers.map(async (b) => {
        b.socket.connect();
        await waitFor(() => b.socket.connected, 10_000, 'reconnect');
        await tryVote(b);
      }));
      // 3) 60 more vote while the server is SIGKILLed in the middle of it.
      const inFlight = ballots.slice(100, 160).map(tryVote);
      await waitFor(() => ballots.slice(100, 160).some((b) => b.receipt), 10_000, 'some ballots during the crash window');
      await server.stop('SIGKILL');
      await Promise.all(inFlight);
      server = await startServer({ databaseUrl: scratch.url, port: server.port });

      // Clients reconnect on their own; everyone without a receipt retries with the same key.
      await waitFor(() => ballots.every((b) => b.socket.connected) && fac.connected, 30_000, 'reconnect after restart');
      for (let round = 0; round < 5 && ballots.some((b) => !b.receipt); round++) {
        await Promise.all(ballots.filter((b) => !b.receipt).map(tryVote));
      }
      // A retry of an acknowledged ballot returns the same receipt and changes nothing.
      const again = await command(ballots[0]!.socket, 'poll.vote', { pollId, choices: ballots[0]!.choices, idempotencyKey: ballots[0]!.key });
      expect(again).toMatchObject({ ok: true, result: { receipt: ballots[0]!.receipt, duplicate: true } });
      // A second, different ballot by the same voter is refused.
      const twice = await command(ballots[1]!.socket, 'poll.vote', { pollId, choices: ['no'], idempotencyKey: randomUUID() });
      expect(twice).toMatchObject({ ok: false, error: { code: 'ALREADY_VOTED' } });

      expect(ballots.every((b) => b.receipt)).toBe(true);
      const closed = await command(fac, 'poll.close', { pollId });
      expect(closed.ok).toBe(true);

      // The database holds exactly the acknowledged ballots, once each.
      const participations = await db.pollParticipation.findMany({ where: { pollId } });
      expect(participations).toHaveLength(MEMBERS);
      expect(new Set(participations.map((p) => p.seatId)).size).toBe(MEMBERS);
      expect(new Map(participations.map((p) => [p.seatId, p.receipt]))).toEqual(new Map(ballots.map((b) => [b.seatId, b.receipt])));
      const stored = await db.ballot.findMany({ where: { pollId } });
      expect(stored).toHaveLength(MEMBERS);

      const expected = { yes: 0, no: 0, abstain: 0 } as Record<string, number>;
      for (const b of ballots) expected[b.choices[0]!]!++;
      const closedEvent = await db.meetingEvent.findFirst({ where: { meetingId: meeting.id, type: 'poll.closed' } });
      const closedData = JSON.parse(closedEvent!.data);
      expect(closedData.tally).toEqual(expected);
      expect(closedData.voted).toBe(MEMBERS);
      expect(closedData.outcome.result).toBe('passed'); // 100 yes of 150 yes+no

      // The log has no gaps, and the facilitator's client caught up to its end.
      const seqs = (await db.meetingEvent.findMany({ where: { meetingId: meeting.id }, orderBy: { seq: 'asc' }, select: { seq: true } })).map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      await waitFor(() => fac.lastSeq === seqs.length, 10_000, 'facilitator caught up');
    });
  });
}
