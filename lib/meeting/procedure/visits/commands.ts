import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { canMoveStatus } from '../../model';
import { firstNoticeAt, noticeLead } from '../../notice-lead';
import type { EventData, MeetingState } from '../../state';
import { command, text } from '../command';
import { CONCLUSION_MAX, emptyVisits, QUESTION_MAX } from './model';

function lifecycle(s: MeetingState) {
  if (s.form !== 'visit') throw new AppError('INVALID_STATE', 'This meeting is not a round of visits', { form: s.form });
  return s.visits ?? emptyVisits();
}

/**
 * A round of household visits (走访约谈协商) lives in its meeting's log: starting it makes the meeting
 * live without agenda or check-in (nobody sits anywhere: the team goes door to door); finishing it stops
 * the entries; recording the conclusion closes the meeting, and the record service freezes its record
 * as for any meeting. lib/visits does the rest (the plan, the entries, progress) and sends these commands.
 */
export const visitsCommands = {
  'visits.start': command({
    schema: z.strictObject({ question: text(QUESTION_MAX), overrideReason: z.string().trim().min(2).max(500).optional() }),
    action: 'meeting.manage',
    decide(s, i, _actor, ctx) {
      const v = lifecycle(s);
      if (v.phase !== 'draft' || !canMoveStatus(s.status, 'live')) throw new AppError('INVALID_STATE', 'The visits cannot be started now', { status: s.status, phase: v.phase });
      // The form's notice lead time holds as for any meeting.
      const lead = noticeLead(s.noticeLeadDays, firstNoticeAt(s), ctx.now ?? new Date());
      if (!lead.met && !i.overrideReason) throw new AppError('NOTICE_LEAD_NOT_MET', 'The notice lead time has not passed', lead);
      const live: EventData<'meeting.statusChanged'> = lead.met ? { status: 'live' } : { status: 'live', reason: i.overrideReason! };
      return {
        events: [{ type: 'visits.started', data: { question: i.question } }, { type: 'meeting.statusChanged', data: live }],
        effects: [{ kind: 'visitsStatus', status: 'open' }, { kind: 'status', status: 'live' }],
      };
    },
  }),
  'visits.finish': command({
    schema: z.strictObject({}),
    action: 'meeting.manage',
    decide(s) {
      if (lifecycle(s).phase !== 'open') throw new AppError('INVALID_STATE', 'The visits are not under way', { reason: 'not_open' });
      return { events: [{ type: 'visits.finished', data: {} }], effects: [{ kind: 'visitsStatus', status: 'finished' }] };
    },
  }),
  'visits.conclude': command({
    schema: z.strictObject({ conclusion: text(CONCLUSION_MAX) }),
    action: 'meeting.manage',
    decide(s, i) {
      if (lifecycle(s).phase !== 'finished' || s.status !== 'live') throw new AppError('INVALID_STATE', 'Finish the visits before writing their conclusion', { reason: 'not_finished' });
      return {
        events: [{ type: 'visits.concluded', data: { text: i.conclusion } }, { type: 'meeting.statusChanged', data: { status: 'closed' } }],
        effects: [{ kind: 'status', status: 'closed' }],
      };
    },
  }),
};
