/**
 * How a browser keeps its admission to a meeting: POST /api/join returns a participant token that the
 * device stores per join code and presents on every socket connection (see lib/meeting/join.ts).
 */
import type { ErrorPayload } from '@/lib/platform/errors';

export type JoinBody =
  | { via: 'card'; joinCode?: string; cardToken: string }
  | { via: 'code'; joinCode: string; shortCode: string }
  | { via: 'remote'; inviteToken: string }
  | { via: 'observer'; observerToken: string };

export type Admission = {
  participantToken: string;
  meetingId: string;
  joinCode: string;
  seatId: string | null;
  mode: 'hall' | 'remote' | 'observer';
  name: string | null;
};

export type JoinResult = { ok: true; admission: Admission } | { ok: false; error: ErrorPayload };

export const participantStorageKey = (joinCode: string) => `yishi:participant:${joinCode.toUpperCase()}`;

export function readParticipantToken(joinCode: string): string | null {
  try {
    return localStorage.getItem(participantStorageKey(joinCode));
  } catch {
    return null; // storage disabled (private mode on some phones)
  }
}

export function storeParticipantToken(joinCode: string, token: string): void {
  try {
    localStorage.setItem(participantStorageKey(joinCode), token);
  } catch {
    // Without storage the device cannot keep its admission; the meeting page will ask to join again.
  }
}

export function forgetParticipantToken(joinCode: string): void {
  try {
    localStorage.removeItem(participantStorageKey(joinCode));
  } catch {
    /* nothing stored */
  }
}

// Set by the join page when a member card admitted this device: the meeting page then checks the
// member in once, as soon as it is connected. Session storage: a later visit does not check in again.
const checkInKey = (joinCode: string) => `yishi:check-in-on-arrival:${joinCode.toUpperCase()}`;

export function requestCheckInOnArrival(joinCode: string): void {
  try {
    sessionStorage.setItem(checkInKey(joinCode), '1');
  } catch {
    /* without storage the member taps 签到 themselves */
  }
}

/** True once per request: the caller is about to check in. */
export function takeCheckInOnArrival(joinCode: string): boolean {
  try {
    const wanted = sessionStorage.getItem(checkInKey(joinCode)) === '1';
    sessionStorage.removeItem(checkInKey(joinCode));
    return wanted;
  } catch {
    return false;
  }
}

/** POST /api/join; network failures become INTERNAL so the caller has one error path. */
export async function requestAdmission(body: JoinBody): Promise<JoinResult> {
  try {
    const res = await fetch('/api/join', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as { error?: ErrorPayload } | Admission | null;
    if (res.ok && json && 'participantToken' in json) return { ok: true, admission: json };
    const error = json && 'error' in json && json.error ? json.error : { code: 'INTERNAL' as const, message: `HTTP ${res.status}` };
    return { ok: false, error };
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'network' } };
  }
}

/** The field an error is about: `details.field` from lib/meeting/join, or the first zod issue's path. */
export function errorField(error: ErrorPayload): string | null {
  const d = error.details;
  if (!d) return null;
  if (typeof d.field === 'string') return d.field;
  const issues = d.issues;
  if (Array.isArray(issues) && issues.length > 0) {
    const path = (issues[0] as { path?: unknown }).path;
    if (typeof path === 'string' && path) return path.split('.')[0] ?? null;
  }
  return null;
}
