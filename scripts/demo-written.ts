// A written consultation (书面征询协商) through the real HTTP API, ending in a filed record:
//   npm run demo:written                            # in-process server on DATABASE_URL (default ./data/yishi.db)
//   npm run demo:written -- --url http://host:3000  # against a running server with the demo data
// The demo facilitator plans a written meeting as the console does, announces it, writes the consultation
// document with an attachment, sets the deadline and chooses addressees (three council members from the
// roster and two units typed in), sends it — every addressee gets a personal link; four answer through
// theirs (one changes their answer; a 不同意 without reasons is refused), a made-up link is refused; the
// fifth is marked reminded; staff read the counts, write the conclusion and close it, which closes the
// meeting; the convener and the recorder sign its record and the platform files it. Prints a summary,
// `record <id> filed` and the verification link.
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

/** A one-page PDF as bytes: the consultation's attachment (the server checks the file's real type). */
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

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
  const w = (path: string) => `${base}/api/meetings/${meetingId}/written${path}`;

  // 拟定征询事项: plan and announce the meeting, write the document.
  const now = new Date();
  const planned = await must('planning the consultation', postJson(`${base}/api/meetings`, {
    communityId, form: 'written', level: 'community', type: 'supervision',
    title: `书面征询：小区电动车充电桩选址 ${now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`,
    venue: '书面（个人链接作答）', scheduledAt: now.toISOString(), endsAt: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
  }, { cookie: staff }));
  const meetingId: string = planned.meetingId;
  log(`书面征询 planned: meeting ${meetingId}`);
  await must('the notice', postJson(`${base}/api/meetings/${meetingId}/notice`, { text: '社区就小区电动车充电桩选址书面征询议事会成员和辖区单位意见，请于截止时间前通过个人链接回复。' }, { cookie: staff }));

  const roster = await getJson(base, `/api/communities/${communityId}/roster`, staff) as { members: { id: string; name: string; retiredAt: string | null }[] };
  const members = roster.members.filter((m) => !m.retiredAt).slice(0, 3);
  const deadline = new Date(now.getTime() + 3 * 86_400_000).toISOString();
  await must('saving the draft', postJson(w(''), {
    title: '关于小区电动车充电桩选址的征询函',
    text: '拟在桂湖花园小区 3 号楼北侧空地安装 10 个电动车充电桩，费用由专项维修资金列支。请就选址和费用安排提出意见。',
    deadline,
    addressees: { memberIds: members.map((m) => m.id), others: [{ kind: 'unit', name: '桂湖花园物业服务中心' }, { kind: 'person', name: '周主任', unit: '辖区供电所' }] },
  }, { cookie: staff }));
  const upload = await fetch(`${w('/document-file')}?name=${encodeURIComponent('选址示意图.pdf')}`, { method: 'POST', headers: { cookie: staff, 'content-type': 'application/pdf' }, body: PDF });
  if (upload.status !== 200) throw new Error(`the attachment: ${upload.status} ${await upload.text()}`);
  log(`拟定征询事项 document written with an attachment (${((await upload.json()) as { fileName: string }).fileName}); deadline ${deadline}`);

  // 发送征询函: every addressee's personal link, shown once.
  const sent = await must('sending', postJson(w('/send'), {}, { cookie: staff })) as { links: { addresseeId: string; name: string; unit: string; path: string }[] };
  log(`发送征询函 sent to ${sent.links.length} addressees: ${sent.links.map((l) => l.unit ? `${l.name}（${l.unit}）` : l.name).join('、')}`);
  const link = (k: number) => sent.links[k]!.path.replace(/^\/w\//, '');
  const reply = (k: number, body: unknown) => postJson(`${base}/api/w/${link(k)}/replies`, body);

  // 收集意见: four answer through their links; one changes their answer; one gives no reasons and is refused.
  const page = await (await fetch(`${base}/api/w/${link(0)}`)).json() as { addressee: { name: string }; document: { title: string } };
  log(`${page.addressee.name} opens their link: 《${page.document.title}》`);
  await must('addressee 1 agreeing', reply(0, { answer: 'agree', text: '' }));
  const bare = await reply(1, { answer: 'disagree', text: '  ' });
  log(`addressee 2 disagrees without reasons → ${bare.status} ${bare.body.error.code}`);
  await must('addressee 2 disagreeing', reply(1, { answer: 'disagree', text: '3 号楼北侧是消防通道，不宜安装。' }));
  const file = await fetch(`${base}/api/w/${link(3)}/files?name=${encodeURIComponent('供电容量说明.pdf')}`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: PDF });
  if (file.status !== 200) throw new Error(`addressee 4's file: ${file.status} ${await file.text()}`);
  await must('addressee 4 asking for changes', reply(3, { answer: 'amend', text: '同意选址，但需先核实变压器容量，建议分两期安装。', fileId: ((await file.json()) as { id: string }).id }));
  await must('addressee 3 first answer', reply(2, { answer: 'agree', text: '' }));
  const changed = await must('addressee 3 changing their answer', reply(2, { answer: 'amend', text: '建议同时加装雨棚和监控。' }));
  log(`addressee 3 changed their answer: revision ${changed.revision} (修改意见) counts`);
  const forged = await fetch(`${base}/api/w/${'A'.repeat(43)}`);
  log(`a made-up link → ${forged.status}`);

  // 催办 and 汇总: the one who has not answered is reminded; staff read who answered what.
  const silent = sent.links[4]!;
  await must('marking reminded', postJson(w(`/addressees/${silent.addresseeId}/reminded`), {}, { cookie: staff }));
  const view = await getJson(base, `/api/meetings/${meetingId}/written`, staff) as { counts: Record<string, number>; addressees: { name: string; answer: string | null; revisions: number; reminders: number }[] };
  log(`replies: 同意 ${view.counts.agree}, 修改意见 ${view.counts.amend}, 不同意 ${view.counts.disagree}, 未回复 ${view.counts.none}; ${silent.name} reminded ${view.addressees.find((a) => a.name === silent.name)?.reminders} time(s)`);

  // 形成结论: the conclusion, then closed; the meeting closes and its record is frozen.
  const conclusion = `共征询 ${sent.links.length} 方，${view.counts.agree} 方同意，${view.counts.amend} 方提出修改意见，${view.counts.disagree} 方不同意，${view.counts.none} 方未回复。鉴于消防通道问题，社区将另选址并核实供电容量后再行征询。`;
  await must('the conclusion', postJson(w('/conclusion'), { text: conclusion }, { cookie: staff }));
  await must('closing', postJson(w('/close'), {}, { cookie: staff }));
  const late = await reply(4, { answer: 'agree', text: '' });
  log(`形成结论 closed: ${conclusion}; a reply after the close → ${late.status} ${late.body.error.code}`);

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
