// Getting in by a member's card: the short code typed by hand, the card's QR without the meeting's
// code, short codes for seats made before codes existed, and the failed-attempt limit for typed codes.
// Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureShortCodes } from '../../lib/meeting/card-code';
import { admit } from '../../lib/meeting/join';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { makeCommunity, makeMeeting } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { postJson, startServer, type RunningServer } from '../support/server';

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`joining by card on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let community: Awaited<ReturnType<typeof makeCommunity>>;

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      community = await makeCommunity(db, { members: 6 });
    });
    afterAll(async () => {
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('admits a member by the short code printed on their card, and tells a typo from a stranger', async () => {
      const meeting = await makeMeeting(db, community);
      const seats = await db.meetingSeat.findMany({ where: { meetingId: meeting.id }, include: { rosterMember: true } });
      expect(new Set(seats.map((s) => s.shortCode)).size).toBe(seats.length);
      const seat = seats[0]!;
      const typed = `${seat.shortCode!.slice(0, 3).toLowerCase()} ${seat.shortCode!.slice(3)}`;
      const a = await admit(db, { via: 'code', joinCode: meeting.joinCode, shortCode: typed.toUpperCase().replace(' ', '') });
      expect(a).toMatchObject({ meetingId: meeting.id, seatId: seat.id, mode: 'hall', name: seat.rosterMember!.name });

      const typo = seat.shortCode!.slice(0, 5) + (seat.shortCode!.endsWith('A') ? 'B' : 'A');
      await expect(admit(db, { via: 'code', joinCode: meeting.joinCode, shortCode: typo })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'shortCode' } });
      // Look-alike characters are not guessed at: the same answer as any wrong code.
      await expect(admit(db, { via: 'code', joinCode: meeting.joinCode, shortCode: 'OOOOOO' })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'shortCode' } });
      await expect(admit(db, { via: 'code', joinCode: 'ZZZZZZ', shortCode: seat.shortCode! })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'joinCode' } });
    });

    it('admits a scanned card without the meeting code into the community’s live meeting', async () => {
      const fresh = await makeCommunity(db, { members: 3, name: '扫码社区' });
      const earlier = await makeMeeting(db, fresh, { scheduledAt: new Date(Date.now() - 86_400_000) });
      const announced = await makeMeeting(db, fresh, { scheduledAt: new Date(Date.now() + 86_400_000) });
      const live = await makeMeeting(db, fresh, { scheduledAt: new Date(Date.now() + 2 * 86_400_000) });
      await db.meeting.update({ where: { id: earlier.id }, data: { status: 'closed' } });
      await db.meeting.update({ where: { id: announced.id }, data: { status: 'announced' } });
      await db.meeting.update({ where: { id: live.id }, data: { status: 'live' } });
      const cardToken = fresh.roster[0]!.joinToken;
      expect(await admit(db, { via: 'card', cardToken })).toMatchObject({ meetingId: live.id, joinCode: live.joinCode, mode: 'hall' });
      // With nothing live, the open meeting nearest in time.
      await db.meeting.update({ where: { id: live.id }, data: { status: 'closed' } });
      expect(await admit(db, { via: 'card', cardToken })).toMatchObject({ meetingId: announced.id });
      await db.meeting.update({ where: { id: announced.id }, data: { status: 'closed' } });
      await expect(admit(db, { via: 'card', cardToken })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'cardToken', reason: 'no_open_meeting' } });
    });

    it('gives seats made before short codes existed distinct codes once, even when two pages ask at once', async () => {
      const meeting = await makeMeeting(db, community);
      await db.meetingSeat.updateMany({ where: { meetingId: meeting.id }, data: { shortCode: null } });
      await Promise.all([ensureShortCodes(db, meeting.id), ensureShortCodes(db, meeting.id)]);
      const first = await db.meetingSeat.findMany({ where: { meetingId: meeting.id }, orderBy: { id: 'asc' } });
      expect(first.every((s) => s.shortCode && /^[2-9A-HJKMNP-Z]{6}$/.test(s.shortCode))).toBe(true);
      expect(new Set(first.map((s) => s.shortCode)).size).toBe(first.length);
      await ensureShortCodes(db, meeting.id);
      const again = await db.meetingSeat.findMany({ where: { meetingId: meeting.id }, orderBy: { id: 'asc' } });
      expect(again.map((s) => s.shortCode)).toEqual(first.map((s) => s.shortCode));
    });
  });
}

describe('typed short codes through the server', () => {
  let scratch: ScratchDatabase;
  let db: Db;
  let server: RunningServer;
  let meeting: { id: string; joinCode: string };

  beforeAll(async () => {
    scratch = await databaseTargets()[0]!.make();
    await applyMigrations(scratch.url);
    db = createDb(scratch.url);
    meeting = await makeMeeting(db, await makeCommunity(db, { members: 2 }));
    server = await startServer({ databaseUrl: scratch.url });
  });
  afterAll(async () => {
    await server?.stop();
    await db?.$disconnect();
    await scratch?.drop();
  });

  it('allows a hall’s worth of typos from one address, then stops guessing', async () => {
    const seat = (await db.meetingSeat.findFirstOrThrow({ where: { meetingId: meeting.id } }));
    const wrong = seat.shortCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
    // More typos than the token limit (20): a hall shares one Wi-Fi address.
    for (let i = 0; i < 30; i++) {
      const r = await postJson(`${server.url}/api/join`, { via: 'code', joinCode: meeting.joinCode, shortCode: wrong });
      expect(r.body.error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'shortCode' } });
    }
    const ok = await postJson(`${server.url}/api/join`, { via: 'code', joinCode: meeting.joinCode, shortCode: seat.shortCode });
    expect(ok.status).toBe(200);
    for (let i = 0; i < 30; i++) await postJson(`${server.url}/api/join`, { via: 'code', joinCode: meeting.joinCode, shortCode: wrong });
    const limited = await postJson(`${server.url}/api/join`, { via: 'code', joinCode: meeting.joinCode, shortCode: seat.shortCode });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });
});
