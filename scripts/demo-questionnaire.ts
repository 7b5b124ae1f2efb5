// A questionnaire (问卷式协商) through the real HTTP API, ending in a filed record:
//   npm run demo:questionnaire                            # in-process server on DATABASE_URL (default ./data/yishi.db)
//   npm run demo:questionnaire -- --url http://host:3000  # against a running server in demo mode (YISHI_DEMO=1)
// The demo facilitator plans a questionnaire meeting as the console does, announces it, builds the
// questionnaire (a faulty first try is refused question by question), opens it; 8 residents confirm
// their phones and answer on their phones (one tries twice and is refused); staff add an option — version 2
// — and a resident still on version 1 is told to reload and answers the new one; staff read the results,
// close it, write the summary and publish it, which closes the meeting; the convener and the recorder sign
// its record and the platform files it, which puts the result on the community board. Prints a summary,
// `record <id> filed` and the verification link.
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../lib/demo/seed';
import { LogSmsSender } from '../lib/platform/sms';
import { verificationUrl } from '../lib/record/export';
import { demoUser, getJson, inProcessServer, signAndFile } from './demo-support';
import { confirmResident, postJson } from './protocol-client';

const { values } = parseArgs({ options: { url: { type: 'string' } } });
const log = (line: string) => console.log(`[demo] ${line}`);

setTimeout(() => {
  console.error('[demo] timed out after 90 s');
  process.exit(1);
}, 90_000).unref();

// In process, codes are shown to the demo as a demo server shows them (no SMS leaves this machine).
const target = values.url ? { base: values.url.replace(/\/$/, ''), stop: async () => {} } : await inProcessServer({ sms: new LogSmsSender(true, () => {}) });
const { base } = target;

const QUESTIONS = [
  { id: 'cars', kind: 'single', title: '您家有几辆车？', options: [{ id: 'none', label: '没有' }, { id: 'one', label: '一辆' }, { id: 'more', label: '两辆及以上' }] },
  { id: 'where', kind: 'multiple', title: '您通常在哪里停车？（最多两项）', maxChoices: 2, options: [{ id: 'ground', label: '地面车位' }, { id: 'garage', label: '地下车库' }, { id: 'street', label: '路边' }] },
  { id: 'order', kind: 'rating', title: '您对现在的停车秩序打几分？', lowLabel: '很不满意', highLabel: '很满意' },
  { id: 'first', kind: 'ranking', title: '请排列改造的先后次序', options: [{ id: 'lines', label: '重新划线' }, { id: 'lights', label: '增加照明' }, { id: 'chargers', label: '安装充电桩' }] },
  { id: 'ideas', kind: 'text', title: '您还有什么建议？', required: false, maxLength: 300 },
];
const DEFINITION = { title: '小区停车改造意见征询', intro: '社区将根据大家的意见制定停车改造方案，约需 2 分钟。', sections: [{ id: 'parking', title: '停车情况', questions: QUESTIONS }] };

/** Resident k's answers: a spread that gives every chart something to show. */
function answersOf(k: number) {
  return {
    cars: ['none', 'one', 'one', 'more'][k % 4]!,
    where: [['ground'], ['garage', 'street'], ['street'], ['ground', 'garage']][k % 4]!,
    order: [2, 3, 1, 4, 2][k % 5]!,
    first: [['lines', 'lights', 'chargers'], ['lights', 'lines', 'chargers'], ['chargers', 'lines', 'lights']][k % 3]!,
    ...(k % 3 === 0 ? { ideas: ['晚上路灯太暗，倒车看不清', '希望给电动车也留充电位置', '外来车辆太多，建议登记'][(k / 3) % 3]! } : {}),
  };
}

try {
  const login = await postJson(`${base}/api/auth/login`, { username: demoUser('facilitator'), password: DEMO_PASSWORD });
  if (login.status !== 200 || !login.cookie) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  const staff = login.cookie.split(';')[0]!;
  const communityId: string = login.body.user.scope.communityId;
  const q = (path: string) => `${base}/api/meetings/${meetingId}/questionnaire${path}`;
  const must = async (what: string, p: Promise<{ status: number; body: any }>) => {
    const r = await p;
    if (r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  // 制作调查问卷: plan, announce and build it.
  const now = new Date();
  const planned = await must('planning the questionnaire', postJson(`${base}/api/meetings`, {
    communityId, form: 'questionnaire', level: 'community', type: 'advisory',
    title: `问卷：小区停车改造意见征询 ${now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`,
    venue: '线上（手机作答）', scheduledAt: now.toISOString(), endsAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
  }, { cookie: staff }));
  const meetingId: string = planned.meetingId;
  const joinCode: string = planned.joinCode;
  log(`问卷 planned: meeting ${meetingId}, join code ${joinCode}`);
  await must('the notice', postJson(`${base}/api/meetings/${meetingId}/notice`, { text: '社区就小区停车改造开展问卷调查，请居民扫码或在公示栏打开问卷作答，一户一份。' }, { cookie: staff }));

  const faulty = await postJson(q(''), { definition: { ...DEFINITION, sections: [{ title: '草稿', questions: [{ kind: 'single', title: '没有选项的题', options: [] }, { kind: 'ranking', title: '重复选项', options: [{ label: '划线' }, { label: '划线' }] }] }] } }, { cookie: staff });
  log(`制作调查问卷 builder: a faulty draft refused (${faulty.status}): ${faulty.body.error.details.issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`).join('; ')}`);
  await must('saving the draft', postJson(q(''), { definition: DEFINITION, settings: { anonymous: true, audience: { kind: 'community' }, opensAt: null, closesAt: null } }, { cookie: staff }));
  await must('opening', postJson(q('/open'), {}, { cookie: staff }));
  log(`问卷调查 opened: version 1, ${QUESTIONS.length} questions, anonymous; residents answer at ${base}/api/questionnaires/${joinCode}`);

  // Residents answer from their phones (made-up numbers, 199 is a real prefix).
  const residents = await Promise.all(Array.from({ length: 8 }, async () => confirmResident(base, `199${String(randomInt(0, 1e8)).padStart(8, '0')}`)));
  const answer = (k: number, version: number, answers: unknown = answersOf(k)) => postJson(`${base}/api/questionnaires/${joinCode}/responses`, { version, answers }, { cookie: residents[k]! });
  const form = await (await fetch(`${base}/api/questionnaires/${joinCode}`)).json() as { version: number };
  for (let k = 0; k < 6; k++) await must(`resident ${k + 1} answering`, answer(k, form.version));
  const twice = await answer(0, form.version);
  log(`residents: 6 answered version 1; resident 1 again → ${twice.status} ${twice.body.error.code}`);

  // A change after answers: version 2 (an option added); answers already given stay with version 1.
  const v2 = structuredClone(DEFINITION);
  v2.sections[0]!.questions[0]!.options!.push({ id: 'rent', label: '租用车位' });
  const revised = await must('revising', postJson(q(''), { definition: v2 }, { cookie: staff }));
  const stale = await answer(6, 1);
  log(`version ${revised.version}: option 租用车位 added; resident 7 still on version 1 → ${stale.status} ${stale.body.error.code}, reloads`);
  await must('resident 7 answering version 2', answer(6, revised.version, { ...answersOf(6), cars: 'rent' }));
  await must('resident 8 answering version 2', answer(7, revised.version));

  // 结果汇总分析: the live results, then closed.
  const results = await getJson(base, `/api/meetings/${meetingId}/questionnaire/results`, staff);
  const rating = results.questions.find((r: { kind: string }) => r.kind === 'rating');
  const ranking = results.questions.find((r: { kind: string }) => r.kind === 'ranking');
  log(`结果汇总分析 results: ${results.responses} responses (version 1: ${results.byVersion['1']}, version 2: ${results.byVersion['2']}); 停车秩序 mean ${rating.mean}; 改造次序 ${ranking.options.map((o: { label: string; borda: number }) => `${o.label} ${o.borda}`).join(' > ')}`);
  const closed = await must('closing', postJson(q('/close'), {}, { cookie: staff }));
  log(`closed with ${closed.responses} responses`);

  // 形成结果 → 公示结果: the summary, published; the meeting closes and its record is frozen.
  const summary = `共收到 ${results.responses} 份答卷。居民对停车秩序平均打分 ${rating.mean} 分，改造次序依次为：${ranking.options.map((o: { label: string }) => o.label).join('、')}。社区将据此制定改造方案并在议事会上讨论。`;
  await must('the summary', postJson(q('/summary'), { text: summary }, { cookie: staff }));
  await must('publishing', postJson(q('/publish'), {}, { cookie: staff }));
  log(`形成结果 summary published: ${summary}`);

  const recordId = await signAndFile(base, meetingId, log);
  const board = await (await fetch(`${base}/api/board/${communityId}`)).json() as { publications: { recordId: string; questionnaireResult: { responses: number } | null }[] };
  const published = board.publications.find((p) => p.recordId === recordId);
  log(`公示结果 on the community board: ${published?.questionnaireResult ? `${published.questionnaireResult.responses} responses and the summary` : 'not yet'}`);
  console.log(`record ${recordId} filed`);
  const publicBase = process.env.YISHI_PUBLIC_URL || (values.url ? base : 'http://localhost:3000');
  console.log(`verify: ${verificationUrl(publicBase, recordId)}`);
} catch (err) {
  console.error(`[demo] ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await target.stop();
}
process.exit(process.exitCode ?? 0);
