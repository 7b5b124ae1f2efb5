// An open space (开放空间) through a real server, on SQLite and PostgreSQL, with a hall of 60: residents
// join with their cards (a few remotely) and check in; the facilitator sets up 4 rooms × 2 slots; eight
// sessions are proposed (and a duplicate merged) and placed; everyone goes to a session in each slot and
// some walk to another (the law of two feet); everyone spends dots, some twice; two consensus statements.
// Every role records everything it receives (live events, snapshots, a reconnection's catch-up, a fresh
// projector, meeting:sync, meeting:me): nobody may receive another seat's dots, only the totals, and each
// seat is told its own. Then the server is killed: every acknowledged proposal, move and allocation is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OsSession } from '../../lib/meeting/procedure/openspace/model';
import { gridConflicts, peopleIn, totalDots } from '../../lib/meeting/procedure/openspace/model';
import type { MeetingEvent, MeetingState } from '../../lib/meeting/state';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { command, connect, postJson, staffCookie, startServer, waitFor, type Ack, type RunningServer } from '../support/server';

const ROLES = ['facilitator', 'recorder', 'projector', 'observer', 'member', 'remote_member'] as const;
type Role = (typeof ROLES)[number];
type Client = ReturnType<typeof connect>;
type Dots = Record<string, number>;

const PEOPLE = 60;
/** Participants who join with their remote invitation instead of a card; 14 is the recorded remote member. */
const isRemote = (i: number) => i % 15 === 14;
/** Runs `f` over the hall ten at a time: fast, without 60 handshakes or transactions at once on a 2-CPU machine. */
async function inGroups<T, R>(items: T[], f: (x: T, i: number) => Promise<R>, size = 10): Promise<R[]> {
  const out: R[] = [];
  for (let at = 0; at < items.length; at += size) out.push(...await Promise.all(items.slice(at, at + size).map((x, j) => f(x, at + j))));
  return out;
}

function ok(ack: Ack, what: string): Extract<Ack, { ok: true }> {
  if (!ack.ok) throw new Error(`${what}: ${ack.error.code} ${ack.error.message}`);
  return ack;
}
const codeOf = (ack: Ack) => (ack.ok ? 'OK' : ack.error.code);

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`open space on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let community: Awaited<ReturnType<typeof makeCommunity>>;
    const sockets: Client[] = [];

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      community = await makeCommunity(db, { members: PEOPLE });
      server = await startServer({ databaseUrl: scratch.url });
    });

    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('keeps every seat’s dots from every role, folds to the server’s state on every client, and survives a kill', async () => {
      // Every tenth person is a stakeholder invited without a vote: an open space hears them all the same.
      const meeting = await makeMeeting(db, community, {
        form: 'open_space', type: 'advisory', title: '开放空间：小区公共空间怎么用', agenda: [{ title: '小区公共空间怎么用' }],
        members: community.roster.map((m, i) => ({ memberId: m.id, canVote: i % 10 !== 5 })),
      });
      const cookie = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
      const recorderCookie = await staffCookie(server.url, community.recorder.username, TEST_PASSWORD);
      const seats = await db.meetingSeat.findMany({ where: { meetingId: meeting.id } });
      const seatOf = new Map(seats.map((s) => [s.rosterMemberId, s]));
      const observerToken = (await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).observerToken;
      const join = async (body: Record<string, unknown>) => {
        const r = await postJson(`${server.url}/api/join`, body);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        return r.body.participantToken as string;
      };

      const received = Object.fromEntries(ROLES.map((r) => [r, [] as { event: string; payload: unknown }[]])) as Record<Role, { event: string; payload: unknown }[]>;
      const open = (role: Role | null, auth: Record<string, unknown>, headers?: Record<string, string>) => {
        const s = connect(server.url, auth, headers);
        if (role) s.onAny((event: string, payload: unknown) => received[role].push({ event, payload }));
        sockets.push(s);
        return s;
      };
      const fac = open('facilitator', { meetingId: meeting.id }, { cookie });
      const recorder = open('recorder', { meetingId: meeting.id }, { cookie: recorderCookie });
      open('projector', { meetingId: meeting.id, view: 'projector' }, { cookie });
      const observer = open('observer', { participantToken: await join({ via: 'observer', observerToken }) });
      await waitFor(() => sockets.every((s) => s.meeting !== null), 30_000, 'staff and observer connected');
      ok(await command(fac, 'meeting.start'), 'meeting.start');

      // The hall: 0 is the recorded member, 14 the recorded remote member.
      const people = await inGroups(community.roster, async (m, i) => {
        const seat = seatOf.get(m.id)!;
        const token = isRemote(i)
          ? await join({ via: 'remote', inviteToken: seat.remoteToken })
          : await join({ via: 'card', joinCode: meeting.joinCode, cardToken: m.joinToken });
        const socket = open(i === 0 ? 'member' : i === 14 ? 'remote_member' : null, { participantToken: token });
        await waitFor(() => socket.meeting !== null, 60_000, `participant ${i} connected`);
        ok(await command(socket, 'attendance.checkInSelf'), `check-in ${i}`);
        return { name: m.name, seatId: seat.id, token, socket };
      });
      await waitFor(() => Object.keys(fac.meeting!.attendance).length === PEOPLE, 30_000, 'everyone checked in');
      expect(Object.values(fac.meeting!.attendance).filter((a) => a.mode === 'remote')).toHaveLength(4);

      // The grid: 4 rooms × 2 slots, 3 dots each.
      ok(await command(fac, 'openSpace.configure', {
        theme: '小区公共空间怎么用',
        rooms: ['活动室', '会议室', '阅览室', '凉亭'].map((name) => ({ name })),
        slots: [{ label: '14:00–14:45' }, { label: '15:00–15:45' }],
        dotsPerPerson: 3,
      }), 'configure');
      await waitFor(() => fac.meeting!.openSpace?.rooms.length === 4, 10_000, 'the grid');
      const { rooms, slots } = fac.meeting!.openSpace!;

      // The marketplace: participants 2..9 propose one session each; 10 proposes a duplicate of 2's.
      const titles = ['楼道堆物清理', '停车位分配', '儿童游乐区', '老人助餐点', '垃圾分类督导', '快递柜选址', '绿化认养', '夜间照明'];
      const sessionIds = await Promise.all(titles.map(async (title, k) => {
        const ack = ok(await command(people[k + 2]!.socket, 'openSpace.propose', { title, summary: `${title}的想法` }), `propose ${title}`);
        expect(ack.result.id).toBeTruthy();
        return ack.result.id!;
      }));
      const duplicate = ok(await command(people[10]!.socket, 'openSpace.propose', { title: '楼道里堆的东西怎么办' }), 'duplicate').result.id!;
      ok(await command(fac, 'openSpace.merge', { id: duplicate, intoId: sessionIds[0]! }), 'merge');
      // Session k: room k mod 4, slot k div 4.
      const slotOfSession = (k: number) => slots[Math.floor(k / 4)]!.id;
      for (const [k, id] of sessionIds.entries()) ok(await command(fac, 'openSpace.place', { id, roomId: rooms[k % 4]!.id, slotId: slotOfSession(k) }), `place ${k}`);
      const placedDuplicate = await command(fac, 'openSpace.place', { id: duplicate, roomId: rooms[0]!.id, slotId: slots[0]!.id });
      expect(codeOf(placedDuplicate), 'a merged duplicate cannot be placed').toBe('INVALID_STATE');
      expect(gridConflicts(fac.meeting!.openSpace!)).toEqual([]);

      // A member cannot run the grid or the phases; an observer does not propose.
      expect(codeOf(await command(people[1]!.socket, 'openSpace.place', { id: sessionIds[1]!, roomId: null, slotId: null }))).toBe('FORBIDDEN');
      expect(codeOf(await command(people[1]!.socket, 'openSpace.phase', { phase: 'sessions' }))).toBe('FORBIDDEN');
      expect(codeOf(await command(observer, 'openSpace.propose', { title: '旁听者的议题' }))).toBe('FORBIDDEN');
      expect(codeOf(await command(people[1]!.socket, 'openSpace.dots', { allocation: { [sessionIds[0]!]: 1 } })), 'no dots in the marketplace').toBe('INVALID_STATE');

      // The sessions: everyone goes to one in each slot; then some walk to another or leave (two feet).
      ok(await command(fac, 'openSpace.phase', { phase: 'sessions' }), 'phase sessions');
      await waitFor(() => people.every((p) => p.socket.meeting!.openSpace?.phase === 'sessions'), 30_000, 'the sessions on every phone');
      const presence: Record<string, Record<string, string>> = {};
      const go = async (i: number, slot: string, session: string | null) => {
        ok(await command(people[i]!.socket, 'openSpace.join', { slotId: slot, sessionId: session }), `join ${i}`);
        const { [slot]: _left, ...others } = presence[people[i]!.seatId] ?? {};
        presence[people[i]!.seatId] = session ? { ...others, [slot]: session } : others;
      };
      await inGroups(people, async (_, i) => {
        await go(i, slotOfSession(0), sessionIds[i % 4]!);
        await go(i, slotOfSession(4), sessionIds[4 + ((i + 1) % 4)]!);
      });
      const moved = await inGroups(people, async (_, i) => {
        if (i % 5 === 0) await go(i, slotOfSession(0), sessionIds[(i + 1) % 4]!);
        if (i % 12 === 7) await go(i, slotOfSession(4), null);
        return i % 5 === 0 || i % 12 === 7;
      });
      expect(moved.filter(Boolean).length).toBeGreaterThan(10);
      const wrongSlot = await command(people[1]!.socket, 'openSpace.join', { slotId: slotOfSession(0), sessionId: sessionIds[5]! });
      expect(codeOf(wrongSlot), 'a session of another slot').toBe('INVALID_STATE');

      // Prioritising: 3 dots each; every sixth replaces its allocation; one spends none.
      ok(await command(fac, 'openSpace.phase', { phase: 'prioritising' }), 'phase prioritising');
      await waitFor(() => people.every((p) => p.socket.meeting!.openSpace?.phase === 'prioritising'), 30_000, 'prioritising on every phone');
      const S = (k: number) => sessionIds[k % 8]!;
      // Refused, and nothing is committed: too many dots, more than any budget, and no input at all.
      expect(codeOf(await command(people[2]!.socket, 'openSpace.dots', { allocation: { [S(0)]: 2, [S(1)]: 2 } }))).toBe('BAD_REQUEST');
      expect(codeOf(await command(people[2]!.socket, 'openSpace.dots', { allocation: { [S(0)]: 11 } }))).toBe('BAD_REQUEST');
      const rawNull = (await people[3]!.socket.timeout(10_000).emitWithAck('meeting:command', { name: 'openSpace.dots', input: null })) as Ack;
      expect(codeOf(rawNull)).toBe('BAD_REQUEST');
      expect(codeOf(await command(people[3]!.socket, 'openSpace.dots', { allocation: null } as never))).toBe('BAD_REQUEST');
      expect(codeOf(await command(people[3]!.socket, 'openSpace.dots', { allocation: { [duplicate]: 1 } })), 'dots on a merged duplicate').toBe('INVALID_STATE');
      expect(codeOf(await command(fac, 'openSpace.dots', { allocation: { [S(0)]: 1 } })), 'the facilitator has no dots').toBe('FORBIDDEN');
      expect(codeOf(await command(people[1]!.socket, 'openSpace.phase', { phase: 'converged' }))).toBe('FORBIDDEN');

      const allocations: Record<string, Dots> = {};
      const spend = async (i: number, allocation: Dots) => {
        ok(await command(people[i]!.socket, 'openSpace.dots', { allocation }), `dots ${i}`);
        allocations[people[i]!.seatId] = Object.fromEntries(Object.entries(allocation).filter(([, n]) => n > 0));
      };
      const first = (i: number): Dots => (i % 20 === 19 ? { [S(0)]: 0 } : { [S(i)]: 2, [S(i + 3)]: 1 });
      // A second device of the first seat (a laptop beside the phone) is told that seat's dots as they
      // change, and nobody else's.
      const secondDevice = open(null, { participantToken: people[0]!.token });
      const mine: unknown[] = [];
      secondDevice.on('meeting:mine', (payload: unknown) => mine.push(payload));
      await waitFor(() => secondDevice.meeting !== null, 20_000, 'the second device');
      // Half spend, the observer drops, the other half spend: it catches up by events on reconnecting.
      await inGroups(people.slice(0, 30), async (_, i) => spend(i, first(i)));
      await waitFor(() => mine.length > 0, 20_000, 'the second device told its dots');
      expect(mine).toEqual([expect.objectContaining({ openSpace: { dots: allocations[people[0]!.seatId] } })]);
      const mid = fac.lastSeq;
      await waitFor(() => observer.lastSeq >= mid, 20_000, 'observer caught up');
      observer.disconnect();
      await inGroups(people.slice(30), async (_, j) => spend(30 + j, first(30 + j)));
      // The remote member's phone drops too; it misses the replaced allocations and the statements.
      const remotePhone = people[14]!.socket;
      await waitFor(() => remotePhone.lastSeq >= fac.lastSeq, 20_000, 'remote member caught up');
      remotePhone.disconnect();
      await inGroups(people, async (_, i) => (i % 6 === 0 ? spend(i, { [S(5 * i + 1)]: 3 }) : undefined));
      observer.connect();
      // A projector switched on now gets a snapshot with the totals.
      const freshProjector = open('projector', { meetingId: meeting.id, view: 'projector' }, { cookie });
      await waitFor(() => freshProjector.meeting !== null, 20_000, 'the fresh projector');

      // What the meeting agreed: two statements from the proposals the dots put on top.
      const totals = totalDots(allocations);
      expect(Object.values(totals).reduce((a, b) => a + b, 0)).toBe(Object.values(allocations).flatMap(Object.values).reduce((a, b) => a + b, 0));
      const top = [...sessionIds].sort((a, b) => (totals[b] ?? 0) - (totals[a] ?? 0)).slice(0, 2);
      const memberPhone = people[0]!.socket;
      await waitFor(() => memberPhone.lastSeq >= fac.lastSeq, 20_000, 'member caught up');
      memberPhone.disconnect();
      for (const [n, id] of top.entries()) ok(await command(fac, 'openSpace.confirm', { text: `共识${n + 1}：优先推进“${titles[sessionIds.indexOf(id)]}”`, sessionId: id }), 'confirm');
      // The two phones come back (with lastSeq): meeting:me tells each its own allocation, then they catch up.
      for (const i of [0, 14]) {
        const me = await rejoin(people[i]!.socket);
        expect(me.openSpace, `seat ${i} is told its own dots`).toEqual({ dots: allocations[people[i]!.seatId] });
      }

      // Every client folds the server's state: the totals of what was given, who is where.
      const last = fac.lastSeq;
      await waitFor(() => sockets.every((s) => !s.connected || s.lastSeq >= last), 60_000, 'every client saw the last statement');
      expect(observer.connected).toBe(true);
      const truth = await snapshot(server.url, meeting.id, cookie);
      expect(truth.openSpace!.dotTotals).toEqual(totals);
      expect(truth.openSpace!.presence).toEqual(presence);
      expect(truth.openSpace!.consensus.map((c) => c.sessionId)).toEqual(top);
      // Proposed at once, so in any order: all nine are there, the duplicate merged.
      expect(truth.openSpace!.sessions.map((x) => x.id).sort()).toEqual([...sessionIds, duplicate].sort());
      expect(truth.openSpace!.sessions.find((x) => x.id === duplicate)!.mergedInto).toBe(sessionIds[0]);
      const inSession = (os: NonNullable<MeetingState['openSpace']>, x: OsSession) => peopleIn(os, x).length;
      const expectedIn = (id: string) => Object.values(presence).filter((bySlot) => Object.values(bySlot).includes(id)).length;
      for (const x of truth.openSpace!.sessions.filter((y) => y.mergedInto === null)) expect(inSession(truth.openSpace!, x), x.title).toBe(expectedIn(x.id));
      expect(sessionIds.reduce((n, id) => n + expectedIn(id), 0)).toBe(PEOPLE * 2 - people.filter((_, i) => i % 12 === 7).length);
      for (const s of sockets.filter((x) => x.connected)) {
        expect(s.meeting!.seq).toBe(truth.seq);
        expect(s.meeting!.openSpace).toEqual(truth.openSpace);
      }

      for (const [role, s] of [['facilitator', fac], ['recorder', recorder], ['observer', observer], ['projector', freshProjector], ['member', memberPhone], ['remote_member', remotePhone]] as const) {
        received[role].push({ event: 'sync', payload: await s.timeout(10_000).emitWithAck('meeting:sync', { sinceSeq: 0 }) });
      }

      // What each role holds about dots: totals only, nobody's allocation.
      for (const role of ROLES) {
        const seen = dotsSeen(received[role]);
        expect(seen.placed, `${role} saw dots being placed`).toBeGreaterThan(0);
        expect(seen.leaks, `${role} must not learn who gave dots where`).toEqual([]);
        // Staff and the observer have no seat, so no dots of their own; a seat is told only its own.
        const mine = role === 'member' ? people[0]! : role === 'remote_member' ? people[14]! : null;
        if (mine) expect(seen.me.at(-1), role).toEqual({ dots: allocations[mine.seatId] });
        else expect(seen.me.every((x) => x === undefined), role).toBe(true);
      }
      // The dropped connections caught up by events, the dots among them.
      for (const role of ['observer', 'member', 'remote_member'] as const) {
        const catchUp = received[role].filter((r) => r.event === 'meeting:events' && (r.payload as { catchUp?: boolean }).catchUp);
        expect(catchUp.length, `${role} caught up by events`).toBeGreaterThan(0);
      }
      const missed = (role: Role) => received[role].filter((r) => (r.payload as { catchUp?: boolean }).catchUp).flatMap((r) => (r.payload as { events: MeetingEvent[] }).events);
      expect(missed('observer').some((e) => e.type === 'openSpace.dotsPlaced')).toBe(true);
      expect(missed('remote_member').some((e) => e.type === 'openSpace.dotsPlaced')).toBe(true);
      expect(missed('member').filter((e) => e.type === 'openSpace.confirmed')).toHaveLength(2);
      expect(received.projector.some((r) => r.event === 'meeting:snapshot' && Object.keys((r.payload as { state: MeetingState }).state.openSpace?.dotTotals ?? {}).length), 'a snapshot with totals').toBe(true);
      for (const role of ROLES) {
        expect(received[role].some((r) => r.event === 'sync' && (r.payload as { events: MeetingEvent[] }).events.some((e) => e.type === 'openSpace.dotsPlaced')), role).toBe(true);
      }
      // The log keeps each allocation with its seat (one allocation each, also after a restart).
      const logged = await db.meetingEvent.findMany({ where: { meetingId: meeting.id, type: 'openSpace.dotsPlaced' }, orderBy: { seq: 'asc' } });
      const lastBySeat: Record<string, Dots> = {};
      for (const e of logged) {
        const d = JSON.parse(e.data) as { seatId: string; allocation: Dots };
        lastBySeat[d.seatId] = d.allocation;
      }
      expect(lastBySeat).toEqual(allocations);

      // Killed: every acknowledged proposal, move and allocation comes back from the log.
      for (const s of sockets) s.disconnect();
      await server.stop('SIGKILL');
      server = await startServer({ databaseUrl: scratch.url });
      const cookieAfter = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
      const after = await snapshot(server.url, meeting.id, cookieAfter);
      expect(after.openSpace).toEqual(truth.openSpace);
      expect(after.seq).toBe(truth.seq);
      // Each seat is told its own allocation again, a replaced one as replaced.
      const mes = await inGroups(people, async (p) => {
        const s = connect(server.url, { participantToken: p.token });
        sockets.push(s);
        const me = await new Promise<Record<string, unknown>>((resolve) => s.once('meeting:me', resolve));
        s.disconnect();
        return me.openSpace;
      });
      expect(mes).toEqual(people.map((p) => ({ dots: allocations[p.seatId] ?? {} })));
      // Dots go on: a seat replaces its allocation after the restart, on top of the restored one.
      const again = connect(server.url, { participantToken: people[1]!.token });
      sockets.push(again);
      await waitFor(() => again.meeting !== null, 20_000, 'a phone after the restart');
      ok(await command(again, 'openSpace.dots', { allocation: { [S(7)]: 1 } }), 'dots after restart');
      allocations[people[1]!.seatId] = { [S(7)]: 1 };
      const later = await snapshot(server.url, meeting.id, cookieAfter);
      expect(later.openSpace!.dotTotals).toEqual(totalDots(allocations));
    }, 300_000); // about 10 s on a quiet machine; a busy 2-CPU one has taken 30 s
  });
}

/** A fresh facilitator connection's snapshot: the server's state as the facilitator is shown it. */
async function snapshot(url: string, meetingId: string, cookie: string): Promise<MeetingState> {
  const s = connect(url, { meetingId }, { cookie });
  try {
    await waitFor(() => s.meeting !== null, 20_000, 'snapshot');
    return s.meeting!;
  } finally {
    s.disconnect();
  }
}

/** Reconnects a phone that dropped (it sends its lastSeq) and returns the meeting:me it is told on connecting. */
function rejoin(s: Client): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    s.once('meeting:me', resolve);
    s.connect();
  });
}

/**
 * Everything a role received about dots: how many dotsPlaced events, any that carry more than the totals
 * or name an actor, snapshots whose `openSpace.dots` is not empty, and what meeting:me told it.
 */
function dotsSeen(received: { event: string; payload: unknown }[]) {
  let placed = 0;
  const leaks: unknown[] = [];
  const me: unknown[] = [];
  for (const { event, payload } of received) {
    const p = payload as { events?: MeetingEvent[]; state?: MeetingState; openSpace?: unknown } | null;
    if (event === 'meeting:me') me.push(p?.openSpace);
    for (const e of p?.events ?? []) {
      if (e.type !== 'openSpace.dotsPlaced') continue;
      placed++;
      if (e.actor !== '' || Object.keys(e.data).join() !== 'totals') leaks.push(e);
    }
    const dots = p?.state?.openSpace?.dots;
    if (dots && Object.keys(dots).length) leaks.push({ snapshotDots: dots });
  }
  if (JSON.stringify(received).includes('"allocation"')) leaks.push('an "allocation" key');
  return { placed, leaks, me };
}
