// An open space (开放空间), run headlessly through the real protocol, ending in a filed record:
//   npm run demo:open-space                                # in-process server on DATABASE_URL (default ./data/yishi.db)
//   npm run demo:open-space -- --url http://host:3000      # against a running server
//     [--members N]            # residents taking part (default 12)
//     [--meeting <join code>]  # an open space already planned, instead of planning a new one
//     [--start-reason <why>]   # why it starts before its notice's lead time has passed (the record keeps it)
// The demo facilitator plans an open space through the HTTP API as the console does, publishes its notice
// and starts it; the residents join with their cards (every
// sixth by a remote invitation) and check in. The facilitator sets the theme, 3 rooms × 2 time slots; the
// residents propose sessions in the marketplace (one for a neighbour without a phone, one duplicate
// merged), the facilitator places them in the grid; during the sessions everyone goes to one in each slot
// and a few walk to another (the law of two feet), each host writes the session's note (its harvest); then
// everyone spends 3 dots, one changes their mind;
// the two proposals with most dots become consensus statements (达成共识); the meeting closes and its record
// is signed and filed as in demo:meeting. Prints a summary, `record <id> filed` and the verification link.
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../lib/demo/seed';
import { unfinishedWork } from '../lib/meeting/closing';
import { peopleIn, rankByDots } from '../lib/meeting/procedure/openspace/model';
import { verificationUrl } from '../lib/record/export';
import { breakoutDocName } from '../lib/meeting/procedure/openspace/notes';
import { demoUser, getJson as getJsonFrom, inProcessServer, signAndFile, writeSessionNote } from './demo-support';
import { connectMeeting, postJson, sendCommand, waitFor, type Ack, type MeetingClient } from './protocol-client';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    meeting: { type: 'string' },
    members: { type: 'string', default: '12' },
    'start-reason': { type: 'string' },
  },
});
const wanted = Number(values.members);
if (!Number.isInteger(wanted) || wanted < 6) {
  console.error('usage: npm run demo:open-space [-- --url http://host:3000] [--meeting <join code>] [--members N (≥ 6)] [--start-reason <why>]');
  process.exit(2);
}
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

/** Plans the open space as the console does and publishes its notice. */
async function planOpenSpace(cookie: string, communityId: string): Promise<string> {
  const now = new Date();
  const created = await postJson(`${base}/api/meetings`, {
    communityId, form: 'open_space', level: 'community', type: 'advisory',
    title: `开放空间：中心花园怎么改 ${now.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`,
    venue: '桂湖社区党群服务中心', scheduledAt: now.toISOString(), endsAt: new Date(now.getTime() + 2 * 3600_000).toISOString(),
    agenda: [{ title: '中心花园改造：大家最想要什么' }],
    // The template invites residents, representatives and stakeholders; the demo roster is the council,
    // so it is invited too. (Someone invited by name only sits without a vote, as an observer, and could
    // not propose, move or spend dots.) The first `n` seats take part.
    invitedCategories: ['council_member', 'resident_representative', 'resident', 'stakeholder'],
  }, { cookie });
  if (created.status !== 200) throw new Error(`planning the open space failed: ${JSON.stringify(created.body)}`);
  const notice = await postJson(`${base}/api/meetings/${created.body.meetingId}/notice`, { text: '本社区将召开开放空间会议，围绕中心花园改造，居民可自由提出议题、自由参加讨论。' }, { cookie });
  if (notice.status !== 200) throw new Error(`publishing the notice failed: ${JSON.stringify(notice.body)}`);
  return created.body.joinCode as string;
}

try {
  // The facilitator's console.
  const login = await postJson(`${base}/api/auth/login`, { username: demoUser('facilitator'), password: DEMO_PASSWORD });
  if (login.status !== 200 || !login.cookie) throw new Error(`login failed (${login.status}) at ${base}`);
  const facCookie = login.cookie.split(';')[0]!;
  const joinCode = values.meeting ?? await planOpenSpace(facCookie, login.body.user.scope.communityId);
  const access = await getJson(`/api/access?joinCode=${encodeURIComponent(joinCode)}`, facCookie) as {
    meetingId: string; title: string; seats: { seatId: string; name: string; cardToken: string; remoteToken: string }[];
  };
  const { meetingId } = access;
  const fac = connectMeeting(base, { meetingId }, { cookie: facCookie });
  sockets.push(fac);
  await waitFor(() => !!fac.meeting, 10_000, 'the facilitator’s connection');
  if (fac.meeting!.form !== 'open_space') throw new Error(`meeting ${joinCode} is a ${fac.meeting!.form}, not an open space`);
  if (fac.meeting!.status === 'closed') throw new Error(`meeting ${joinCode} is already closed`);
  // Planned just now, its notice has not been up for the form's lead time: starting says why.
  const startReason = values['start-reason'] ?? '演示：居民都在现场，公示后当即召开';
  if (fac.meeting!.status !== 'live') ok(await sendCommand(fac, 'meeting.start', { overrideReason: startReason }), 'start');
  const item = fac.meeting!.agenda.find((a) => a.status !== 'done');
  if (item && item.status !== 'active') ok(await sendCommand(fac, 'agenda.start', { itemId: item.id }), 'agenda.start');
  log(`开放空间 ${joinCode} “${access.title}” is live`);

  // Residents scan their cards (every sixth opens a remote invitation) and check in from their phones.
  const people: { name: string; seatId: string; token: string; socket: MeetingClient }[] = [];
  for (const [i, seat] of access.seats.slice(0, wanted).entries()) {
    const body = i % 6 === 5 ? { via: 'remote', inviteToken: seat.remoteToken } : { via: 'card', joinCode, cardToken: seat.cardToken };
    const r = await postJson(`${base}/api/join`, body);
    if (r.status !== 200) throw new Error(`${seat.name} cannot join: ${r.body.error?.message}`);
    const socket = connectMeeting(base, { participantToken: r.body.participantToken });
    sockets.push(socket);
    people.push({ name: seat.name, seatId: seat.seatId, token: r.body.participantToken, socket });
  }
  if (people.length < 6) throw new Error(`the meeting seats ${people.length} people; the demo needs at least 6`);
  if (people.length < wanted) log(`the meeting seats only ${people.length}; they all take part`);
  await waitFor(() => people.every((p) => !!p.socket.meeting), 15_000, 'residents connected');
  for (const p of people) ok(await sendCommand(p.socket, 'attendance.checkInSelf'), 'check-in');
  await waitFor(() => Object.keys(fac.meeting!.attendance).length >= people.length, 10_000, 'the check-ins');
  const remote = Object.values(fac.meeting!.attendance).filter((a) => a.mode === 'remote').length;
  log(`签到 check-in: ${people.length} residents (${people.length - remote} in the hall, ${remote} remotely)`);

  // The theme and the grid.
  ok(await sendCommand(fac, 'openSpace.configure', {
    theme: '中心花园改造：大家最想要什么',
    rooms: [{ name: '活动室' }, { name: '会议室' }, { name: '凉亭' }],
    slots: [{ label: '14:00–14:40' }, { label: '14:50–15:30' }],
    dotsPerPerson: 3,
  }), 'openSpace.configure');
  await waitFor(() => !!fac.meeting!.openSpace?.rooms.length, 10_000, 'the grid');
  const os = () => fac.meeting!.openSpace!;
  const { rooms, slots } = os();

  // The marketplace: five residents put up a session each, the facilitator writes one for 王阿姨 (no
  // phone), and a sixth resident's near-duplicate is merged into the first.
  const proposals = ['儿童游乐区要不要围栏', '增设老人健身步道', '夜间照明与安全', '宠物活动区怎么管', '花园认养和日常维护'];
  const ids: string[] = [];
  for (const [i, title] of proposals.entries()) {
    ids.push(ok(await sendCommand(people[i]!.socket, 'openSpace.propose', { title, summary: '' }), 'openSpace.propose').result.id!);
  }
  ids.push(ok(await sendCommand(fac, 'openSpace.proposeFor', { title: '雨水花园和排水', summary: '低洼处常积水', hostName: '王阿姨' }), 'openSpace.proposeFor').result.id!);
  const duplicate = ok(await sendCommand(people[5]!.socket, 'openSpace.propose', { title: '游乐区加个围栏', summary: '' }), 'openSpace.propose').result.id!;
  ok(await sendCommand(fac, 'openSpace.merge', { id: duplicate, intoId: ids[0]! }), 'openSpace.merge');
  // Session k: room k mod 3, slot k div 3.
  for (const [k, id] of ids.entries()) ok(await sendCommand(fac, 'openSpace.place', { id, roomId: rooms[k % 3]!.id, slotId: slots[Math.floor(k / 3)]!.id }), 'openSpace.place');
  await waitFor(() => os().sessions.filter((x) => x.slotId).length === ids.length, 10_000, 'the grid filled');
  log(`议题集市 marketplace: ${ids.length} sessions (1 duplicate merged), placed in ${rooms.length} rooms × ${slots.length} slots`);

  // The sessions: everyone goes to one in each slot; a few walk to another (the law of two feet).
  ok(await sendCommand(fac, 'openSpace.phase', { phase: 'sessions' }), 'phase sessions');
  await waitFor(() => people.every((p) => p.socket.meeting!.openSpace?.phase === 'sessions'), 10_000, 'the sessions on every phone');
  const inSlot = (slot: number, k: number) => ids[slot * 3 + (k % 3)]!;
  const joins = people.flatMap((p, i) => [
    sendCommand(p.socket, 'openSpace.join', { slotId: slots[0]!.id, sessionId: inSlot(0, i) }),
    sendCommand(p.socket, 'openSpace.join', { slotId: slots[1]!.id, sessionId: inSlot(1, i + 1) }),
  ]);
  (await Promise.all(joins)).forEach((a) => ok(a, 'openSpace.join'));
  // Two leave the first slot's first session for its second; the last resident leaves the second slot early.
  const walkers = [people[3]!, people[6]!];
  for (const p of walkers) ok(await sendCommand(p.socket, 'openSpace.join', { slotId: slots[0]!.id, sessionId: inSlot(0, 1) }), 'openSpace.join (moving)');
  const left = ok(await sendCommand(people.at(-1)!.socket, 'openSpace.join', { slotId: slots[1]!.id, sessionId: null }), 'openSpace.join (leaving)');
  await waitFor(() => fac.lastSeq >= left.result.seq, 10_000, 'everyone where they went');
  log(`分组讨论 sessions: ${people.length} residents in ${slots.length} slots; ${walkers.length} walked to another session, 1 left early (the law of two feet)`);
  for (const slot of slots) {
    const here = os().sessions.filter((x) => x.slotId === slot.id && !x.mergedInto);
    log(`  ${slot.label}  ${here.map((x) => `${rooms.find((r) => r.id === x.roomId)!.name}「${x.title}」${peopleIn(os(), x).length} 人`).join('  ')}`);
  }

  // Each session's host writes its harvest into the session's note (讨论要点 / 建议 / 需要谁来做).
  const hosted = os().sessions.filter((x) => !x.mergedInto && x.hostSeatId);
  for (const x of hosted) {
    const host = people.find((p) => p.seatId === x.hostSeatId);
    if (!host) continue;
    await writeSessionNote(base, breakoutDocName(fac.meeting!.meetingId, x.id), host.token, [`大家谈了「${x.title}」的现状和难处`, '先拿出一个小方案，下次议事会再议', '发起人牵头，楼栋长协助']);
  }
  log(`小组记录 notes: ${hosted.length} hosts wrote their session's harvest`);

  // Prioritising: 3 dots each; the first resident changes their mind and spends them again.
  ok(await sendCommand(fac, 'openSpace.phase', { phase: 'prioritising' }), 'phase prioritising');
  await waitFor(() => people.every((p) => p.socket.meeting!.openSpace?.phase === 'prioritising'), 10_000, 'prioritising on every phone');
  const dots = await Promise.all(people.map((p, i) => sendCommand(p.socket, 'openSpace.dots', { allocation: { [ids[i % 4]!]: 2, [ids[(i % 4) + 1 + (i % 2)]!]: 1 } })));
  dots.forEach((a) => ok(a, 'openSpace.dots'));
  ok(await sendCommand(people[0]!.socket, 'openSpace.dots', { allocation: { [ids[5]!]: 3 } }), 'openSpace.dots (again)');
  const spent = people.length * 3;
  await waitFor(() => Object.values(os().dotTotals).reduce((a, b) => a + b, 0) === spent, 10_000, 'every dot counted');
  const ranked = rankByDots(os());
  log(`投点排序 dots: ${spent} spent — ${ranked.map((x) => `「${x.title}」${os().dotTotals[x.id] ?? 0}`).join('，')}`);

  // The two proposals with most dots become what the meeting agreed.
  for (const x of ranked.slice(0, 2)) ok(await sendCommand(fac, 'openSpace.confirm', { text: `优先推进「${x.title}」，由发起人牵头提出具体方案`, sessionId: x.id }), 'openSpace.confirm');
  ok(await sendCommand(fac, 'openSpace.phase', { phase: 'converged' }), 'phase converged');
  await waitFor(() => os().phase === 'converged' && os().consensus.length === 2, 10_000, 'the consensus');
  for (const c of os().consensus) log(`达成共识 consensus: ${c.text}`);

  // Closing finishes the open space's item.
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
