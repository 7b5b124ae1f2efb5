import { can, type MeetingRole } from '../../permissions';
import { ANONYMOUS_ACTOR, type MeetingEvent, type MeetingState } from '../../state';
import type { Projection } from '../project';
import type { Hearing, HearingRegistration, SeatHearing } from './model';

/**
 * What each role sees of a hearing. The admitted list (names, roles, stakes, summaries), the stage, every
 * turn, the confirmations and corrections (they go into the record) and the result are the hall's. Only
 * the facilitator (who admits) reads an application that is not admitted — pending, rejected with its
 * reason, or withdrawn — and which seat applied; every other role gets its place and status only, so
 * the registration order and their event sequence stay whole. The applicant's own connections are told
 * their application, with a rejection's reason (`seat`, in `meeting:me`).
 */
const admits = (role: MeetingRole) => can(role, 'meeting.manage');

function projectRegistration(r: HearingRegistration): HearingRegistration {
  if (r.status === 'admitted') return { ...r, seatId: null, reason: null };
  return { ...r, seatId: null, name: '', role: null, stake: null, summary: '', reason: null };
}

function projectHearing(h: Hearing): Hearing {
  return { ...h, registrations: h.registrations.map(projectRegistration) };
}

function projectHearingEvent(e: MeetingEvent, state: MeetingState, role: MeetingRole): MeetingEvent {
  if (!e.type.startsWith('hearing.') || admits(role)) return e;
  const admittedNow = (id: string) => state.hearing?.registrations.find((r) => r.id === id)?.status === 'admitted';
  switch (e.type) {
    // Applied by a seat: who, and what about, waits for the admission (the actor is the applicant).
    case 'hearing.applied':
    case 'hearing.withdrawn':
      return { ...e, actor: ANONYMOUS_ACTOR, data: { id: e.data.id } };
    // A catch-up replay does not tell again what a rejection or withdrawal has since taken back.
    case 'hearing.admitted': {
      const { seatId, ...rest } = e.data;
      return { ...e, data: admittedNow(e.data.id) ? rest : { id: e.data.id } };
    }
    case 'hearing.registered':
      return admittedNow(e.data.id) ? e : { ...e, data: { id: e.data.id } };
    case 'hearing.rejected':
      return { ...e, data: { id: e.data.id } };
    case 'hearing.floorRequested':
      return { ...e, actor: ANONYMOUS_ACTOR };
    default:
      return e;
  }
}

/** The seat's latest application, as it stands, with a rejection's reason. */
export function seatHearing(s: MeetingState, seatId: string): SeatHearing {
  const r = s.hearing?.registrations.filter((x) => x.seatId === seatId).at(-1);
  return { registration: r ? { id: r.id, role: r.role, stake: r.stake, summary: r.summary, status: r.status, reason: r.reason } : null };
}

export const hearingProjection: Projection = {
  state: (s, role) => (s.hearing && !admits(role) ? { hearing: projectHearing(s.hearing) } : {}),
  event: projectHearingEvent,
  seat: (s, seatId): { hearing?: SeatHearing } => (s.hearing ? { hearing: seatHearing(s, seatId) } : {}),
  // Applied, admitted, rejected (with the reason) or withdrawn: the applicant's other devices follow at once.
  owner: (e) => {
    switch (e.type) {
      case 'hearing.applied':
      case 'hearing.admitted':
      case 'hearing.rejected':
      case 'hearing.withdrawn':
        return e.data.seatId ?? null;
      default:
        return null;
    }
  },
};
