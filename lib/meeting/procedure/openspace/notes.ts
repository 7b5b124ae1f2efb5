import { can, type MeetingRole } from '../../permissions';
import type { OpenSpace } from './model';

/**
 * Each open-space session's own collaborative note (a Yjs document on the minutes' collaboration server,
 * in the minutes' schema): its harvest. Its host and everyone who took part in it write; everyone in
 * the meeting reads; once the meeting is closed nobody writes.
 */
export const breakoutDocName = (meetingId: string, sessionId: string) => `breakout:${meetingId}:${sessionId}`;

export function parseBreakoutDocName(name: string): { meetingId: string; sessionId: string } | null {
  const m = /^breakout:([A-Za-z0-9-]{1,100}):([A-Za-z0-9-]{1,100})$/.exec(name);
  return m ? { meetingId: m[1]!, sessionId: m[2]! } : null;
}

/** The harvest template (收获): what a session brings back to the hall. */
export const HARVEST_HEADINGS = ['讨论要点', '建议', '需要谁来做'] as const;

export type NotesAccess = 'edit' | 'locked' | 'read' | null;

/**
 * What a connection may do with a session's note. Staff who write the minutes write every note; a
 * participant writes the notes of the sessions they host or have been in (the law of two feet: one who
 * moved on may still add what they said); every other role of the meeting reads. Null: no such session.
 */
export function breakoutAccess(
  who: { role: MeetingRole; seatId: string | null },
  os: OpenSpace | null,
  sessionId: string,
  closed: boolean,
): NotesAccess {
  const session = os?.sessions.find((x) => x.id === sessionId && x.mergedInto === null);
  if (!os || !session) return null;
  const participant = who.role === 'member' || who.role === 'remote_member';
  const writes = can(who.role, 'minutes.edit')
    || (participant && who.seatId !== null && (session.hostSeatId === who.seatId || (os.attended[sessionId] ?? []).includes(who.seatId)));
  if (writes) return closed ? 'locked' : 'edit';
  return can(who.role, 'meeting.view') ? 'read' : null;
}
