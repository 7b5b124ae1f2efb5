// Hostile and malformed socket messages against the real server: every command refuses a null, missing
// or misshapen input with BAD_REQUEST and commits nothing; sync errors list their issues; unknown events
// are answered; a connection that floods is answered RATE_LIMITED while everyone else goes on.
import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { commandNames } from '../../lib/meeting/commands';
import { connectionRateLimits } from '../../lib/meeting/rate-limits';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { HANDSHAKE_FAILURES } from '../../server/socket';
import { useScratchServer } from '../support/scratch-server';
import { command, connect, postJson, staffCookie, waitFor, type Ack } from '../support/server';

type Answer = { ok: boolean; error?: { code: string; details?: { issues?: unknown[] } } };

describe('socket input', () => {
  const ctx = useScratchServer();

  async function setUp(members = 3) {
    const { db, server } = ctx;
    const community = await makeCommunity(db, { members });
    const meeting = await makeMeeting(db, community);
    const cookie = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
    const fac = connect(server.url, { meetingId: meeting.id }, { cookie });
    const phones: ReturnType<typeof connect>[] = [];
    for (const m of community.roster) {
      const r = await postJson(`${server.url}/api/join`, { via: 'card', joinCode: meeting.joinCode, cardToken: m.joinToken });
      phones.push(connect(server.url, { participantToken: r.body.participantToken }));
    }
    await waitFor(() => !!fac.meeting && phones.every((p) => !!p.meeting), 10_000, 'snapshots');
    return { meeting, cookie, fac, phones, events: () => db.meetingEvent.count({ where: { meetingId: meeting.id } }) };
  }

  const raw = (s: ReturnType<typeof connect>, event: string, payload: unknown) =>
    s.timeout(5000).emitWithAck(event, payload) as Promise<Answer>;

  it('refuses null, missing and malformed inputs for every command, committing nothing', async () => {
    const { meeting, cookie, fac, phones, events } = await setUp();
    const before = await events();
    // A facilitator connection per kind of bad input and per 20 commands, each well within its
    // message budget (a burst of 30), however many commands there are.
    const batches = Array.from({ length: Math.ceil(commandNames.length / 20) }, (_, i) => commandNames.slice(i * 20, i * 20 + 20));
    for (const bad of [(name: string) => ({ name, input: null }), (name: string) => ({ name }), (name: string) => ({ name, input: 'x' }), (name: string) => ({ name, input: [] })]) {
      for (const batch of batches) {
        const s = connect(ctx.server.url, { meetingId: meeting.id }, { cookie });
        for (const name of batch) {
          const a = await raw(s, 'meeting:command', bad(name));
          expect(a, `${name} with ${JSON.stringify(bad(name))}`).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
          expect(a.error!.details!.issues!.length).toBeGreaterThan(0);
        }
        s.disconnect();
      }
    }
    // An input with nothing to do, or a key the command does not have, is not silently emptied.
    expect(await raw(fac, 'meeting:command', { name: 'meeting.update', input: {} })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await raw(fac, 'meeting:command', { name: 'message.clear', input: { everything: true } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await raw(fac, 'meeting:command', { name: 'message.show', input: { text: '好', colour: 'red' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await raw(phones[0]!, 'meeting:command', { name: 'attendance.checkInSelf', input: null })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await events()).toBe(before);
    // The same commands, well formed, still work.
    expect((await command(fac, 'message.show', { text: '请安静' })).ok).toBe(true);
    expect(await events()).toBe(before + 1);
    for (const s of [fac, ...phones]) s.disconnect();
  });

  it('answers a bad sync with its issues and an unknown event with BAD_REQUEST', async () => {
    const { fac, phones } = await setUp(1);
    for (const payload of [null, {}, { sinceSeq: -1 }, { sinceSeq: 'all' }]) {
      const a = await raw(phones[0]!, 'meeting:sync', payload);
      expect(a, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(a.error!.details!.issues!.length).toBeGreaterThan(0);
    }
    expect(await raw(phones[0]!, 'meeting:vote', { pollId: 'x' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', details: { event: 'meeting:vote' } } });
    expect(await raw(fac, 'admin:shutdown', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await raw(phones[0]!, 'meeting:sync', { sinceSeq: 0 })).toMatchObject({ ok: true });
    for (const s of [fac, ...phones]) s.disconnect();
  });

  it('answers a flooding connection RATE_LIMITED while the others vote and the server answers', async () => {
    const { fac, phones, events } = await setUp(3);
    expect((await command(fac, 'meeting.start')).ok).toBe(true);
    for (const p of phones) expect((await command(p, 'attendance.checkInSelf')).ok).toBe(true);

    // A participant's budget is tight: the first message beyond it is refused with when to retry, and
    // the connection is not read from until then; everything is answered in the end.
    const budget = connectionRateLimits.member.messages;
    const answers = await Promise.all(Array.from({ length: budget * 2 }, () => raw(phones[0]!, 'meeting:sync', { sinceSeq: 0 })));
    const firstRefused = answers.findIndex((a) => !a.ok); // (its check-in came out of the same budget)
    expect(firstRefused).toBeGreaterThanOrEqual(budget - 1);
    expect(firstRefused).toBeLessThanOrEqual(budget);
    expect(answers[firstRefused]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { retryAfterSec: expect.any(Number) } } });
    expect(answers.filter((a) => !a.ok).every((a) => a.error!.code === 'RATE_LIMITED')).toBe(true);

    // The facilitator's connection floods commands while the members vote: only its budget's worth is
    // committed, the rest is refused at once, and the honest ballots and the health check go through.
    const rule = { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' } as const;
    expect((await command(fac, 'poll.create', { question: '是否同意？', kind: 'motion', rule })).ok).toBe(true);
    await waitFor(() => fac.meeting!.polls.length === 1, 10_000, 'poll');
    const pollId = fac.meeting!.polls[0]!.id;
    expect((await command(fac, 'poll.open', { pollId })).ok).toBe(true);
    const before = await events();
    const FLOOD = connectionRateLimits.facilitator.messages * 3;
    const flood = Array.from({ length: FLOOD }, (_, i) => command(fac, 'message.show', { text: `刷屏${i}` }, 30_000));
    const votes = await Promise.all(phones.slice(1).map((p, i) => command(p, 'poll.vote', { pollId, choices: ['yes'], idempotencyKey: `honest-${i}-key` })));
    expect(votes.every((v) => v.ok)).toBe(true);
    expect((await fetch(`${ctx.server.url}/api/health`)).status).toBe(200);
    const flooded: Ack[] = await Promise.all(flood);
    const committed = flooded.filter((a) => a.ok).length;
    const limited = flooded.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length;
    expect(limited).toBe(FLOOD - committed);
    expect(limited).toBeGreaterThan(0);
    expect(flooded.findIndex((a) => !a.ok)).toBeLessThanOrEqual(connectionRateLimits.facilitator.messages);
    expect(await events()).toBe(before + committed + votes.length);
    for (const s of [fac, ...phones]) s.disconnect();
  });

  // Last in this file: it uses up the failure budget of the tests' address on this server.
  it('refuses an address that keeps failing handshakes at the upgrade, before its tokens are looked up', async () => {
    const badHandshake = () => new Promise<string>((resolve) => {
      const s = io(ctx.server.url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false, auth: { participantToken: randomBytes(32).toString('base64url') } });
      s.on('connect_error', (err: Error & { data?: { code?: string } }) => {
        s.close();
        resolve(err.data?.code ?? 'refused at the upgrade');
      });
    });
    const answers: string[] = [];
    for (let i = 0; i < HANDSHAKE_FAILURES.count + 3; i++) answers.push(await badHandshake());
    expect(answers.slice(0, HANDSHAKE_FAILURES.count)).toEqual(Array(HANDSHAKE_FAILURES.count).fill('UNAUTHENTICATED'));
    expect(answers.slice(HANDSHAKE_FAILURES.count)).toEqual(Array(3).fill('refused at the upgrade'));
    expect((await fetch(`${ctx.server.url}/api/health`)).status).toBe(200);
  });
});
