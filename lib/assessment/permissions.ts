import type { StaffRole } from '../meeting/permissions';

/**
 * Who may do what with the consultation index — the one place this is decided, tested as a matrix.
 * The staff member's scope (district → street → community) limits which communities they act on;
 * this table says which actions their role allows at all.
 */
export const assessmentActions = [
  'scores.view', // a community's dashboard, scores and warnings
  'evidence.upload', // materials for assessed indicators
  'evidence.review', // accept or reject uploads
  'followUp.record', // what was done about a decision
  'overview.view', // ranking across communities, CSV
  'catalogue.edit', // a new edition of the index for the district
  'templates.edit', // a new edition of the procedure templates for the district (lib/planning/template-editions)
] as const;
export type AssessmentAction = (typeof assessmentActions)[number];

const allow: Record<StaffRole, readonly AssessmentAction[]> = {
  district_admin: ['scores.view', 'overview.view', 'evidence.review', 'catalogue.edit', 'templates.edit'],
  assessor: ['scores.view', 'overview.view', 'evidence.review'],
  community_staff: ['scores.view', 'evidence.upload', 'followUp.record'],
  facilitator: ['scores.view', 'evidence.upload', 'followUp.record'],
  recorder: ['scores.view'],
};

export function canAssess(role: StaffRole, action: AssessmentAction): boolean {
  return allow[role].includes(action);
}
