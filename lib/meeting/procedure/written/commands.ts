import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { canMoveStatus } from '../../model';
import { firstNoticeAt, noticeLead } from '../../notice-lead';
import type { EventData, MeetingState } from '../../state';
import { command, text } from '../command';
import { CONCLUSION_MAX } from './model';

function writtenMeeting(s: MeetingState) {
  if (s.form !== 'written') throw new AppError('INVALID_STATE', 'This meeting is not a written consultation', { form: s.form });
}

/**
 * A written consultation (书面征询协商) lives in its meeting's log: sending it starts the meeting without
 * agenda or check-in (there is no sitting) and fixes the document (its hash), the deadline and the number
 * of addressees; closing it with the conclusion closes the meeting, and the record service freezes its
 * record as for any meeting. lib/written does the rest (the draft, addressees and their links, replies,
 * reminders) and sends these commands over HTTP only.
 */
export const writtenCommands = {
  'written.send': command({
    schema: z.strictObject({
      documentSha256: z.string().regex(/^[0-9a-f]{64}$/), title: text(200), deadline: z.iso.datetime({ offset: true }),
      addressees: z.number().int().min(1).max(2000), overrideReason: z.string().trim().min(2).max(500).optional(),
    }),
    action: 'meeting.manage',
    decide(s, i, _actor, ctx) {
      writtenMeeting(s);
      if (s.written || !canMoveStatus(s.status, 'live')) throw new AppError('INVALID_STATE', 'The consultation cannot be sent now', { status: s.status, reason: 'not_sendable' });
      const now = ctx.now ?? new Date();
      if (Date.parse(i.deadline) <= now.getTime()) throw new AppError('BAD_REQUEST', 'The deadline has passed', { issues: [{ path: 'deadline', message: 'The deadline must be in the future' }] });
      // The form's notice lead time holds as for any meeting.
      const lead = noticeLead(s.noticeLeadDays, firstNoticeAt(s), now);
      if (!lead.met && !i.overrideReason) throw new AppError('NOTICE_LEAD_NOT_MET', 'The notice lead time has not passed', lead);
      const live: EventData<'meeting.statusChanged'> = lead.met ? { status: 'live' } : { status: 'live', reason: i.overrideReason! };
      return {
        events: [
          { type: 'written.sent', data: { documentSha256: i.documentSha256, title: i.title, deadline: new Date(i.deadline).toISOString(), addressees: i.addressees } },
          { type: 'meeting.statusChanged', data: live },
        ],
        effects: [{ kind: 'writtenStatus', status: 'sent' }, { kind: 'status', status: 'live' }],
      };
    },
  }),
  'written.close': command({
    schema: z.strictObject({ conclusion: text(CONCLUSION_MAX) }),
    action: 'meeting.manage',
    decide(s, i) {
      writtenMeeting(s);
      if (s.written?.phase !== 'sent' || s.status !== 'live') throw new AppError('INVALID_STATE', 'Only a sent consultation can be closed', { reason: 'not_sent' });
      return {
        events: [{ type: 'written.closed', data: { conclusion: i.conclusion } }, { type: 'meeting.statusChanged', data: { status: 'closed' } }],
        effects: [{ kind: 'writtenStatus', status: 'closed' }, { kind: 'status', status: 'closed' }],
      };
    },
  }),
};
