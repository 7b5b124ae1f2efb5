// An expert consultation (专家咨询) through the real HTTP API, ending in a filed record:
//   npm run demo:expert                            # in-process server on DATABASE_URL (default ./data/yishi.db)
//   npm run demo:expert -- --url http://host:3000  # against a running server with the demo data
// The demo facilitator makes sure the community's expert pool has two experts, plans an expert meeting
// inviting them, registers the question (提出咨询: a topic the community registers and accepts asks),
// accepts it (咨询受理), publishes the notice (发布公告), makes the experts' personal links; both experts give
// a written opinion through theirs (one changes it), a made-up link is refused; staff conclude from the
// written opinions without a sitting (召开会议 is optional), feed the conclusion back to whoever asked
// (结果反馈: on the topic's journey), which closes the meeting; an opinion after that is refused; the
// convener and the recorder sign its record and the platform files it. Prints `record <id> filed`.
import { parseArgs } from 'node:util';
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

try {
  const login = await postJson(`${base}/api/auth/login`, { username: demoUser('facilitator'), password: DEMO_PASSWORD });
  if (login.status !== 200 || !login.cookie) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  const staff = login.cookie.split(';')[0]!;
  const communityId: string = login.body.user.scope.communityId;
  const must = async (what: string, p: Promise<{ status: number; body: any }>) => {
    const r = await p;
    if (r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const x = (path: string) => `${base}/api/meetings/${meetingId}/expert${path}`;

  // The pool (咨询专家库): two experts, added once.
  const pool = [
    { name: '王建国', field: '建筑结构', organisation: '市建筑设计研究院' },
    { name: '陈律', field: '物业与业主自治法律', organisation: '桂湖律师事务所' },
  ];
  const listed = (await getJson(base, `/api/communities/${communityId}/experts`, staff)) as { experts: { id: string; name: string; retiredAt: string | null }[] };
  const expertIds: string[] = [];
  for (const e of pool) {
    const have = listed.experts.find((x) => x.name === e.name && !x.retiredAt);
    expertIds.push(have ? have.id : (await must(`adding expert ${e.name}`, postJson(`${base}/api/communities/${communityId}/experts`, e, { cookie: staff }))).id);
  }
  log(`专家库: ${pool.map((e) => `${e.name}（${e.field}）`).join('、')}`);

  // Plan the meeting with the experts invited, as the console's form does.
  const now = new Date();
  const planned = await must('planning the consultation', postJson(`${base}/api/meetings`, {
    communityId, form: 'expert', level: 'community', type: 'advisory',
    title: `专家咨询：老旧小区加装电梯结构安全 ${now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`,
    venue: '社区党群服务中心二楼会议室', scheduledAt: new Date(now.getTime() + 3 * 86_400_000).toISOString(), endsAt: new Date(now.getTime() + 3 * 86_400_000 + 2 * 3_600_000).toISOString(),
    expertIds, agenda: [{ title: '加装电梯结构安全评估' }],
  }, { cookie: staff }));
  const meetingId: string = planned.meetingId;
  log(`专家咨询 planned: meeting ${meetingId}`);

  // 提出咨询: a topic asks — registered and accepted here as the topic cycle does — so its proposer hears the answer.
  const title = '3 号楼加装电梯的结构安全';
  const { topicId } = await must('registering the topic', postJson(`${base}/api/topics`, {
    communityId, intakePath: 'council_member', title, description: '3 号楼为 1990 年砖混结构，居民担心加装电梯影响结构安全，请社区请专家论证。', submitter: '3 号楼业主代表',
  }, { cookie: staff }));
  await must('accepting the topic', postJson(`${base}/api/topics/${topicId}/review`, { decision: 'accept', level: 'community', type: 'advisory' }, { cookie: staff }));
  await must('asking', postJson(x('/ask'), { question: '3 号楼（1990 年砖混结构）加装电梯是否需要对原结构加固？井道设在北侧还是南侧更安全？', asker: { kind: 'topic', topicId } }, { cookie: staff }));
  log(`提出咨询 by topic 「${title}」 (proposed by 3 号楼业主代表)`);
  const early = await postJson(x('/links'), {}, { cookie: staff });
  log(`links before acceptance → ${early.status} ${early.body.error?.code}`);
  await must('accepting', postJson(x('/accept'), { accept: true }, { cookie: staff }));
  log('咨询受理 accepted');

  // 发布公告: the meeting's own notice.
  await must('the notice', postJson(`${base}/api/meetings/${meetingId}/notice`, { text: '社区将就 3 号楼加装电梯结构安全召开专家咨询会，并请专家先行提交书面意见。' }, { cookie: staff }));
  log('发布公告 published');

  // The experts' personal links, shown once; both write through theirs.
  const { links } = await must('the links', postJson(x('/links'), {}, { cookie: staff })) as { links: { seatId: string; name: string; path: string }[] };
  log(`links made for ${links.map((l) => l.name).join('、')}`);
  const token = (k: number) => links[k]!.path.replace(/^\/x\//, '');
  const opine = (k: number, body: unknown) => postJson(`${base}/api/x/${token(k)}/opinion`, body);
  const page = await (await fetch(`${base}/api/x/${token(0)}`)).json() as { expertName: string; question: string };
  log(`${page.expertName} opens their link: ${page.question.slice(0, 20)}…`);
  await must('expert 1', opine(0, { title: '结构安全意见', text: '砖混结构外挂钢结构井道可行，但需先做结构检测；建议井道设在北侧楼梯间外，避开南侧阳台悬挑。' }));
  await must('expert 2', opine(1, { title: '业主表决与责任意见', text: '加装电梯属共有部分改建，需经本栋专有部分面积和人数双三分之二以上参与、四分之三以上同意。' }));
  const revised = await must('expert 1 revising', opine(0, { title: '结构安全意见（修订）', text: '砖混结构外挂钢结构井道可行，须先由有资质单位做结构检测并按结果局部加固；井道设在北侧楼梯间外。' }));
  log(`both experts gave written opinions; ${links[0]!.name} revised theirs (seq ${revised.seq})`);
  const forged = await fetch(`${base}/api/x/${'A'.repeat(43)}`);
  log(`a made-up link → ${forged.status}`);

  // 召开会议 is optional: the written opinions suffice; conclude without a sitting.
  const conclusion = '两位专家书面意见一致：3 号楼可加装电梯，井道设在北侧；施工前须做结构检测并按结果加固；方案须经本栋业主依法表决。';
  await must('concluding', postJson(x('/conclude'), { conclusion }, { cookie: staff }));
  log(`形成结论 without a sitting: ${conclusion}`);
  const afterConclusion = await opine(1, { title: '补充', text: '补充意见' });
  log(`an opinion after the conclusion → ${afterConclusion.status} ${afterConclusion.body.error?.code}`);

  // 结果反馈: back to whoever asked; without a sitting this closes the meeting and freezes its record.
  await must('feeding back', postJson(x('/feedback'), { channel: 'topic' }, { cookie: staff }));
  const view = await getJson(base, `/api/meetings/${meetingId}/expert`, staff) as { stage: string; sat: boolean; meetingStatus: string; feedback: { at: string } };
  log(`结果反馈 at ${view.feedback.at} (on the topic’s journey); meeting ${view.meetingStatus}, sat: ${view.sat}`);

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
