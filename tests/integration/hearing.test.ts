// A hearing (决策听证) through a real server, on SQLite and PostgreSQL. The notice goes up; ten residents
// join from their phones (one by a remote invitation); six apply as 听证代表 (3 support, 2 oppose, 1 other),
// one as 列席, one is rejected with a reason and one withdraws. Staff admit; the facilitator names the
// proposing party and runs the order of proceedings, the representatives in the alternating speaking
// order the server enforces; speakers confirm or correct their statements; the result is recorded.
// Every role records everything it receives (live events, snapshots, catch-up on reconnect, meeting:sync,
// meeting:me, meeting:mine): only the facilitator may learn who applied and was not admitted, and what
// they wrote; nobody but the facilitator learns a registration's seat. The server is SIGKILLed during
// the representatives' stage with a turn running: everything acknowledged is back and the order goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speakingOrder, type HearingStage } from '../../lib/meeting/procedure/hearing/model';
import type { MeetingEvent, MeetingState } from '../../lib/meeting/state';
import { unfinishedWork } from '../../lib/meeting/closing';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { command as send, connect, postJson, staffCookie, startServer, waitFor, type Ack, type RunningServer } from '../support/server';

const ROLES = ['facilitator', 'recorder', 'projector', 'observer', 'member', 'remote_member'] as const;
type Role = (typeof ROLES)[number];
type Client = ReturnType<typeof connect>;
type Received = { event: string; payload: unknown }[];

// Person i applies with APPLY[i]; 0 is the recorded member, 4 (remote) the recorded remote member.
const APPLY = [
  { role: 'representative', stake: 'support' },
  { role: 'representative', stake: 'oppose' },
  { role: 'representative', stake: 'support' },
  { role: 'representative', stake: 'support' },
  { role: 'representative', stake: 'oppose' },
  { role: 'representative', stake: 'other' },
  { role: 'attendee', stake: 'other' },
  { role: 'representative', stake: 'oppose' }, // rejected
  { role: 'representative', stake: 'support' }, // withdraws
] as const;
const REJECTED = 7;
const WITHDRAWN = 8;
const REMOTE = 4;
// Markers that only the facilitator (and the applicant's own devices) may ever receive.
const summaryOf = (i: number) => `申请摘要-${i}-${i === REJECTED || i === WITHDRAWN ? '不公开' : '公开'}`;
const REASON = '驳回理由：与本事项无直接利害关系';

function ok(ack: Ack, what: string): Extract<Ack, { ok: true }> {
  if (!ack.ok) throw new Error(`${what}: ${ack.error.code} ${ack.error.message}`);
  return ack;
}
const codeOf = (ack: Ack) => (ack.ok ? 'OK' : ack.error.code);

/**
 * Sends a command as a console does: told RATE_LIMITED (the facilitator sends more than 15 a second on a
 * fast machine), it waits the `retryAfterSec` the server asked for and sends again. A refused command
 * did nothing, so sending it again is safe.
 */
async function command(...args: Parameters<typeof send>): Promise<Ack> {
  for (;;) {
    const ack = await send(...args);
    if (ack.ok || ack.error.code !== 'RATE_LIMITED' || !ack.error.details?.retryAfterSec) return ack;
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(ack.error.details?.retryAfterSec ?? 1)));
  }
}

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`hearing on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let community: Awaited<ReturnType<typeof makeCommunity>>;
    const sockets: Client[] = [];

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      community = await makeCommunity(db, { members: 10 });
      server = await startServer({ databaseUrl: scratch.url });
    });

    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('runs the order of proceedings, keeps applications not admitted from everyone but the facilitator, and survives a kill', async () => {
      const meeting = await makeMeeting(db, community, {
        form: 'hearing', type: 'decision', title: '听证会：小区停车收费调整', agenda: [{ title: '停车收费调整方案' }],
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

      const received = Object.fromEntries(ROLES.map((r) => [r, [] as Received])) as Record<Role, Received>;
      const open = (role: Role | null, auth: Record<string, unknown>, headers?: Record<string, string>, sink?: Received) => {
        const s = connect(server.url, auth, headers);
        if (role) s.onAny((event: string, payload: unknown) => received[role].push({ event, payload }));
        if (sink) s.onAny((event: string, payload: unknown) => sink.push({ event, payload }));
        sockets.push(s);
        return s;
      };
      const fac = open('facilitator', { meetingId: meeting.id }, { cookie });
      const recorder = open('recorder', { meetingId: meeting.id }, { cookie: recorderCookie });
      const projector = open('projector', { meetingId: meeting.id, view: 'projector' }, { cookie });
      await waitFor(() => [fac, recorder, projector].every((s) => s.meeting !== null), 30_000, 'staff connected');

      // Registration opens with the notice: before it, applying is refused.
      ok(await command(fac, 'hearing.configure', { turnSeconds: 120, proposer: '物业公司' }), 'configure');
      ok(await command(fac, 'meeting.announce', { text: '听证会公告：小区停车收费调整，欢迎报名' }), 'announce');
      await waitFor(() => fac.meeting!.status === 'announced', 20_000, 'announced');
      const observer = open('observer', { participantToken: await join({ via: 'observer', observerToken }) });

      // Ten residents join from their phones; 4 by a remote invitation.
      const people: { name: string; seatId: string; token: string; socket: Client; own: Received }[] = [];
      for (const [i, m] of community.roster.entries()) {
        const seat = seatOf.get(m.id)!;
        const token = i === REMOTE
          ? await join({ via: 'remote', inviteToken: seat.remoteToken })
          : await join({ via: 'card', joinCode: meeting.joinCode, cardToken: m.joinToken });
        const own: Received = [];
        const socket = open(i === 0 ? 'member' : i === REMOTE ? 'remote_member' : null, { participantToken: token }, undefined, own);
        people.push({ name: m.name, seatId: seat.id, token, socket, own });
      }
      await waitFor(() => [observer, ...people.map((p) => p.socket)].every((s) => s.meeting !== null), 60_000, 'phones connected');
      const meOf = (r: Received) => r.filter((x) => x.event === 'meeting:me').map((x) => x.payload as { role: string });
      expect(meOf(received.member)[0]!.role).toBe('member');
      expect(meOf(received.remote_member)[0]!.role).toBe('remote_member');
      // A second device of the one who will be rejected: it is told the reason too.
      const rejectedLaptop: Received = [];
      const laptop = open(null, { participantToken: people[REJECTED]!.token }, undefined, rejectedLaptop);
      await waitFor(() => laptop.meeting !== null, 20_000, 'the second device');

      // Applications, one after another so the registration order is known.
      const regIds: string[] = [];
      for (const [i, a] of APPLY.entries()) {
        regIds.push(ok(await command(people[i]!.socket, 'hearing.apply', { ...a, summary: summaryOf(i) }), `apply ${i}`).result.id!);
      }
      expect(codeOf(await command(people[0]!.socket, 'hearing.apply', { role: 'attendee', stake: 'other' })), 'one application each').toBe('CONFLICT');
      expect(codeOf(await command(observer, 'hearing.apply', { role: 'attendee', stake: 'other' })), 'the observer does not apply').toBe('FORBIDDEN');
      expect(codeOf(await command(people[1]!.socket, 'hearing.admit', { id: regIds[1]! })), 'an applicant does not admit').toBe('FORBIDDEN');

      // The observer drops while applications are pending; it catches up after the rejection and withdrawal.
      await waitFor(() => observer.lastSeq >= fac.lastSeq, 20_000, 'observer caught up');
      observer.disconnect();
      for (let i = 0; i <= 6; i++) ok(await command(fac, 'hearing.admit', { id: regIds[i]! }), `admit ${i}`);
      ok(await command(fac, 'hearing.reject', { id: regIds[REJECTED]!, reason: REASON }), 'reject');
      ok(await command(people[WITHDRAWN]!.socket, 'hearing.withdraw'), 'withdraw');
      observer.connect();
      // A projector and the recorder's laptop switched on now get a snapshot with the rejection and the
      // withdrawal in it.
      const freshProjector = open('projector', { meetingId: meeting.id, view: 'projector' }, { cookie });
      const recorderLaptop = open('recorder', { meetingId: meeting.id }, { cookie: recorderCookie });
      await waitFor(() => [freshProjector, recorderLaptop].every((s) => s.meeting !== null) && observer.lastSeq >= fac.lastSeq, 20_000, 'fresh projector, laptop and observer');

      // The rejected applicant's phone and laptop are both told why.
      const mineOf = (r: Received) => r.filter((x) => x.event === 'meeting:mine').map((x) => (x.payload as { hearing?: { registration: unknown } }).hearing?.registration);
      const rejected = { id: regIds[REJECTED], status: 'rejected', reason: REASON, summary: summaryOf(REJECTED) };
      await waitFor(() => [people[REJECTED]!.own, rejectedLaptop].every((r) => mineOf(r).some((x) => (x as { status?: string })?.status === 'rejected')), 20_000, 'the rejection told');
      for (const r of [people[REJECTED]!.own, rejectedLaptop]) expect(mineOf(r).at(-1)).toMatchObject(rejected);
      await waitFor(() => mineOf(people[WITHDRAWN]!.own).some((x) => (x as { status?: string })?.status === 'withdrawn'), 20_000, 'the withdrawal told');

      // The order of the representatives: support and oppose alternate, 'other' after both.
      const h = () => fac.meeting!.hearing!;
      const order = speakingOrder(h()).map((r) => regIds.indexOf(r.id));
      expect(order).toEqual([0, 1, 2, 4, 3, 5]);

      // The meeting starts (planned just now: the notice lead time is overridden with a reason).
      ok(await command(fac, 'meeting.start', { overrideReason: '测试：当即召开' }), 'start');
      expect(codeOf(await command(people[6]!.socket, 'hearing.requestFloor', { raised: true })), '列席 does not ask for the floor').toBe('FORBIDDEN');

      const stage = (s: HearingStage) => command(fac, 'hearing.stage', { stage: s });
      const turn = async (s: HearingStage, person: number | null) => {
        const id = ok(await command(fac, 'hearing.turnStart', { stage: s, registrationId: person === null ? null : regIds[person]! }), `turn ${s} ${person}`).result.id!;
        ok(await command(fac, 'hearing.turnEnd'), `turn end ${s} ${person}`);
        return id;
      };
      expect(codeOf(await stage('explanation')), 'stages go one step at a time').toBe('INVALID_STATE');
      ok(await stage('discipline'), 'discipline');
      expect(codeOf(await command(fac, 'hearing.turnStart', { stage: 'discipline', registrationId: regIds[0]! })), 'the host speaks in discipline').toBe('INVALID_STATE');
      await turn('discipline', null);
      ok(await stage('explanation'), 'explanation');
      await turn('explanation', null);
      ok(await stage('representatives'), 'representatives');

      // The representatives in the order; each time, the next-but-one tries first and is refused.
      const turnOf: Record<number, string> = {};
      const speak = async (k: number) => {
        const wrong = order[(k + 1) % order.length]!;
        const early = await command(fac, 'hearing.turnStart', { stage: 'representatives', registrationId: regIds[wrong]! });
        expect(codeOf(early), `${wrong} out of turn`).toBe('INVALID_STATE');
        for (const other of [REJECTED, WITHDRAWN, 6]) {
          expect(codeOf(await command(fac, 'hearing.turnStart', { stage: 'representatives', registrationId: regIds[other]! })), `${other} gets no turn`).toBe('INVALID_STATE');
        }
        return ok(await command(fac, 'hearing.turnStart', { stage: 'representatives', registrationId: regIds[order[k]!]! }), `turn ${order[k]}`).result.id!;
      };
      for (const k of [0, 1]) {
        turnOf[order[k]!] = await speak(k);
        ok(await command(fac, 'hearing.turnEnd'), 'turn end');
      }
      // Only the speaker confirms or corrects (from their phone); a correction, then the confirmation.
      expect(codeOf(await command(people[1]!.socket, 'hearing.confirm', { turnId: turnOf[0]! })), 'another representative').toBe('FORBIDDEN');
      expect(codeOf(await command(people[9]!.socket, 'hearing.correct', { turnId: turnOf[0]!, text: '不是我的发言' })), 'someone not registered').toBe('FORBIDDEN');
      ok(await command(people[0]!.socket, 'hearing.correct', { turnId: turnOf[0]!, text: '更正：我说的是每月150元，不是105元' }), 'correct');
      ok(await command(people[0]!.socket, 'hearing.confirm', { turnId: turnOf[0]! }), 'confirm 0');
      expect(codeOf(await command(people[0]!.socket, 'hearing.confirm', { turnId: turnOf[0]! }))).toBe('CONFLICT');
      ok(await command(people[1]!.socket, 'hearing.confirm', { turnId: turnOf[1]! }), 'confirm 1');

      // The member's phone drops and misses the third representative's turn starting.
      await waitFor(() => people[0]!.socket.lastSeq >= fac.lastSeq, 20_000, 'member caught up');
      people[0]!.socket.disconnect();
      const running = await speak(2);
      turnOf[order[2]!] = running;
      await waitFor(() => fac.meeting!.hearing!.currentTurnId === running, 20_000, 'the turn running');
      const before = await snapshot(server.url, meeting.id, cookie);
      expect(before.hearing!.currentTurnId).toBe(running);

      // Killed with the turn running. Restarted on the same port: every client reconnects by itself with
      // its lastSeq and catches up.
      await server.stop('SIGKILL');
      server = await startServer({ databaseUrl: scratch.url, port: server.port });
      const after = await snapshot(server.url, meeting.id, cookie);
      expect(after.seq).toBe(before.seq);
      expect(after.hearing).toEqual(before.hearing);
      expect(after.hearing!.registrations.map((r) => r.status)).toEqual(['admitted', 'admitted', 'admitted', 'admitted', 'admitted', 'admitted', 'admitted', 'rejected', 'withdrawn']);
      expect(after.hearing!.turns.find((t) => t.id === turnOf[0])).toMatchObject({ corrections: [{ text: '更正：我说的是每月150元，不是105元' }], confirmedAt: expect.any(String) });
      people[0]!.socket.connect();
      const live = [fac, recorder, recorderLaptop, freshProjector, observer, ...people.map((p) => p.socket), laptop];
      await waitFor(() => live.every((s) => s.connected && s.lastSeq >= after.seq), 60_000, 'everyone back after the restart');

      // The order goes on from where it was: the running turn ends, the next ones follow.
      expect(codeOf(await command(fac, 'hearing.turnStart', { stage: 'representatives', registrationId: regIds[order[3]!]! })), 'someone has the floor').toBe('INVALID_STATE');
      ok(await command(fac, 'hearing.turnEnd'), 'the running turn ends after the restart');
      for (const k of [3, 4, 5]) {
        turnOf[order[k]!] = await speak(k);
        ok(await command(fac, 'hearing.turnEnd'), 'turn end');
      }
      expect(codeOf(await command(fac, 'hearing.turnStart', { stage: 'representatives', registrationId: regIds[0]! })), 'everyone has spoken').toBe('INVALID_STATE');
      // The remote member corrects from its phone after the restart.
      ok(await command(people[REMOTE]!.socket, 'hearing.correct', { turnId: turnOf[REMOTE]!, text: '补充：夜间临停应免费' }), 'correct 4');
      ok(await command(people[2]!.socket, 'hearing.confirm', { turnId: turnOf[2]! }), 'confirm 2');

      ok(await stage('questioning'), 'questioning');
      ok(await command(people[1]!.socket, 'hearing.requestFloor', { raised: true }), 'a raised hand');
      await turn('questioning', 1);
      await turn('questioning', null);
      ok(await stage('final'), 'final');
      await turn('final', 0);
      await turn('final', null);
      expect(codeOf(await command(fac, 'hearing.turnStart', { stage: 'final', registrationId: null })), 'the proposer’s final statement is made once').toBe('INVALID_STATE');
      ok(await stage('summary'), 'summary');
      await turn('summary', null);
      ok(await command(fac, 'hearing.result', { decision: '调整方案暂缓实施，修改后再议', reasons: '反对意见集中在夜间临停收费，物业需补充成本测算' }), 'result');

      // Everyone folds the server's state.
      const truth = await snapshot(server.url, meeting.id, cookie);
      await waitFor(() => live.every((s) => s.lastSeq >= truth.seq), 60_000, 'every client saw the result');
      expect(truth.hearing!.stage).toBe('summary');
      expect(truth.hearing!.result).toMatchObject({ decision: '调整方案暂缓实施，修改后再议' });
      const repTurns = truth.hearing!.turns.filter((t) => t.stage === 'representatives');
      expect(repTurns.map((t) => regIds.indexOf(t.registrationId!))).toEqual(order);
      expect(repTurns.map((t) => t.stake)).toEqual(['support', 'oppose', 'support', 'oppose', 'support', 'other']);
      expect(truth.hearing!.turns.map((t) => t.stage)).toEqual([
        'discipline', 'explanation', ...order.map(() => 'representatives'), 'questioning', 'questioning', 'final', 'final', 'summary',
      ]);
      expect(truth.hearing!.turns.every((t) => t.endedAt && t.durationSec !== null)).toBe(true);
      // The facilitator's own view: names and seats; every other role's: the same minus what is not theirs.
      for (const s of live) {
        expect(s.meeting!.seq).toBe(truth.seq);
        const mine = s.meeting!.hearing!;
        expect(mine.turns).toEqual(truth.hearing!.turns);
        expect(mine.result).toEqual(truth.hearing!.result);
      }

      for (const [role, s] of [['facilitator', fac], ['recorder', recorder], ['observer', observer], ['projector', freshProjector], ['member', people[0]!.socket], ['remote_member', people[REMOTE]!.socket]] as const) {
        received[role].push({ event: 'sync', payload: await s.timeout(10_000).emitWithAck('meeting:sync', { sinceSeq: 0 }) });
      }

      // Privacy: what each role holds of the applications not admitted, and of seats.
      const hidden = new Set([regIds[REJECTED]!, regIds[WITHDRAWN]!]);
      for (const role of ROLES) {
        const seen = hearingSeen(received[role], hidden);
        expect(seen.events, `${role} received the hearing's events`).toBeGreaterThan(20);
        // The facilitator connected before the hearing had a state; its snapshots are the helper's.
        if (role !== 'facilitator') expect(seen.states, `${role} received snapshots`).toBeGreaterThan(0);
        const text = JSON.stringify(received[role]);
        if (role === 'facilitator') {
          // The facilitator admits: it reads every application, with its seat and the reason.
          expect(text).toContain(REASON);
          expect(text).toContain(summaryOf(WITHDRAWN));
          expect(seen.seatIds.length).toBeGreaterThan(0);
          continue;
        }
        expect(seen.leaks, `${role} must not learn an application not admitted`).toEqual([]);
        expect(seen.seatIds, `${role} must not learn a registration's seat`).toEqual([]);
        for (const marker of [REASON, summaryOf(REJECTED), summaryOf(WITHDRAWN)]) expect(text.includes(marker), `${role}: ${marker}`).toBe(false);
        // Admitted, a summary is the hall's.
        expect(text).toContain(summaryOf(1));
      }
      // The dropped connections caught up by events, and their catch-up replays kept the secrets too.
      const catchUp = (role: Role) => received[role].filter((r) => r.event === 'meeting:events' && (r.payload as { catchUp?: boolean }).catchUp)
        .flatMap((r) => (r.payload as { events: MeetingEvent[] }).events.map((e) => e.type));
      expect(catchUp('observer')).toEqual(expect.arrayContaining(['hearing.rejected', 'hearing.withdrawn']));
      expect(catchUp('member')).toContain('hearing.turnStarted');
      // Each recorded seat is told its own application only.
      for (const [role, i] of [['member', 0], ['remote_member', REMOTE]] as const) {
        const mes = received[role].filter((x) => x.event === 'meeting:me').map((x) => (x.payload as { hearing?: { registration: { id: string } | null } }).hearing?.registration);
        expect(mes.length, role).toBeGreaterThan(1); // on connecting, on reconnecting, after the restart
        expect(mes.at(-1), role).toMatchObject({ id: regIds[i], status: 'admitted', summary: summaryOf(i) });
        expect(mineOf(received[role]).every((r) => (r as { id?: string }).id === regIds[i]), role).toBe(true);
      }

      // After the restart the rejected applicant's phone and laptop reconnected and were told again, reason
      // and all; no other phone ever received the reason or what the two not admitted wrote.
      const meHearing = (r: Received) => r.filter((x) => x.event === 'meeting:me').map((x) => (x.payload as { hearing?: { registration: unknown } }).hearing?.registration);
      for (const r of [people[REJECTED]!.own, rejectedLaptop]) expect(meHearing(r).at(-1)).toMatchObject(rejected);
      expect(meHearing(people[WITHDRAWN]!.own).at(-1)).toMatchObject({ id: regIds[WITHDRAWN], status: 'withdrawn' });
      for (const [i, p] of people.entries()) {
        const text = JSON.stringify(p.own);
        if (i !== REJECTED) expect(text.includes(REASON), `phone ${i} and the reason`).toBe(false);
        if (i !== REJECTED) expect(text.includes(summaryOf(REJECTED)), `phone ${i}`).toBe(false);
        if (i !== WITHDRAWN) expect(text.includes(summaryOf(WITHDRAWN)), `phone ${i}`).toBe(false);
      }

      // Closing ends the hearing; its record keeps the admitted, never the applications turned down.
      const decisions = unfinishedWork(fac.meeting!).map((w) => ({ kind: w.kind, id: w.id, action: w.actions.includes('finish') ? 'finish' as const : 'defer' as const }));
      ok(await command(fac, 'meeting.close', { decisions }), 'close');
      const record = await waitForRecord(db, meeting.id);
      expect(record).toContain('调整方案暂缓实施');
      for (const marker of [REASON, summaryOf(REJECTED), summaryOf(WITHDRAWN)]) expect(record.includes(marker), marker).toBe(false);
    }, 300_000); // about 7 s per database on a quiet 2-CPU machine; generous for a busy one
  });
}

/** A fresh facilitator connection's snapshot: the server's state as the facilitator is shown it. */
async function snapshot(url: string, meetingId: string, cookie: string): Promise<MeetingState> {
  const s = connect(url, { meetingId }, { cookie });
  try {
    await waitFor(() => s.meeting !== null, 30_000, 'snapshot');
    return s.meeting!;
  } finally {
    s.disconnect();
  }
}

/** The frozen record's body, once the close has written it. */
async function waitForRecord(db: Db, meetingId: string): Promise<string> {
  for (let tries = 0; tries < 300; tries++) {
    const r = await db.meetingRecord.findFirst({ where: { meetingId } });
    if (r) return r.body;
    await new Promise((resolve) => setTimeout(resolve, 100)); // the record is frozen just after the close
  }
  throw new Error('timed out waiting for the record');
}

/**
 * What a role received of the hearing: how many hearing events and states; `leaks`, anything of an
 * application in `hidden` beyond its id and status (in events and in states); `seatIds`, any seat a
 * registration or hearing event named.
 */
function hearingSeen(received: Received, hidden: Set<string>) {
  let events = 0;
  let states = 0;
  const leaks: unknown[] = [];
  const seatIds: unknown[] = [];
  for (const { payload } of received) {
    const p = payload as { events?: MeetingEvent[]; state?: MeetingState } | null;
    for (const e of p?.events ?? []) {
      if (!e.type.startsWith('hearing.')) continue;
      events++;
      const data = e.data as Record<string, unknown>;
      if ('seatId' in data) seatIds.push(e);
      if (typeof data.id === 'string' && hidden.has(data.id) && Object.keys(data).join() !== 'id') leaks.push(e);
      if ((e.type === 'hearing.applied' || e.type === 'hearing.withdrawn') && (e.actor !== '' || Object.keys(data).join() !== 'id')) leaks.push(e);
      if (e.type === 'hearing.rejected' && Object.keys(data).join() !== 'id') leaks.push(e);
    }
    const regs = p?.state?.hearing?.registrations;
    if (regs) states++;
    for (const r of regs ?? []) {
      if (r.seatId !== null) seatIds.push(r);
      if (r.status !== 'admitted' && (r.name !== '' || r.summary !== '' || r.reason !== null || r.role !== null || r.stake !== null)) leaks.push(r);
    }
  }
  return { events, states, leaks, seatIds };
}
