import { z } from 'zod';
import type { Db } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { hashToken, newToken } from '../platform/tokens';

/**
 * How devices get into a meeting without accounts. A member's card token (printed as a QR) plus the
 * meeting's join code admits a phone in the hall; a seat's remote invitation token admits a remote
 * browser; the meeting's observer token admits a view-only screen. Each admission issues a fresh
 * participant token that the device keeps and presents on every connection.
 */
export const JoinRequest = z.discriminatedUnion('via', [
  z.object({ via: z.literal('card'), joinCode: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,8}$/), cardToken: z.string().trim().min(16).max(100) }),
  z.object({ via: z.literal('remote'), inviteToken: z.string().trim().min(16).max(100) }),
  z.object({ via: z.literal('observer'), observerToken: z.string().trim().min(16).max(100) }),
]);
export type JoinRequest = z.infer<typeof JoinRequest>;

export type Admission = { participantToken: string; meetingId: string; joinCode: string; seatId: string | null; mode: 'hall' | 'remote' | 'observer'; name: string | null };

export async function admit(db: Db, req: JoinRequest): Promise<Admission> {
  let meeting: { id: string; joinCode: string; status: string } | null;
  let seat: { id: string; name: string } | null = null;
  let mode: Admission['mode'];
  if (req.via === 'card') {
    meeting = await db.meeting.findUnique({ where: { joinCode: req.joinCode } });
    if (!meeting) throw new AppError('NOT_FOUND', 'No meeting with this code', { field: 'joinCode' });
    const s = await db.meetingSeat.findFirst({
      where: { meetingId: meeting.id, rosterMember: { joinToken: req.cardToken } },
      include: { rosterMember: true },
    });
    if (!s) throw new AppError('NOT_FOUND', 'This card is not on the roster of this meeting', { field: 'cardToken' });
    seat = { id: s.id, name: s.rosterMember.name };
    mode = 'hall';
  } else if (req.via === 'remote') {
    const s = await db.meetingSeat.findUnique({ where: { remoteToken: req.inviteToken }, include: { rosterMember: true, meeting: true } });
    if (!s) throw new AppError('NOT_FOUND', 'This invitation link is not valid', { field: 'inviteToken' });
    meeting = s.meeting;
    seat = { id: s.id, name: s.rosterMember.name };
    mode = 'remote';
  } else {
    meeting = await db.meeting.findUnique({ where: { observerToken: req.observerToken } });
    if (!meeting) throw new AppError('NOT_FOUND', 'This viewing link is not valid', { field: 'observerToken' });
    mode = 'observer';
  }
  if (meeting.status === 'closed') throw new AppError('INVALID_STATE', 'This meeting has ended');
  const participantToken = newToken();
  await db.participantSession.create({ data: { id: hashToken(participantToken), meetingId: meeting.id, seatId: seat?.id ?? null, mode } });
  return { participantToken, meetingId: meeting.id, joinCode: meeting.joinCode, seatId: seat?.id ?? null, mode, name: seat?.name ?? null };
}

export type Participant = { meetingId: string; seatId: string | null; mode: 'hall' | 'remote' | 'observer'; canVote: boolean };

export async function participantFromToken(db: Db, token: string): Promise<Participant | null> {
  const s = await db.participantSession.findUnique({ where: { id: hashToken(token) } });
  if (!s) return null;
  const seat = s.seatId ? await db.meetingSeat.findUnique({ where: { id: s.seatId } }) : null;
  return { meetingId: s.meetingId, seatId: s.seatId, mode: s.mode as Participant['mode'], canVote: seat?.canVote ?? false };
}

/**
 * A walk-in: a member without their card, admitted by the facilitator after checking identity. The
 * facilitator's screen then shows a one-device QR that carries the new participant token.
 * The caller has already checked that the staff member manages this meeting.
 */
export async function admitSeat(db: Db, meetingId: string, seatId: string): Promise<Admission> {
  const seat = await db.meetingSeat.findFirst({ where: { id: seatId, meetingId }, include: { rosterMember: true, meeting: true } });
  if (!seat) throw new AppError('NOT_FOUND', 'No such member in this meeting', { field: 'seatId' });
  if (seat.meeting.status === 'closed') throw new AppError('INVALID_STATE', 'This meeting has ended');
  const participantToken = newToken();
  await db.participantSession.create({ data: { id: hashToken(participantToken), meetingId, seatId, mode: 'hall' } });
  return { participantToken, meetingId, joinCode: seat.meeting.joinCode, seatId, mode: 'hall', name: seat.rosterMember.name };
}
