import type { MeetingState } from '../../state';
import type { Reducers } from '../reduce';
import { HEARING_LIMITS, type Hearing, type HearingRegistration } from './model';

export const EMPTY_HEARING: Hearing = {
  proposer: '', turnSeconds: HEARING_LIMITS.defaultTurnSec, registrations: [], stage: null, turns: [], currentTurnId: null,
  skipped: [], floorRequests: [], result: null,
};

/** Folds a hearing event into the hearing (created by its first event). */
function change(s: MeetingState, f: (h: Hearing) => Hearing): Partial<MeetingState> {
  return { hearing: f(s.hearing ?? EMPTY_HEARING) };
}

function registration(h: Hearing, id: string, f: (r: HearingRegistration) => HearingRegistration): Hearing {
  return { ...h, registrations: h.registrations.map((r) => (r.id === id ? f(r) : r)) };
}

const lowerHand = (h: Hearing, id: string): Hearing => ({ ...h, floorRequests: h.floorRequests.filter((x) => x !== id) });

export const hearingReducers: Reducers = {
  'hearing.configured': (s, e) => change(s, (h) => ({ ...h, turnSeconds: e.data.turnSeconds, proposer: e.data.proposer })),
  // Roles that may not read an application yet receive only its id: its place keeps the registration order.
  'hearing.applied': (s, e) => change(s, (h) => ({
    ...h,
    registrations: [...h.registrations, {
      id: e.data.id, seatId: e.data.seatId ?? null, name: e.data.name ?? '', role: e.data.role ?? null, stake: e.data.stake ?? null,
      summary: e.data.summary ?? '', status: 'pending', reason: null, appliedAt: e.at, byStaff: false,
    }],
  })),
  'hearing.registered': (s, e) => change(s, (h) => ({
    ...h,
    registrations: [...h.registrations, {
      id: e.data.id, seatId: null, name: e.data.name ?? '', role: e.data.role ?? null, stake: e.data.stake ?? null, summary: e.data.summary ?? '',
      status: 'admitted', reason: null, appliedAt: e.at, byStaff: true,
    }],
  })),
  'hearing.admitted': (s, e) => change(s, (h) => registration(h, e.data.id, (r) => ({
    ...r, status: 'admitted', reason: null,
    name: e.data.name ?? r.name, role: e.data.role ?? r.role, stake: e.data.stake ?? r.stake, summary: e.data.summary ?? r.summary,
  }))),
  'hearing.rejected': (s, e) => change(s, (h) => lowerHand(registration(h, e.data.id, (r) => ({ ...r, status: 'rejected', reason: e.data.reason ?? null })), e.data.id)),
  'hearing.withdrawn': (s, e) => change(s, (h) => lowerHand(registration(h, e.data.id, (r) => ({ ...r, status: 'withdrawn' })), e.data.id)),
  // A new stage starts with no hands up: requests were for the stage that ended.
  'hearing.stageChanged': (s, e) => change(s, (h) => ({ ...h, stage: e.data.stage, floorRequests: [] })),
  'hearing.floorRequested': (s, e) => change(s, (h) => {
    const lowered = lowerHand(h, e.data.registrationId);
    return e.data.raised ? { ...lowered, floorRequests: [...lowered.floorRequests, e.data.registrationId] } : lowered;
  }),
  'hearing.turnStarted': (s, e) => change(s, (h) => {
    const next = {
      ...h, currentTurnId: e.data.id,
      turns: [...h.turns, { ...e.data, startedAt: e.at, endedAt: null, durationSec: null, confirmedAt: null, corrections: [] }],
    };
    return e.data.registrationId ? lowerHand(next, e.data.registrationId) : next;
  }),
  'hearing.turnEnded': (s, e) => change(s, (h) => ({
    ...h, currentTurnId: h.currentTurnId === e.data.id ? null : h.currentTurnId,
    turns: h.turns.map((t) => (t.id === e.data.id ? { ...t, endedAt: e.at, durationSec: e.data.durationSec } : t)),
  })),
  'hearing.turnSkipped': (s, e) => change(s, (h) => ({ ...lowerHand(h, e.data.registrationId), skipped: [...h.skipped, { registrationId: e.data.registrationId, at: e.at }] })),
  'hearing.confirmed': (s, e) => change(s, (h) => ({ ...h, turns: h.turns.map((t) => (t.id === e.data.turnId ? { ...t, confirmedAt: e.at } : t)) })),
  'hearing.corrected': (s, e) => change(s, (h) => ({
    ...h, turns: h.turns.map((t) => (t.id === e.data.turnId ? { ...t, corrections: [...t.corrections, { text: e.data.text, at: e.at }] } : t)),
  })),
  'hearing.resultRecorded': (s, e) => change(s, (h) => ({ ...h, result: { ...e.data, at: e.at } })),
};
