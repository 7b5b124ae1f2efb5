import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import type { MeetingRole } from '../../permissions';
import type { MeetingState } from '../../state';
import { remoteFloor, voiceFailures } from './voice-model';

/**
 * A remote member's live voice (issue 16). The audio goes browser to browser (WebRTC); the server only
 * relays the signalling (`voice:signal`) between the seat that holds the floor as a remote member and
 * its meeting's projector, and keeps what happened (media started, ended, muted, failed, a written
 * statement instead) in the event log like every other part of the floor.
 */

/** Why a remote speaker's voice could not be heard (the list: voice-model.ts, which the browsers share). */
export const VoiceFailure = z.enum(voiceFailures);


// An SDP of one audio (and optionally one video) track with host, srflx and relay candidates is a few
// KB; 16 KB leaves room and keeps a hostile client from making the server relay megabytes.
const Candidate = z.strictObject({
  candidate: z.string().max(1000),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(16).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
const base = { speakerId: z.string().min(1).max(100), session: z.string().min(1).max(64) };

/**
 * One signalling message. `ready` (projector → speaker) asks for a fresh offer: sent when the projector
 * sees a remote floor holder, so a projector opened or reloaded mid-turn still gets the voice. `session`
 * ties an answer to its offer, so a late answer to a replaced offer is ignored.
 */
export const VoiceSignal = z.discriminatedUnion('kind', [
  z.strictObject({ ...base, kind: z.literal('offer'), sdp: z.string().min(1).max(16_000) }),
  z.strictObject({ ...base, kind: z.literal('answer'), sdp: z.string().min(1).max(16_000) }),
  z.strictObject({ ...base, kind: z.literal('ice'), candidates: z.array(Candidate).min(1).max(20) }),
  z.strictObject({ ...base, kind: z.literal('hangup') }),
  z.strictObject({ ...base, kind: z.literal('ready') }),
]);
export type VoiceSignal = z.infer<typeof VoiceSignal>;

export type VoiceRoute = { to: 'projector' } | { to: 'seat'; seatId: string };

/**
 * A connection as signalling sees it. `staff`: opened with a staff session; a participant may open the
 * projector's view with their own token (a downgrade, to follow the screen), but that is not the hall's
 * projector and must never answer — and so capture — a member's voice.
 */
export type VoiceSender = { role: MeetingRole; seatId: string | null; staff: boolean };

/**
 * Who may send a signal about `speakerId`, and to whom it goes: the remote member holding the floor
 * talks to the meeting's projector(s), and the projector to that member's seat. Everyone else — other
 * members, the facilitator, a hall speaker, the holder of an ended turn, a participant's projector view —
 * is refused. The caller relays only within the sender's own meeting, and only to projectors opened by
 * staff, so another meeting's projector (or a participant's projector view) never receives it.
 */
export function voiceSignalRoute(s: MeetingState, sender: VoiceSender, signal: Pick<VoiceSignal, 'speakerId' | 'kind'>): VoiceRoute {
  const floor = remoteFloor(s);
  if (!floor || floor.id !== signal.speakerId) throw new AppError('FORBIDDEN', 'Only the remote member who holds the floor and the projector exchange voice signals');
  if (floor.voice?.statement) throw new AppError('FORBIDDEN', 'This turn was given as a written statement');
  if (sender.role === 'remote_member' && sender.seatId === floor.seatId && signal.kind !== 'ready') return { to: 'projector' };
  if (sender.role === 'projector' && sender.staff && signal.kind !== 'offer') return { to: 'seat', seatId: floor.seatId };
  throw new AppError('FORBIDDEN', 'Only the remote member who holds the floor and the projector exchange voice signals');
}

/**
 * The hall's sound to remote listeners (`voice:hall`): the projector's microphone, one connection per
 * listener, offered by the projector. A listener asks (`listen`), answers the offer and hangs up; the
 * projector offers, hangs up or says it is `full` (HALL_LISTENERS_MAX, voice-model.ts). The server stamps
 * the listener's seat on what it relays to the projector: a client never names someone else's seat.
 */
const hallBase = { session: z.string().min(1).max(64) };
export const HallSignal = z.discriminatedUnion('kind', [
  z.strictObject({ ...hallBase, kind: z.literal('listen') }),
  z.strictObject({ ...hallBase, kind: z.literal('answer'), sdp: z.string().min(1).max(16_000) }),
  z.strictObject({ ...hallBase, kind: z.literal('hangup'), seatId: z.string().min(1).max(100).optional() }),
  z.strictObject({ ...hallBase, kind: z.literal('offer'), seatId: z.string().min(1).max(100), sdp: z.string().min(1).max(16_000) }),
  z.strictObject({ ...hallBase, kind: z.literal('full'), seatId: z.string().min(1).max(100) }),
]);
export type HallSignal = z.infer<typeof HallSignal>;

/**
 * Who may send a hall signal, and to whom: while the hall is heard remotely, a remote member checked in
 * remotely talks to the projector(s) about their own seat; a staff projector talks to one such seat.
 * Everyone else — hall members, the facilitator, a participant's projector view, a remote member not
 * checked in remotely — is refused, and so is everyone once the facilitator turns it off.
 */
export function hallSignalRoute(s: MeetingState, sender: VoiceSender, signal: Pick<HallSignal, 'kind'> & { seatId?: string }): VoiceRoute & { from?: string } {
  if (!s.hallAudio || s.status !== 'live') throw new AppError('INVALID_STATE', 'The hall is not heard remotely now');
  const listening = (seatId: string | null | undefined): seatId is string => Boolean(seatId) && s.attendance[seatId!]?.mode === 'remote';
  if (sender.role === 'remote_member' && listening(sender.seatId) && ['listen', 'answer', 'hangup'].includes(signal.kind)) {
    return { to: 'projector', from: sender.seatId };
  }
  if (sender.role === 'projector' && sender.staff && ['offer', 'hangup', 'full'].includes(signal.kind)) {
    if (!listening(signal.seatId)) throw new AppError('FORBIDDEN', 'Only remote members checked in remotely listen to the hall');
    return { to: 'seat', seatId: signal.seatId };
  }
  throw new AppError('FORBIDDEN', 'Only remote members and the hall projector exchange the hall sound');
}
