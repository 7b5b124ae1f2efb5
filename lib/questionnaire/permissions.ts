import type { MeetingRole } from '../meeting/permissions';

/**
 * Who may do what with a questionnaire — the one place this is decided, tested as a matrix. Staff act
 * through their role in the questionnaire's meeting (lib/meeting/permissions `staffMeetingRole`: their
 * scope must cover its community): those who plan the community's meetings (facilitator role: 书记,
 * community staff) manage it; recorders and, above the community, assessors and district admins (viewer
 * role) read its results. A resident with a confirmed phone answers. Nobody else does anything but read
 * an open questionnaire's questions.
 */
export const questionnaireActions = [
  'questionnaire.manage', // edit the definition and settings, open, close, write and publish the summary
  'questionnaire.readResults', // live results, responses exported as CSV / XLSX
  'questionnaire.answer', // answer once, read one's own identified answer back
] as const;
export type QuestionnaireAction = (typeof questionnaireActions)[number];

/** A staff member's role in the meeting, or a resident (a confirmed phone), or nobody in particular. */
export type QuestionnaireActor = MeetingRole | 'resident' | 'public';

const allow: Partial<Record<QuestionnaireActor, readonly QuestionnaireAction[]>> = {
  facilitator: ['questionnaire.manage', 'questionnaire.readResults'],
  recorder: ['questionnaire.readResults'],
  viewer: ['questionnaire.readResults'],
  resident: ['questionnaire.answer'],
};

export function mayQuestionnaire(actor: QuestionnaireActor, action: QuestionnaireAction): boolean {
  return allow[actor]?.includes(action) ?? false;
}
