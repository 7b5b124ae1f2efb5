// A remote member's voice through the real socket protocol: only the remote member who holds the floor
// and the meeting's staff-opened projector exchange signals; everyone else is refused; another meeting's
// projector and a participant's projector view never receive them; the ICE servers go to those two only.
import { describe, expect, it } from 'vitest';
import type { VoiceSignal } from '../../lib/meeting/procedure/speakers/voice';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { useScratchServer } from '../support/scratch-server';
import { command, connect, postJson, staffCookie, waitFor } from '../support/server';

type Answer = { ok: boolean; error?: { code: string } };
const ICE = [{ urls: 'turn:turn.example.org:3478', username: 'yishi', credential: 'secret' }];

describe('voice signalling', () => {
  const ctx = useScratchServer({ env: { YISHI_ICE_SERVERS: JSON.stringify(ICE) } });

  it('relays between the remote floor holder and its projector only', async () => {
    const { db, server } = ctx;
    const community = await makeCommunity(db, { members: 3 });
    const meeting = await makeMeeting(db, community);
    const other = await makeMeeting(db, community, { title: '另一场会议' });
    const cookie = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
    const access = await (await fetch(`${server.url}/api/access?joinCode=${meeting.joinCode}`, { headers: { cookie } })).json() as { seats: { remoteToken: string }[] };
    const join = async (body: Record<string, unknown>) => (await postJson(`${server.url}/api/join`, body)).body.participantToken as string;

    const received = new Map<string, VoiceSignal[]>();
    const me = new Map<string, { iceServers?: unknown }>();
    const open = (name: string, auth: Record<string, unknown>, headers?: Record<string, string>) => {
      const s = connect(server.url, auth, headers);
      received.set(name, []);
      s.on('voice:signal', (m: VoiceSignal) => received.get(name)!.push(m));
      s.on('meeting:me', (m: { iceServers?: unknown }) => me.set(name, m));
      return s;
    };
    const fac = open('facilitator', { meetingId: meeting.id }, { cookie });
    const projector = open('projector', { meetingId: meeting.id, view: 'projector' }, { cookie });
    const otherProjector = open('otherProjector', { meetingId: other.id, view: 'projector' }, { cookie });
    const remoteToken = await join({ via: 'remote', inviteToken: access.seats[0]!.remoteToken });
    const remote = open('remote', { participantToken: remoteToken });
    const remoteLaptop = open('remoteLaptop', { participantToken: await join({ via: 'remote', inviteToken: access.seats[0]!.remoteToken }) });
    const hall = open('hall', { participantToken: await join({ via: 'card', joinCode: meeting.joinCode, cardToken: community.roster[1]!.joinToken }) });
    const remote2Token = await join({ via: 'remote', inviteToken: access.seats[2]!.remoteToken });
    const remote2 = open('remote2', { participantToken: remote2Token });
    // A participant's own projector view (a downgrade the phone allows) is not the hall's projector.
    const peeking = open('peeking', { participantToken: remote2Token, view: 'projector' });
    const all = [fac, projector, otherProjector, remote, remoteLaptop, hall, remote2, peeking];
    await waitFor(() => all.every((s) => !!s.meeting), 10_000, 'snapshots');

    // TURN credentials only where the voice is: the remote members and the staff projector.
    expect(me.get('projector')?.iceServers).toEqual(ICE);
    expect(me.get('remote')?.iceServers).toEqual(ICE);
    for (const name of ['facilitator', 'hall', 'peeking']) expect(me.get(name)?.iceServers, name).toBeUndefined();

    const signal = (s: typeof fac, m: unknown) => s.timeout(5000).emitWithAck('voice:signal', m) as Promise<Answer>;
    expect((await command(fac, 'meeting.start')).ok).toBe(true);
    for (const s of [remote, hall, remote2]) expect((await command(s, 'attendance.checkInSelf')).ok).toBe(true);
    const asked = await command(remote, 'speaker.request', { stance: 'support' });
    expect(asked.ok).toBe(true);
    await waitFor(() => fac.meeting!.speakers.length === 1, 10_000, 'request');
    const speakerId = fac.meeting!.speakers[0]!.id;
    const offer = { kind: 'offer', speakerId, session: 's1', sdp: 'v=0\r\n' };

    // Before the floor is given nobody signals.
    expect(await signal(remote, offer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await command(fac, 'speaker.grant', { id: speakerId })).ok).toBe(true);
    await waitFor(() => remote.meeting!.speakers[0]?.status === 'speaking', 10_000, 'grant');

    // The projector asks; both of the floor holder's devices hear it; the floor holder offers; only the projector receives it.
    expect(await signal(projector, { kind: 'ready', speakerId, session: 'p1' })).toEqual({ ok: true });
    expect(await signal(remote, offer)).toEqual({ ok: true });
    expect(await signal(projector, { kind: 'answer', speakerId, session: 's1', sdp: 'v=0\r\n' })).toEqual({ ok: true });
    await waitFor(() => received.get('projector')!.length === 1 && received.get('remote')!.length === 2 && received.get('remoteLaptop')!.length === 2, 10_000, 'relayed');
    expect(received.get('projector')).toEqual([offer]);
    expect(received.get('remote')!.map((m) => m.kind)).toEqual(['ready', 'answer']);

    // Everyone else is refused, whatever they send.
    for (const [name, s] of [['facilitator', fac], ['hall', hall], ['remote2', remote2], ['peeking', peeking], ['otherProjector', otherProjector]] as const) {
      for (const kind of ['offer', 'answer', 'ready'] as const) {
        const m = kind === 'ready' ? { kind, speakerId, session: 'x' } : { kind, speakerId, session: 'x', sdp: 'v=0' };
        expect(await signal(s, m), `${name} ${kind}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
    }
    // Bad payloads are BAD_REQUEST, before any authorisation.
    for (const bad of [null, {}, { ...offer, kind: 'video' }, { ...offer, sdp: 'x'.repeat(16_001) }, { ...offer, extra: 1 }]) {
      expect(await signal(remote, bad), JSON.stringify(bad).slice(0, 60)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect((await command(remote, 'speaker.media', { id: speakerId, state: 'started' })).ok).toBe(true);
    expect(await command(hall, 'speaker.mute', { id: speakerId, muted: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await command(fac, 'speaker.mute', { id: speakerId, muted: true })).ok).toBe(true);
    await waitFor(() => projector.meeting!.speakers[0]?.voice?.muted === true, 10_000, 'muted on the projector');

    // After the floor ends, nobody signals about it any more.
    expect((await command(fac, 'speaker.end', { id: speakerId })).ok).toBe(true);
    await waitFor(() => remote.meeting!.speakers[0]?.status === 'done', 10_000, 'end');
    expect(await signal(remote, { ...offer, session: 's2' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    for (const name of ['facilitator', 'hall', 'remote2', 'peeking', 'otherProjector']) expect(received.get(name), name).toEqual([]);
    for (const s of all) s.disconnect();
  });

  it("relays the hall's sound between the staff projector and remote listeners only, stamping the listener's seat", async () => {
    const { db, server } = ctx;
    const community = await makeCommunity(db, { members: 3 });
    const meeting = await makeMeeting(db, community);
    const cookie = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
    const access = await (await fetch(`${server.url}/api/access?joinCode=${meeting.joinCode}`, { headers: { cookie } })).json() as { seats: { remoteToken: string }[] };
    const join = async (body: Record<string, unknown>) => (await postJson(`${server.url}/api/join`, body)).body.participantToken as string;
    const received = new Map<string, Record<string, unknown>[]>();
    const open = (name: string, auth: Record<string, unknown>, headers?: Record<string, string>) => {
      const s = connect(server.url, auth, headers);
      received.set(name, []);
      s.on('voice:hall', (m: Record<string, unknown>) => received.get(name)!.push(m));
      return s;
    };
    const fac = open('facilitator', { meetingId: meeting.id }, { cookie });
    const projector = open('projector', { meetingId: meeting.id, view: 'projector' }, { cookie });
    const listenerToken = await join({ via: 'remote', inviteToken: access.seats[0]!.remoteToken });
    const listener = open('listener', { participantToken: listenerToken });
    const otherToken = await join({ via: 'remote', inviteToken: access.seats[2]!.remoteToken });
    const other = open('other', { participantToken: otherToken });
    const hall = open('hall', { participantToken: await join({ via: 'card', joinCode: meeting.joinCode, cardToken: community.roster[1]!.joinToken }) });
    // Another remote member's own projector view: not the hall's projector, and not the listener's seat.
    const peeking = open('peeking', { participantToken: otherToken, view: 'projector' });
    const all = [fac, projector, listener, other, hall, peeking];
    await waitFor(() => all.every((s) => !!s.meeting), 10_000, 'snapshots');
    const hallSignal = (s: typeof fac, m: unknown) => s.timeout(5000).emitWithAck('voice:hall', m) as Promise<Answer>;

    expect((await command(fac, 'meeting.start')).ok).toBe(true);
    for (const s of [listener, other, hall]) expect((await command(s, 'attendance.checkInSelf')).ok).toBe(true);
    // Off until the facilitator turns it on; only the facilitator may.
    expect(await hallSignal(listener, { kind: 'listen', session: 'l1' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await command(listener, 'speaker.hallAudio', { on: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await command(fac, 'speaker.hallAudio', { on: true })).ok).toBe(true);
    await waitFor(() => listener.meeting!.hallAudio === true, 10_000, 'hall audio on for the listener');

    expect(await hallSignal(listener, { kind: 'listen', session: 'l1' })).toEqual({ ok: true });
    await waitFor(() => received.get('projector')!.length === 1, 10_000, 'listen relayed');
    const asked = received.get('projector')![0]!;
    expect(asked).toMatchObject({ kind: 'listen', session: 'l1' });
    const seatId = asked.seatId as string;
    expect(typeof seatId).toBe('string');
    // The projector offers to that seat: only the listener's connections hear it.
    expect(await hallSignal(projector, { kind: 'offer', seatId, session: 'l1', sdp: 'v=0\r\n' })).toEqual({ ok: true });
    await waitFor(() => received.get('listener')!.length === 1, 10_000, 'offer relayed');
    expect(await hallSignal(listener, { kind: 'answer', session: 'l1', sdp: 'v=0\r\n' })).toEqual({ ok: true });
    await waitFor(() => received.get('projector')!.length === 2, 10_000, 'answer relayed');
    expect(received.get('projector')![1]).toEqual({ kind: 'answer', session: 'l1', sdp: 'v=0\r\n', seatId });

    // A listener cannot name a seat; nobody but the staff projector offers; the hall member and a
    // participant's projector view cannot take part.
    expect(await hallSignal(other, { kind: 'listen', session: 'x', seatId })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    for (const [name, s] of [['facilitator', fac], ['hall', hall], ['peeking', peeking], ['other', other]] as const) {
      expect(await hallSignal(s, { kind: 'offer', seatId, session: 'x', sdp: 'v=0' }), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await hallSignal(hall, { kind: 'listen', session: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await hallSignal(peeking, { kind: 'listen', session: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Turned off: every signal is refused.
    expect((await command(fac, 'speaker.hallAudio', { on: false })).ok).toBe(true);
    await waitFor(() => projector.meeting!.hallAudio === false, 10_000, 'hall audio off');
    expect(await hallSignal(listener, { kind: 'listen', session: 'l2' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    for (const name of ['facilitator', 'hall', 'peeking', 'other']) expect(received.get(name), name).toEqual([]);
    expect(received.get('listener')).toHaveLength(1);
    for (const s of all) s.disconnect();
  });
});
