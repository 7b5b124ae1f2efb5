// A client that loses its connection catches up from its last sequence number: it receives exactly the
// events it missed, not a new snapshot, and its folded state equals a fresh client's.
import { describe, expect, it } from 'vitest';
import type { MeetingEvent } from '../../lib/meeting/state';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { useScratchServer } from '../support/scratch-server';
import { command, connect, staffCookie, waitFor } from '../support/server';

describe('reconnect catch-up', () => {
  const ctx = useScratchServer();

  it('sends only the missed events after a reconnect', async () => {
    const { db, server } = ctx;
    const community = await makeCommunity(db, { members: 3 });
    const meeting = await makeMeeting(db, community);
    const cookie = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
    const fac = connect(server.url, { meetingId: meeting.id }, { cookie });
    const projector = connect(server.url, { meetingId: meeting.id, view: 'projector' }, { cookie });
    await waitFor(() => !!fac.meeting && !!projector.meeting, 10_000, 'snapshots');

    const seen: { snapshot: number; events: MeetingEvent[]; catchUp: boolean[] } = { snapshot: 0, events: [], catchUp: [] };
    projector.on('meeting:snapshot', () => seen.snapshot++);
    projector.on('meeting:events', (m: { events: MeetingEvent[]; catchUp?: boolean }) => {
      seen.events.push(...m.events);
      seen.catchUp.push(!!m.catchUp);
    });
    const before = projector.lastSeq;
    projector.disconnect();

    expect((await command(fac, 'meeting.start')).ok).toBe(true);
    expect((await command(fac, 'agenda.add', { title: '新增议题' })).ok).toBe(true);
    expect((await command(fac, 'message.show', { text: '请大家安静' })).ok).toBe(true);
    const after = fac.lastSeq;
    expect(after - before).toBe(3);

    projector.connect();
    await waitFor(() => projector.lastSeq === after, 10_000, 'projector caught up');
    expect(seen.snapshot).toBe(0);
    expect(seen.catchUp).toContain(true);
    expect(seen.events.map((e) => e.seq)).toEqual([before + 1, before + 2, before + 3]);
    expect(projector.meeting).toEqual(fac.meeting);
    expect(projector.meeting!.message?.text).toBe('请大家安静');
    fac.disconnect();
    projector.disconnect();
  });
});
