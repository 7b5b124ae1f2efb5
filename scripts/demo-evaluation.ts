// A 民主评议 (democratic evaluation) through the real HTTP API, ending in a filed record:
//   npm run demo:evaluation                            # in-process server on DATABASE_URL (default ./data/yishi.db)
//   npm run demo:evaluation -- --url http://host:3000  # against a running server with the demo data
// The demo facilitator plans an evaluation meeting as the console does, announces it, plans the half
// year under review (the period's decisions of filed records, offered by the server, and two units typed
// in with their commitments), chooses the evaluators (three members of the roster and two stakeholders),
// opens it — every evaluator gets a personal link; four rate every unit through theirs (a card without a
// rating is refused, a second answer is refused, a made-up link is refused); staff see the count only,
// close it, read the result table and publish it, which closes the meeting; the convener and the recorder
// sign its record and the platform files it. Prints a summary, `record <id> filed` and the verification link.
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../lib/demo/seed';
import { satisfactionRate } from '../lib/evaluation/aggregate';
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
const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

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
  const e = (path: string) => `${base}/api/meetings/${meetingId}/evaluation${path}`;

  const now = new Date();
  const planned = await must('planning the evaluation', postJson(`${base}/api/meetings`, {
    communityId, form: 'evaluation', level: 'community', type: 'supervision',
    title: `民主评议：下半年协商成果落实情况 ${now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`,
    venue: '手机评议（个人链接）', scheduledAt: now.toISOString(), endsAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
  }, { cookie: staff }));
  const meetingId: string = planned.meetingId;
  log(`民主评议 planned: meeting ${meetingId}`);
  await must('the notice', postJson(`${base}/api/meetings/${meetingId}/notice`, { text: '社区对下半年协商成果的落实情况开展民主评议，请评议人通过个人链接对各责任单位逐项评议。' }, { cookie: staff }));

  // The period's decisions of filed records, grouped by the unit responsible; units typed in besides.
  const from = shanghaiDay(new Date(now.getTime() - 183 * 86_400_000));
  const to = shanghaiDay(now);
  const offered = await getJson(base, `/api/meetings/${meetingId}/evaluation/decisions?from=${from}&to=${to}`, staff) as { units: { name: string; commitments: unknown[] }[] };
  const fromDecisions = offered.units.filter((u) => u.name).slice(0, 2);
  log(`the period ${from} – ${to}: ${offered.units.reduce((n, u) => n + u.commitments.length, 0)} decision(s) of filed records offered; ${fromDecisions.length} unit(s) taken from them`);
  const units = [
    ...fromDecisions,
    { name: '桂湖花园物业服务中心', commitments: [{ text: '11 月底前完成 3 号楼北侧电动车充电桩安装' }, { text: '每月公示公共收益收支' }] },
    { name: '社区居委会', commitments: [{ text: '完成老旧楼道照明改造' }, { text: '设立周末便民服务点' }] },
  ];
  const roster = await getJson(base, `/api/communities/${communityId}/roster`, staff) as { members: { id: string; name: string; retiredAt: string | null }[] };
  const members = roster.members.filter((m) => !m.retiredAt).slice(0, 3);
  await must('saving the plan', postJson(e(''), {
    periodFrom: from, periodTo: to, units,
    evaluators: { memberIds: members.map((m) => m.id), others: [{ name: '业主代表 陈女士' }, { name: '商户代表 刘先生' }] },
  }, { cookie: staff }));

  // 民主评议's template asks 3 days' notice; the demo holds it at once, and says why (the log keeps the reason).
  const opened = await must('opening', postJson(e('/open'), { overrideReason: '演示：评议通知已于居民代表会议上口头告知' }, { cookie: staff })) as { links: { name: string; path: string }[] };
  log(`评议开始 opened for ${opened.links.length} evaluators: ${opened.links.map((l) => l.name).join('、')}`);
  const link = (k: number) => opened.links[k]!.path.replace(/^\/e\//, '');
  const page = await (await fetch(`${base}/api/e/${link(0)}`)).json() as { evaluator: { name: string }; units: { id: string; name: string }[] };
  log(`${page.evaluator.name} opens their link: ${page.units.length} units — ${page.units.map((u) => u.name).join('、')}`);
  const card = (u: { id: string }, k: number, j: number) => ({
    unitId: u.id,
    completion: (['satisfied', 'basically_satisfied', 'satisfied', 'dissatisfied'] as const)[(k + j) % 4],
    performance: (['satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'] as const)[(k + 2 * j) % 4],
    problems: k === 1 && j === units.length - 2 ? '充电桩安装后部分车位被占用，需要划线管理。' : '',
    reasons: k === 3 && j === units.length - 1 ? '楼道照明改造涉及产权单位审批，年内无法完成。' : '',
  });
  const rate = (k: number, cards: unknown) => postJson(`${base}/api/e/${link(k)}/ratings`, { cards });
  const bare = await rate(0, page.units.map((u) => ({ unitId: u.id, completion: 'satisfied' })));
  log(`a card without 履职情况 → ${bare.status} ${bare.body.error.code}`);
  for (let k = 0; k < 4; k++) await must(`evaluator ${k + 1} rating`, rate(k, page.units.map((u, j) => card(u, k, j))));
  const again = await rate(0, page.units.map((u, j) => card(u, 0, j)));
  log(`a second answer from the same link → ${again.status} ${again.body.error.code}`);
  const forged = await fetch(`${base}/api/e/${'A'.repeat(43)}`);
  log(`a made-up link → ${forged.status}`);

  const progress = (await getJson(base, `/api/meetings/${meetingId}/evaluation`, staff) as { progress: { invited: number; answered: number } }).progress;
  log(`progress: ${progress.answered} of ${progress.invited} evaluators answered (who is never shown)`);
  await must('closing', postJson(e('/close'), {}, { cookie: staff }));
  const view = await getJson(base, `/api/meetings/${meetingId}/evaluation`, staff) as { plan: { units: { id: string; name: string }[] }; results: { unitId: string; answers: number; completion: any; performance: any; problems: string[]; reasons: string[] }[] };
  for (const r of view.results) {
    const name = view.plan.units.find((u) => u.id === r.unitId)!.name;
    log(`  ${name}: 完成情况 满意率 ${satisfactionRate(r.completion)}%, 履职情况 满意率 ${satisfactionRate(r.performance)}% (${r.answers} 份)${r.problems.length ? `; 问题 ${r.problems.length}` : ''}${r.reasons.length ? `; 原因 ${r.reasons.length}` : ''}`);
  }
  const note = '评议结果已反馈各责任单位，满意率低于 60% 的事项由责任单位限期整改并在下次评议中说明。';
  await must('publishing', postJson(e('/publish'), { note }, { cookie: staff }));
  const late = await rate(4, page.units.map((u, j) => card(u, 4, j)));
  log(`结果公示 published; a rating after the close → ${late.status} ${late.body.error.code}`);

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
