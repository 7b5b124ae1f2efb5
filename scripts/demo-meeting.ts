// A short council meeting, run headlessly through the real protocol, ending in a filed record:
//   npm run demo:meeting                                   # in-process server on DATABASE_URL (default ./data/yishi.db)
//   npm run demo:meeting -- --url http://host:3000 --meeting <join code>   # against a running server
//     [--start-reason <why>]   # to start before the notice's lead time has passed (the record keeps why)
// The demo facilitator starts the meeting, members check in with their cards, one speaks on the first
// item, two questions are asked, upvoted and answered, a named motion and a secret election are voted,
// the meeting closes; then the devices of the convener and the recorder each make an Ed25519 key, sign
// the frozen record.json and send the signature, and the platform files the record. Prints `record <id> filed` and the verification link.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../lib/demo/seed';
import type { CommandInput } from '../lib/meeting/commands';
import { createMeeting } from '../lib/meeting/create-meeting';
import { unfinishedWork } from '../lib/meeting/closing';
import { verificationUrl } from '../lib/record/export';
import { majorityPresets } from '../lib/voting/outcome';
import { demoUser, getJson as getJsonFrom, inProcessServer, signAndFile } from './demo-support';
import { connectMeeting, logInStaff, postJson, sendCommand, waitFor, type Ack, type MeetingClient } from './protocol-client';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    meeting: { type: 'string' },
    members: { type: 'string', default: '15' },
    /** a meeting whose notice has not been up for its lead time starts only with a stated reason */
    'start-reason': { type: 'string' },
  },
});
if (values.url && !values.meeting) {
  console.error('usage: npm run demo:meeting [-- --url http://host:3000 --meeting <join code>] [--members N]');
  process.exit(2);
}
const convenerLogin = demoUser('facilitator');
const log = (line: string) => console.log(`[demo] ${line}`);

// The whole demo takes a few seconds; a hang is a bug, not something to wait out.
setTimeout(() => {
  console.error('[demo] timed out after 60 s');
  process.exit(1);
}, 60_000).unref();

/** Starts the server in this process on the configured database, with the demo data, and a fresh meeting in it. */
async function inProcess() {
  const { base, db, stop } = await inProcessServer();
  // There is no HTTP route to create a meeting (meetings are planned in the console); here the script
  // is the server's own process and creates it directly.
  const convener = await db.staffUser.findUnique({ where: { username: convenerLogin } });
  if (!convener?.communityId) throw new Error(`the database has no demo user ${convenerLogin}; use an empty database or the demo one`);
  const now = new Date();
  const meeting = await createMeeting(db, {
    communityId: convener.communityId, convenerId: convener.id,
    title: `演示议事会 ${now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`,
    level: 'community', type: 'decision', form: 'council', venue: '桂湖社区党群服务中心议事厅', scheduledAt: now,
    agenda: [{ title: '小区公共区域停车管理办法', notes: '试行方案及停车监督员人选。', speakLimitSec: 120 }],
  });
  return { base, joinCode: meeting.joinCode, stop };
}

const target = values.url
  ? { base: values.url.replace(/\/$/, ''), joinCode: values.meeting!, stop: async () => {} }
  : await inProcess();
const { base, joinCode } = target;
const sockets: MeetingClient[] = [];

function ok(ack: Ack, what: string) {
  if (!ack.ok) throw new Error(`${what}: ${ack.error.code} ${ack.error.message}`);
}

const getJson = (path: string, cookie: string) => getJsonFrom(base, path, cookie);

try {
  // The facilitator's console.
  const facCookie = await logInStaff(base, convenerLogin, DEMO_PASSWORD);
  const access = await getJson(`/api/access?joinCode=${encodeURIComponent(joinCode)}`, facCookie) as { meetingId: string; title: string; seats: { name: string; cardToken: string }[] };
  const { meetingId } = access;
  const fac = connectMeeting(base, { meetingId }, { cookie: facCookie });
  sockets.push(fac);
  await waitFor(() => !!fac.meeting, 10_000, 'the facilitator’s connection');
  if (fac.meeting!.status === 'closed') throw new Error(`meeting ${joinCode} is already closed`);
  const startReason = values['start-reason'];
  if (fac.meeting!.status !== 'live') ok(await sendCommand(fac, 'meeting.start', startReason ? { overrideReason: startReason } : undefined), 'start');
  log(`meeting ${joinCode} “${access.title}” is live`);

  // Members scan their cards and check in from their phones.
  const members: MeetingClient[] = [];
  const seatIds: string[] = [];
  for (const seat of access.seats.slice(0, Number(values.members))) {
    const r = await postJson(`${base}/api/join`, { via: 'card', joinCode, cardToken: seat.cardToken });
    if (r.status !== 200) throw new Error(`${seat.name} cannot join: ${r.body.error?.message}`);
    const s = connectMeeting(base, { participantToken: r.body.participantToken });
    sockets.push(s);
    members.push(s);
    seatIds.push(r.body.seatId);
  }
  await waitFor(() => members.every((s) => !!s.meeting), 15_000, 'members connected');
  for (const s of members) ok(await sendCommand(s, 'attendance.checkInSelf'), 'check-in');
  log(`${members.length} of ${access.seats.length} members checked in`);

  // The first open agenda item, with one speaker.
  const item = fac.meeting!.agenda.find((a) => a.status !== 'done');
  if (!item) throw new Error('the meeting has no open agenda item');
  if (item.status !== 'active') ok(await sendCommand(fac, 'agenda.start', { itemId: item.id }), 'agenda.start');
  ok(await sendCommand(members[0]!, 'speaker.request', { stance: 'support' }), 'speaker.request');
  const request = () => fac.meeting!.speakers.find((r) => r.status === 'queued' && r.seatId === seatIds[0]);
  await waitFor(() => !!request(), 10_000, 'the speaking request');
  const speaker = request()!;
  ok(await sendCommand(fac, 'speaker.grant', { id: speaker.id }), 'speaker.grant');
  ok(await sendCommand(fac, 'speaker.end', { id: speaker.id }), 'speaker.end');
  log(`${speaker.name} spoke on “${item.title}”`);

  // Audience questions: two members ask (one anonymously); the facilitator puts both up, the hall
  // upvotes, the most upvoted is pinned to the projector and answered, then the other.
  const asked: string[] = [];
  for (const [i, text, anonymous] of [[1, '夜间临时停车怎么收费？', true], [2, '监督员的任期多长？', false]] as const) {
    const ack = await sendCommand(members[i % members.length]!, 'question.ask', { text, anonymous });
    ok(ack, 'question.ask');
    if (ack.ok && ack.result.id) asked.push(ack.result.id);
  }
  for (const id of asked) ok(await sendCommand(fac, 'question.approve', { id }), 'question.approve');
  await waitFor(() => members.every((s) => s.meeting!.questions.filter((q) => q.status === 'approved').length === asked.length), 10_000, 'the questions on every phone');
  const upvotes = await Promise.all(members.map((s, i) => sendCommand(s, 'question.upvote', { id: asked[i % 3 === 0 ? 1 : 0]! })));
  upvotes.forEach((a) => ok(a, 'question.upvote'));
  await waitFor(() => fac.meeting!.questions.reduce((n, q) => n + q.votes, 0) === members.length, 10_000, 'the upvotes');
  const byVotes = [...fac.meeting!.questions].sort((a, b) => b.votes - a.votes);
  ok(await sendCommand(fac, 'question.pin', { id: byVotes[0]!.id, pinned: true }), 'question.pin');
  for (const q of byVotes) ok(await sendCommand(fac, 'question.answer', { id: q.id }), 'question.answer');
  log(`questions: ${byVotes.map((q) => `“${q.text}” (${q.anonymous ? 'anonymous' : q.name}, ${q.votes} upvotes)`).join(', ')} answered`);

  // A named motion and a secret election; every member votes, each ballot acknowledged before the close.
  async function runPoll(input: Partial<CommandInput<'poll.create'>>, choose: (i: number) => string) {
    const before = fac.meeting!.polls.length;
    ok(await sendCommand(fac, 'poll.create', { itemId: item!.id, ...input }), 'poll.create');
    await waitFor(() => fac.meeting!.polls.length > before, 10_000, 'the new poll');
    const poll = fac.meeting!.polls.at(-1)!;
    ok(await sendCommand(fac, 'poll.open', { pollId: poll.id }), 'poll.open');
    await waitFor(() => members.every((s) => s.meeting!.polls.some((p) => p.id === poll.id && p.status === 'open')), 10_000, 'the poll on every phone');
    const acks = await Promise.all(members.map((s, i) => sendCommand(s, 'poll.vote', { pollId: poll.id, choices: [choose(i)], idempotencyKey: randomUUID() })));
    acks.forEach((a) => ok(a, 'vote'));
    ok(await sendCommand(fac, 'poll.close', { pollId: poll.id }), 'poll.close');
    await waitFor(() => fac.meeting!.polls.find((p) => p.id === poll.id)?.status === 'closed', 10_000, 'the closed poll');
    const closed = fac.meeting!.polls.find((p) => p.id === poll.id)!;
    log(`${closed.secret ? 'secret' : 'named'} poll “${closed.question}”: ${closed.voted} votes, ${closed.outcome?.result ?? 'hidden'}`);
  }
  await runPoll(
    { question: `是否同意“${item.title}”的方案？`, kind: 'motion', rule: majorityPresets.simple_majority },
    (i) => (i % 5 === 4 ? 'no' : i % 7 === 6 ? 'abstain' : 'yes'),
  );
  await runPoll(
    { question: '推选停车管理监督员', kind: 'single', options: ['张秀英', '王建国'], secret: true, rule: majorityPresets.simple_majority },
    (i) => (i % 3 === 2 ? '王建国' : '张秀英'),
  );
  ok(await sendCommand(fac, 'agenda.finish', { itemId: item.id }), 'agenda.finish');
  // Closing decides what becomes of whatever is still open: later items go to a later meeting.
  const open = unfinishedWork(fac.meeting!);
  const decisions = open.map((w) => ({ kind: w.kind, id: w.id, action: w.actions.includes('defer') ? 'defer' as const : 'finish' as const }));
  ok(await sendCommand(fac, 'meeting.close', { decisions }), 'meeting.close');
  log(`meeting closed${open.length ? ` (${open.length} unfinished deferred or finished)` : ''}`);

  // The convener's and the recorder's own devices sign the frozen record; the platform files it.
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
