// Household visits (走访约谈协商) through the real server, on SQLite and PostgreSQL: staff plan a round
// (bad input refused by field), start it without agenda or check-in; the recorder's phone sends its
// offline queue, then replays it twice — each visit is stored once and every replay is answered with the
// stored visit; the same id with other content is a CONFLICT; the same visit sent at once through two
// server processes (two database connections) is stored once. Finishing stops entries; the conclusion
// closes the meeting, whose record holds the visits — households as commitments, no resident's phone —
// and is signed, filed and verified.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { generateSigningKey, signEd25519 } from '../../lib/record/node-crypto';
import { makeCommunity, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { postJson, staffCookie, startServer, type RunningServer } from '../support/server';

const QUESTION = '是否同意在3号楼加装电梯？';

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`visits on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let second: RunningServer;
    let community: Awaited<ReturnType<typeof makeCommunity>>;
    let staff: string;
    let recorder: string;
    let meetingId: string;
    let households: { id: string; name: string; address: string }[];
    const queue: Record<string, unknown>[] = [];
    let photoSha = '';

    const url = (path: string, base = server.url) => `${base}${path}`;
    const v = (path = '') => url(`/api/meetings/${meetingId}/visits${path}`);
    const send = (entry: unknown, base = server.url, cookie = recorder) => postJson(url(`/api/meetings/${meetingId}/visits/entries`, base), entry, { cookie });
    const get = async (cookie = staff) => {
      const res = await fetch(v(), { headers: { cookie } });
      return { status: res.status, body: (await res.json()) as any };
    };

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      community = await makeCommunity(db, { members: 3 });
      server = await startServer({ databaseUrl: scratch.url });
      second = await startServer({ databaseUrl: scratch.url });
      staff = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
      recorder = await staffCookie(server.url, community.recorder.username, TEST_PASSWORD);
      const day = new Date(Date.now() - 3600_000).toISOString();
      const planned = await postJson(url('/api/meetings'), {
        communityId: community.communityId, form: 'visit', level: 'community', type: 'coordination', title: '加装电梯走访',
        venue: '3号楼', scheduledAt: day, endsAt: new Date(Date.parse(day) + 3 * 86_400_000).toISOString(),
      }, { cookie: staff });
      expect(planned.status, JSON.stringify(planned.body)).toBe(200);
      meetingId = planned.body.meetingId;
    }, 120_000);
    afterAll(async () => {
      await second?.stop();
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('staff plan the round: bad input refused by field; the recorder reads but does not plan; nothing is logged before the start', async () => {
      const bad = await postJson(v(), { households: [{ name: '赵家' }, { name: '', address: '101' }, { name: '钱家', rosterMemberId: 'no-such' }] }, { cookie: staff });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.issues[0].path).toBe('households.1.name');
      const stranger = await postJson(v(), { households: [{ name: '钱家', rosterMemberId: 'no-such' }] }, { cookie: staff });
      expect(stranger.body.error.details.issues[0].path).toBe('households.0.rosterMemberId');
      const member = community.roster[0]!;
      const plan = await postJson(v(), {
        question: QUESTION,
        households: [{ rosterMemberId: member.id, address: '3号楼101' }, { name: '赵家', address: '3号楼102' }, { name: '钱家', address: '3号楼201' }],
        team: [{ role: 'host', staffId: community.facilitator.id }, { role: 'recorder', staffId: community.recorder.id }, { role: 'recorder', rosterMemberId: community.roster[1]!.id }],
      }, { cookie: staff });
      expect(plan.status, JSON.stringify(plan.body)).toBe(200);
      households = plan.body.households;
      expect(households.map((h) => h.name)).toEqual([member.name, '赵家', '钱家']);
      expect(plan.body.team.map((m: { name: string }) => m.name)).toEqual(['主持人', '记录员', community.roster[1]!.name]);
      expect((await postJson(v(), { question: '改问题' }, { cookie: recorder })).status).toBe(403);
      expect((await get(recorder)).body).toMatchObject({ phase: 'draft', question: QUESTION, may: { manage: false, log: true } });
      // A whole estate fits in one plan (the body limit is the plan's, not the default 16 KiB).
      const big = Array.from({ length: 1000 }, (_, i) => ({ name: `住户${i}`, address: `${Math.floor(i / 20) + 1}号楼${(i % 20) + 1}01室（东单元）` }));
      const large = await postJson(v(), { households: big }, { cookie: staff });
      expect(large.status, JSON.stringify(large.body).slice(0, 200)).toBe(200);
      expect(large.body.households).toHaveLength(1000);
      expect((await postJson(v(), { households: plan.body.households }, { cookie: staff })).body.households).toEqual(households);
      const early = await send({ id: randomUUID(), household: '赵家', visitedAt: new Date().toISOString(), agreement: 'agree' });
      expect(early.body.error).toMatchObject({ code: 'INVALID_STATE', details: { reason: 'not_started' } });
      expect((await postJson(v('/start'), {}, { cookie: recorder })).status).toBe(403);
    });

    it('starts without agenda or check-in; the queue replayed twice stores each visit once', async () => {
      expect((await postJson(v('/start'), {}, { cookie: staff })).status).toBe(200);
      const state = (await get()).body;
      expect(state).toMatchObject({ phase: 'open', meetingStatus: 'live' });
      expect((await postJson(v(), { question: '改问题' }, { cookie: staff })).body.error.details.reason).toBe('question_fixed');
      const at = (k: number) => new Date(Date.now() - (10 - k) * 60_000).toISOString();
      queue.push(
        { id: randomUUID(), householdId: households[0]!.id, household: households[0]!.name, address: households[0]!.address, metWith: '户主', place: '家中', visitedAt: at(0), opinion: '一楼有采光顾虑，要求补偿。电话 13812345678', agreement: 'conditional' },
        { id: randomUUID(), householdId: households[1]!.id, household: '赵家', address: '3号楼102', metWith: '户主', place: '楼道', visitedAt: at(1), opinion: '非常支持。', agreement: 'agree' },
        { id: randomUUID(), householdId: null, household: '孙阿姨', address: '3号楼302', metWith: '本人', place: '门口', visitedAt: at(2), opinion: '费用太高。', agreement: 'disagree' },
      );
      for (const e of queue) expect((await send(e)).body).toMatchObject({ replayed: false, entry: { id: e.id } });
      for (let round = 0; round < 2; round++) {
        for (const e of queue) {
          const r = await send(e);
          expect(r.status).toBe(200);
          expect(r.body).toMatchObject({ replayed: true, entry: { id: e.id, household: e.household, agreement: e.agreement } });
        }
      }
      expect(await db.visitEntry.count({ where: { meetingId } })).toBe(3);
      expect((await db.visitRound.findUniqueOrThrow({ where: { meetingId } })).entries).toBe(3);
      // The same id with other content is refused, and the stored visit stays as it was.
      const clash = await send({ ...queue[1], agreement: 'disagree' });
      expect(clash.status).toBe(409);
      expect(clash.body.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'entry_conflict', stored: { agreement: 'agree' } } });
      // The longest opinion fits (4000 characters of Chinese is 12 KB of UTF-8).
      const longest = { ...queue[2], id: randomUUID(), visitedAt: at(3), opinion: '意'.repeat(4000), address: '址'.repeat(200), metWith: '人'.repeat(200), place: '地'.repeat(200), household: '户'.repeat(100) };
      expect((await send(longest)).status).toBe(200);
      queue.push(longest);
      // A household not in the plan, a time in the future: refused by field.
      expect((await send({ ...queue[1], id: randomUUID(), householdId: 'nope' })).body.error.details.issues[0].path).toBe('householdId');
      expect((await send({ ...queue[1], id: randomUUID(), visitedAt: new Date(Date.now() + 3600_000).toISOString() })).body.error.details.issues[0].path).toBe('visitedAt');
      // Only the round's staff log: another community's recorder cannot.
      const other = await makeCommunity(db, { members: 1 });
      const outsider = await staffCookie(server.url, other.recorder.username, TEST_PASSWORD);
      expect((await send({ ...queue[0], id: randomUUID() }, server.url, outsider)).status).toBe(403);
    });

    it('the same visit sent at once through two server processes is stored once', async () => {
      const entry = { id: randomUUID(), householdId: households[2]!.id, household: '钱家', address: '3号楼201', metWith: '户主夫妇', place: '家中', visitedAt: new Date(Date.now() - 60_000).toISOString(), opinion: '同意，希望尽快施工。', agreement: 'agree' };
      const results = await Promise.all(Array.from({ length: 12 }, (_, k) => send(entry, k % 2 ? second.url : server.url)));
      expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
      expect(results.filter((r) => !r.body.replayed)).toHaveLength(1);
      expect(new Set(results.map((r) => JSON.stringify(r.body.entry))).size).toBe(1);
      expect(await db.visitEntry.count({ where: { meetingId, id: entry.id } })).toBe(1);
      expect((await db.visitRound.findUniqueOrThrow({ where: { meetingId } })).entries).toBe(5);
      queue.push(entry);
      const { progress } = (await get()).body;
      expect(progress).toMatchObject({ planned: 3, plannedVisited: 3, entries: 5, added: 2, agreement: { agree: 2, conditional: 1, disagree: 2, undecided: 0 } });
    });

    it('a visit’s photos: stored once by the phone’s id, a different photo under that id is a CONFLICT, only photos, only of stored visits', async () => {
      // Real images, the first with a GPS position in its EXIF (a phone's photo of someone's home).
      const photo = async (seed: number) => new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: seed * 40, g: 90, b: 30 } } })
        .withMetadata({ exif: { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 40/1 0/1' } } }).jpeg().toBuffer());
      const first1 = await photo(1);
      const other = await photo(2);
      const upload = async (entryId: string, photoId: string, bytes: Uint8Array, cookie = recorder) => {
        const res = await fetch(url(`/api/meetings/${meetingId}/visits/entries/${entryId}/photos/${photoId}`), { method: 'POST', headers: { cookie, 'content-type': 'application/octet-stream' }, body: Buffer.from(bytes) });
        return { status: res.status, body: (await res.json()) as any };
      };
      const entryId = queue[0]!.id as string;
      const photoId = randomUUID();
      const first = await upload(entryId, photoId, first1);
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toMatchObject({ replayed: false, photo: { id: photoId, mimeType: 'image/jpeg' } });
      for (let k = 0; k < 2; k++) expect((await upload(entryId, photoId, first1)).body).toMatchObject({ replayed: true, photo: { sha256: first.body.photo.sha256 } });
      expect((await upload(entryId, photoId, other)).body.error).toMatchObject({ code: 'CONFLICT', details: { reason: 'photo_conflict' } });
      expect((await upload(entryId, randomUUID(), new TextEncoder().encode('not a photo at all'))).body.error).toMatchObject({ code: 'BAD_REQUEST', details: { field: 'photo' } });
      expect((await upload(randomUUID(), randomUUID(), other)).body.error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'entryId' } });
      expect(await db.visitPhoto.count({ where: { meetingId } })).toBe(1);
      const shown = await fetch(url(`/api/meetings/${meetingId}/visits/photos/${photoId}`), { headers: { cookie: staff } });
      expect(shown.headers.get('content-type')).toBe('image/jpeg');
      // Kept re-encoded: the pixels, not the phone's position.
      const kept = Buffer.from(await shown.arrayBuffer());
      expect((await sharp(first1).metadata()).exif).toBeDefined();
      expect((await sharp(kept).metadata()).exif).toBeUndefined();
      expect(kept.includes(Buffer.from('GPS'))).toBe(false);
      expect((await fetch(url(`/api/meetings/${meetingId}/visits/photos/${photoId}`))).status).toBe(401);
      expect((await get()).body.entries.find((e: { id: string }) => e.id === entryId).photos).toEqual([{ id: photoId, size: kept.length, mimeType: 'image/jpeg', sha256: first.body.photo.sha256 }]);
      photoSha = first.body.photo.sha256;
    });

    it('finishing stops entries (a replay is still answered); the conclusion closes the meeting; the record files and verifies', async () => {
      expect((await postJson(v('/finish'), {}, { cookie: staff })).body).toMatchObject({ entries: 5 });
      const late = await send({ id: randomUUID(), household: '周家', visitedAt: new Date().toISOString(), agreement: 'agree' });
      expect(late.body.error).toMatchObject({ code: 'INVALID_STATE', details: { reason: 'finished' } });
      expect((await send(queue[0])).body).toMatchObject({ replayed: true });
      expect((await postJson(v('/conclude'), {}, { cookie: staff })).body.error.details.issues[0].path).toBe('conclusion');
      expect((await postJson(v('/conclusion'), { text: '多数同意加装，一楼住户要求补偿。' }, { cookie: staff })).status).toBe(200);
      expect((await postJson(v('/conclude'), {}, { cookie: recorder })).status).toBe(403);
      expect((await postJson(v('/conclude'), {}, { cookie: staff })).status).toBe(200);

      let record: any = null;
      for (let k = 0; k < 200 && !record; k++) {
        const res = await fetch(url(`/api/meetings/${meetingId}/record`), { headers: { cookie: staff } });
        record = ((await res.json()) as any).record;
        if (!record) await new Promise((r) => setTimeout(r, 100));
      }
      expect(record).not.toBeNull();
      const { recordJson } = (await (await fetch(url(`/api/records/${record.recordId}`))).json()) as { recordJson: string };
      const body = JSON.parse(recordJson);
      expect(body.visits).toMatchObject({
        question: QUESTION, planned: 3, plannedVisited: 3, agreement: { agree: 2, conditional: 1, disagree: 2, undecided: 0 },
        conclusion: { text: '多数同意加装，一楼住户要求补偿。' },
      });
      expect(body.visits.entries.map((e: { id: string }) => e.id).sort()).toEqual(queue.map((e) => e.id as string).sort());
      expect(body.visits.entries.find((e: { planned: boolean }) => !e.planned).opinion).toBe('费用太高。');
      // The photo by its hash only: its bytes stay with staff.
      expect(body.visits.entries.find((e: { id: string }) => e.id === queue[0]!.id).photos).toMatchObject([{ sha256: photoSha, mimeType: 'image/jpeg' }]);
      expect(body.visits.entries.filter((e: { photos?: unknown }) => e.photos)).toHaveLength(1);
      // No resident's phone in the record; households and addresses only as commitments.
      expect(recordJson).not.toContain('13812345678');
      expect(recordJson).toContain('138****5678');
      expect(recordJson).not.toContain('3号楼102');
      expect(recordJson).not.toContain('孙阿姨');
      expect(body.attendance).toEqual([]);

      for (const cookie of [staff, recorder]) {
        const key = generateSigningKey();
        const signed = await postJson(url(`/api/records/${record.recordId}/signatures`), { publicKeyPem: key.publicKeyPem, signature: signEd25519(key.privateKeyPem, new TextEncoder().encode(recordJson)) }, { cookie });
        expect(signed.status, JSON.stringify(signed.body)).toBe(200);
      }
      expect(((await (await fetch(url(`/api/records/${record.recordId}/verify`))).json()) as any)).toMatchObject({ valid: true });
      // Staff of the area open the households' disclosures.
      const { disclosures } = (await (await fetch(url(`/api/records/${record.recordId}/disclosures`), { headers: { cookie: staff } })).json()) as { disclosures: [string, string][] };
      expect(disclosures.map((d) => d[1])).toContain(JSON.stringify({ address: '3号楼302', household: '孙阿姨', metWith: '本人', place: '门口' }));
    });
  });
}
