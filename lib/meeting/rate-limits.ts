import type { MeetingRole } from './permissions';

/**
 * How many messages (commands, syncs, anything else) one connection may send, by role: `messages` at
 * once, refilled at `messages` per `perSeconds` (a token bucket, server/socket.ts). A
 * facilitator clicks a few times a second at the busiest (add items, create and open a poll) and a script
 * may drive a meeting faster, so theirs is generous; a phone needs a check-in, a ballot, a request to
 * speak and the odd resync, so a participant's is tight. A connection over its budget is answered
 * RATE_LIMITED without the hub seeing the message, and is not read from until its window ends, so a
 * flood from one device costs the others almost nothing (bench:abuse). Every accepted command is a
 * transaction and a broadcast to the hall, which is why even the facilitator's budget is bounded.
 */
export const connectionRateLimits: Record<MeetingRole, { messages: number; perSeconds: number }> = {
  facilitator: { messages: 30, perSeconds: 2 },
  recorder: { messages: 20, perSeconds: 2 },
  viewer: { messages: 20, perSeconds: 2 },
  member: { messages: 10, perSeconds: 2 },
  remote_member: { messages: 10, perSeconds: 2 },
  observer: { messages: 10, perSeconds: 2 },
  projector: { messages: 20, perSeconds: 2 },
};

/**
 * Failed admissions per address (POST /api/join), counted per kind of secret. Tokens and join codes
 * cannot be guessed at 20 tries in 10 minutes. A card's short code is typed by hand, and a whole
 * hall's phones share one Wi-Fi address, so typos must not lock the hall out: 60 per 10 minutes still
 * leaves a guesser ~10⁻³ hits a day against a 200-seat meeting (31⁶ codes, lib/meeting/card-code.ts).
 */
export const joinFailureLimits = {
  tokens: { failures: 20, perSeconds: 10 * 60 },
  shortCodes: { failures: 60, perSeconds: 10 * 60 },
} as const;
