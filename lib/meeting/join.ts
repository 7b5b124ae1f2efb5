import { z } from 'zod';
import type { Db } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { hashToken, newToken } from '../platform/tokens';
import { isShortCode, normalizeShortCode } from './short-code';

/**
 * The short code as typed. Anything that is not a well-formed code (a 0 or an O, a character too
 * many) is answered like an unknown code — "代码不正确" — so the form needs one message, not two.
 */
export const ShortCodeInput = z.string().max(40).transform(normalizeShortCode);

/**
 * How devices get into a meeting without accounts. A member's card admits a phone in the hall, either
 * by its QR (the card token, and on cards printed for a meeting its join code too) or by the short
 * code printed under the QR, typed with the meeting's join code; a seat's remote invitation token
 * admits a remote browser; the meeting's observer token admits a view-only screen. Each admission
 * issues a fresh participant token that the device keeps and presents on every connection.
 */
const JoinCode = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{4,8}$/);
export const JoinRequest = z.discriminatedUnion('via', [
  // A scanned card. Without a join code (cards printed before codes were on them) the card's
  // community's open meeting that seats the member is meant.
  z.object({ via: z.literal('card'), joinCode: JoinCode.optional(), cardToken: z.string().trim().min(16).max(100) }),
  z.object({ via: z.literal('code'), joinCode: JoinCode, shortCode: ShortCodeInput }),
  z.object({ via: z.literal('remote'), inviteToken: z.string().trim().min(16).max(100) }),
  z.object({ via: z.literal('observer'), observerToken: z.string().trim().min(16).max(100) }),
]);
export type JoinRequest = z.infer<typeof JoinRequest>;

export type Admission = { participantToken: string; meetingId: string; joinCode: string; seatId: string | null; mode: 'hall' | 'remote' | 'observer'; name: string | null };

type MeetingRow = { id: string; joinCode: string; status: string };

/** A seat's name: its roster member's, a walk-in's as entered, or an expert's. */
function seatName(seat: { rosterMember: { name: string } | null; walkInName: string | null; expert?: { name: string } | null }): string {
  return seat.rosterMember?.name ?? seat.walkInName ?? seat.expert?.name ?? '';
}

async function meetingByJoinCode(db: Db, joinCode: string): Promise<MeetingRow> {
  const meeting = await db.meeting.findUnique({ where: { joinCode } });
  if (!meeting) throw new AppError('NOT_FOUND', 'No meeting with this code', { field: 'joinCode' });
  return meeting;
}

// Live first: a scanned card means the meeting going on now; before it starts, the one announced.
const statusRank: Record<string, number> = { live: 0, announced: 1, draft: 2 };

/** The seat a scanned card stands for: in the meeting named, or else the member's open meeting. */
async function seatOfCard(db: Db, cardToken: string, joinCode: string | undefined, now: Date) {
  if (joinCode) {
    const meeting = await meetingByJoinCode(db, joinCode);
    const s = await db.meetingSeat.findFirst({ where: { meetingId: meeting.id, rosterMember: { joinToken: cardToken } }, include: { rosterMember: true } });
    if (!s) throw new AppError('NOT_FOUND', 'This card is not on the roster of this meeting', { field: 'cardToken' });
    return { meeting, seat: s };
  }
  const seats = await db.meetingSeat.findMany({
    where: { rosterMember: { joinToken: cardToken }, meeting: { status: { not: 'closed' } } },
    include: { rosterMember: true, meeting: true },
  });
  const distance = (m: { scheduledAt: Date }) => Math.abs(m.scheduledAt.getTime() - now.getTime());
  const best = seats.sort((a, b) => (statusRank[a.meeting.status] ?? 3) - (statusRank[b.meeting.status] ?? 3) || distance(a.meeting) - distance(b.meeting))[0];
  if (!best) throw new AppError('NOT_FOUND', 'This card has no open meeting', { field: 'cardToken', reason: 'no_open_meeting' });
  return { meeting: best.meeting, seat: best };
}

export async function admit(db: Db, req: JoinRequest, now = new Date()): Promise<Admission> {
  let meeting: MeetingRow;
  let seat: { id: string; name: string } | null = null;
  let mode: Admission['mode'];
  if (req.via === 'card') {
    const found = await seatOfCard(db, req.cardToken, req.joinCode, now);
    meeting = found.meeting;
    seat = { id: found.seat.id, name: seatName(found.seat) };
    mode = 'hall';
  } else if (req.via === 'code') {
    meeting = await meetingByJoinCode(db, req.joinCode);
    // A malformed code is answered like a wrong one (and counted as a failed attempt all the same).
    const s = isShortCode(req.shortCode)
      ? await db.meetingSeat.findUnique({ where: { meetingId_shortCode: { meetingId: meeting.id, shortCode: req.shortCode } }, include: { rosterMember: true } })
      : null;
    if (!s) throw new AppError('NOT_FOUND', 'No card of this meeting has this code', { field: 'shortCode' });
    seat = { id: s.id, name: seatName(s) };
    mode = 'hall';
  } else if (req.via === 'remote') {
    const s = await db.meetingSeat.findUnique({ where: { remoteToken: req.inviteToken }, include: { rosterMember: true, meeting: true } });
    if (!s) throw new AppError('NOT_FOUND', 'This invitation link is not valid', { field: 'inviteToken' });
    meeting = s.meeting;
    seat = { id: s.id, name: seatName(s) };
    mode = 'remote';
  } else {
    const m = await db.meeting.findUnique({ where: { observerToken: req.observerToken } });
    if (!m) throw new AppError('NOT_FOUND', 'This viewing link is not valid', { field: 'observerToken' });
    meeting = m;
    mode = 'observer';
  }
  if (meeting.status === 'closed') throw new AppError('INVALID_STATE', 'This meeting has ended');
  const participantToken = newToken();
  await db.participantSession.create({ data: { id: hashToken(participantToken), meetingId: meeting.id, seatId: seat?.id ?? null, mode } });
  return { participantToken, meetingId: meeting.id, joinCode: meeting.joinCode, seatId: seat?.id ?? null, mode, name: seat?.name ?? null };
}

/**
 * `speaks`: a seat without a vote that is still heard — a stakeholder admitted at the meeting (walk-in,
 * who also votes where walk-ins.ts allows) or an invited expert (专家).
 */
export type Participant = { meetingId: string; seatId: string | null; mode: 'hall' | 'remote' | 'observer'; canVote: boolean; speaks: boolean };

export async function participantFromToken(db: Db, token: string): Promise<Participant | null> {
  const s = await db.participantSession.findUnique({ where: { id: hashToken(token) } });
  if (!s) return null;
  const seat = s.seatId ? await db.meetingSeat.findUnique({ where: { id: s.seatId } }) : null;
  return {
    meetingId: s.meetingId, seatId: s.seatId, mode: s.mode as Participant['mode'], canVote: seat?.canVote ?? false,
    speaks: seat !== null && seat.rosterMemberId === null && (seat.walkInName !== null || seat.expertId !== null),
  };
}

/**
 * A walk-in: a member without their card, admitted by the facilitator after checking identity. The
 * facilitator's screen then shows a one-device QR that carries the new participant token.
 * The caller has already checked that the staff member manages this meeting.
 */
export async function admitSeat(db: Db, meetingId: string, seatId: string): Promise<Admission> {
  const seat = await db.meetingSeat.findFirst({ where: { id: seatId, meetingId }, include: { rosterMember: true, expert: true, meeting: true } });
  if (!seat) throw new AppError('NOT_FOUND', 'No such member in this meeting', { field: 'seatId' });
  if (seat.meeting.status === 'closed') throw new AppError('INVALID_STATE', 'This meeting has ended');
  const participantToken = newToken();
  await db.participantSession.create({ data: { id: hashToken(participantToken), meetingId, seatId, mode: 'hall' } });
  return { participantToken, meetingId, joinCode: seat.meeting.joinCode, seatId, mode: 'hall', name: seatName(seat) };
}
