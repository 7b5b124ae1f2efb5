import type { MeetingRole } from '../meeting/permissions';

/**
 * Who may do what with a written consultation — the one place this is decided, tested as a matrix. Staff
 * act through their role in its meeting (lib/meeting/queries `staffRoleIn`: their scope must cover its
 * community): the facilitator role (书记, community staff) manages it — the document, addressees, sending,
 * links, reminders, the conclusion, closing; recorders and, above the community, assessors and district
 * admins (viewer role) read who answered what. An addressee, holding their personal link, answers for
 * themselves only. Nobody else does anything.
 */
export const writtenActions = [
  'written.manage',
  'written.read', // the replies table, counts, reply attachments
  'written.answer', // read the document, answer and change the answer, through the personal link
] as const;
export type WrittenAction = (typeof writtenActions)[number];

export type WrittenActor = MeetingRole | 'addressee' | 'public';

const allow: Partial<Record<WrittenActor, readonly WrittenAction[]>> = {
  facilitator: ['written.manage', 'written.read'],
  recorder: ['written.read'],
  viewer: ['written.read'],
  addressee: ['written.answer'],
};

export function mayWritten(actor: WrittenActor, action: WrittenAction): boolean {
  return allow[actor]?.includes(action) ?? false;
}
