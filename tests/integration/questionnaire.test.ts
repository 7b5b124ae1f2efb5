// A questionnaire (问卷式协商) through the real server, on SQLite and PostgreSQL: staff build it (bad
// input is refused by field), open it without agenda or check-in, 500 residents answer at once — each
// counted exactly once, every repeat refused — a change after answers makes version 2 and the answers
// given stay with version 1; closing and publishing the summary files a record that verifies, and the
// board shows the result. An attacker holding the whole database and everything a non-staff client is
// ever sent cannot link an anonymous answer to a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { LogSmsSender } from '../../lib/platform/sms';
import { hashToken, newToken } from '../../lib/platform/tokens';
import { generateSigningKey, signEd25519 } from '../../lib/record/node-crypto';
import { PhoneIdentity } from '../../lib/residents/phone-identity';
import { confirmResident } from '../../scripts/protocol-client';
import { makeCommunity, TEST_PASSWORD } from '../factories/community';
import { databaseTargets, type ScratchDatabase } from '../support/databases';
import { command, connect, postJson, staffCookie, startServer, waitFor, type RunningServer } from '../support/server';

const PHONE_KEY = 'questionnaire-test-phone-key';
const RESIDENTS = 500;

const definition = {
  title: '小区停车改造意见征询',
  intro: '请根据您家的实际情况作答。',
  sections: [{
    id: 's1', title: '停车情况',
    questions: [
      { id: 'q1', kind: 'single', title: '您家有几辆车？', options: [{ id: 'a', label: '没有' }, { id: 'b', label: '一辆' }, { id: 'c', label: '两辆及以上' }] },
      { id: 'q2', kind: 'multiple', title: '您通常在哪里停车？', maxChoices: 2, options: [{ id: 'a', label: '地面车位' }, { id: 'b', label: '地下车库' }, { id: 'c', label: '路边' }] },
      { id: 'q3', kind: 'rating', title: '对现在的停车秩序打分', lowLabel: '很不满意', highLabel: '很满意' },
      { id: 'q4', kind: 'ranking', title: '请排列改造的优先次序', options: [{ id: 'x', label: '划线' }, { id: 'y', label: '照明' }, { id: 'z', label: '充电桩' }] },
      { id: 'q5', kind: 'text', title: '其他建议', required: false, maxLength: 200 },
    ],
  }],
};

/** Resident i's answers: spread over every option so each count is known. */
function answersOf(i: number) {
  return {
    q1: ['a', 'b', 'c'][i % 3]!,
    q2: i % 2 ? ['a'] : ['b', 'c'],
    q3: (i % 5) + 1,
    q4: [['x', 'y', 'z'], ['y', 'z', 'x'], ['z', 'x', 'y']][i % 3]!,
    ...(i < 20 ? { q5: `第${i}位居民的秘密意见-${i * 7919}` } : {}),
  };
}
const count = (f: (i: number) => boolean) => Array.from({ length: RESIDENTS }, (_, i) => i).filter(f).length;

for (const target of databaseTargets()) {
  describe.skipIf(!target.enabled)(`questionnaire on ${target.name}`, () => {
    let scratch: ScratchDatabase;
    let db: Db;
    let server: RunningServer;
    let community: Awaited<ReturnType<typeof makeCommunity>>;
    let staff: string;
    let recorder: string;
    let meetingId: string;
    let joinCode: string;
    const residents: { phone: string; phoneHash: string; cookie: string }[] = [];
    /** every response body a non-staff client received, for the attacker test */
    const publicResponses: string[] = [];
    let recordId: string;

    const url = (path: string) => `${server.url}${path}`;
    async function getAs(path: string, cookie?: string) {
      const res = await fetch(url(path), { headers: cookie ? { cookie } : {} });
      const text = await res.text();
      if (!cookie || cookie.startsWith('yishi_resident')) publicResponses.push(text);
      return { status: res.status, body: JSON.parse(text) as any };
    }
    async function answer(i: number, version: number, answers: unknown = answersOf(i)) {
      const r = await postJson(url(`/api/questionnaires/${joinCode}/responses`), { version, answers }, { cookie: residents[i]!.cookie });
      publicResponses.push(JSON.stringify(r.body));
      return r;
    }

    beforeAll(async () => {
      scratch = await target.make();
      await applyMigrations(scratch.url);
      db = createDb(scratch.url);
      community = await makeCommunity(db, { members: 3 });
      server = await startServer({ databaseUrl: scratch.url, env: { YISHI_PHONE_KEY: PHONE_KEY } });
      staff = await staffCookie(server.url, community.facilitator.username, TEST_PASSWORD);
      recorder = await staffCookie(server.url, community.recorder.username, TEST_PASSWORD);

      // Three residents confirm their phones as a phone does (the code read from the server's SMS log);
      // the rest get sessions straight in the database, with the same keyed phone hash: 500 codes from one
      // address would be refused by the per-address budget, and the flow itself is tested with topics.
      const identity = new PhoneIdentity(db, new LogSmsSender(false), { phoneKey: PHONE_KEY });
      const expiresAt = new Date(Date.now() + 3600_000);
      const sessions = [];
      for (let i = 0; i < RESIDENTS + 40; i++) {
        const phone = `139${String(10_000_000 + i).padStart(8, '0')}`;
        const phoneHash = await identity.phoneHash(phone);
        if (i < 3) {
          const cookie = await confirmResident(server.url, phone, async () => {
            await waitFor(() => server.output().includes(`[sms] to ${phone}:`), 10_000, 'the code');
            return /验证码是 (\d{6})/.exec(server.output().split(`[sms] to ${phone}:`).at(-1)!)![1]!;
          });
          residents.push({ phone, phoneHash, cookie });
        } else {
          const token = newToken();
          sessions.push({ tokenHash: hashToken(token), phoneHash, phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`, expiresAt });
          residents.push({ phone, phoneHash, cookie: `yishi_resident=${token}` });
        }
      }
      await db.residentSession.createMany({ data: sessions });

      const day = new Date(Date.now() + 86_400_000).toISOString();
      const planned = await postJson(url('/api/meetings'), {
        communityId: community.communityId, form: 'questionnaire', level: 'community', type: 'advisory', title: '停车改造问卷',
        venue: '线上', scheduledAt: day, endsAt: new Date(Date.parse(day) + 7 * 86_400_000).toISOString(),
      }, { cookie: staff });
      expect(planned.status, JSON.stringify(planned.body)).toBe(200);
      meetingId = planned.body.meetingId;
      joinCode = planned.body.joinCode;
    }, 300_000);
    afterAll(async () => {
      await server?.stop();
      await db?.$disconnect();
      await scratch?.drop();
    });

    it('staff build it: bad input refused by field, a draft saved; residents see nothing until it opens', async () => {
      const save = (body: unknown, cookie = staff) => postJson(url(`/api/meetings/${meetingId}/questionnaire`), body, { cookie });
      const bad = await save({ definition: { title: '问卷', sections: [{ questions: [{ kind: 'single', title: '没有选项', options: [] }, { kind: 'ranking', title: '排序', options: [{ label: '甲' }, { label: '甲' }] }] }] } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['sections.0.questions.0.options', 'sections.0.questions.1.options.1.label']);
      const dup = await save({ definition: { title: '问卷', sections: [{ questions: [{ kind: 'ranking', title: '排序', options: [{ label: '甲' }, { label: '甲' }] }] }] } });
      expect(dup.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['sections.0.questions.0.options.1.label']);
      expect((await save({ definition })).status).toBe(200);
      expect((await save({ settings: { anonymous: true, closesAt: '2020-01-01T00:00:00+08:00', opensAt: '2021-01-01T00:00:00+08:00' } })).body.error.details.issues[0].path).toBe('settings.closesAt');
      expect((await save({ settings: { anonymous: true, audience: { kind: 'community' } } })).status).toBe(200);
      // The recorder reads, never edits; a resident neither.
      expect((await save({ definition }, recorder)).status).toBe(403);
      expect((await save({ definition }, residents[0]!.cookie)).status).toBe(401);
      expect((await getAs(`/api/meetings/${meetingId}/questionnaire`, recorder)).body).toMatchObject({ phase: 'draft', draft: { title: definition.title }, versions: [] });

      expect((await getAs(`/api/questionnaires/${joinCode}`)).status).toBe(404);
      expect((await answer(0, 1)).status).toBe(404);
    });

    it('opens without agenda or check-in, as version 1; the meeting is live', async () => {
      const opened = await postJson(url(`/api/meetings/${meetingId}/questionnaire/open`), {}, { cookie: staff });
      expect(opened.status, JSON.stringify(opened.body)).toBe(200);
      expect((await postJson(url(`/api/meetings/${meetingId}/questionnaire/open`), {}, { cookie: staff })).status).toBe(409);
      const pub = await getAs(`/api/questionnaires/${joinCode.toLowerCase()}`);
      expect(pub.body).toMatchObject({ meetingId, status: 'open', answering: 'during', anonymous: true, version: 1, definition: { title: definition.title } });
      expect((await db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).status).toBe('live');
      // Its lifecycle goes through the HTTP API only: the facilitator's socket cannot close it.
      const socket = connect(server.url, { meetingId }, { cookie: staff });
      try {
        await waitFor(() => !!socket.meeting, 10_000, 'the snapshot');
        expect(socket.meeting).toMatchObject({ form: 'questionnaire', status: 'live', agenda: [], questionnaire: { phase: 'open' } });
        expect(await command(socket, 'questionnaire.close', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      } finally {
        socket.disconnect();
      }
      // Settings are fixed from now on.
      expect((await postJson(url(`/api/meetings/${meetingId}/questionnaire`), { settings: { anonymous: false } }, { cookie: staff })).body.error).toMatchObject({ code: 'INVALID_STATE', details: { reason: 'settings_fixed' } });
    });

    it(`${RESIDENTS} residents answer at once: each counted once, every repeat refused as ALREADY_ANSWERED`, async () => {
      expect((await postJson(url(`/api/questionnaires/${joinCode}/responses`), { version: 1, answers: answersOf(0) })).status).toBe(401);
      const wrong = await answer(0, 1, { ...answersOf(0), q3: 9, q9: 'x' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['answers.q3', 'answers.q9']);

      // Everyone at once, and the first 50 twice more at the same moment.
      const all = await Promise.all([
        ...Array.from({ length: RESIDENTS }, (_, i) => answer(i, 1).then((r) => ({ i, r }))),
        ...Array.from({ length: 100 }, (_, k) => answer(k % 50, 1).then((r) => ({ i: k % 50, r }))),
      ]);
      const byResident = new Map<number, number[]>();
      for (const { i, r } of all) byResident.set(i, [...(byResident.get(i) ?? []), r.status]);
      const unexpected = all.filter(({ r }) => r.status !== 200 && r.status !== 409).map(({ r }) => r.body);
      expect(unexpected).toEqual([]);
      for (let i = 0; i < RESIDENTS; i++) {
        const statuses = byResident.get(i)!.sort();
        expect(statuses.filter((s) => s === 200), `resident ${i}`).toHaveLength(1);
        expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
      }
      expect(all.filter(({ r }) => r.status === 409).every(({ r }) => r.body.error.code === 'ALREADY_ANSWERED')).toBe(true);
      expect(await db.questionnaireParticipation.count({ where: { meetingId } })).toBe(RESIDENTS);

      const { body: results } = await getAs(`/api/meetings/${meetingId}/questionnaire/results`, staff);
      expect(results).toMatchObject({ phase: 'open', responses: RESIDENTS, byVersion: { 1: RESIDENTS } });
      const [q1, q2, q3, q4, q5] = results.questions;
      expect(q1.options.map((o: { count: number }) => o.count)).toEqual([0, 1, 2].map((k) => count((i) => i % 3 === k)));
      expect(q2.options.map((o: { count: number }) => o.count)).toEqual([count((i) => i % 2 === 1), count((i) => i % 2 === 0), count((i) => i % 2 === 0)]);
      expect(q3.distribution).toEqual(Object.fromEntries([1, 2, 3, 4, 5].map((s) => [String(s), count((i) => i % 5 === s - 1)])));
      const firsts = Object.fromEntries(q4.options.map((o: { id: string; places: number[] }) => [o.id, o.places[0]]));
      expect(firsts).toEqual({ x: count((i) => i % 3 === 0), y: count((i) => i % 3 === 1), z: count((i) => i % 3 === 2) });
      // Borda: x gets 2, 0, 1 points from the three orders; y 1, 2, 0; z 0, 1, 2 — weighted by how many gave each.
      const [n0, n1, n2] = [0, 1, 2].map((k) => count((i) => i % 3 === k));
      expect(Object.fromEntries(q4.options.map((o: { id: string; borda: number }) => [o.id, o.borda]))).toEqual({ x: 2 * n0! + n2!, y: n0! + 2 * n1!, z: n1! + 2 * n2! });
      expect(q5.answers).toEqual(Array.from({ length: 20 }, (_, i) => answersOf(i).q5).sort());

      // Exports: one line per response and a header, in the reader's language.
      const csv = await (await fetch(url(`/api/meetings/${meetingId}/questionnaire/export?format=csv`), { headers: { cookie: staff } })).text();
      expect(csv.trim().split('\r\n')).toHaveLength(RESIDENTS + 1);
      expect(csv.split('\r\n')[0]).toContain('问卷版本,您家有几辆车？');
      const xlsx = await fetch(url(`/api/meetings/${meetingId}/questionnaire/export?format=xlsx&locale=en`), { headers: { cookie: recorder } });
      expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
      expect(new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
      expect((await fetch(url(`/api/meetings/${meetingId}/questionnaire/export?format=csv`), { headers: { cookie: residents[0]!.cookie } })).status).toBe(401);
      expect((await getAs(`/api/questionnaires/${joinCode}/mine`, residents[7]!.cookie)).body).toEqual({ answered: true, anonymous: true, version: null, answers: null });
    }, 180_000);

    it('a change after answers is version 2: old answers stay with version 1, answering version 1 is VERSION_SUPERSEDED', async () => {
      // q1 gets an option; the rest is unchanged.
      const v2 = structuredClone(definition);
      v2.sections[0]!.questions[0]!.options!.push({ id: 'd', label: '不方便说' });
      const same = await postJson(url(`/api/meetings/${meetingId}/questionnaire`), { definition }, { cookie: staff });
      expect(same.body).toMatchObject({ version: 1, changed: false });
      const revised = await postJson(url(`/api/meetings/${meetingId}/questionnaire`), { definition: v2 }, { cookie: staff });
      expect(revised.body).toMatchObject({ version: 2, changed: true });
      const stale = await answer(RESIDENTS, 1);
      expect(stale).toMatchObject({ status: 409, body: { error: { code: 'VERSION_SUPERSEDED', details: { currentVersion: 2 } } } });
      expect((await getAs(`/api/questionnaires/${joinCode}`)).body.version).toBe(2);
      for (let i = RESIDENTS; i < RESIDENTS + 30; i++) expect((await answer(i, 2, { ...answersOf(i), q1: 'd' })).status).toBe(200);

      const boxes = await db.questionnaireAnswerBox.findMany({ where: { meetingId }, orderBy: { version: 'asc' } });
      expect(boxes.map((b) => [b.version, b.count])).toEqual([[1, RESIDENTS], [2, 30]]);
      const { body: results } = await getAs(`/api/meetings/${meetingId}/questionnaire/results`, staff);
      expect(results.byVersion).toEqual({ 1: RESIDENTS, 2: 30 });
      const q1s = results.questions.filter((q: { questionId: string }) => q.questionId === 'q1');
      expect(q1s.map((q: { versions: number[]; respondents: number }) => [q.versions, q.respondents])).toEqual([[[2], 30], [[1], RESIDENTS]]);
      expect(q1s[0].options.find((o: { id: string }) => o.id === 'd').count).toBe(30);
      // The unchanged rating adds up across both versions.
      expect(results.questions.find((q: { questionId: string }) => q.questionId === 'q3')).toMatchObject({ versions: [1, 2], respondents: RESIDENTS + 30 });
      const versions = (await getAs(`/api/meetings/${meetingId}/questionnaire`, staff)).body.versions;
      expect(versions.map((v: { version: number; responses: number }) => [v.version, v.responses])).toEqual([[1, RESIDENTS], [2, 30]]);
    });

    it('closing stops answers; publishing the summary closes the meeting, whose record is filed, verifies and reaches the board', async () => {
      expect((await postJson(url(`/api/meetings/${meetingId}/questionnaire/publish`), { summary: '太早' }, { cookie: staff })).body.error).toMatchObject({ code: 'INVALID_STATE', details: { reason: 'not_closed' } });
      expect((await postJson(url(`/api/meetings/${meetingId}/questionnaire/close`), {}, { cookie: recorder })).status).toBe(403);
      expect((await postJson(url(`/api/meetings/${meetingId}/questionnaire/close`), {}, { cookie: staff })).body).toMatchObject({ responses: RESIDENTS + 30 });
      expect((await answer(RESIDENTS + 30, 2)).body.error).toMatchObject({ code: 'INVALID_STATE', details: { reason: 'closed' } });
      expect((await postJson(url(`/api/meetings/${meetingId}/questionnaire/publish`), {}, { cookie: staff })).status).toBe(400);
      const summary = '530 户居民参与。多数居民希望先划线再装照明，充电桩可后续考虑。';
      expect((await postJson(url(`/api/meetings/${meetingId}/questionnaire/summary`), { text: summary }, { cookie: staff })).status).toBe(200);
      expect((await postJson(url(`/api/meetings/${meetingId}/questionnaire/publish`), {}, { cookie: staff })).body).toMatchObject({ summary });

      // The record is frozen moments after the meeting closes.
      let record: any = null;
      for (let k = 0; k < 200 && !record; k++) {
        record = (await getAs(`/api/meetings/${meetingId}/record`, staff)).body.record;
        if (!record) await new Promise((r) => setTimeout(r, 100));
      }
      expect(record).not.toBeNull();
      recordId = record.recordId;
      const { recordJson } = (await getAs(`/api/records/${recordId}`)).body;
      const body = JSON.parse(recordJson);
      expect(body.meeting.form).toBe('questionnaire');
      expect(body.questionnaire).toMatchObject({
        anonymous: true, responses: RESIDENTS + 30, summary: { text: summary },
        versions: [{ version: 1, responses: RESIDENTS }, { version: 2, responses: 30 }],
      });
      const text = body.questionnaire.results.find((r: { kind: string }) => r.kind === 'text');
      expect(text).toMatchObject({ answered: 20, answersCommitment: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(recordJson).not.toContain('秘密意见');

      // The convener and the recorder sign on their own devices; the platform files it.
      let status = '';
      for (const cookie of [staff, recorder]) {
        const key = generateSigningKey();
        const signed = await postJson(url(`/api/records/${recordId}/signatures`), { publicKeyPem: key.publicKeyPem, signature: signEd25519(key.privateKeyPem, new TextEncoder().encode(recordJson)) }, { cookie });
        expect(signed.status, JSON.stringify(signed.body)).toBe(200);
        status = signed.body.status;
      }
      expect(status).toBe('filed');
      expect((await getAs(`/api/records/${recordId}/verify`)).body).toMatchObject({ valid: true });
      // Staff of the area open the text answers' commitment: the sorted list, nobody's name or phone.
      const { disclosures } = (await getAs(`/api/records/${recordId}/disclosures`, staff)).body;
      expect(disclosures.map((d: [string, string]) => d[1])).toContain(JSON.stringify(Array.from({ length: 20 }, (_, i) => answersOf(i).q5).sort()));

      const board = (await getAs(`/api/board/${community.code}`)).body;
      const published = board.publications.find((p: { recordId: string }) => p.recordId === recordId);
      expect(published.questionnaireResult).toMatchObject({ summary, responses: RESIDENTS + 30 });
    });

    it('an attacker with the whole database and every non-staff response cannot link an anonymous answer to a phone', async () => {
      const hashes = residents.map((r) => r.phoneHash);
      const phones = residents.map((r) => r.phone);
      const secret = answersOf(7).q5!; // only resident 7 wrote this
      const rows = await everyRow(db, target.name);
      const holding = rows.filter((r) => r.json.includes(secret));
      // The only rows with the answer are the answer box and the record's disclosures: no phone or hash in them.
      expect([...new Set(holding.map((r) => r.table))].sort()).toEqual(['QuestionnaireAnswerBox', 'RecordDisclosure']);
      for (const r of holding) {
        expect(hashes.some((h) => r.json.includes(h))).toBe(false);
        expect(phones.some((p) => r.json.includes(p))).toBe(false);
      }
      // No row anywhere holds an anonymous answer's version beside a phone: there are no response rows.
      expect(await db.questionnaireResponse.count({ where: { meetingId } })).toBe(0);
      // The box is the multiset, sorted: its order is not the answering order (answers arrived by index).
      for (const box of await db.questionnaireAnswerBox.findMany({ where: { meetingId } })) {
        const list = JSON.parse(box.contents) as string[];
        expect(list).toEqual([...list].sort());
        expect(Object.keys(box).sort()).toEqual(['contents', 'count', 'meetingId', 'version']);
      }
      // Participations: the phone and nothing else — no time, no answer, no version.
      const participation = await db.questionnaireParticipation.findFirstOrThrow({ where: { meetingId } });
      expect(Object.keys(participation).sort()).toEqual(['id', 'meetingId', 'phoneHash']);
      // The meeting's log has no answers and no phones: only the lifecycle.
      const events = rows.filter((r) => r.table === 'MeetingEvent' && r.json.includes(meetingId));
      expect(events.every((e) => !hashes.some((h) => e.json.includes(h)) && !e.json.includes(secret))).toBe(true);
      // Nothing a resident or the public was sent names another phone or holds an answer next to one.
      const sent = publicResponses.join('\n');
      expect(hashes.some((h) => sent.includes(h))).toBe(false);
      expect(sent).not.toContain(secret);
      // In the bundle and on the board: the text answers only as their commitment.
      const bundle = JSON.stringify((await getAs(`/api/records/${recordId}`)).body) + JSON.stringify((await getAs(`/api/board/${community.code}`)).body);
      expect(bundle).not.toContain(secret);
      expect(hashes.some((h) => bundle.includes(h))).toBe(false);
    });

    it('an identified questionnaire keeps the phone with the answer and gives it back; one not yet open refuses answers', async () => {
      async function plan(settings: unknown) {
        const day = new Date(Date.now() + 86_400_000).toISOString();
        const planned = await postJson(url('/api/meetings'), {
          communityId: community.communityId, form: 'questionnaire', level: 'community', type: 'advisory', title: '满意度调查',
          venue: '线上', scheduledAt: day, endsAt: new Date(Date.parse(day) + 86_400_000).toISOString(),
        }, { cookie: staff });
        const id: string = planned.body.meetingId;
        const small = { title: '满意度调查', sections: [{ questions: [{ id: 'r', kind: 'rating', title: '对物业服务打分' }, { id: 't', kind: 'text', title: '意见', required: false }] }] };
        expect((await postJson(url(`/api/meetings/${id}/questionnaire`), { definition: small, settings }, { cookie: staff })).status).toBe(200);
        expect((await postJson(url(`/api/meetings/${id}/questionnaire/open`), {}, { cookie: staff })).status).toBe(200);
        return { id, code: planned.body.joinCode as string };
      }
      const named = await plan({ anonymous: false });
      const respond = (code: string, i: number, answers: unknown) => postJson(url(`/api/questionnaires/${code}/responses`), { version: 1, answers }, { cookie: residents[i]!.cookie });
      expect((await respond(named.code, 1, { r: 2, t: '保安经常不在岗' })).body).toEqual({ ok: true, version: 1, anonymous: false });
      expect((await respond(named.code, 2, { r: 5 })).status).toBe(200);
      const mine = (await fetch(url(`/api/questionnaires/${named.code}/mine`), { headers: { cookie: residents[1]!.cookie } }).then((r) => r.json())) as any;
      expect(mine).toEqual({ answered: true, anonymous: false, version: 1, answers: { r: 2, t: '保安经常不在岗' } });
      expect((await fetch(url(`/api/questionnaires/${named.code}/mine`), { headers: { cookie: residents[3]!.cookie } }).then((r) => r.json()))).toMatchObject({ answered: false });
      const rows = await db.questionnaireResponse.findMany({ where: { meetingId: named.id } });
      expect(rows.map((r) => r.phoneHash).sort()).toEqual([residents[1]!.phoneHash, residents[2]!.phoneHash].sort());
      expect(await db.questionnaireAnswerBox.count({ where: { meetingId: named.id } })).toBe(0);

      const later = await plan({ anonymous: true, opensAt: new Date(Date.now() + 3600_000).toISOString(), closesAt: null });
      expect((await fetch(url(`/api/questionnaires/${later.code}`)).then((r) => r.json()) as any).answering).toBe('before');
      expect((await respond(later.code, 1, { r: 3 })).body.error).toMatchObject({ code: 'INVALID_STATE', details: { reason: 'not_yet_open' } });
      expect(await db.questionnaireParticipation.count({ where: { meetingId: later.id } })).toBe(0);

      // An audience of roster categories: only a phone on the roster in one of them answers.
      const member = community.roster[0]!;
      await db.rosterMember.update({ where: { id: member.id }, data: { phone: residents[4]!.phone, categories: JSON.stringify(['resident_representative']) } });
      const representatives = await plan({ anonymous: true, audience: { kind: 'categories', categories: ['resident_representative'] } });
      expect((await respond(representatives.code, 5, { r: 3 })).body.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'not_in_audience' } });
      expect((await respond(representatives.code, 4, { r: 4 })).status).toBe(200);
      // Places of another community are refused by field.
      const stray = await postJson(url(`/api/meetings/${later.id}/questionnaire`), { settings: { audience: { kind: 'grids', ids: ['no-such-grid'] } } }, { cookie: staff });
      expect(stray.body.error.details.issues[0].path).toBe('settings.audience.ids');
    });
  });
}

/** Every row of every table, as JSON, with its table's name (what a copy of the database holds). */
async function everyRow(db: Db, kind: 'sqlite' | 'postgresql'): Promise<{ table: string; json: string }[]> {
  const tables = kind === 'sqlite'
    ? (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)).map((t) => t.name)
    : (await db.$queryRawUnsafe<{ tablename: string }[]>(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`)).map((t) => t.tablename);
  const out: { table: string; json: string }[] = [];
  for (const table of tables) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    for (const row of rows) out.push({ table, json: JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v)) });
  }
  return out;
}
