import type { visitsZhCN } from './visits.zh-CN';

/** Household visits: the record's words (page and PDF) and the console's and recorder's phone pages. */
export const visitsEn: Record<keyof typeof visitsZhCN, string> = {
  // ── visits: the record ──
  'record.visits.title': 'Household visits',
  'record.visits.question': 'Question consulted on: {text}',
  'record.visits.counts': '{planned} households planned, {visited} visited; {entries} visits logged.',
  'record.visits.agreementCounts': 'Positions: {counts}',
  'record.visits.team': 'Team: {list}',
  'record.visits.teamMember': '{role} {name}',
  'record.visits.nameWithheld': '(name listed only in staff’s copy)',
  'record.visits.householdWithheld': 'Household (listed only in staff’s copy)',
  'record.visits.household': '{household} ({address}), met: {metWith}, at: {place}',
  'record.visits.unplanned': ' (not planned)',
  'record.visits.entry': '{when}, {agreement}: {opinion}',
  'record.visits.noOpinion': 'no opinion given',
  'record.visits.conclusion': 'Conclusion: {text}',
  'record.visits.entries': 'Visits',
  'visits.agreement.agree': 'Agree',
  'visits.agreement.conditional': 'Agree with conditions',
  'visits.agreement.disagree': 'Disagree',
  'visits.agreement.undecided': 'No position',
  'visits.role.host': 'Host',
  'visits.role.recorder': 'Recorder',
};
