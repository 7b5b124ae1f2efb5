// Audience Q&A through a real server, on SQLite and PostgreSQL, tried the way a curious participant
// would: every role records everything it receives (live events, snapshots, a reconnection's catch-up,
// a fresh projector, meeting:sync) while residents ask named and anonymous questions and upvote, and the
// facilitator moderates. Nobody may receive who asked anonymously or who upvoted; only the facilitator
// reads a question before it is approved or after it is hidden. Then the server is killed: every
// acknowledged question and upvote is back after the restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingEvent, MeetingState } from '../../lib/meeting/state';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, makeMeeting, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { command, connect, postJson, staffCookie, startServer, waitFor, type RunningServer } from '../support/server';

const ROLES = ['facilitator', 'recorder', 'projector', 'observer', 'member', 'remote_member'] as const;
type Role = (typeof ROLES)[number];

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`audience questions on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let community: Awaited<ReturnType<typeof makeCommunity>>;

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      community = await makeCommunity(db, { members: 6 });
      server = await startServer({ databaseUrl: scratch.url });
    });

    afterAll(async () => {
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('keeps anonymous askers and upvoters from every role, unapproved text from all but the facilitator, and survives a kill', async () => {
      const meeting = await makeMeeting(db, community);
      const cookie = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
      const recorderCookie = await staffCookie(server.url, community.recorder.username, TEST_PASSWORD);
      const seats = await db.meetingSeat.findMany({ where: { meetingId: meeting.id }, include: { rosterMember: true } });
      const seatOf = new Map(seats.map((s) => [s.rosterMemberId, s]));
      const observerToken = (await db.meeting.findUniqueOrThrow({ where: { id: meeting.id } })).observerToken;
      const join = async (body: Record<string, unknown>) => {
        const r = await postJson(`${server.url}/api/join`, body);
        expect(r.status).toBe(200);
        return r.body.participantToken as string;
      };

      const received = Object.fromEntries(ROLES.map((r) => [r, [] as { event: string; payload: unknown }[]])) as Record<Role, { event: string; payload: unknown }[]>;
      const sockets: ReturnType<typeof connect>[] = [];
      const open = (role: Role | null, auth: Record<string, unknown>, headers?: Record<string, string>) => {
        const s = connect(server.url, auth, headers);
        if (role) s.onAny((event: string, payload: unknown) => received[role].push({ event, payload }));
        sockets.push(s);
        return s;
      };
      const fac = open('facilitator', { meetingId: meeting.id }, { cookie });
      open('recorder', { meetingId: meeting.id }, { cookie: recorderCookie });
      open('projector', { meetingId: meeting.id, view: 'projector' }, { cookie });
      const observer = open('observer', { participantToken: await join({ via: 'observer', observerToken }) });
      // Residents 0..5: 0 is the curious member, 5 joins remotely; 1 asks anonymously, 2 by name,
      // 3's question stays unreviewed, 4's is hidden; 5 only upvotes.
      const people: { name: string; seatId: string; socket: ReturnType<typeof connect> }[] = [];
      for (const [i, m] of community.roster.entries()) {
        const seat = seatOf.get(m.id)!;
        const token = i === 5
          ? await join({ via: 'remote', inviteToken: seat.remoteToken })
          : await join({ via: 'card', joinCode: meeting.joinCode, cardToken: m.joinToken });
        people.push({ name: m.name, seatId: seat.id, socket: open(i === 0 ? 'member' : i === 5 ? 'remote_member' : null, { participantToken: token }) });
      }
      await waitFor(() => sockets.every((s) => s.connected), 20_000, 'everyone connected');
      expect((await command(fac, 'meeting.start')).ok).toBe(true);
      for (const p of people) expect((await command(p.socket, 'attendance.checkInSelf')).ok).toBe(true);

      const ask = async (i: number, text: string, anonymous = false) => {
        const ack = await command(people[i]!.socket, 'question.ask', { text, anonymous });
        if (!ack.ok) throw new Error(ack.error.code);
        // Only the asker is told which question is theirs.
        const row = await db.meetingEvent.findFirstOrThrow({ where: { meetingId: meeting.id, type: 'question.asked' }, orderBy: { seq: 'desc' } });
        expect(ack.result.id).toBe(JSON.parse(row.data).id);
        return ack.result.id!;
      };
      const anon = await ask(1, '物业费的账目能否公开？', true);
      const named = await ask(2, '电梯什么时候开工？');
      await ask(3, '尚未审核的问题');
      const hidden = await ask(4, '不当言论');
      for (const id of [anon, named, hidden]) expect((await command(fac, 'question.approve', { id })).ok).toBe(true);
      expect((await command(people[5]!.socket, 'question.upvote', { id: anon })).ok).toBe(true);
      const twice = await command(people[5]!.socket, 'question.upvote', { id: anon });
      expect(twice.ok ? null : twice.error.code).toBe('CONFLICT');
      expect((await command(people[0]!.socket, 'question.upvote', { id: anon })).ok).toBe(true);
      expect((await command(people[5]!.socket, 'question.upvote', { id: named })).ok).toBe(true);
      // A participant cannot moderate, and a malformed question is refused.
      const meddle = await command(people[0]!.socket, 'question.hide', { id: anon });
      expect(meddle.ok ? null : meddle.error.code).toBe('FORBIDDEN');
      const empty = await command(people[0]!.socket, 'question.ask', { text: '' });
      expect(empty.ok ? null : empty.error.code).toBe('BAD_REQUEST');

      // Mid-way: the observer drops and catches up by events, a fresh projector gets a snapshot.
      const mid = fac.lastSeq;
      await waitFor(() => observer.lastSeq >= mid, 10_000, 'observer caught up');
      observer.disconnect();
      expect((await command(fac, 'question.hide', { id: hidden })).ok).toBe(true);
      observer.connect();
      open('projector', { meetingId: meeting.id, view: 'projector' }, { cookie });
      expect((await command(fac, 'question.pin', { id: anon, pinned: true })).ok).toBe(true);
      const last = fac.lastSeq;
      await waitFor(() => sockets.every((s) => s.lastSeq >= last), 20_000, 'every role saw the pin');
      for (const [role, s] of [['facilitator', fac], ['observer', observer], ['member', people[0]!.socket]] as const) {
        received[role].push({ event: 'sync', payload: await s.timeout(5000).emitWithAck('meeting:sync', { sinceSeq: 0 }) });
      }

      // What each role holds about questions: every question.* event and every snapshot's questions.
      const questionParts = (role: Role) => JSON.stringify(received[role].flatMap(({ payload }) => {
        const p = payload as { events?: MeetingEvent[]; state?: MeetingState };
        return [...(p?.events ?? []).filter((e) => e.type.startsWith('question.')), ...(p?.state ? [p.state.questions] : [])];
      }));
      for (const role of ROLES) {
        const seen = questionParts(role);
        expect(seen, role).toContain('物业费的账目能否公开？');
        for (const secret of [people[1]!.name, people[1]!.seatId, people[5]!.name, people[5]!.seatId, people[0]!.seatId]) {
          expect(seen, `${role} must not learn ${secret}`).not.toContain(secret);
        }
        if (role === 'facilitator') {
          expect(seen).toContain('尚未审核的问题');
        } else {
          expect(seen, role).not.toContain('尚未审核的问题');
          expect(seen, role).not.toContain(people[3]!.name);
        }
      }
      // A replayed approval of a question hidden since is no longer sent to those who may not read it.
      expect(JSON.stringify(received.member.filter((r) => r.event === 'sync'))).not.toContain('不当言论');
      expect(questionParts('projector'), 'named asker is public once approved').toContain(people[2]!.name);

      // The anonymous asker's own phone, reconnecting, is told which question is theirs; nobody else is.
      const me = (i: number) => new Promise<Record<string, unknown>>((resolve) => {
        people[i]!.socket.once('meeting:me', resolve);
        people[i]!.socket.disconnect().connect();
      });
      expect((await me(1)).questions).toEqual({ asked: [{ id: anon, text: '物业费的账目能否公开？' }], upvoted: [] });
      expect((await me(0)).questions).toEqual({ asked: [], upvoted: [anon] });

      // The log keeps who asked (the server is accountable for what it showed), and nothing else does.
      const asked = await db.meetingEvent.findMany({ where: { meetingId: meeting.id, type: 'question.asked' } });
      expect(asked.map((e) => JSON.parse(e.data).seatId)).toContain(people[1]!.seatId);

      // Killed: the acknowledged questions and votes come back from the log.
      for (const s of sockets) s.disconnect();
      const before = await fetchQuestions(server.url, cookie, meeting.id);
      await server.stop('SIGKILL');
      server = await startServer({ databaseUrl: scratch.url });
      const after = await fetchQuestions(server.url, await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD), meeting.id);
      expect(after).toEqual(before);
      expect(after.find((q) => q.id === anon)).toMatchObject({ votes: 2, pinned: true, status: 'approved', name: null });
    });
  });
}

async function fetchQuestions(url: string, cookie: string, meetingId: string): Promise<MeetingState['questions']> {
  const s = connect(url, { meetingId }, { cookie });
  await waitFor(() => s.meeting !== null, 10_000, 'snapshot');
  const qs = s.meeting!.questions;
  s.disconnect();
  return qs;
}
