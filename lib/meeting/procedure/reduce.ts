import type { EventType, MeetingEvent } from '../events';
import type { MeetingState } from '../state';

/**
 * How a part of the live meeting folds its events into the state: for each event type it owns, the parts
 * of the state that change. Pure and free of zod and server code: every browser runs them (lib/meeting/state).
 */
export type Reducers = { [T in EventType]?: (s: MeetingState, e: Extract<MeetingEvent, { type: T }>) => Partial<MeetingState> };
