// A hearing (决策听证), run headlessly through the real protocol, ending in a filed record:
//   npm run demo:hearing                                # in-process server on DATABASE_URL (default ./data/yishi.db)
//   npm run demo:hearing -- --url http://host:3000      # against a running server
//     [--start-reason <why>]   # why it starts before its notice's 7-day lead time has passed (the record keeps it)
// The demo facilitator plans a hearing through the HTTP API as the console does and publishes its notice;
// 8 residents join from their phones (the last by a remote invitation). Registration is open with the
// notice: five apply to speak (support, oppose and other) and one to sit in (列席); staff admit them but
// one, rejected with a reason the applicant is told. The facilitator names the proposing party and runs
// the order of proceedings — 主持人宣布纪律 → 事项说明 → 听证代表发言 in the speaking order the server
// enforces (support and oppose alternating) → 询问与回应 → 最后陈述 → 主持人总结 — each a timed turn; two
// representatives confirm their statements from their phones and one asks for a correction; the convener's
// decision is recorded with its reasons; the meeting closes and its record is signed and filed as in
// demo:meeting. Prints a summary, `record <id> filed` and the verification link.
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../lib/demo/seed';
import { unfinishedWork } from '../lib/meeting/closing';
import { admittedSpeakers, nextRepresentative, stakeBalance, type HearingRole, type HearingStage, type HearingStake } from '../lib/meeting/procedure/hearing/model';
import { verificationUrl } from '../lib/record/export';
import { demoUser, getJson as getJsonFrom, inProcessServer, sendPatiently as sendCommand, signAndFile } from './demo-support';
import { connectMeeting, postJson, waitFor, type Ack, type MeetingClient } from './protocol-client';

const { values } = parseArgs({ options: { url: { type: 'string' }, 'start-reason': { type: 'string' } } });
const log = (line: string) => console.log(`[demo] ${line}`);

// The whole demo takes a few seconds; a hang is a bug, not something to wait out.
setTimeout(() => {
  console.error('[demo] timed out after 90 s');
  process.exit(1);
}, 90_000).unref();

const target = values.url ? { base: values.url.replace(/\/$/, ''), stop: async () => {} } : await inProcessServer();
const { base } = target;
const getJson = (path: string, cookie: string) => getJsonFrom(base, path, cookie);
const sockets: MeetingClient[] = [];

function ok(ack: Ack, what: string): Extract<Ack, { ok: true }> {
  if (!ack.ok) throw new Error(`${what}: ${ack.error.code} ${ack.error.message}`);
  return ack;
}

const MATTER = '小区地面停车收费调整方案';
const PROPOSER = '物业服务中心';
// The applications, in the order they come in: resident k applies with APPLY[k].
const APPLY: { role: HearingRole; stake: HearingStake; summary: string }[] = [
  { role: 'representative', stake: 'support', summary: '车位紧张，收费能减少外来车辆占位' },
  { role: 'representative', stake: 'oppose', summary: '涨幅过大，老年住户负担重' },
  { role: 'representative', stake: 'support', summary: '收费用于划线和照明，支持但要公开账目' },
  { role: 'statement', stake: 'other', summary: '建议先试行三个月再定' },
  { role: 'representative', stake: 'oppose', summary: '我家没有车，想谈谈快递车' },
  { role: 'attendee', stake: 'other', summary: '' },
];
const REJECTED = 4;
const REJECT_REASON = '申请内容与本次听证事项无直接关系，可在社区议事会上提出';
const STAKE_NAMES: Record<HearingStake, string> = { support: '支持 support', oppose: '反对 oppose', other: '其他 other' };
const STAGE_NAMES: Record<HearingStage, string> = {
  discipline: '主持人宣布纪律 discipline', explanation: '事项说明 explanation', representatives: '听证代表发言 representatives',
  questioning: '询问与回应 questioning', final: '最后陈述 final statements', summary: '主持人总结 summary',
};

/** Plans the hearing as the console does and publishes its notice: registration opens with it. */
async function planHearing(cookie: string, communityId: string): Promise<string> {
  const now = new Date();
  const created = await postJson(`${base}/api/meetings`, {
    communityId, form: 'hearing', level: 'community', type: 'decision',
    title: `听证会：${MATTER} ${now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`,
    venue: '桂湖社区党群服务中心', scheduledAt: now.toISOString(), endsAt: new Date(now.getTime() + 2 * 3600_000).toISOString(),
    agenda: [{ title: MATTER }],
    // The demo roster is the council, so it is invited with the residents and stakeholders: every seat a
    // hearing invites may apply.
    invitedCategories: ['council_member', 'resident_representative', 'resident', 'stakeholder', 'supervisory_committee'],
  }, { cookie });
  if (created.status !== 200) throw new Error(`planning the hearing failed: ${JSON.stringify(created.body)}`);
  const notice = await postJson(`${base}/api/meetings/${created.body.meetingId}/notice`, { text: `本社区将就${MATTER}举行听证会。利害关系人可报名担任听证代表、陈述意见或列席。` }, { cookie });
  if (notice.status !== 200) throw new Error(`publishing the notice failed: ${JSON.stringify(notice.body)}`);
  return created.body.joinCode as string;
}

try {
  // The facilitator's console.
  const login = await postJson(`${base}/api/auth/login`, { username: demoUser('facilitator'), password: DEMO_PASSWORD });
  if (login.status !== 200 || !login.cookie) throw new Error(`login failed (${login.status}) at ${base}`);
  const facCookie = login.cookie.split(';')[0]!;
  const joinCode = await planHearing(facCookie, login.body.user.scope.communityId);
  const access = await getJson(`/api/access?joinCode=${encodeURIComponent(joinCode)}`, facCookie) as {
    meetingId: string; title: string; seats: { seatId: string; name: string; cardToken: string; remoteToken: string }[];
  };
  const { meetingId } = access;
  const fac = connectMeeting(base, { meetingId }, { cookie: facCookie });
  sockets.push(fac);
  await waitFor(() => !!fac.meeting, 10_000, 'the facilitator’s connection');
  const h = () => fac.meeting!.hearing!;
  ok(await sendCommand(fac, 'hearing.configure', { proposer: PROPOSER, turnSeconds: 180 }), 'hearing.configure');
  log(`听证会 ${joinCode} “${access.title}” announced; proposing party 提出方: ${PROPOSER}, 3 min a turn`);

  // Eight residents open the meeting on their phones (the last by a remote invitation) while it is announced.
  const people: { name: string; seatId: string; socket: MeetingClient }[] = [];
  for (const [i, seat] of access.seats.slice(0, 8).entries()) {
    const body = i === 7 ? { via: 'remote', inviteToken: seat.remoteToken } : { via: 'card', joinCode, cardToken: seat.cardToken };
    const r = await postJson(`${base}/api/join`, body);
    if (r.status !== 200) throw new Error(`${seat.name} cannot join: ${r.body.error?.message}`);
    const socket = connectMeeting(base, { participantToken: r.body.participantToken });
    sockets.push(socket);
    people.push({ name: seat.name, seatId: seat.seatId, socket });
  }
  if (people.length < 8) throw new Error(`the meeting seats ${people.length} people; the demo needs 8`);
  await waitFor(() => people.every((p) => !!p.socket.meeting), 15_000, 'residents connected');

  // Registration (报名): one after another, so the registration order is the one printed.
  const regIds: string[] = [];
  for (const [k, a] of APPLY.entries()) regIds.push(ok(await sendCommand(people[k]!.socket, 'hearing.apply', a), 'hearing.apply').result.id!);
  for (const [k, id] of regIds.entries()) {
    if (k === REJECTED) ok(await sendCommand(fac, 'hearing.reject', { id, reason: REJECT_REASON }), 'hearing.reject');
    else ok(await sendCommand(fac, 'hearing.admit', { id }), 'hearing.admit');
  }
  // The rejected applicant's phone is told why (meeting:mine); nobody else is.
  await waitFor(() => h().registrations.every((r) => r.status !== 'pending'), 10_000, 'the applications decided');
  const balance = stakeBalance(h());
  log(`报名 registration: ${APPLY.length} applications — ${admittedSpeakers(h()).length} speakers admitted (支持 support ${balance.support}, 反对 oppose ${balance.oppose}, 其他 other ${balance.other}), 1 列席 attendee, 1 rejected (${REJECT_REASON})`);

  // Planned just now, its notice has not been up the hearing's 7 days: starting says why.
  ok(await sendCommand(fac, 'meeting.start', { overrideReason: values['start-reason'] ?? '演示：利害关系人都在现场，公示后当即召开' }), 'start');
  const item = fac.meeting!.agenda.find((a) => a.status !== 'done');
  if (item && item.status !== 'active') ok(await sendCommand(fac, 'agenda.start', { itemId: item.id }), 'agenda.start');

  // One turn: given, then ended by the console; returns its id.
  const turn = async (stage: HearingStage, registrationId: string | null) => {
    const id = ok(await sendCommand(fac, 'hearing.turnStart', { stage, registrationId }), `turn in ${stage}`).result.id!;
    ok(await sendCommand(fac, 'hearing.turnEnd'), 'hearing.turnEnd');
    return id;
  };
  const stage = async (s: HearingStage) => {
    ok(await sendCommand(fac, 'hearing.stage', { stage: s }), `stage ${s}`);
    await waitFor(() => h().stage === s, 10_000, `stage ${s}`);
  };
  const nameOf = (id: string | null) => h().registrations.find((r) => r.id === id)?.name ?? '';

  await stage('discipline');
  await turn('discipline', null);
  await stage('explanation');
  await turn('explanation', null);
  // The representatives in the order the server enforces: it names who is next.
  await stage('representatives');
  const repTurns: { regId: string; turnId: string }[] = [];
  for (let next = nextRepresentative(h()); next; next = nextRepresentative(h())) {
    const regId = next.id;
    const turnId = await turn('representatives', regId);
    repTurns.push({ regId, turnId });
    await waitFor(() => h().turns.some((t) => t.id === turnId && t.endedAt), 10_000, 'the turn ended');
  }
  await stage('questioning');
  // The first to oppose raises a hand to question the proposing party, who answers.
  ok(await sendCommand(people[1]!.socket, 'hearing.requestFloor', { raised: true }), 'hearing.requestFloor');
  await turn('questioning', regIds[1]!);
  await turn('questioning', null);
  await stage('final');
  for (const r of h().registrations.filter((x) => x.status === 'admitted' && x.role !== 'attendee')) await turn('final', r.id);
  await turn('final', null);
  await stage('summary');
  await turn('summary', null);
  const perStage = new Map<HearingStage, number>();
  for (const t of h().turns) perStage.set(t.stage, (perStage.get(t.stage) ?? 0) + 1);
  for (const [s, n] of perStage) log(`${STAGE_NAMES[s]}: ${n} turn${n === 1 ? '' : 's'}`);
  log(`  speaking order 发言顺序: ${repTurns.map((x) => `${nameOf(x.regId)} (${STAKE_NAMES[h().registrations.find((r) => r.id === x.regId)!.stake!]})`).join(' → ')}`);

  // 听证笔录: the first two representatives confirm their statements from their phones, the third asks
  // for a correction.
  const phoneOf = (regId: string) => people[regIds.indexOf(regId)]!.socket;
  for (const x of repTurns.slice(0, 2)) ok(await sendCommand(phoneOf(x.regId), 'hearing.confirm', { turnId: x.turnId }), 'hearing.confirm');
  const corrected = repTurns[2]!;
  ok(await sendCommand(phoneOf(corrected.regId), 'hearing.correct', { turnId: corrected.turnId, text: '更正：我支持收费，但要求每季度公开收支账目' }), 'hearing.correct');
  await waitFor(() => h().turns.filter((t) => t.confirmedAt).length === 2 && h().turns.some((t) => t.corrections.length), 10_000, 'the transcript confirmed');
  log(`听证笔录 transcript: ${nameOf(repTurns[0]!.regId)} and ${nameOf(repTurns[1]!.regId)} confirmed, ${nameOf(corrected.regId)} asked for a correction`);

  ok(await sendCommand(fac, 'hearing.result', {
    decision: '停车收费调整方案修改后试行三个月，试行期满再行评估',
    reasons: '支持方认为收费有助于缓解车位紧张；反对方关注老年住户负担；折中采纳试行建议，并要求物业按季度公开收支。',
  }), 'hearing.result');
  await waitFor(() => !!h().result, 10_000, 'the result');
  log(`听证结果 result: ${h().result!.decision}`);

  const decisions = unfinishedWork(fac.meeting!).map((w) => ({ kind: w.kind, id: w.id, action: w.actions.includes('finish') ? 'finish' as const : 'defer' as const }));
  ok(await sendCommand(fac, 'meeting.close', { decisions }), 'meeting.close');
  log('会议结束 meeting closed');

  const recordId = await signAndFile(base, meetingId, log);
  console.log(`record ${recordId} filed`);
  // The in-process server is gone when this prints: the link is for the usual server on the same database.
  const publicBase = process.env.YISHI_PUBLIC_URL || (values.url ? base : 'http://localhost:3000');
  console.log(`verify: ${verificationUrl(publicBase, recordId)}`);
} catch (err) {
  console.error(`[demo] ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  for (const s of sockets) s.disconnect();
  await target.stop();
}
process.exit(process.exitCode ?? 0);
