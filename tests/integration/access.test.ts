// Who may get in and what they may do, through the real transports: staff scoping, participant roles,
// validation of payloads, rate limiting of failed logins, and walk-in admission.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { scratchSqlite, type ScratchDatabase } from '../support/databases';
import { command, connect, postJson, staffCookie, startServer, waitFor, type RunningServer } from '../support/server';

describe('access and authorisation', () => {
  let scratch: ScratchDatabase;
  let db: Db;
  let server: RunningServer;
  let home: Awaited<ReturnType<typeof makeCommunity>>;
  let other: Awaited<ReturnType<typeof makeCommunity>>;
  let meeting: { id: string; joinCode: string };
  const sockets: ReturnType<typeof connect>[] = [];
  const open = (auth: Record<string, unknown>, headers?: Record<string, string>) => {
    const s = connect(server.url, auth, headers);
    sockets.push(s);
    return s;
  };
  const connectError = (s: ReturnType<typeof connect>) =>
    new Promise<{ code: string }>((resolve) => s.once('connect_error', (e: Error & { data?: { code: string } }) => resolve(e.data!)));

  beforeAll(async () => {
    scratch = await scratchSqlite();
    await applyMigrations(scratch.url);
    db = createDb(scratch.url);
    home = await makeCommunity(db, { members: 5 });
    other = await makeCommunity(db, { members: 2, name: '别的社区' });
    meeting = await makeMeeting(db, home);
    server = await startServer({ databaseUrl: scratch.url });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.stop();
    await db?.$disconnect();
    await scratch?.drop();
  });

  it('refuses a socket without credentials and a facilitator from another community', async () => {
    expect(await connectError(open({ meetingId: meeting.id }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    const cookie = await staffCookie(server.url, other.facilitator.username, TEST_PASSWORD);
    expect(await connectError(open({ meetingId: meeting.id }, { cookie }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await connectError(open({ participantToken: 'not-a-token' }))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lets a recorder watch but not run the meeting, and hides access links from them', async () => {
    const cookie = await staffCookie(server.url, home.recorder.username, TEST_PASSWORD);
    const rec = open({ meetingId: meeting.id }, { cookie });
    await waitFor(() => !!rec.meeting, 10_000, 'recorder snapshot');
    expect(await command(rec, 'meeting.start')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const res = await fetch(`${server.url}/api/access?joinCode=${meeting.joinCode}`, { headers: { cookie } });
    expect(res.status).toBe(403);
    const admit = await postJson(`${server.url}/api/admit`, { meetingId: meeting.id, seatId: rec.meeting!.seats[0]!.id }, { cookie });
    expect(admit.status).toBe(403);
  });

  it('validates command payloads and refuses commands above a role', async () => {
    const cookie = await staffCookie(server.url, home.facilitator.username, TEST_PASSWORD);
    const fac = open({ meetingId: meeting.id }, { cookie });
    await waitFor(() => !!fac.meeting, 10_000, 'facilitator snapshot');
    expect(await command(fac, 'agenda.add', { title: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await command(fac, 'no.such.command' as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await command(fac, 'poll.create', { question: 'x', kind: 'motion', rule: { basis: 'nonsense' } } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await command(fac, 'meeting.start')).ok).toBe(true);

    // A walk-in admitted by the facilitator becomes a member who can check in, but cannot run the meeting.
    const admitted = await postJson(`${server.url}/api/admit`, { meetingId: meeting.id, seatId: fac.meeting!.seats[0]!.id }, { cookie });
    expect(admitted.status).toBe(200);
    const walkIn = open({ participantToken: admitted.body.participantToken });
    await waitFor(() => !!walkIn.meeting, 10_000, 'walk-in snapshot');
    expect((await command(walkIn, 'attendance.checkInSelf')).ok).toBe(true);
    expect(await command(walkIn, 'poll.create', { question: 'x', kind: 'motion', rule: { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' } }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // An observer link can watch but never vote.
    const access = await (await fetch(`${server.url}/api/access?joinCode=${meeting.joinCode}`, { headers: { cookie } })).json();
    const obs = await postJson(`${server.url}/api/join`, { via: 'observer', observerToken: access.observerToken });
    const observer = open({ participantToken: obs.body.participantToken });
    await waitFor(() => !!observer.meeting, 10_000, 'observer snapshot');
    expect(await command(observer, 'poll.vote', { pollId: 'x', choices: ['yes'], idempotencyKey: randomUUID() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await command(observer, 'attendance.checkInSelf')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // A remote invitation checks the member in as remote.
    const remote = await postJson(`${server.url}/api/join`, { via: 'remote', inviteToken: access.seats[1].remoteToken });
    expect(remote.body.mode).toBe('remote');
    const rm = open({ participantToken: remote.body.participantToken });
    await waitFor(() => !!rm.meeting, 10_000, 'remote snapshot');
    expect((await command(rm, 'attendance.checkInSelf')).ok).toBe(true);
    const row = await db.attendance.findFirst({ where: { meetingId: meeting.id, seatId: access.seats[1].seatId } });
    expect(row?.mode).toBe('remote');
  });

  it('rate-limits repeated failed logins with a clear error', async () => {
    const attempts = [];
    for (let i = 0; i < 7; i++) attempts.push(await postJson(`${server.url}/api/auth/login`, { username: home.facilitator.username, password: 'wrong' }));
    expect(attempts.slice(0, 5).every((a) => a.status === 401)).toBe(true);
    expect(attempts[6]!.status).toBe(429);
    expect(attempts[6]!.body.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(attempts[6]!.body.error.details.retryAfterSec).toBeGreaterThan(0);
  });

  it('reports health', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('answers a link with a broken percent-escape with 400, not a crash', async () => {
    expect((await fetch(`${server.url}/api/records/%E4%B8`)).status).toBe(400);
    expect((await fetch(`${server.url}/v/%E4%B8`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('cross-site sockets', () => {
  it('refuses a browser connection from another origin', async () => {
    const scratch = await scratchSqlite();
    const server = await startServer({ databaseUrl: scratch.url });
    try {
      const res = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'https://evil.example' } });
      expect(res.status).toBe(403);
      const same = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: server.url } });
      expect(same.status).toBe(200);
    } finally {
      await server.stop();
      await scratch.drop();
    }
  });
});
