import type { StaffIdentity } from '../auth/staff-session';
import type { MeetingForm, MeetingLevel, MeetingType } from '../meeting/model';
import { createMeeting } from '../meeting/create-meeting';
import type { Actor } from '../meeting/commands';
import { MeetingHub } from '../meeting/hub';
import { createMinutesService } from '../minutes/service';
import type { Db } from '../platform/db/client';
import { generateSigningKey, signEd25519, type SigningKeyPair } from '../record/node-crypto';
import { createRecordService } from '../record/service';
import { majorityPresets } from '../voting/outcome';

/**
 * Past meetings for the demo: each one is run through the real meeting hub, minutes writer and record
 * service on a clock set to its date, and its record is signed by the simulated devices of its
 * convener and recorder and filed — so the demo's scores come from real, verifiable records.
 */
export type PastMeeting = {
  communityId: string;
  convener: StaffIdentity;
  recorders: StaffIdentity[];
  title: string;
  form: MeetingForm;
  type: MeetingType;
  level: MeetingLevel;
  venue: string;
  scheduledAt: Date;
  /** days between the announcement and the meeting */
  announcedDaysAhead: number;
  /** share of the council that attends, and of those how many join remotely */
  attendance: number;
  remoteShare: number;
  agenda: { title: string; motion?: string; support: number }[];
};

export type HistoryRun = { meetingId: string; recordId: string; decisions: { pollId: string }[] };

export async function runPastMeetings(db: Db, meetings: PastMeeting[], random: () => number): Promise<HistoryRun[]> {
  let clock = new Date();
  const now = () => new Date(clock);
  const hub = new MeetingHub(db, now);
  const minutes = createMinutesService(db, hub);
  const records = createRecordService(db, hub, minutes.access.final, { now });
  const devices = new Map<string, SigningKeyPair>();
  const runs: HistoryRun[] = [];
  try {
    for (const m of meetings) {
      clock = new Date(m.scheduledAt.getTime() - (m.announcedDaysAhead + 3) * 86400_000);
      const { id } = await createMeeting(db, {
        communityId: m.communityId, title: m.title, level: m.level, type: m.type, form: m.form, venue: m.venue,
        scheduledAt: m.scheduledAt, convenerId: m.convener.id,
        agenda: m.agenda.map((a) => ({ title: a.title, speakLimitSec: 180 })),
      }, now());
      const chair: Actor = { role: 'facilitator', label: m.convener.displayName, seatId: null, mode: null };
      const run = <C extends Parameters<MeetingHub['execute']>[1]>(name: C, input: Parameters<MeetingHub['execute']>[2] & object, actor: Actor = chair) =>
        hub.execute(id, name, input as never, actor);

      clock = new Date(m.scheduledAt.getTime() - m.announcedDaysAhead * 86400_000);
      await run('meeting.announce', { text: `定于${m.scheduledAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short' })}在${m.venue}召开会议：${m.title}。议程：${m.agenda.map((a) => a.title).join('；')}。` });
      clock = new Date(m.scheduledAt);
      await run('meeting.start', {});
      const state = await hub.state(id);
      const present = state.seats.filter(() => random() < m.attendance);
      await Promise.all(present.map((seat) => run('attendance.checkIn', { seatId: seat.id, mode: random() < m.remoteShare ? 'remote' : 'hall' })));
      const member = (seatId: string): Actor => ({ role: 'member', label: '', seatId, mode: 'hall' });

      const decisions: { pollId: string }[] = [];
      for (const [i, item] of (await hub.state(id)).agenda.entries()) {
        clock = new Date(m.scheduledAt.getTime() + (i * 25 + 2) * 60_000);
        await run('agenda.start', { itemId: item.id });
        const speaker = present[Math.floor(random() * present.length)];
        if (speaker) {
          await run('speaker.request', { stance: random() < 0.7 ? 'support' : 'oppose' }, member(speaker.id));
          const request = (await hub.state(id)).speakers.at(-1)!;
          await run('speaker.grant', { id: request.id });
          clock = new Date(clock.getTime() + (60 + Math.floor(random() * 150)) * 1000);
          await run('speaker.end', { id: request.id });
        }
        const spec = m.agenda[i]!;
        if (spec.motion) {
          await run('poll.create', { question: spec.motion, kind: 'motion', options: [], maxChoices: 1, secret: false, resultsVisibility: 'live', rule: majorityPresets.simple_majority, itemId: item.id });
          const poll = (await hub.state(id)).polls.at(-1)!;
          const quorumMet = (await hub.state(id)).seats.length / 2 < present.length;
          await run('poll.open', { pollId: poll.id, ...(quorumMet ? {} : { overrideReason: '咨询性表决，结果供参考' }) });
          clock = new Date(clock.getTime() + 60_000);
          await Promise.all(present.map((seat, k) => run('poll.vote', {
            pollId: poll.id, choices: [random() < spec.support ? 'yes' : random() < 0.5 ? 'no' : 'abstain'], idempotencyKey: `history-${poll.id}-${k}`,
          }, member(seat.id))));
          clock = new Date(clock.getTime() + 3 * 60_000);
          await run('poll.close', { pollId: poll.id });
          if ((await hub.state(id)).polls.at(-1)!.outcome?.result === 'passed') decisions.push({ pollId: poll.id });
        }
        await run('agenda.finish', { itemId: item.id });
      }
      clock = new Date(m.scheduledAt.getTime() + 90 * 60_000);
      await run('meeting.close', {});
      const recordId = await records.freeze(id);

      // The next day the convener and the recorder sign on their own (simulated) devices.
      clock = new Date(m.scheduledAt.getTime() + 86400_000);
      const bundle = await records.bundle(recordId);
      const bytes = new TextEncoder().encode(bundle.recordJson);
      for (const signer of [m.convener, ...m.recorders]) {
        let device = devices.get(signer.id);
        if (!device) devices.set(signer.id, (device = generateSigningKey()));
        await records.sign(recordId, signer, { publicKeyPem: device.publicKeyPem, signature: signEd25519(device.privateKeyPem, bytes) });
      }
      hub.evict(id);
      runs.push({ meetingId: id, recordId, decisions });
    }
  } finally {
    await minutes.collab.close();
  }
  return runs;
}
