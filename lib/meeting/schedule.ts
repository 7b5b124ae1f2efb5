import { z } from 'zod';
import { AppError } from '../platform/errors';
import { newId } from '../platform/tokens';
import { canMoveStatus } from './model';
import { firstNoticeAt, noticeLead } from './notice-lead';
import type { EventData, MeetingState, NewEvent } from './state';

/**
 * The meeting before it sits: notices, the start gate of the notice lead time, editing, rescheduling and
 * cancelling. procedure/meeting.ts declares these commands (schemas, permission, decision) like the others.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const reason = z.string().trim().min(2).max(500);
const Iso = z.iso.datetime({ offset: true });

export const scheduleCommandSchemas = {
  // 发布会议公告: the first publishes the notice (draft → announced); later ones are revisions.
  'meeting.announce': z.strictObject({ text: text(4000) }),
  'meeting.start': z.strictObject({ overrideReason: reason.optional() }),
  'meeting.edit': z.strictObject({ title: text(200).optional(), venue: text(200).optional() })
    .refine((i) => i.title !== undefined || i.venue !== undefined, 'Nothing to update'),
  'meeting.reschedule': z.strictObject({ scheduledAt: Iso, endsAt: Iso.nullable().default(null), reason }),
  'meeting.cancel': z.strictObject({ reason }),
  'agenda.edit': z.strictObject({ itemId: z.string(), title: text(200), notes: z.string().max(2000).default(''), speakLimitSec: z.number().int().min(15).max(3600).default(180) }),
  'agenda.remove': z.strictObject({ itemId: z.string() }),
} as const;

export type ScheduleCommand = keyof typeof scheduleCommandSchemas;
type Input<C extends ScheduleCommand> = z.infer<(typeof scheduleCommandSchemas)[C]>;

/** Table writes that go with these commands' events (see the hub's commit). */
export type ScheduleEffect =
  | { kind: 'status'; status: MeetingState['status'] }
  | { kind: 'notice'; id: string; noticeKind: EventData<'notice.published'>['kind']; text: string }
  | { kind: 'meetingRow'; title?: string; venue?: string; scheduledAt?: string; endsAt?: string | null };

export type ScheduleDecision = { events: NewEvent[]; effects: ScheduleEffect[] };

function requireBeforeStart(s: MeetingState) {
  if (s.status !== 'draft' && s.status !== 'announced') {
    throw new AppError('INVALID_STATE', 'Only a meeting that has not started can be changed', { status: s.status });
  }
}

function findPendingItem(s: MeetingState, itemId: string) {
  const item = s.agenda.find((a) => a.id === itemId);
  if (!item) throw new AppError('NOT_FOUND', 'No such agenda item', { itemId });
  return item;
}

export function decideSchedule<C extends ScheduleCommand>(s: MeetingState, name: C, rawInput: Input<C>, now: Date): ScheduleDecision {
  switch (name) {
    case 'meeting.announce': {
      const i = rawInput as Input<'meeting.announce'>;
      requireBeforeStart(s);
      const id = newId();
      const first = s.status === 'draft';
      const kind = s.notices.some((n) => n.kind === 'notice') ? 'revision' : 'notice';
      return {
        events: [
          ...(first ? [{ type: 'meeting.statusChanged', data: { status: 'announced' } } as const] : []),
          { type: 'notice.published', data: { id, kind, text: i.text } },
        ],
        effects: [...(first ? [{ kind: 'status', status: 'announced' } as const] : []), { kind: 'notice', id, noticeKind: kind, text: i.text }],
      };
    }
    case 'meeting.start': {
      const i = rawInput as Input<'meeting.start'>;
      if (!canMoveStatus(s.status, 'live')) throw new AppError('INVALID_STATE', 'Cannot start the meeting now', { status: s.status });
      // An expert consultation concluded from its written opinions does not sit afterwards (its record says it did not).
      if (s.expert?.conclusion) throw new AppError('INVALID_STATE', 'The consultation has concluded without a sitting', { reason: 'concluded' });
      // An open space needs no agenda (its sessions come from the hall) once its theme and grid are set.
      const gridSet = s.form === 'open_space' && !!s.openSpace?.rooms.length;
      if (s.agenda.length === 0 && !gridSet) throw new AppError('INVALID_STATE', 'Add at least one agenda item before starting', { field: s.form === 'open_space' ? 'openSpace' : 'agenda' });
      const lead = noticeLead(s.noticeLeadDays, firstNoticeAt(s), now);
      // Starting before the notice has been up long enough needs a stated reason, which the record keeps.
      if (!lead.met && !i.overrideReason) throw new AppError('NOTICE_LEAD_NOT_MET', 'The notice lead time has not passed', lead);
      const data: EventData<'meeting.statusChanged'> = lead.met ? { status: 'live' } : { status: 'live', reason: i.overrideReason! };
      return { events: [{ type: 'meeting.statusChanged', data }], effects: [{ kind: 'status', status: 'live' }] };
    }
    case 'meeting.edit': {
      const i = rawInput as Input<'meeting.edit'>;
      requireBeforeStart(s);
      return { events: [{ type: 'meeting.updated', data: i }], effects: [{ kind: 'meetingRow', ...i }] };
    }
    case 'meeting.reschedule': {
      const i = rawInput as Input<'meeting.reschedule'>;
      requireBeforeStart(s);
      if (i.endsAt && Date.parse(i.endsAt) <= Date.parse(i.scheduledAt)) {
        throw new AppError('BAD_REQUEST', 'The meeting cannot end before it starts', { field: 'endsAt' });
      }
      const scheduledAt = new Date(i.scheduledAt).toISOString();
      const endsAt = i.endsAt ? new Date(i.endsAt).toISOString() : null;
      // An announced meeting's residents learn of the change the way they learnt of the meeting.
      const revision = s.status === 'announced' ? [{ id: newId(), text: i.reason }] : [];
      return {
        events: [
          { type: 'meeting.updated', data: { scheduledAt, endsAt } },
          ...revision.map((n) => ({ type: 'notice.published', data: { id: n.id, kind: 'revision', text: n.text } }) as const),
        ],
        effects: [{ kind: 'meetingRow', scheduledAt, endsAt }, ...revision.map((n) => ({ kind: 'notice', id: n.id, noticeKind: 'revision', text: n.text }) as const)],
      };
    }
    case 'meeting.cancel': {
      const i = rawInput as Input<'meeting.cancel'>;
      if (!canMoveStatus(s.status, 'cancelled')) throw new AppError('INVALID_STATE', 'Only a meeting that has not started can be cancelled', { status: s.status });
      const notice = s.status === 'announced' ? [{ id: newId(), text: i.reason }] : [];
      return {
        events: [
          { type: 'meeting.statusChanged', data: { status: 'cancelled', reason: i.reason } },
          ...notice.map((n) => ({ type: 'notice.published', data: { id: n.id, kind: 'cancellation', text: n.text } }) as const),
        ],
        effects: [{ kind: 'status', status: 'cancelled' }, ...notice.map((n) => ({ kind: 'notice', id: n.id, noticeKind: 'cancellation', text: n.text }) as const)],
      };
    }
    case 'agenda.edit': {
      const i = rawInput as Input<'agenda.edit'>;
      requireBeforeStart(s);
      findPendingItem(s, i.itemId);
      return { events: [{ type: 'agenda.edited', data: i }], effects: [] };
    }
    case 'agenda.remove': {
      const i = rawInput as Input<'agenda.remove'>;
      requireBeforeStart(s);
      findPendingItem(s, i.itemId);
      if (s.polls.some((p) => p.itemId === i.itemId)) throw new AppError('CONFLICT', 'A poll belongs to this item', { itemId: i.itemId });
      return { events: [{ type: 'agenda.removed', data: { itemId: i.itemId } }], effects: [] };
    }
  }
  throw new AppError('BAD_REQUEST', 'Unknown command');
}
