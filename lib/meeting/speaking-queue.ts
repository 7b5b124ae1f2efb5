import type { Stance } from './model';
import type { VoiceState } from './procedure/speakers/voice-model';

/** deferred / dropped: decided when the meeting closed with the request unfinished */
export type SpeakerStatus = 'queued' | 'speaking' | 'done' | 'skipped' | 'withdrawn' | 'deferred' | 'dropped';

export type SpeakRequest = {
  id: string;
  itemId: string | null;
  seatId: string;
  name: string;
  stance: Stance;
  status: SpeakerStatus;
  requestedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  limitSec: number;
  /** why a dropped request was dropped */
  closeReason?: string | null;
  /** a remote floor holder's live voice or written statement (absent for hall speakers) */
  voice?: VoiceState;
};

/**
 * The order in which waiting speakers are called: a point of order (程序问题) goes before every
 * other request, and among equals the earlier request goes first.
 */
export function queueOrder(requests: readonly SpeakRequest[], itemId: string | null): SpeakRequest[] {
  return requests
    .filter((r) => r.status === 'queued' && r.itemId === itemId)
    .map((r, index) => ({ r, index }))
    .sort((a, b) => {
      const pa = a.r.stance === 'procedural' ? 0 : 1;
      const pb = b.r.stance === 'procedural' ? 0 : 1;
      return pa - pb || a.r.requestedAt.localeCompare(b.r.requestedAt) || a.index - b.index;
    })
    .map(({ r }) => r);
}

/** Seconds a finished or running request has used, for the per-person speaking-time totals. */
export function spokenSeconds(r: SpeakRequest, now: Date): number {
  if (!r.startedAt) return 0;
  const end = r.endedAt ? Date.parse(r.endedAt) : now.getTime();
  return Math.max(0, Math.round((end - Date.parse(r.startedAt)) / 1000));
}

export function speakingTimeBySeat(requests: readonly SpeakRequest[], now: Date): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const r of requests) totals[r.seatId] = (totals[r.seatId] ?? 0) + spokenSeconds(r, now);
  return totals;
}
