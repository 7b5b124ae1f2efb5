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
});
