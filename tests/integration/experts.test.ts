// The expert pool (咨询专家库) through the real server, on SQLite and PostgreSQL: staff add, edit and
// retire experts of their community (fields named when wrong; another community's staff refused); a
// 专家咨询 meeting invites experts from the pool, who are seated as 专家 without a vote; a retired or
// foreign expert cannot be invited. An invited expert's phone, admitted by the facilitator, may ask to
// speak but not vote. And a walk-in's phone number never reaches another device over the socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { command, connect, postJson, staffCookie, startServer, waitFor, type RunningServer } from '../support/server';

const inDays = (days: number, hour = 9) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour - 8, 0, 0, 0);
  return d.toISOString();
};

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`expert pool and walk-ins through the server on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let home: Awaited<ReturnType<typeof makeCommunity>>;
    let other: Awaited<ReturnType<typeof makeCommunity>>;
    let cookie: string;
    const sockets: ReturnType<typeof connect>[] = [];

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      home = await makeCommunity(db, { members: 4 });
      other = await makeCommunity(db, { members: 1, name: '别的社区' });
      server = await startServer({ databaseUrl: scratch.url });
      cookie = await staffCookie(server.url, home.facilitator.username, TEST_PASSWORD);
    });
    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('keeps the community\'s expert pool and seats invited experts as 专家 without a vote', async () => {
      const url = `${server.url}/api/communities/${home.communityId}/experts`;
      const bad = await postJson(url, { name: '刘工', field: '结构工程', organisation: '', phone: '123' }, { cookie });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['organisation', 'phone']));
      const liu = await postJson(url, { name: '刘工', field: '结构工程', organisation: '市建筑设计院' }, { cookie });
      expect(liu.status).toBe(200);
      const chen = await postJson(url, { name: '陈律师', field: '物业法律', organisation: '某律师事务所', phone: '13700001111' }, { cookie });
      const edited = await postJson(`${server.url}/api/experts/${liu.body.id}`, { name: '刘工', field: '建筑结构与加装电梯', organisation: '市建筑设计院' }, { cookie });
      expect(edited.body).toMatchObject({ field: '建筑结构与加装电梯' });
      const gone = await postJson(`${server.url}/api/communities/${home.communityId}/experts`, { name: '王顾问', field: '规划', organisation: '规划局' }, { cookie });
      expect((await postJson(`${server.url}/api/experts/${gone.body.id}/retire`, {}, { cookie })).body.retiredAt).toBeTruthy();
      const otherCookie = await staffCookie(server.url, other.facilitator.username, TEST_PASSWORD);
      expect((await postJson(`${server.url}/api/experts/${liu.body.id}`, { name: 'x', field: 'y', organisation: 'z' }, { cookie: otherCookie })).status).toBe(403);
      const list = await (await fetch(url, { headers: { cookie } })).json() as { experts: { name: string; retiredAt: string | null }[] };
      expect(list.experts.filter((x) => !x.retiredAt).map((x) => x.name).sort()).toEqual(['刘工', '陈律师'].sort());

      const consultation = {
        communityId: home.communityId, form: 'expert', level: 'community', type: 'advisory',
        title: '加装电梯结构安全专家咨询会', venue: '社区议事厅', scheduledAt: inDays(5, 19), endsAt: inDays(5, 21),
        agenda: [{ title: '结构安全评估' }],
      };
      const retired = await postJson(`${server.url}/api/meetings`, { ...consultation, expertIds: [gone.body.id] }, { cookie });
      expect(retired.body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'expertIds' } });
      const planned = await postJson(`${server.url}/api/meetings`, { ...consultation, expertIds: [liu.body.id, chen.body.id] }, { cookie });
      expect(planned.status).toBe(200);
      const seats = await db.meetingSeat.findMany({ where: { meetingId: planned.body.meetingId, expertId: { not: null } } });
      expect(seats).toHaveLength(2);
      expect(seats.every((s) => !s.canVote && s.shortCode === null)).toBe(true);

      const fac = connect(server.url, { meetingId: planned.body.meetingId }, { cookie });
      sockets.push(fac);
      await waitFor(() => fac.meeting !== null);
      const experts = fac.meeting!.seats.filter((s) => s.kind === 'expert');
      expect(experts.map((s) => ({ name: s.name, canVote: s.canVote })).sort((a, b) => a.name.localeCompare(b.name)))
        .toEqual([{ name: '刘工', canVote: false }, { name: '陈律师', canVote: false }].sort((a, b) => a.name.localeCompare(b.name)));
      expect((await command(fac, 'meeting.start', { overrideReason: '专家当晚才有空' })).ok).toBe(true);

      // The facilitator admits 刘工's phone; it checks in, may ask to speak, may not vote.
      const liuSeat = experts.find((s) => s.name === '刘工')!;
      const pass = await postJson(`${server.url}/api/admit`, { meetingId: planned.body.meetingId, seatId: liuSeat.id }, { cookie });
      const phone = connect(server.url, { participantToken: pass.body.participantToken });
      sockets.push(phone);
      await waitFor(() => phone.meeting !== null);
      expect((await command(phone, 'attendance.checkInSelf', {})).ok).toBe(true);
      expect(await command(phone, 'speaker.request', { stance: 'neutral' })).toMatchObject({ ok: true });
      await command(fac, 'poll.create', { question: '是否建议采用钢结构井道？', kind: 'motion', rule: { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' }, nonBinding: true });
      await waitFor(() => fac.meeting!.polls.length === 1);
      await command(fac, 'poll.open', { pollId: fac.meeting!.polls[0]!.id, overrideReason: '咨询会不计法定人数' });
      expect(await command(phone, 'poll.vote', { pollId: fac.meeting!.polls[0]!.id, choices: ['yes'], idempotencyKey: 'expert-ballot-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('admits a walk-in over the socket; another device in the meeting never receives the phone number or building', async () => {
      const planned = await postJson(`${server.url}/api/meetings`, {
        communityId: home.communityId, form: 'open_space', level: 'community', type: 'coordination',
        title: '中心花园怎么改', venue: '中心花园', scheduledAt: inDays(5, 9), endsAt: inDays(5, 11), agenda: [{ title: '自由讨论' }],
      }, { cookie });
      const meetingId = planned.body.meetingId as string;
      const fac = connect(server.url, { meetingId }, { cookie });
      sockets.push(fac);
      await waitFor(() => fac.meeting !== null);
      expect((await command(fac, 'meeting.start', { overrideReason: '现场临时召开' })).ok).toBe(true);
      // Another device in the meeting: the observer screen (open space seats no council, so no card here).
      const before = await (await fetch(`${server.url}/api/access?joinCode=${planned.body.joinCode}`, { headers: { cookie } })).json() as { observerToken: string };
      const member = await postJson(`${server.url}/api/join`, { via: 'observer', observerToken: before.observerToken });
      expect(member.status).toBe(200);
      const memberPhone = connect(server.url, { participantToken: member.body.participantToken });
      sockets.push(memberPhone);
      const received: string[] = [];
      memberPhone.onAny((_event: string, ...args: unknown[]) => received.push(JSON.stringify(args)));
      await waitFor(() => memberPhone.meeting !== null);

      const ack = await command(fac, 'attendance.admitWalkIn', { name: '孙路人', building: '9栋', phone: '13611112222' });
      expect(ack).toMatchObject({ ok: true, result: { seatId: expect.any(String) } });
      // The observer's screen has no seat list (docs/protocol.md, the roster): the walk-in is one more seat in its counts.
      await waitFor(() => memberPhone.meeting!.roster.seats === fac.meeting!.roster.seats && fac.meeting!.seats.some((s) => s.name === '孙路人'), 10_000, 'the walk-in in the counts');
      expect(received.join('\n')).toContain('seat.added');
      expect(received.join('\n')).not.toContain('13611112222');
      expect(received.join('\n')).not.toContain('9栋');
      // The facilitator's access list (cards, invitations) has no walk-in in it.
      const access = await (await fetch(`${server.url}/api/access?joinCode=${planned.body.joinCode}`, { headers: { cookie } })).json() as { seats: { name: string }[] };
      expect(access.seats.some((s) => s.name === '孙路人')).toBe(false);
    });
  });
}
