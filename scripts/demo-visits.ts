// A round of household visits (走访约谈协商) through the real HTTP API, ending in a filed record:
//   npm run demo:visits                            # in-process server on DATABASE_URL (default ./data/yishi.db)
//   npm run demo:visits -- --url http://host:3000  # against a running server in demo mode (YISHI_DEMO=1)
// The demo facilitator plans a visit meeting as the console does, announces it, plans the round (the
// question, six households — two from the roster — and the team: herself as host, the demo recorder);
// a faulty plan is refused by field. She starts it (the meeting goes live: no agenda, no check-in). The
// recorder logs the visits from the phone as its offline queue sends them: each visit with the id the
// phone chose; the whole queue is then sent again twice (the stairwell had no signal, the phone retried),
// and every replay is answered with the stored visit — none is stored twice (nor is a photo of the first
// visit, sent twice too); one id sent with other content is refused as a CONFLICT. Staff read the progress, finish the round (a late visit is refused),
// write the conclusion and close it, which closes the meeting; the convener and the recorder sign its
// record and the platform files it. Prints a summary, `record <id> filed` and the verification link.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { DEMO_PASSWORD } from '../lib/demo/seed';
import { verificationUrl } from '../lib/record/export';
import { demoUser, getJson, inProcessServer, signAndFile } from './demo-support';
import { postJson } from './protocol-client';

const { values } = parseArgs({ options: { url: { type: 'string' } } });
const log = (line: string) => console.log(`[demo] ${line}`);

setTimeout(() => {
  console.error('[demo] timed out after 90 s');
  process.exit(1);
}, 90_000).unref();

const target = values.url ? { base: values.url.replace(/\/$/, ''), stop: async () => {} } : await inProcessServer();
const { base } = target;

const QUESTION = '是否同意在3号楼加装电梯（费用按楼层分摊）？';
const FREE_HOUSEHOLDS = [
  { name: '赵家', address: '3号楼1单元101' },
  { name: '钱家', address: '3号楼1单元302' },
  { name: '孙家', address: '3号楼2单元501' },
  { name: '周家', address: '3号楼2单元602' },
];
type Agreement = 'agree' | 'conditional' | 'disagree' | 'undecided';
const OPINIONS: { opinion: string; agreement: Agreement; metWith: string; place: string }[] = [
  { opinion: '一楼不需要电梯，担心采光和噪音，希望给一楼适当补偿。', agreement: 'conditional', metWith: '户主本人', place: '家中' },
  { opinion: '家里老人上下楼困难，非常支持，愿意按楼层分摊。', agreement: 'agree', metWith: '户主及老伴', place: '家中' },
  { opinion: '费用太高，退休金有限，不同意现在的分摊方案。', agreement: 'disagree', metWith: '户主本人', place: '楼道' },
  { opinion: '支持，有事可打 13912345678 联系我儿子。', agreement: 'agree', metWith: '户主儿子', place: '家中' },
  { opinion: '要和家里人商量后再答复。', agreement: 'undecided', metWith: '租户', place: '门口' },
  { opinion: '同意，希望施工期间不要影响上下班出行。', agreement: 'agree', metWith: '户主本人', place: '家中' },
];

try {
  const staffLogin = await postJson(`${base}/api/auth/login`, { username: demoUser('facilitator'), password: DEMO_PASSWORD });
  if (staffLogin.status !== 200 || !staffLogin.cookie) throw new Error(`login failed: ${JSON.stringify(staffLogin.body)}`);
  const staff = staffLogin.cookie.split(';')[0]!;
  const recorderLogin = await postJson(`${base}/api/auth/login`, { username: demoUser('recorder'), password: DEMO_PASSWORD });
  if (recorderLogin.status !== 200 || !recorderLogin.cookie) throw new Error(`recorder login failed: ${JSON.stringify(recorderLogin.body)}`);
  const phone = recorderLogin.cookie.split(';')[0]!;
  const communityId: string = staffLogin.body.user.scope.communityId;
  const v = (path: string) => `${base}/api/meetings/${meetingId}/visits${path}`;
  const must = async (what: string, p: Promise<{ status: number; body: any }>) => {
    const r = await p;
    if (r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  // The plan: a visit meeting, its notice, the question, the households and the team.
  const now = new Date();
  const planned = await must('planning the visits', postJson(`${base}/api/meetings`, {
    communityId, form: 'visit', level: 'community', type: 'coordination',
    title: `走访：3号楼加装电梯意见征询 ${now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`,
    venue: '3号楼各住户', scheduledAt: now.toISOString(), endsAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
  }, { cookie: staff }));
  const meetingId: string = planned.meetingId;
  log(`走访 planned: meeting ${meetingId}`);
  await must('the notice', postJson(`${base}/api/meetings/${meetingId}/notice`, { text: '社区将入户走访3号楼住户，听取对加装电梯的意见，请大家支持。' }, { cookie: staff }));

  const roster = await getJson(base, `/api/communities/${communityId}/roster`, staff) as { members: { id: string; name: string; retiredAt: string | null }[] };
  const linked = roster.members.filter((m) => !m.retiredAt).slice(0, 2);
  const faulty = await postJson(v(''), { households: [{ name: '' }, { name: '吴家', rosterMemberId: 'no-such-member' }] }, { cookie: staff });
  log(`a faulty plan refused (${faulty.status}): ${faulty.body.error.details.issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`).join('; ')}`);
  const plan = await must('the plan', postJson(v(''), {
    question: QUESTION,
    households: [...linked.map((m) => ({ rosterMemberId: m.id, address: '3号楼1单元201' })), ...FREE_HOUSEHOLDS],
    team: [{ role: 'host', staffId: staffLogin.body.user.id }, { role: 'recorder', staffId: recorderLogin.body.user.id }],
  }, { cookie: staff }));
  log(`plan: ${plan.households.length} households (${linked.length} from the roster), team ${plan.team.map((m: { role: string; name: string }) => `${m.role} ${m.name}`).join(', ')}`);
  await must('starting', postJson(v('/start'), {}, { cookie: staff }));
  log(`started: the meeting is live, no agenda, no check-in; question: ${QUESTION}`);

  // The recorder's phone: each visit gets its id when it is written down and waits in the queue.
  const households = plan.households as { id: string; name: string; address: string }[];
  const visitedAt = (k: number) => new Date(Date.now() - (10 - k) * 60_000).toISOString();
  const queue = OPINIONS.map((o, k) => ({
    id: randomUUID(),
    // the fifth household was not home; the last visit is a neighbour met on the doorstep (not planned)
    ...(k < 5 ? { householdId: households[k === 4 ? 5 : k]!.id, household: households[k === 4 ? 5 : k]!.name, address: households[k === 4 ? 5 : k]!.address } : { householdId: null, household: '郑阿姨（邻居）', address: '3号楼2单元402' }),
    metWith: o.metWith, place: o.place, visitedAt: visitedAt(k), opinion: o.opinion, agreement: o.agreement,
  }));
  const send = (entry: unknown) => postJson(v('/entries'), entry, { cookie: phone });
  let stored = 0;
  for (const e of queue) if (!(await must('logging a visit', send(e))).replayed) stored++;
  let replays = 0;
  for (let round = 0; round < 2; round++) {
    for (const e of queue) if ((await must('replaying the queue', send(e))).replayed) replays++;
  }
  log(`recorder's phone: ${queue.length} visits sent, ${stored} stored; the queue replayed twice: ${replays} replays answered with the stored visits`);
  // A photo of the first visit's stairwell, sent after its visit — twice, as a retrying phone would.
  const picture = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 170, g: 150, b: 120 } } }).jpeg().toBuffer();
  const photoId = randomUUID();
  const sendPhoto = () => fetch(v(`/entries/${queue[0]!.id}/photos/${photoId}`), { method: 'POST', headers: { cookie: phone, 'content-type': 'image/jpeg' }, body: picture }).then(async (r) => ({ status: r.status, body: await r.json() as any }));
  const photos = [await sendPhoto(), await sendPhoto()];
  if (photos.some((p) => p.status !== 200)) throw new Error(`the photo: ${JSON.stringify(photos.map((p) => p.body))}`);
  log(`a photo of the first visit sent twice: stored ${photos.filter((p) => !p.body.replayed).length}, replayed ${photos.filter((p) => p.body.replayed).length} (sha256 ${photos[0]!.body.photo.sha256.slice(0, 12)}…)`);
  const clash = await send({ ...queue[0], agreement: 'agree' });
  log(`the same id with other content → ${clash.status} ${clash.body.error.code}`);

  // Progress and the summary of opinions.
  const progress = (await getJson(base, `/api/meetings/${meetingId}/visits`, staff)).progress;
  log(`progress: ${progress.plannedVisited} of ${progress.planned} planned households visited, ${progress.entries} visits (${progress.added} not planned); 同意 ${progress.agreement.agree}, 有条件同意 ${progress.agreement.conditional}, 不同意 ${progress.agreement.disagree}, 未表态 ${progress.agreement.undecided}`);

  await must('finishing', postJson(v('/finish'), {}, { cookie: staff }));
  const late = await send({ id: randomUUID(), household: '迟到的记录', visitedAt: new Date().toISOString(), agreement: 'agree' });
  log(`finished; a visit sent afterwards → ${late.status} ${late.body.error.code}`);
  const conclusion = `共走访 ${progress.entries} 户次，计划的 ${progress.planned} 户中走访了 ${progress.plannedVisited} 户。多数住户同意加装电梯，一楼住户要求补偿，一户因费用不同意。社区将据此修改分摊方案，提交议事会讨论。`;
  await must('the conclusion', postJson(v('/conclusion'), { text: conclusion }, { cookie: staff }));
  await must('concluding', postJson(v('/conclude'), {}, { cookie: staff }));
  log(`concluded: ${conclusion}`);

  const recordId = await signAndFile(base, meetingId, log);
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
