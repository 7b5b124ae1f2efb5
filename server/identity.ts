import type { IncomingHttpHeaders } from 'node:http';
import { cookieFrom, staffFromSession, STAFF_COOKIE } from '../lib/auth/staff-session';
import type { Actor } from '../lib/meeting/commands';
import type { MeetingHub } from '../lib/meeting/hub';
import { participantFromToken } from '../lib/meeting/join';
import { hearsEverySeat, participantMeetingRole, type MeetingRole } from '../lib/meeting/permissions';
import { staffRoleIn } from '../lib/meeting/queries';
import type { Db } from '../lib/platform/db/client';
import { AppError } from '../lib/platform/errors';

/**
 * Who is connecting, in which meeting, with which role — for every realtime transport (Socket.IO for
 * the meeting, the Yjs websocket for the minutes). A participant token names its own meeting; a staff
 * session cookie needs the meeting named, and gives a role only inside the staff member's area.
 */
export type MeetingIdentity = { meetingId: string; role: MeetingRole; actor: Actor };

export type MeetingCredentials = {
  participantToken?: string | null;
  /** The raw Cookie header; the staff session cookie is read from it. */
  cookieHeader?: string | null;
  /** Required with a staff session. */
  meetingId?: string | null;
  /** Downgrades the connection to the projector's view. */
  view?: 'projector' | null;
};

export async function resolveMeetingIdentity(db: Db, hub: MeetingHub, creds: MeetingCredentials): Promise<MeetingIdentity> {
  if (creds.participantToken) {
    const p = await participantFromToken(db, creds.participantToken);
    if (!p) throw new AppError('UNAUTHENTICATED', 'This device is not admitted to a meeting');
    const state = await hub.state(p.meetingId);
    const seat = state.seats.find((s) => s.id === p.seatId);
    let role = participantMeetingRole(p.mode, p.canVote, p.speaks || (seat !== undefined && hearsEverySeat(state)));
    if (creds.view === 'projector') role = 'projector';
    const mode = p.mode === 'observer' ? null : p.mode;
    return { meetingId: p.meetingId, role, actor: { role, label: seat?.name ?? 'observer', seatId: seat?.id ?? null, mode } };
  }
  const staff = await staffFromSession(db, cookieFrom(creds.cookieHeader ?? undefined, STAFF_COOKIE));
  if (!staff) throw new AppError('UNAUTHENTICATED', 'Log in or join with a meeting code');
  if (!creds.meetingId) throw new AppError('BAD_REQUEST', 'meetingId is required');
  // NOT_FOUND for an unknown meeting, FORBIDDEN outside the staff member's area; every staff role may view.
  let role: MeetingRole = await staffRoleIn(db, staff, creds.meetingId);
  if (creds.view === 'projector') role = 'projector';
  return { meetingId: creds.meetingId, role, actor: { role, label: staff.displayName, seatId: null, mode: null } };
}

/** A browser's Origin must be this server: no cross-site connection riding on a staff cookie. */
function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * A state-changing HTTP request must come from this server's own pages (no cross-site request riding
 * on a staff member's cookie). Browsers send Origin with every cross-site POST and with every fetch
 * that is not a GET, and modern ones Sec-Fetch-Site with every request — so a request with neither is
 * not a cross-site browser request: CLI tools, the protocol client (scripts/), tests; those stay allowed.
 * The Origin must be this host, or YISHI_PUBLIC_URL's origin (behind a proxy that rewrites Host).
 */
export function assertOwnOrigin(headers: IncomingHttpHeaders, publicUrl?: string): void {
  const origin = headers.origin;
  if (origin !== undefined && !sameHost(origin, headers.host) && !(publicUrl && originOf(publicUrl) === origin)) {
    throw new AppError('FORBIDDEN', 'Cross-site request refused', { reason: 'origin' });
  }
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new AppError('FORBIDDEN', 'Cross-site request refused', { reason: 'sec-fetch-site' });
  }
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
