import type { MeetingState } from '../../state';

// A remote member's voice as every browser needs it (the reducers, the phone, the projector): no zod
// here, since the phone pages carry none; the signalling schemas and rule are in voice.ts.

/** Why a remote speaker's voice could not be heard; the facilitator sees it and the member may write instead. */
export const voiceFailures = ['no-microphone', 'permission-denied', 'connection-failed', 'unsupported'] as const;
export type VoiceFailure = (typeof voiceFailures)[number];

/** What the floor's voice is doing; absent on requests from before issue 16 and on hall speakers. */
export type VoiceState = {
  media: 'none' | 'live' | 'ended';
  /** muted by the facilitator: the projector does not play it and the phone stops sending */
  muted: boolean;
  failure: VoiceFailure | null;
  /** the written statement given instead of speaking (shown on the projector as the turn) */
  statement: string | null;
};

export const noVoice: VoiceState = { media: 'none', muted: false, failure: null, statement: null };

/** A written statement is a turn's worth of text, not a document. */
export const STATEMENT_MAX = 1000;

/** The floor holder's request when it is a remote member speaking now, else null. */
export function remoteFloor(s: MeetingState) {
  const r = s.speakers.find((x) => x.status === 'speaking');
  if (!r || s.attendance[r.seatId]?.mode !== 'remote') return null;
  return r;
}

/**
 * How many remote members one projector sends the hall's sound to, one connection each (the browser
 * encodes once per connection): measured by `npm run bench:hall-audio` (docs/voice.md). More listeners
 * follow the livestream link.
 */
export const HALL_LISTENERS_MAX = 30;
