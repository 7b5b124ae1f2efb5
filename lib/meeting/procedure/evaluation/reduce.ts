import type { Reducers } from '../reduce';

/** A 民主评议's opening, closing and publication. */
export const evaluationReducers: Reducers = {
  'evaluation.opened': (_s, e) => ({
    evaluation: { phase: 'open', planSha256: e.data.planSha256, units: e.data.units, evaluators: e.data.evaluators, openedAt: e.at, closedAt: null, published: null },
  }),
  'evaluation.closed': (s, e) => (s.evaluation ? { evaluation: { ...s.evaluation, phase: 'closed', closedAt: e.at } } : {}),
  'evaluation.published': (s, e) => (s.evaluation ? { evaluation: { ...s.evaluation, published: { note: e.data.note, at: e.at } } } : {}),
};
