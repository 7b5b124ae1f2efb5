// Issue 15, big rosters, through the real server: a phone's connection never receives the seat list —
// not in its snapshot, not in the events of others' check-ins and a walk-in's admission, not through
// meeting:sync from the start — only its own seat and the roster's counts; the console and the projector
// still receive the whole list.
import { describe, expect, it } from 'vitest';
import type { MeetingState } from '../../lib/meeting/state';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { useScratchServer } from '../support/scratch-server';
import { command, connect, postJson, staffCookie, waitFor } from '../support/server';

describe('the roster on phones', () => {
  const ctx = useScratchServer();

  it('a member, a remote member and an observer get their own seat and the counts; staff and the projector get the list', async () => {
    const { db, server } = ctx;
    const community = await makeCommunity(db, { members: 6 });
    const meeting = await makeMeeting(db, community, { form: 'open_space', title: '中心花园改造开放空间' });
    const seats = await db.meetingSeat.findMany({ where: { meetingId: meeting.id }, include: { rosterMember: true } });
    const seatOf = new Map(seats.map((s) => [s.rosterMemberId, s]));
    const names = community.roster.map((m) => m.name);
    const cookie = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
    const join = async (body: Record<string, unknown>) => {
      const r = await postJson(`${server.url}/api/join`, body);
      expect(r.status).toBe(200);
      return r.body.participantToken as string;
    };

    const fac = connect(server.url, { meetingId: meeting.id }, { cookie });
    const projector = connect(server.url, { meetingId: meeting.id, view: 'projector' }, { cookie });
    const [a, b, c] = community.roster;
    const member = connect(server.url, { participantToken: await join({ via: 'card', joinCode: meeting.joinCode, cardToken: a!.joinToken }) });
    const other = connect(server.url, { participantToken: await join({ via: 'card', joinCode: meeting.joinCode, cardToken: b!.joinToken }) });
    const remote = connect(server.url, { participantToken: await join({ via: 'remote', inviteToken: seatOf.get(c!.id)!.remoteToken }) });
    const observerToken = (await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).observerToken;
    const observer = connect(server.url, { participantToken: await join({ via: 'observer', observerToken }) });
    const phones = { member, remote, observer };
    // Everything each phone receives, as sent.
    const received = Object.fromEntries(Object.keys(phones).map((k) => [k, [] as string[]])) as Record<keyof typeof phones, string[]>;
    for (const [k, s] of Object.entries(phones)) s.onAny((event: string, payload: unknown) => received[k as keyof typeof phones].push(JSON.stringify({ event, payload })));
    const all = [fac, projector, member, other, remote, observer];
    await waitFor(() => all.every((s) => !!s.meeting), 10_000, 'snapshots');

    // Before anyone checks in: own seat only, and the counts.
    const mySeat = seatOf.get(a!.id)!.id;
    expect(member.meeting!.seats.map((s) => s.id)).toEqual([mySeat]);
    expect(remote.meeting!.seats.map((s) => s.id)).toEqual([seatOf.get(c!.id)!.id]);
    expect(observer.meeting!.seats).toEqual([]);
    expect(member.meeting!.roster).toEqual({ seats: 6, voting: 6, present: 0, remote: 0, presentVoting: 0, presentWalkIns: 0, proxied: 0 });
    expect(fac.meeting!.seats).toHaveLength(6);
    expect(projector.meeting!.seats).toHaveLength(6);

    expect((await command(fac, 'meeting.start')).ok).toBe(true);
    expect((await command(other, 'attendance.checkInSelf')).ok).toBe(true);
    expect((await command(remote, 'attendance.checkInSelf')).ok).toBe(true);
    expect((await command(fac, 'attendance.checkIn', { seatId: seatOf.get(community.roster[3]!.id)!.id, mode: 'hall' })).ok).toBe(true);
    expect((await command(member, 'attendance.checkInSelf')).ok).toBe(true);
    const admitted = await command(fac, 'attendance.admitWalkIn', { name: '赵路人', building: '7栋2单元' });
    expect(admitted.ok).toBe(true);
    const seq = fac.lastSeq;
    await waitFor(() => all.every((s) => s.lastSeq === seq), 10_000, 'everyone caught up');

    const counts = { seats: 7, voting: 6, present: 5, remote: 1, presentVoting: 4, presentWalkIns: 1, proxied: 2 };
    for (const s of [fac, projector, member, remote, observer]) expect(s.meeting!.roster).toEqual(counts);
    // The member folded its own check-in; nobody else's presence, and no other seat.
    expect(member.meeting!.seats.map((s) => s.id)).toEqual([mySeat]);
    expect(Object.keys(member.meeting!.attendance)).toEqual([mySeat]);
    expect(Object.keys(observer.meeting!.attendance)).toEqual([]);
    // The console and the projector have the list, the walk-in in it.
    for (const s of [fac, projector]) {
      expect(s.meeting!.seats.map((x) => x.name)).toEqual(expect.arrayContaining([...names, '赵路人']));
      expect(Object.keys(s.meeting!.attendance)).toHaveLength(5);
    }

    // A phone that asks for everything from the start, and a phone that connects now, fare the same.
    const synced = await member.timeout(5000).emitWithAck('meeting:sync', { sinceSeq: 0 });
    received.member.push(JSON.stringify(synced));
    const late = connect(server.url, { participantToken: await join({ via: 'card', joinCode: meeting.joinCode, cardToken: community.roster[5]!.joinToken }) });
    await waitFor(() => !!late.meeting, 10_000, 'late snapshot');
    expect(late.meeting!.seats.map((s) => s.name)).toEqual([community.roster[5]!.name]);
    expect(late.meeting!.roster).toEqual(counts);

    // Across everything the phones received: not one other person's name (the member's own, in its
    // seat and `meeting:me`, aside), and no seat list.
    for (const [k, texts] of Object.entries(received)) {
      const text = texts.join('\n');
      const own = k === 'member' ? a!.name : k === 'remote' ? c!.name : null;
      for (const name of [...names, '赵路人']) if (name !== own) expect(text, `${k} received ${name}`).not.toContain(name);
      expect(text).toContain('"roster"');
    }
    for (const s of [...all, late]) s.disconnect();
  });

  it('the phones\' snapshot stays the same size as the roster grows; the console\'s does not', async () => {
    const { db, server } = ctx;
    const sizes: { roster: number; phone: number; console: number }[] = [];
    for (const n of [10, 400]) {
      const community = await makeCommunity(db, { members: n });
      const meeting = await makeMeeting(db, community);
      const cookie = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
      const r = await postJson(`${server.url}/api/join`, { via: 'card', joinCode: meeting.joinCode, cardToken: community.roster[0]!.joinToken });
      const snapshotOf = (s: ReturnType<typeof connect>) => new Promise<number>((resolve) => s.once('meeting:snapshot', (m: { state: MeetingState }) => resolve(JSON.stringify(m).length)));
      // Listening from the start: both connect at once, and either snapshot may come first.
      const phone = connect(server.url, { participantToken: r.body.participantToken });
      const fac = connect(server.url, { meetingId: meeting.id }, { cookie });
      const [phoneBytes, consoleBytes] = await Promise.all([snapshotOf(phone), snapshotOf(fac)]);
      sizes.push({ roster: n, phone: phoneBytes, console: consoleBytes });
      phone.disconnect();
      fac.disconnect();
    }
    const [small, big] = sizes;
    // The same but for the length of the community's and the member's generated names.
    expect(Math.abs(big!.phone - small!.phone)).toBeLessThan(100);
    expect(big!.console).toBeGreaterThan(small!.console * 10);
  });
});
