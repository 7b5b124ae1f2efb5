import type { MeetingEvent, MeetingState } from '../../state';
import type { Projection } from '../project';
import type { SeatOpenSpace } from './model';

/**
 * What each role sees of the open space: everything but who gave dots where. The marketplace, the
 * grid, hosts and who is in which session now are the hall's to see (as on a wall of sticky notes and
 * in the rooms); the dots are a running total only, and each participant's connections are told their
 * own allocation (`meeting:me`).
 */
function projectOpenSpaceEvent(e: MeetingEvent): MeetingEvent {
  if (e.type !== 'openSpace.dotsPlaced') return e;
  return { ...e, actor: '', data: { totals: e.data.totals } };
}

export const openSpaceProjection: Projection = {
  state: (s: MeetingState) => (s.openSpace ? { openSpace: { ...s.openSpace, dots: {} } } : {}),
  event: projectOpenSpaceEvent,
  seat: (s, seatId): { openSpace?: SeatOpenSpace } => (s.openSpace ? { openSpace: { dots: s.openSpace.dots[seatId] ?? {} } } : {}),
  owner: (e) => (e.type === 'openSpace.dotsPlaced' ? e.data.seatId ?? null : null),
};
