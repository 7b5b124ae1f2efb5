// Admits a walk-in stakeholder to an open space through the real protocol of a running server, as the
// console and a phone do:
//   npm run demo:walk-in                               # against http://localhost:3000 (npm start)
//   npm run demo:walk-in -- --url http://host:3000
// Logs in as the demo facilitator, plans a 开放空间 for tomorrow and starts it now with a reason, admits
// a walk-in (name, building, phone) with attendance.admitWalkIn, gets the one-device admission with
// POST /api/admit, connects the walk-in's "phone" with it, asks to speak, votes in a non-binding poll and
// is refused in a binding one. Prints { meetingId, joinCode, admissionUrl, receipt, bindingRefused } as JSON.
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_USERS } from '../lib/demo/seed';
import { connectMeeting, postJson, sendCommand, waitFor } from './protocol-client';

const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://localhost:3000' } } });
const base = values.url!.replace(/\/$/, '');
const fail = (what: string, detail: unknown): never => {
  console.error(`[demo:walk-in] ${what}: ${JSON.stringify(detail)}`);
  process.exit(1);
};

const facilitator = DEMO_USERS.find((u) => u.role === 'facilitator')!.username;
const login = await postJson(`${base}/api/auth/login`, { username: facilitator, password: DEMO_PASSWORD }).catch((e: Error) => fail(`no server at ${base}`, e.message));
if (login.status !== 200 || !login.cookie) fail('login failed', login.body);
const cookie = login.cookie!.split(';')[0]!;
const communityId: string = login.body.user.scope.communityId ?? fail('the demo facilitator has no community', login.body.user);

const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const created = await postJson(`${base}/api/meetings`, {
  communityId, form: 'open_space', level: 'community', type: 'coordination',
  title: '中心花园改造开放空间', venue: '中心花园凉亭', scheduledAt: `${day}T09:00:00+08:00`, endsAt: `${day}T11:00:00+08:00`,
  agenda: [{ title: '花园里最想要什么' }],
}, { cookie });
if (created.status !== 200) fail('creating the meeting failed', created.body);
const { meetingId, joinCode } = created.body as { meetingId: string; joinCode: string };

const console_ = connectMeeting(base, { meetingId }, { cookie, origin: base });
const phones: ReturnType<typeof connectMeeting>[] = [];
try {
  await waitFor(() => console_.meeting !== null, 15_000, 'the console connection');
  const ok = async (what: string, p: ReturnType<typeof sendCommand>) => {
    const ack = await p;
    if (!ack.ok) fail(what, ack);
    return ack as Extract<typeof ack, { ok: true }>;
  };
  await ok('starting', sendCommand(console_, 'meeting.start', { overrideReason: '居民当天都在花园，现场召开' }));
  const admitted = await ok('admitting the walk-in', sendCommand(console_, 'attendance.admitWalkIn', { name: '赵路人', building: '7栋2单元', phone: '13912345678' }));
  const seatId = (admitted.result as { seatId?: string }).seatId ?? fail('no seat in the acknowledgement', admitted);
  const pass = await postJson(`${base}/api/admit`, { meetingId, seatId }, { cookie, origin: base });
  if (pass.status !== 200) fail('the admission failed', pass.body);

  const phone = connectMeeting(base, { participantToken: pass.body.participantToken });
  phones.push(phone);
  await waitFor(() => phone.meeting !== null, 15_000, 'the walk-in\'s phone');
  await ok('asking to speak', sendCommand(phone, 'speaker.request', { stance: 'support' }));

  const rule = { basis: 'votes_cast', threshold: 'more_than_half', abstentions: 'excluded' } as const;
  const pollIds = () => console_.meeting!.polls.map((p) => p.id);
  await ok('creating the non-binding poll', sendCommand(console_, 'poll.create', { question: '是否倾向于增设儿童游乐区？', kind: 'motion', rule, nonBinding: true }));
  await waitFor(() => pollIds().length === 1, 10_000, 'the poll');
  const sounding = pollIds()[0]!;
  await ok('opening it', sendCommand(console_, 'poll.open', { pollId: sounding, overrideReason: '开放空间以征求意见为主' }));
  const ballot = await ok('the walk-in\'s ballot', sendCommand(phone, 'poll.vote', { pollId: sounding, choices: ['yes'], idempotencyKey: `demo-walk-in-${Date.now()}` }));
  await ok('closing it', sendCommand(console_, 'poll.close', { pollId: sounding }));

  await ok('creating the binding poll', sendCommand(console_, 'poll.create', { question: '是否同意动用公共收益改造花园？', kind: 'motion', rule }));
  await waitFor(() => pollIds().length === 2, 10_000, 'the second poll');
  const binding = pollIds()[1]!;
  await ok('opening it', sendCommand(console_, 'poll.open', { pollId: binding, overrideReason: '开放空间以征求意见为主' }));
  const refused = await sendCommand(phone, 'poll.vote', { pollId: binding, choices: ['yes'], idempotencyKey: `demo-walk-in-b-${Date.now()}` });
  if (refused.ok) fail('the walk-in voted in a binding poll', refused);

  console.log(JSON.stringify({
    meetingId, joinCode, walkInSeatId: seatId,
    admissionUrl: `${base}/m/${pass.body.joinCode}#pt=${pass.body.participantToken}`,
    receipt: (ballot.result as { receipt?: string }).receipt, bindingRefused: (refused as { error: { code: string } }).error.code,
  }, null, 2));
} finally {
  console_.disconnect();
  for (const p of phones) p.disconnect();
}
