import type { MeetingRole } from './permissions';

/**
 * How many messages (commands, syncs, anything else) one connection may send per window, by role. A
 * facilitator clicks through a meeting and a script may drive one, so theirs is generous; a phone needs a
 * check-in, a ballot, a request to speak and the odd resync, so a participant's is tight. A connection
 * over its budget is answered RATE_LIMITED without the hub seeing the message, so a flood from one
 * device costs the others almost nothing.
 */
export const connectionRateLimits: Record<MeetingRole, { messages: number; perSeconds: number }> = {
  facilitator: { messages: 100, perSeconds: 2 },
  recorder: { messages: 20, perSeconds: 2 },
  viewer: { messages: 20, perSeconds: 2 },
  member: { messages: 10, perSeconds: 2 },
  remote_member: { messages: 10, perSeconds: 2 },
  observer: { messages: 10, perSeconds: 2 },
  projector: { messages: 20, perSeconds: 2 },
};
