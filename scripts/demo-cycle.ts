// The topic cycle through the real HTTP API of a running server in demo mode (npm start):
//   npm run demo:cycle                                 # against http://localhost:3000
//   npm run demo:cycle -- --url http://host:3000
// Twelve residents confirm their phones (the demo server shows each code instead of texting it); one proposes
// a topic on the community board with a photo, the other eleven co-sign, passing the ten of 居民联名; the
// convener reviews and accepts it, plans a council meeting with it on the agenda and publishes the notice;
// the meeting is held and its record signed and filed (demo:meeting, through the same protocol), which
// publishes its results on the board; a resident objects and the convener answers; the decision gets an
// owner and a deadline, progress and completion; three residents rate it. Prints
// { topicId, coSigners, meetingId, recordId, publishedAt, decisionStatus, ratings, boardUrl, … } as JSON.
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { DEMO_PASSWORD, DEMO_USERS } from '../lib/demo/seed';
import { boardPath } from '../lib/planning/board-path';
import { confirmResident, postJson } from './protocol-client';

const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://localhost:3000' } } });
const base = values.url!.replace(/\/$/, '');
const fail = (what: string, detail: unknown): never => {
  console.error(`[demo:cycle] ${what}: ${JSON.stringify(detail)}`);
  process.exit(1);
};

const convener = DEMO_USERS.find((u) => u.role === 'facilitator')!.username;
const login = await postJson(`${base}/api/auth/login`, { username: convener, password: DEMO_PASSWORD }).catch((e: Error) => fail(`no server at ${base}`, e.message));
if (login.status !== 200 || !login.cookie) fail('login failed', login.body);
const staff = login.cookie!.split(';')[0]!;
const communityId: string = login.body.user.scope.communityId ?? fail('the demo convener has no community', login.body.user);
const options = await (await fetch(`${base}/api/communities/${communityId}/planning`, { headers: { cookie: staff } })).json() as { community: { code: string }; grids: { id: string }[] };

// Twelve residents: made-up mobile numbers (199 is a real prefix; the rest is random per run).
const residents = await Promise.all(Array.from({ length: 12 }, async (_, i) => {
  const phone = `199${String(randomInt(0, 1e8)).padStart(8, '0')}`;
  return { phone, name: `居民${i + 1}`, building: `${(i % 6) + 1} 号楼`, cookie: await confirmResident(base, phone) };
})).catch((e: Error) => fail('confirming phones failed (is the server in demo mode?)', e.message));

const [proposer, ...others] = residents;
const proposed = await postJson(`${base}/api/communities/${communityId}/topics`, {
  title: '3 号楼单元门口路灯不亮', place: '3 号楼 2 单元门口',
  description: '3 号楼 2 单元门口的路灯坏了一个多月，晚上老人进出看不清台阶，已经有人摔倒。建议尽快维修，并在台阶边加装扶手。',
  declaration: { name: proposer!.name, building: proposer!.building, adult: true },
}, { cookie: proposer!.cookie });
if (proposed.status !== 200) fail('proposing failed', proposed.body);
const topicId: string = proposed.body.topicId;

// A photo, as a phone would send it: a JPEG the server re-encodes.
const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#445566' } }).jpeg().toBuffer();
const uploaded = await fetch(`${base}/api/topics/${topicId}/photos`, { method: 'POST', body: new Uint8Array(photo), headers: { cookie: proposer!.cookie, origin: base, 'content-type': 'image/jpeg' } });
if (!uploaded.ok) fail('uploading the photo failed', await uploaded.json());

for (const r of others) {
  const signed = await postJson(`${base}/api/topics/${topicId}/cosign`, { name: r.name, building: r.building, adult: true }, { cookie: r.cookie });
  if (signed.status !== 200) fail(`co-signing failed for ${r.name}`, signed.body);
}
// The same phone again is refused by the database's unique key.
const again = await postJson(`${base}/api/topics/${topicId}/cosign`, { name: others[0]!.name, building: others[0]!.building, adult: true }, { cookie: others[0]!.cookie });
if (again.status !== 409) fail('a second co-signature by one phone was not refused', again.body);

const before = await (await fetch(`${base}/api/topics/${topicId}`)).json() as { intakePath: string; coSign: { have: number } };
if (before.intakePath !== 'joint_residents') fail('twelve co-signatures did not make it a joint topic', before);

const reviewed = await postJson(`${base}/api/topics/${topicId}/review`, { decision: 'accept', level: 'community', placeId: null, type: 'coordination' }, { cookie: staff });
if (reviewed.status !== 200) fail('accepting failed', reviewed.body);

const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
const planned = await postJson(`${base}/api/meetings`, {
  communityId, form: 'council', level: 'community', type: 'coordination',
  title: '3 号楼路灯与扶手协商会', venue: '社区议事厅', scheduledAt: `${day}T19:00:00+08:00`, endsAt: `${day}T20:30:00+08:00`,
  agenda: [{ title: '3 号楼单元门口路灯不亮', topicId }],
}, { cookie: staff });
if (planned.status !== 200) fail('planning the meeting failed', planned.body);
// Its notice goes up: the meeting (and the topic's "on the agenda" step) becomes public.
const notice = await postJson(`${base}/api/meetings/${planned.body.meetingId}/notice`, { text: `本社区定于${day} 19:00在社区议事厅召开协商会，议题：3 号楼单元门口路灯不亮。欢迎居民参加。` }, { cookie: staff });
if (notice.status !== 200) fail('publishing the notice failed', notice.body);

// The meeting is held now, ahead of its date (the reason goes into the record), and its record filed.
const held = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'demo-meeting.ts'),
  '--url', base, '--meeting', planned.body.joinCode, '--start-reason', '居民联名议题，住户要求尽快协商'], { cwd: join(import.meta.dirname, '..') })
  .catch((e: Error & { stdout?: string; stderr?: string }) => fail('holding the meeting failed', `${e.stdout ?? ''}${e.stderr ?? e.message}`));
const recordId = /^record (\S+) filed$/m.exec(held.stdout)?.[1] ?? fail('the meeting’s record was not filed', held.stdout);

// Results publicity: the decisions are on the board; a resident objects, the convener answers.
type Board = { publications: { recordId: string; publishedAt: string; open: boolean; decisions: { pollId: string; task: { taskId: string } | null }[]; objections: { answer: string | null }[] }[] };
const published = (await (await fetch(`${base}/api/board/${options.community.code}`)).json() as Board).publications.find((p) => p.recordId === recordId)
  ?? fail('the board does not publish the results', recordId);
const objection = await postJson(`${base}/api/records/${recordId}/objections`, { text: '路灯维修后请在台阶边加装扶手，决议里没有写明。' }, { cookie: others[1]!.cookie });
if (objection.status !== 200) fail('objecting failed', objection.body);
const answered = await postJson(`${base}/api/objections/${objection.body.objectionId}/answer`, { answer: '扶手已列入维修方案，和路灯一起施工。' }, { cookie: staff });
if (answered.status !== 200) fail('answering the objection failed', answered.body);

// Implementation: the first decision gets an owner and a deadline, progress, then completion.
const taskId = published.decisions.find((d) => d.task)?.task?.taskId ?? fail('the published decision has no implementation task', published.decisions);
const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
for (const [path, body] of [
  ['plan', { owner: '社区物业服务中心', deadline: `${deadline}T23:59:59+08:00` }],
  ['updates', { status: 'in_progress', note: '已联系供电所，灯具和扶手材料已采购。' }],
  ['updates', { status: 'done', note: '路灯已更换，台阶扶手已安装并验收。' }],
] as const) {
  const r = await postJson(`${base}/api/decisions/${taskId}/${path}`, body, { cookie: staff });
  if (r.status !== 200) fail(`implementation (${path}) failed`, r.body);
}
// Evaluation: three residents rate it; a second rating by one phone is refused by the database.
for (const [i, rating] of (['satisfied', 'satisfied', 'basically_satisfied'] as const).entries()) {
  const r = await postJson(`${base}/api/decisions/${taskId}/ratings`, { rating, comment: i === 2 ? '扶手有点矮' : '' }, { cookie: residents[i]!.cookie });
  if (r.status !== 200) fail('rating failed', r.body);
}
const twice = await postJson(`${base}/api/decisions/${taskId}/ratings`, { rating: 'dissatisfied' }, { cookie: residents[0]!.cookie });
if (twice.status !== 409) fail('a second rating by one phone was not refused', twice.body);
const decision = await (await fetch(`${base}/api/decisions/${taskId}`)).json() as { status: string; ratings: Record<string, number> };

const after = await (await fetch(`${base}/api/topics/${topicId}`)).json() as { status: string; intakePath: string; coSign: { have: number }; steps: { kind: string }[] };
const staffView = await (await fetch(`${base}/api/communities/${communityId}/topics`, { headers: { cookie: staff } })).json() as { topics: { id: string; meetingIds: string[] }[] };
if (!staffView.topics.find((t) => t.id === topicId)?.meetingIds.includes(planned.body.meetingId)) fail('the topic does not list its meeting', staffView);

console.log(JSON.stringify({
  topicId, coSigners: after.coSign.have, intakePath: after.intakePath, topicStatus: after.status, journey: after.steps.map((s) => s.kind),
  meetingId: planned.body.meetingId, recordId, publishedAt: published.publishedAt, decisionStatus: decision.status, ratings: decision.ratings,
  boardUrl: `${base}${boardPath(options.community.code)}`, topicUrl: `${base}${boardPath(options.community.code)}/t/${topicId}`,
  decisionUrl: `${base}${boardPath(options.community.code)}/d/${taskId}`,
}, null, 2));
