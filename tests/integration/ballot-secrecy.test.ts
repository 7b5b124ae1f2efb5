// Ballot secrecy, tried the way an attacker would, on SQLite and PostgreSQL. Every role (facilitator,
// recorder, projector, observer, a voting member, a remote member) connects to a real server and records
// everything it receives: live events, the snapshot, a reconnection's catch-up, a fresh connection in the
// middle of the poll and `meeting:sync`. The database is read as a whole, in storage order.
// - A secret poll is run twice with the same ballots given to different voters: what each role received
//   and what the database holds must be the same both times (up to ids and clock), so nothing anyone
//   can see depends on who chose what. The known attacks must link no ballot to its voter.
// - A named poll: only the facilitator sees who voted while it is open; the same attacks, as a control,
//   link every ballot from the facilitator's view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingState } from '../../lib/meeting/state';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { correctLinks, linkBySnapshotDifferences, linkByStorageOrder, linkByTallyDifferences } from '../support/ballot-attack';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { command, connect, postJson, staffCookie, startServer, waitFor, type RunningServer } from '../support/server';

const VOTERS = 10;
const BALLOTS = ['yes', 'yes', 'no', 'abstain', 'yes', 'no', 'yes', 'abstain', 'no', 'yes'];
const SIMPLE = { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' } as const;
const ROLES = ['facilitator', 'recorder', 'projector', 'observer', 'member', 'remote_member'] as const;
type Role = (typeof ROLES)[number];

type Received = { event: string; payload: unknown }[];
type Run = {
  received: Record<Role, Received>;
  database: Record<string, unknown[]>;
  /** pollId → seatId → choices */
  truth: Map<string, Map<string, string[]>>;
  seatByName: Map<string, string>;
  voterSeats: string[];
  pollId: string;
};

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`ballot secrecy on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let community: Awaited<ReturnType<typeof makeCommunity>>;
    let cookies: { facilitator: string; recorder: string };

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      community = await makeCommunity(db, { members: VOTERS });
      server = await startServer({ databaseUrl: scratch.url });
      cookies = {
        facilitator: await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD),
        recorder: await staffCookie(server.url, community.recorder.username, TEST_PASSWORD),
      };
    });

    afterAll(async () => {
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    /** Rows of a table in the order they are stored (SQLite rowid, PostgreSQL ctid), or by a column. */
    const inStorageOrder = (table: string, where: string, orderBy = target.name === 'sqlite' ? 'rowid' : 'ctid') =>
      db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}" WHERE ${where} ORDER BY ${orderBy}`);

    async function runPoll(ballots: readonly string[], secret: boolean): Promise<Run> {
      const meeting = await makeMeeting(db, community);
      const seats = await db.meetingSeat.findMany({ where: { meetingId: meeting.id }, include: { rosterMember: true } });
      const byRoster = new Map(seats.map((s) => [s.rosterMemberId, s]));
      const observerToken = (await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).observerToken;
      const received = Object.fromEntries(ROLES.map((r) => [r, [] as Received])) as Record<Role, Received>;
      const sockets: ReturnType<typeof connect>[] = [];
      const open = (role: Role, auth: Record<string, unknown>, headers?: Record<string, string>) => {
        const s = connect(server.url, auth, headers);
        s.onAny((event: string, payload: unknown) => received[role].push({ event, payload }));
        sockets.push(s);
        return s;
      };
      const join = async (body: Record<string, unknown>) => {
        const r = await postJson(`${server.url}/api/join`, body);
        expect(r.status).toBe(200);
        return r.body.participantToken as string;
      };

      const fac = open('facilitator', { meetingId: meeting.id }, { cookie: cookies.facilitator });
      open('recorder', { meetingId: meeting.id }, { cookie: cookies.recorder });
      open('projector', { meetingId: meeting.id, view: 'projector' }, { cookie: cookies.facilitator });
      const observer = open('observer', { participantToken: await join({ via: 'observer', observerToken }) });
      // Voters in roster order; the first is also the attacking member, the last joins remotely.
      const voters = [];
      for (const [i, m] of community.roster.entries()) {
        const seat = byRoster.get(m.id)!;
        const remote = i === VOTERS - 1;
        const token = remote
          ? await join({ via: 'remote', inviteToken: seat.remoteToken })
          : await join({ via: 'card', joinCode: meeting.joinCode, cardToken: m.joinToken });
        const role: Role | null = i === 0 ? 'member' : remote ? 'remote_member' : null;
        const socket = role ? open(role, { participantToken: token }) : connect(server.url, { participantToken: token });
        if (!role) sockets.push(socket);
        voters.push({ seatId: seat.id, socket });
      }
      await waitFor(() => sockets.every((s) => s.connected), 20_000, 'everyone connected');

      expect((await command(fac, 'meeting.start')).ok).toBe(true);
      for (const v of voters) expect((await command(v.socket, 'attendance.checkInSelf')).ok).toBe(true);
      expect((await command(fac, 'poll.create', { question: '是否同意加装电梯？', kind: 'motion', rule: SIMPLE, secret })).ok).toBe(true);
      const created = await db.meetingEvent.findFirstOrThrow({ where: { meetingId: meeting.id, type: 'poll.created' } });
      const pollId = JSON.parse(created.data).id as string;
      expect((await command(fac, 'poll.open', { pollId })).ok).toBe(true);

      // One at a time, so both runs vote in the same order.
      const truth = new Map([[pollId, new Map<string, string[]>()]]);
      const lastSeq = () => Math.max(...sockets.map((s) => s.lastSeq));
      for (const [i, v] of voters.entries()) {
        const ack = await command(v.socket, 'poll.vote', { pollId, choices: [ballots[i]!], idempotencyKey: `ballot-${pollId}-${i}` });
        expect(ack.ok).toBe(true);
        truth.get(pollId)!.set(v.seatId, [ballots[i]!]);
        if (i === VOTERS / 2) {
          // Mid-poll: the observer drops and catches up by events; a fresh projector gets a snapshot;
          // the member asks for everything again.
          const seq = lastSeq();
          await waitFor(() => observer.lastSeq >= seq, 10_000, 'observer caught up');
          observer.disconnect();
          observer.connect();
          await waitFor(() => observer.connected, 10_000, 'observer back');
          const fresh = open('projector', { meetingId: meeting.id, view: 'projector' }, { cookie: cookies.facilitator });
          await waitFor(() => fresh.lastSeq >= seq, 10_000, 'fresh projector');
          received.member.push({ event: 'sync', payload: await voters[0]!.socket.timeout(5000).emitWithAck('meeting:sync', { sinceSeq: 0 }) });
        }
      }
      const seq = lastSeq();
      await waitFor(() => sockets.every((s) => s.lastSeq >= seq), 20_000, 'every role saw the last ballot');
      // Before the poll closes: each role's full resync, the state it would rebuild from it.
      for (const [role, s] of [['facilitator', fac], ['observer', observer], ['member', voters[0]!.socket]] as const) {
        received[role].push({ event: 'sync', payload: await s.timeout(5000).emitWithAck('meeting:sync', { sinceSeq: 0 }) });
      }
      expect((await command(fac, 'poll.close', { pollId })).ok).toBe(true);
      const closedAt = lastSeq();
      await waitFor(() => sockets.every((s) => !s.connected || s.lastSeq >= closedAt), 20_000, 'every role saw the close');

      const database = {
        events: (await inStorageOrder('MeetingEvent', `"meetingId" = '${meeting.id}'`, '"seq"')).map((e) => ({ ...e, data: JSON.parse(e.data as string) })),
        ballots: await inStorageOrder('Ballot', `"pollId" = '${pollId}'`),
        boxes: await inStorageOrder('SecretBallotBox', `"pollId" = '${pollId}'`),
        participations: await inStorageOrder('PollParticipation', `"pollId" = '${pollId}'`),
      };
      for (const s of sockets) s.disconnect();
      const seatByName = new Map(seats.map((s) => [s.rosterMember!.name, s.id]));
      return { received, database, truth, seatByName, voterSeats: voters.map((v) => v.seatId), pollId };
    }

    /** Every event and snapshot state a role received, however it arrived. */
    function eventsOf(r: Received) {
      const events: { seq: number; type: string; data: unknown; actor?: string }[] = [];
      const states: MeetingState[] = [];
      for (const { event, payload } of r) {
        const p = payload as { events?: typeof events; state?: MeetingState };
        if (p?.events) events.push(...p.events);
        if (event === 'meeting:snapshot' && p.state) states.push(p.state);
      }
      return { events, states };
    }

    /**
     * A role's view as a set: how events were batched depends on timing (phones' events are coalesced),
     * so it is compared as the distinct events by seq, every snapshot and sync, and who it was told it is.
     */
    function viewOf(r: Received) {
      const { events, states } = eventsOf(r);
      const distinct = [...new Map(events.map((e) => [JSON.stringify(e), e])).values()].sort((a, b) => a.seq - b.seq);
      return {
        events: distinct,
        snapshots: states,
        syncs: r.filter((x) => x.event === 'sync').map((x) => x.payload),
        me: r.filter((x) => x.event === 'meeting:me').map((x) => x.payload),
        other: r.filter((x) => !['sync', 'meeting:me', 'meeting:snapshot', 'meeting:events'].includes(x.event)),
      };
    }

    function attack(run: Run) {
      const links: Record<string, number> = {};
      for (const role of ROLES) {
        const { events, states } = eventsOf(run.received[role]);
        links[`${role}: tally differences`] = correctLinks(linkByTallyDifferences(events, run.seatByName), run.truth);
        links[`${role}: snapshot differences`] = correctLinks(linkBySnapshotDifferences(states), run.truth);
      }
      const stored = run.database.events.map((e) => {
        const row = e as { seq: number; type: string; data: unknown; actor: string };
        return { seq: Number(row.seq), type: row.type, data: row.data as unknown, actor: row.actor };
      });
      links['database: event log'] = correctLinks(linkByTallyDifferences(stored, run.seatByName), run.truth);
      links['database: ballot rows against participation rows'] = correctLinks(
        linkByStorageOrder(run.database.ballots as never, run.database.participations as never), run.truth);
      return links;
    }

    /**
     * Ids, tokens, receipts and times differ between any two runs; everything else must not. Ids are
     * numbered in order of first appearance, so the same seat in the same place gets the same number.
     */
    function normalised(value: unknown): unknown {
      const names = new Map<string, string>();
      const text = JSON.stringify(value, (key, v) => (key === 'id' && typeof v === 'number' ? 0 : v))
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'TIME')
        .replace(/"(?:at|createdAt|serverTime)":(?:"[^"]*"|\d+)/g, '"at":"TIME"')
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
          if (!names.has(id)) names.set(id, `ID${names.size}`);
          return names.get(id)!;
        })
        .replace(/ballot-ID\d+-\d+/g, 'KEY')
        .replace(/"(receipt|joinCode|idempotencyKey)":"[^"]*"/g, '"$1":"X"')
        .replace(/"ID\d+":"[2-9A-HJ-NP-Z]{10}"/g, '"RECEIPT":"X"');
      return JSON.parse(text);
    }

    let secretA: Run;
    let secretB: Run;
    let named: Run;

    it('a secret poll: every role receives, and the database holds, the same whichever voter cast which ballot', async () => {
      secretA = await runPoll(BALLOTS, true);
      secretB = await runPoll([...BALLOTS].reverse(), true); // same ballots, other voters
      expect(secretA.truth).not.toEqual(secretB.truth);
      for (const role of ROLES) {
        const a = eventsOf(secretA.received[role]);
        const b = eventsOf(secretB.received[role]);
        expect(a.events.length, `${role} received events`).toBeGreaterThan(VOTERS);
        expect(b.events.length, `${role} received events`).toBeGreaterThan(VOTERS);
        expect(normalised(viewOf(secretA.received[role])), `what ${role} received`).toEqual(normalised(viewOf(secretB.received[role])));
      }
      // Rows compared as sets: PostgreSQL places rows wherever a page has room, so their storage order
      // varies between any two runs (the attacks above use it; here it would only be noise).
      const tables = (run: Run) => {
        const all = normalised(run.database) as Record<string, unknown[]>;
        return Object.fromEntries(Object.entries(all).map(([k, rows]) => [k, rows.map((r) => JSON.stringify(r)).sort()]));
      };
      expect(tables(secretA)).toEqual(tables(secretB));
      // The count is all anyone saw while it was open; the result comes at the close.
      const closed = eventsOf(secretA.received.member).events.find((e) => e.type === 'poll.closed');
      expect(closed?.data).toMatchObject({ voted: VOTERS, tally: { yes: 5, no: 3, abstain: 2 } });
    });

    it('a secret poll: no attack links a ballot to its voter, from any role or the database', () => {
      for (const run of [secretA, secretB]) {
        const links = attack(run);
        expect(links).toEqual(Object.fromEntries(Object.keys(links).map((k) => [k, 0])));
        // Who voted is kept (nobody votes twice), what they chose is kept, but not together.
        expect(run.database.participations).toHaveLength(VOTERS);
        expect(run.database.ballots).toHaveLength(0);
        expect(run.database.boxes).toHaveLength(1);
        for (const e of run.database.events as { type: string; actor: string; data: object }[]) {
          if (e.type === 'poll.ballot') expect({ actor: e.actor, data: Object.keys(e.data).sort() }).toEqual({ actor: '', data: ['pollId', 'voted'] });
        }
      }
    });

    it('a named poll: who voted is the facilitator\u2019s alone while it is open (the attacks, as a control, work there)', async () => {
      named = await runPoll(BALLOTS, false);
      const links = attack(named);
      expect(links['facilitator: tally differences']).toBe(VOTERS);
      for (const role of ROLES.filter((r) => r !== 'facilitator')) {
        expect(links[`${role}: tally differences`], role).toBe(0);
        expect(links[`${role}: snapshot differences`], role).toBe(0);
        const seen = JSON.stringify(eventsOf(named.received[role]).events.filter((e) => e.type === 'poll.ballot'));
        for (const seatId of named.voterSeats) expect(seen, `${role} sees a voter's seat`).not.toContain(seatId);
        for (const name of named.seatByName.keys()) expect(seen, `${role} sees a voter's name`).not.toContain(name);
      }
      // The database keeps named choices for the record.
      expect(links['database: ballot rows against participation rows']).toBe(VOTERS);
    });

    it('the server log names no voter and no choice', () => {
      const log = server.output();
      for (const name of community.roster.map((m) => m.name)) expect(log).not.toContain(name);
      expect(log).not.toMatch(/poll\.vote|choices/);
    });
  });
}
