import type { MeetingState } from '../../state';
import type { Reducers } from '../reduce';
import { emptyVisits, type VisitsLifecycle } from './model';

function update(s: MeetingState, f: (v: VisitsLifecycle) => Partial<VisitsLifecycle>): Partial<MeetingState> {
  const v = s.visits ?? emptyVisits();
  return { visits: { ...v, ...f(v) } };
}

/** A round of visits: started with its question, finished, concluded. */
export const visitsReducers: Reducers = {
  'visits.started': (s, e) => update(s, () => ({ phase: 'open', question: e.data.question, startedAt: e.at })),
  'visits.finished': (s, e) => update(s, () => ({ phase: 'finished', finishedAt: e.at })),
  'visits.concluded': (s, e) => update(s, () => ({ conclusion: { text: e.data.text, at: e.at } })),
};
