import type { MeetingState } from '../../state';
import type { Reducers } from '../reduce';
import { emptyQuestionnaire, type QuestionnaireLifecycle } from './model';

function update(s: MeetingState, f: (q: QuestionnaireLifecycle) => Partial<QuestionnaireLifecycle>): Partial<MeetingState> {
  const q = s.questionnaire ?? emptyQuestionnaire();
  return { questionnaire: { ...q, ...f(q) } };
}

/** A questionnaire's versions, opening, closing and published summary. */
export const questionnaireReducers: Reducers = {
  'questionnaire.versionPublished': (s, e) => update(s, (q) => ({ versions: [...q.versions, { version: e.data.version, sha256: e.data.sha256, at: e.at }] })),
  'questionnaire.opened': (s, e) => update(s, () => ({ phase: 'open', openedAt: e.at })),
  'questionnaire.closed': (s, e) => update(s, () => ({ phase: 'closed', closedAt: e.at })),
  'questionnaire.summaryPublished': (s, e) => update(s, () => ({ summary: { text: e.data.text, at: e.at } })),
};
