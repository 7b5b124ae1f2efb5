import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { canMoveStatus } from '../../model';
import { firstNoticeAt, noticeLead } from '../../notice-lead';
import type { EventData, MeetingState } from '../../state';
import { command } from '../command';

function evaluationMeeting(s: MeetingState) {
  if (s.form !== 'evaluation') throw new AppError('INVALID_STATE', 'This meeting is not a democratic evaluation', { form: s.form });
}

/**
 * A 民主评议 lives in its meeting's log: opening it starts the meeting without agenda or check-in (there
 * is no sitting) and fixes the plan (its hash) and the numbers of units and evaluators; closing stops the
 * ratings; publishing the result table closes the meeting, and the record service freezes its record as
 * for any meeting. lib/evaluation does the rest (the plan, evaluators and their links, the ratings) and
 * sends these commands over HTTP only.
 */
export const evaluationCommands = {
  'evaluation.open': command({
    schema: z.strictObject({
      planSha256: z.string().regex(/^[0-9a-f]{64}$/), units: z.number().int().min(1).max(100), evaluators: z.number().int().min(1).max(2000),
      overrideReason: z.string().trim().min(2).max(500).optional(),
    }),
    action: 'meeting.manage',
    decide(s, i, _actor, ctx) {
      evaluationMeeting(s);
      if (s.evaluation || !canMoveStatus(s.status, 'live')) throw new AppError('INVALID_STATE', 'The evaluation cannot be opened now', { status: s.status, reason: 'not_openable' });
      // The form's notice lead time holds as for any meeting.
      const lead = noticeLead(s.noticeLeadDays, firstNoticeAt(s), ctx.now ?? new Date());
      if (!lead.met && !i.overrideReason) throw new AppError('NOTICE_LEAD_NOT_MET', 'The notice lead time has not passed', lead);
      const live: EventData<'meeting.statusChanged'> = lead.met ? { status: 'live' } : { status: 'live', reason: i.overrideReason! };
      return {
        events: [
          { type: 'evaluation.opened', data: { planSha256: i.planSha256, units: i.units, evaluators: i.evaluators } },
          { type: 'meeting.statusChanged', data: live },
        ],
        effects: [{ kind: 'evaluationStatus', status: 'open' }, { kind: 'status', status: 'live' }],
      };
    },
  }),
  'evaluation.close': command({
    schema: z.strictObject({}),
    action: 'meeting.manage',
    decide(s) {
      evaluationMeeting(s);
      if (s.evaluation?.phase !== 'open') throw new AppError('INVALID_STATE', 'The evaluation is not open', { reason: 'not_open' });
      return { events: [{ type: 'evaluation.closed', data: {} }], effects: [{ kind: 'evaluationStatus', status: 'closed' }] };
    },
  }),
  'evaluation.publish': command({
    schema: z.strictObject({ note: z.string().trim().max(4000) }),
    action: 'meeting.manage',
    decide(s, i) {
      evaluationMeeting(s);
      if (s.evaluation?.phase !== 'closed' || s.evaluation.published || s.status !== 'live') {
        throw new AppError('INVALID_STATE', 'Close the evaluation before publishing its result', { reason: 'not_closed' });
      }
      return {
        events: [{ type: 'evaluation.published', data: { note: i.note } }, { type: 'meeting.statusChanged', data: { status: 'closed' } }],
        effects: [{ kind: 'status', status: 'closed' }],
      };
    },
  }),
};
