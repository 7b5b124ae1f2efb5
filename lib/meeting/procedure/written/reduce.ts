import type { Reducers } from '../reduce';

/** A written consultation's sending and closing (with its conclusion). */
export const writtenReducers: Reducers = {
  'written.sent': (_s, e) => ({
    written: { phase: 'sent', documentSha256: e.data.documentSha256, title: e.data.title, deadline: e.data.deadline, addressees: e.data.addressees, sentAt: e.at, closedAt: null, conclusion: null },
  }),
  'written.closed': (s, e) => (s.written ? { written: { ...s.written, phase: 'closed', closedAt: e.at, conclusion: e.data.conclusion } } : {}),
};
