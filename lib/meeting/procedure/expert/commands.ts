import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import type { MeetingState } from '../../state';
import { command, text } from '../command';
import { askerKinds, CONCLUSION_MAX, feedbackChannels, OPINION_TEXT_MAX, OPINION_TITLE_MAX, QUESTION_MAX } from './model';

/** The seat kind an invited expert has (lib/planning/experts.ts EXPERT_KIND; repeated: this file is in the log's layer). */
const EXPERT_SEAT = 'expert';

function expertMeeting(s: MeetingState) {
  if (s.form !== 'expert') throw new AppError('INVALID_STATE', 'This meeting is not an expert consultation', { form: s.form });
}
function asked(s: MeetingState) {
  expertMeeting(s);
  if (!s.expert) throw new AppError('INVALID_STATE', 'No question has been asked', { reason: 'not_asked' });
  return s.expert;
}
function accepted(s: MeetingState) {
  const e = asked(s);
  if (!e.acceptance?.accepted) throw new AppError('INVALID_STATE', 'The consultation has not been accepted', { reason: 'not_accepted' });
  if (s.status === 'closed' || s.status === 'cancelled') throw new AppError('INVALID_STATE', 'The meeting is over', { reason: 'over', status: s.status });
  return e;
}

/**
 * An expert consultation (专家咨询) around its meeting: 提出咨询 (`expert.ask`) → 咨询受理 (`expert.accept`,
 * or a refusal with its reason, which cancels the meeting) → 发布公告 (the meeting's notices, as for any
 * meeting) → written opinions of the invited experts (`expert.opinion`, through their personal links —
 * lib/expert) → 召开会议 (the meeting's own live sitting, optional) → the conclusion (`expert.conclude`) →
 * 结果反馈 (`expert.feedback`). Without a sitting, the feedback closes the meeting; after one, the sitting
 * is closed as any (meeting.close, refused until the feedback is given), so every record has both.
 * HTTP only: lib/expert writes the links and the topic's journey around them.
 */
export const expertCommands = {
  'expert.ask': command({
    schema: z.strictObject({
      question: text(QUESTION_MAX),
      asker: z.strictObject({ kind: z.enum(askerKinds), name: text(100), topicId: z.string().min(1).max(100).nullable().default(null) }),
    }),
    action: 'meeting.manage',
    decide(s, i) {
      expertMeeting(s);
      if (s.expert) throw new AppError('INVALID_STATE', 'The question has been asked', { reason: 'asked' });
      if (s.status !== 'draft' && s.status !== 'announced') throw new AppError('INVALID_STATE', 'A question is asked before the meeting', { status: s.status });
      if ((i.asker.kind === 'topic') !== (i.asker.topicId !== null)) {
        throw new AppError('BAD_REQUEST', 'A topic asks with its id; nobody else has one', { issues: [{ path: 'asker.topicId', message: 'A topic asks with its id' }] });
      }
      return { events: [{ type: 'expert.asked', data: { question: i.question, asker: i.asker } }], effects: [] };
    },
  }),
  'expert.accept': command({
    schema: z.strictObject({ accept: z.boolean(), reason: z.string().trim().max(1000).default('') }),
    action: 'meeting.manage',
    decide(s, i) {
      const e = asked(s);
      if (e.acceptance) throw new AppError('INVALID_STATE', 'The consultation has been decided on', { reason: 'decided' });
      if (!i.accept && i.reason.length < 2) throw new AppError('BAD_REQUEST', 'Declining needs a reason', { issues: [{ path: 'reason', message: 'Required' }] });
      if (i.accept) return { events: [{ type: 'expert.accepted', data: { accepted: true, reason: i.reason } }], effects: [] };
      // Declined: nothing more happens in this meeting; the reason goes to whoever asked with the record.
      return {
        events: [{ type: 'expert.accepted', data: { accepted: false, reason: i.reason } }, { type: 'meeting.statusChanged', data: { status: 'cancelled', reason: i.reason } }],
        effects: [{ kind: 'status', status: 'cancelled' }],
      };
    },
  }),
  /** An invited expert's written opinion (their own seat; staff may enter one handed in on paper). */
  'expert.opinion': command({
    schema: z.strictObject({ seatId: z.string().min(1).max(100), title: text(OPINION_TITLE_MAX), text: text(OPINION_TEXT_MAX) }),
    action: 'meeting.view',
    decide(s, i, actor) {
      const e = accepted(s);
      if (actor.role !== 'facilitator' && actor.seatId !== i.seatId) throw new AppError('FORBIDDEN', 'An expert gives their own opinion');
      if (e.conclusion) throw new AppError('INVALID_STATE', 'The conclusion has been written', { reason: 'concluded' });
      const seat = s.seats.find((x) => x.id === i.seatId);
      if (!seat || seat.kind !== EXPERT_SEAT) throw new AppError('NOT_FOUND', 'No such invited expert');
      return { events: [{ type: 'expert.opinionGiven', data: { seatId: seat.id, expertName: seat.name, title: i.title, text: i.text } }], effects: [] };
    },
  }),
  'expert.conclude': command({
    schema: z.strictObject({ conclusion: text(CONCLUSION_MAX) }),
    action: 'meeting.manage',
    decide(s, i) {
      const e = accepted(s);
      if (e.conclusion) throw new AppError('INVALID_STATE', 'The conclusion has been written', { reason: 'concluded' });
      // 发布公告 comes first: a conclusion of a consultation nobody was told of would be no consultation.
      if (s.status === 'draft') throw new AppError('INVALID_STATE', 'Publish the notice first', { reason: 'not_announced' });
      // Without a sitting, the written opinions are all there is to conclude from.
      if (s.status !== 'live' && e.opinions.length === 0) throw new AppError('INVALID_STATE', 'Without a sitting, conclude from at least one written opinion', { reason: 'no_opinions' });
      return { events: [{ type: 'expert.concluded', data: { conclusion: i.conclusion } }], effects: [] };
    },
  }),
  'expert.feedback': command({
    schema: z.strictObject({ channel: z.enum(feedbackChannels), note: z.string().trim().max(1000).default('') }),
    action: 'meeting.manage',
    decide(s, i) {
      const e = accepted(s);
      if (!e.conclusion) throw new AppError('INVALID_STATE', 'Write the conclusion before feeding it back', { reason: 'no_conclusion' });
      if (e.feedback) throw new AppError('INVALID_STATE', 'The conclusion has been fed back', { reason: 'fed_back' });
      if (i.channel === 'topic' && e.asker.kind !== 'topic') throw new AppError('BAD_REQUEST', 'Only a topic is answered on its journey', { issues: [{ path: 'channel', message: 'The asker is not a topic' }] });
      const fed = { type: 'expert.fedBack' as const, data: { channel: i.channel, note: i.note } };
      // A sitting is closed as any (meeting.close); without one, the feedback is the consultation's end.
      if (s.status === 'live') return { events: [fed], effects: [] };
      return { events: [fed, { type: 'meeting.statusChanged', data: { status: 'closed' } }], effects: [{ kind: 'status', status: 'closed' }] };
    },
  }),
};
