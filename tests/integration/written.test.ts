// A written consultation (书面征询协商) through the real server, on SQLite and PostgreSQL: staff write it
// (an incomplete one is refused by field; a recorder may read, not write), send it — each addressee's
// personal link answers for that addressee's own consultation only; a wrong, malformed, replaced or
// expired link is refused exactly alike; replies after the deadline are refused while the link still
// shows the answer; closing with the conclusion files a record that verifies, with every final answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { generateSigningKey, signEd25519 } from '../../lib/record/node-crypto';
import { makeCommunity, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { postJson, staffCookie, startServer, type RunningServer } from '../support/server';

const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
const day = 86_400_000;

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`written consultation on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let community: Awaited<ReturnType<typeof makeCommunity>>;
    let staff: string;
    let recorder: string;
    const url = (path: string) => `${server.url}${path}`;
    const get = async (path: string, cookie?: string) => {
      const res = await fetch(url(path), { headers: cookie ? { cookie } : {} });
      return { status: res.status, text: await res.clone().text(), body: (res.headers.get('content-type') ?? '').includes('json') ? await res.json() as any : null };
    };
    const upload = async (path: string, cookie?: string) => {
      const res = await fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/pdf', ...(cookie ? { cookie } : {}) }, body: PDF });
      return { status: res.status, body: await res.json() as any };
    };
    const token = (link: { path: string }) => link.path.slice('/w/'.length);

    async function plan(title: string) {
      const planned = await postJson(url('/api/meetings'), {
        communityId: community.communityId, form: 'written', level: 'community', type: 'supervision', title,
        venue: '书面', scheduledAt: new Date(Date.now() + day).toISOString(), endsAt: new Date(Date.now() + 8 * day).toISOString(),
      }, { cookie: staff });
      expect(planned.status, JSON.stringify(planned.body)).toBe(200);
      return planned.body.meetingId as string;
    }

    let a: string;
    let b: string;
    let linksA: { addresseeId: string; name: string; unit: string; path: string }[];
    let linksB: typeof linksA;

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      community = await makeCommunity(db, { members: 4 });
      // Two of the roster are 居民代表.
      for (const m of community.roster.slice(0, 2)) await db.rosterMember.update({ where: { id: m.id }, data: { categories: '["resident_representative"]' } });
      server = await startServer({ databaseUrl: scratch.url });
      staff = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
      recorder = await staffCookie(server.url, community.recorder.username, TEST_PASSWORD);
      a = await plan('充电桩选址征询');
      b = await plan('另一份征询');
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('staff write and send it: incomplete refused by field, the recorder reads but never writes, links come back once', async () => {
      const w = (id: string, path = '') => url(`/api/meetings/${id}/written${path}`);
      const incomplete = await postJson(w(a, '/send'), {}, { cookie: staff });
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['title', 'text', 'deadline', 'addressees']);
      expect((await postJson(w(a), { title: '征询函' }, { cookie: recorder })).status).toBe(403);
      expect((await postJson(w(a), { title: '征询函' })).status).toBe(401);
      const saved = await postJson(w(a), {
        title: '关于充电桩选址的征询函', text: '拟在 3 号楼北侧安装充电桩，请提出意见。', deadline: new Date(Date.now() + 3 * day).toISOString(),
        addressees: { categories: ['resident_representative'], others: [{ kind: 'unit', name: '物业服务中心' }, { kind: 'unit', name: '物业服务中心' }] },
      }, { cookie: staff });
      expect(saved.body).toMatchObject({ addressees: 3 });
      expect((await upload(`/api/meetings/${a}/written/document-file?name=plan.pdf`, staff)).body).toMatchObject({ fileName: 'plan.pdf', mimeType: 'application/pdf' });
      const sent = await postJson(w(a, '/send'), {}, { cookie: staff });
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
      linksA = sent.body.links;
      expect(linksA.map((l) => l.name)).toEqual([community.roster[0]!.name, community.roster[1]!.name, '物业服务中心']);
      for (const l of linksA) expect(l.path).toMatch(/^\/w\/[A-Za-z0-9_-]{43}$/);
      // Only hashes are stored: no token appears in the database.
      const rows = await db.writtenAddressee.findMany({ where: { meetingId: a } });
      for (const l of linksA) expect(rows.some((r) => r.tokenHash === token(l))).toBe(false);
      // Fixed once sent.
      expect((await postJson(w(a), { title: '改了' }, { cookie: staff })).body.error).toMatchObject({ code: 'INVALID_STATE' });
      expect((await get(`/api/meetings/${a}/written`, recorder)).body).toMatchObject({ phase: 'sent', canManage: false, counts: { none: 3 } });

      await postJson(w(b), { title: '另一份', text: '正文', deadline: new Date(Date.now() + 3 * day).toISOString(), addressees: { memberIds: [community.roster[3]!.id] } }, { cookie: staff });
      linksB = (await postJson(w(b, '/send'), {}, { cookie: staff })).body.links;
      expect(linksB).toHaveLength(1);
    });

    it('a link answers only its own consultation, with the answer rules; each change is a revision', async () => {
      const [a0, a1] = linksA.map(token);
      const page = await get(`/api/w/${a0}`);
      expect(page.body).toMatchObject({ addressee: { name: community.roster[0]!.name }, document: { title: '关于充电桩选址的征询函', attachment: { fileName: 'plan.pdf' } }, answering: true, reply: null });
      expect((await get(`/api/w/${a0}/document-file`)).status).toBe(200);
      const reply = (t: string, body: unknown) => postJson(url(`/api/w/${t}/replies`), body);
      expect((await reply(a0!, { answer: 'amend', text: ' ' })).body.error.details.issues[0]).toMatchObject({ path: 'text', message: 'text_required' });
      expect((await reply(a0!, { answer: 'maybe', text: 'x' })).status).toBe(400);
      expect((await reply(a0!, { answer: 'agree', text: '' })).body).toMatchObject({ revision: 1 });
      const file = await upload(`/api/w/${a0}/files?name=note.pdf`);
      expect(file.status).toBe(200);
      expect((await reply(a0!, { answer: 'amend', text: '建议加装雨棚', fileId: file.body.id })).body).toMatchObject({ revision: 2 });
      // Another addressee cannot attach someone else's file, nor read it.
      expect((await reply(a1!, { answer: 'amend', text: '同上', fileId: file.body.id })).body.error.details.issues[0].path).toBe('fileId');
      expect((await get(`/api/w/${a1}/files/${file.body.id}`)).status).toBe(404);
      expect((await reply(a1!, { answer: 'disagree', text: '消防通道' })).status).toBe(200);

      expect((await get(`/api/w/${a0}`)).body.reply).toMatchObject({ answer: 'amend', text: '建议加装雨棚', revision: 2, file: { fileName: 'note.pdf' } });
      const table = (await get(`/api/meetings/${a}/written`, staff)).body;
      expect(table.counts).toEqual({ agree: 0, amend: 1, disagree: 1, none: 1 });
      expect(table.addressees[0]).toMatchObject({ answer: 'amend', revisions: 2 });
      // Consultation B has no reply from A's links.
      expect((await get(`/api/meetings/${b}/written`, staff)).body.counts).toEqual({ agree: 0, amend: 0, disagree: 0, none: 1 });
      expect(await db.writtenReply.count({ where: { meetingId: b } })).toBe(0);
      // Staff read the reply's file; mark the silent one reminded.
      expect((await get(`/api/meetings/${a}/written/files/${file.body.id}`, recorder)).status).toBe(200);
      const reminded = await postJson(url(`/api/meetings/${a}/written/addressees/${linksA[2]!.addresseeId}/reminded`), {}, { cookie: staff });
      expect(reminded.status).toBe(200);
      expect((await get(`/api/meetings/${a}/written`, staff)).body.addressees[2]).toMatchObject({ reminders: 1, remindedAt: reminded.body.remindedAt });
      expect((await postJson(url(`/api/meetings/${a}/written/addressees/${linksA[2]!.addresseeId}/reminded`), {}, { cookie: recorder })).status).toBe(403);
    });

    it('a wrong, malformed, replaced or expired link is refused alike, never saying whether it exists', async () => {
      const refused = async (t: string) => {
        const page = await get(`/api/w/${t}`);
        const replied = await postJson(url(`/api/w/${t}/replies`), { answer: 'agree', text: '' });
        return [page.status, page.text, replied.status, JSON.stringify(replied.body)];
      };
      const wrong = await refused('A'.repeat(43));
      expect(wrong[0]).toBe(404);
      expect(await refused('short')).toEqual(wrong);
      // Replaced: a new link for addressee 3; the old one is refused like one that never existed.
      const old = token(linksA[2]!);
      const fresh = await postJson(url(`/api/meetings/${a}/written/addressees/${linksA[2]!.addresseeId}/link`), {}, { cookie: staff });
      expect(fresh.body.path).toMatch(/^\/w\//);
      expect(await refused(old)).toEqual(wrong);
      expect((await get(`/api/w/${token(fresh.body)}`)).status).toBe(200);
      linksA[2] = { ...linksA[2]!, path: fresh.body.path };

      // Past the deadline (moved back, as time would): read-only with the answer; replies and files refused.
      const b0 = token(linksB[0]!);
      expect((await postJson(url(`/api/w/${b0}/replies`), { answer: 'agree', text: '' })).status).toBe(200);
      await db.writtenConsultation.update({ where: { meetingId: b }, data: { deadline: new Date(Date.now() - 60_000) } });
      expect((await get(`/api/w/${b0}`)).body).toMatchObject({ answering: false, reply: { answer: 'agree' } });
      const late = await postJson(url(`/api/w/${b0}/replies`), { answer: 'disagree', text: '改主意了' });
      expect(late.status).toBe(409);
      expect(late.body.error.details).toMatchObject({ reason: 'deadline_passed' });
      expect((await upload(`/api/w/${b0}/files?name=x.pdf`)).status).toBe(401);
      // Long past it the link has expired: refused exactly as a wrong one.
      await db.writtenConsultation.update({ where: { meetingId: b }, data: { deadline: new Date(Date.now() - 31 * day) } });
      expect(await refused(b0)).toEqual(wrong);
    });

    it('closing with the conclusion files a record with every final answer, and it verifies', async () => {
      expect((await postJson(url(`/api/meetings/${a}/written/close`), {}, { cookie: staff })).body.error.details.issues[0].path).toBe('conclusion');
      expect((await postJson(url(`/api/meetings/${a}/written/conclusion`), { text: '另行选址。' }, { cookie: staff })).status).toBe(200);
      expect((await postJson(url(`/api/meetings/${a}/written/close`), {}, { cookie: recorder })).status).toBe(403);
      expect((await postJson(url(`/api/meetings/${a}/written/close`), {}, { cookie: staff })).status).toBe(200);
      const after = await postJson(url(`/api/w/${token(linksA[2]!)}/replies`), { answer: 'agree', text: '' });
      expect(after.status).toBe(409);
      expect((await get(`/api/w/${token(linksA[0]!)}`)).body).toMatchObject({ answering: false, closed: true, reply: { answer: 'amend' } });

      let recordId = '';
      for (let i = 0; i < 200 && !recordId; i++) {
        recordId = (await get(`/api/meetings/${a}/record`, staff)).body.record?.recordId ?? '';
        if (!recordId) await new Promise((r) => setTimeout(r, 100));
      }
      expect(recordId).toBeTruthy();
      const { recordJson } = (await get(`/api/records/${recordId}`)).body;
      const body = JSON.parse(recordJson);
      expect(body.meeting.form).toBe('written');
      expect(body.written).toMatchObject({
        document: { title: '关于充电桩选址的征询函', attachment: { fileName: 'plan.pdf' }, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        counts: { agree: 0, amend: 1, disagree: 1, none: 1 }, conclusion: '另行选址。',
      });
      expect(body.written.addressees.map((x: { name: string; answer: string | null }) => [x.name, x.answer])).toEqual([
        [community.roster[0]!.name, 'amend'], [community.roster[1]!.name, 'disagree'], ['物业服务中心', null],
      ]);
      for (const h of (await db.writtenAddressee.findMany({ where: { meetingId: a } })).map((x) => x.tokenHash!)) expect(recordJson).not.toContain(h);

      let status = '';
      for (const cookie of [staff, recorder]) {
        const key = generateSigningKey();
        const signed = await postJson(url(`/api/records/${recordId}/signatures`), { publicKeyPem: key.publicKeyPem, signature: signEd25519(key.privateKeyPem, new TextEncoder().encode(recordJson)) }, { cookie });
        expect(signed.status, JSON.stringify(signed.body)).toBe(200);
        status = signed.body.status;
      }
      expect(status).toBe('filed');
      expect((await get(`/api/records/${recordId}/verify`)).body).toMatchObject({ valid: true });
    });
  });
}
