// A ballot the facilitator enters for a member (poll.voteFor) is told to that member's own devices, and
// to nobody else: every other connection — another member, an observer of the projector's kind, a
// reconnecting phone — records everything it receives, and none of it names the seat or carries the
// receipt. The member's phone learns it live and again after a reconnect (meeting:me).
import { describe, expect, it } from 'vitest';
import { majorityPresets } from '../../lib/voting/outcome';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { useScratchServer } from '../support/scratch-server';
import { command, connect, postJson, staffCookie, waitFor } from '../support/server';

describe('a staff-entered ballot reaches its member only', () => {
  const ctx = useScratchServer();

  it('sends meeting:receipt to that seat alone, live and after a reconnect', async () => {
    const { db, server } = ctx;
    const community = await makeCommunity(db, { members: 3 });
    const meeting = await makeMeeting(db, community);
    const cookie = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
    const fac = connect(server.url, { meetingId: meeting.id }, { cookie });
    const tokens: string[] = [];
    const seatIds: string[] = [];
    for (const m of community.roster) {
      const r = await postJson(`${server.url}/api/join`, { via: 'card', joinCode: meeting.joinCode, cardToken: m.joinToken });
      tokens.push(r.body.participantToken);
      seatIds.push(r.body.seatId);
    }
    const phones = tokens.map((participantToken) => connect(server.url, { participantToken }));
    const projector = connect(server.url, { meetingId: meeting.id, view: 'projector' }, { cookie });
    const received = new Map<string, { event: string; payload: unknown }[]>();
    for (const [name, s] of [['target', phones[0]!], ['other', phones[1]!], ['projector', projector], ['facilitator', fac]] as const) {
      received.set(name, []);
      s.onAny((event: string, payload: unknown) => received.get(name)!.push({ event, payload }));
    }
    await waitFor(() => !!fac.meeting && phones.every((p) => !!p.meeting), 10_000, 'snapshots');

    expect((await command(fac, 'meeting.start')).ok).toBe(true);
    for (const seatId of seatIds) expect((await command(fac, 'attendance.checkIn', { seatId, mode: 'hall' })).ok).toBe(true);
    expect((await command(fac, 'poll.create', { question: '是否同意？', kind: 'motion', rule: majorityPresets.simple_majority })).ok).toBe(true);
    await waitFor(() => fac.meeting!.polls.length === 1, 10_000, 'the poll');
    const pollId = fac.meeting!.polls[0]!.id;
    expect((await command(fac, 'poll.open', { pollId })).ok).toBe(true);
    const entered = await command(fac, 'poll.voteFor', { pollId, seatId: seatIds[0], choices: ['yes'], idempotencyKey: 'staff-entry-receipt' });
    expect(entered.ok).toBe(true);
    const receipt = entered.ok ? entered.result.receipt! : '';
    await waitFor(() => received.get('target')!.some((r) => r.event === 'meeting:receipt'), 10_000, 'the member’s receipt');
    expect(received.get('target')!.find((r) => r.event === 'meeting:receipt')!.payload).toEqual({ pollId, receipt, staffEntered: true });

    // Give anything misrouted time to arrive, then look at everything the others received.
    expect((await command(fac, 'message.show', { text: '请安静' })).ok).toBe(true);
    await waitFor(() => [phones[1]!, projector].every((s) => s.meeting?.message?.text === '请安静'), 10_000, 'a later event everywhere');
    for (const name of ['other', 'projector', 'facilitator']) {
      const all = JSON.stringify(received.get(name));
      expect(received.get(name)!.some((r) => r.event === 'meeting:receipt'), name).toBe(false);
      expect(all.includes(receipt), name).toBe(false);
    }
    // Neither the other member nor the projector learns whose ballot it was.
    for (const [name, s] of [['other', phones[1]!], ['projector', projector]] as const) {
      const ballots = received.get(name)!.flatMap((r) => (r.event === 'meeting:events' ? (r.payload as { events: { type: string; data: object }[] }).events : []))
        .filter((e) => e.type === 'poll.ballot');
      expect(ballots.length, name).toBe(1);
      expect(ballots[0]!.data, name).not.toHaveProperty('seatId');
      expect(ballots[0]!.data, name).not.toHaveProperty('staffEntered');
      expect(s.meeting!.polls[0]!.staffEnteredSeatIds, name).toEqual([]);
      expect(s.meeting!.polls[0]!.votedSeatIds, name).toEqual([]);
    }

    // After a reconnect the member's phone is told again, through meeting:me.
    phones[0]!.disconnect();
    const again = connect(server.url, { participantToken: tokens[0]! });
    const me = await new Promise<{ receipts: Record<string, string>; staffEntered: string[] }>((resolve) => again.once('meeting:me', resolve));
    expect(me.receipts[pollId]).toBe(receipt);
    expect(me.staffEntered).toEqual([pollId]);
    for (const s of [fac, projector, again, ...phones]) s.disconnect();
  });
});
