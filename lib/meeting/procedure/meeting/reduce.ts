import type { WalkInPolicy } from '../../state';
import { countRoster } from '../attendance/reduce';
import type { Reducers } from '../reduce';

export const NO_WALK_INS: WalkInPolicy = { allowed: false, nonBindingVotes: false };

/** The meeting as a whole: created, settings, status, notices; the projector's message. */
export const meetingReducers: Reducers = {
  'meeting.created': (_s, e) => ({
    ...e.data, endsAt: e.data.endsAt ?? null, recorderNames: e.data.recorderNames ?? [],
    invitedCategories: e.data.invitedCategories ?? [], noticeLeadDays: e.data.noticeLeadDays ?? 0, procedure: e.data.procedure ?? null,
    walkIns: e.data.walkIns ?? NO_WALK_INS,
    minutesPublic: false, attendance: {}, undoneCheckIns: [], agenda: [], speakers: [], polls: [],
    // A phone's copy of this event has no seats, and the counts instead (attendance/project.ts).
    roster: e.data.roster ?? countRoster(e.data.seats, {}),
  }),
  'meeting.updated': (_s, e) => Object.fromEntries(Object.entries(e.data).filter(([, v]) => v !== undefined)),
  'meeting.statusChanged': (s, e) => ({
    status: e.data.status,
    statusReason: e.data.reason ?? s.statusReason,
    startedAt: e.data.status === 'live' ? e.at : s.startedAt,
    closedAt: e.data.status === 'closed' ? e.at : s.closedAt,
  }),
  'notice.published': (s, e) => ({ notices: [...s.notices, { ...e.data, publishedAt: e.at, by: e.actor }] }),
  'message.shown': (_s, e) => ({ message: { text: e.data.text, at: e.at } }),
  'message.cleared': () => ({ message: null }),
};
