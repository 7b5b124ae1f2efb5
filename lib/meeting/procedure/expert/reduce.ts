import type { Reducers } from '../reduce';

/** An expert consultation's stages (model.ts); an opinion replaces the same expert's earlier one. */
export const expertReducers: Reducers = {
  'expert.asked': (_s, e) => ({
    expert: { question: e.data.question, asker: e.data.asker, askedAt: e.at, acceptance: null, opinions: [], conclusion: null, feedback: null },
  }),
  'expert.accepted': (s, e) => (s.expert ? { expert: { ...s.expert, acceptance: { accepted: e.data.accepted, reason: e.data.reason, at: e.at, by: e.actor } } } : {}),
  'expert.opinionGiven': (s, e) => {
    if (!s.expert) return {};
    const before = s.expert.opinions.find((o) => o.seatId === e.data.seatId);
    const opinion = { seatId: e.data.seatId, expertName: e.data.expertName, title: e.data.title, text: e.data.text, at: e.at, revisions: (before?.revisions ?? 0) + 1 };
    const opinions = before ? s.expert.opinions.map((o) => (o.seatId === e.data.seatId ? opinion : o)) : [...s.expert.opinions, opinion];
    return { expert: { ...s.expert, opinions } };
  },
  'expert.concluded': (s, e) => (s.expert ? { expert: { ...s.expert, conclusion: { text: e.data.conclusion, at: e.at, by: e.actor } } } : {}),
  'expert.fedBack': (s, e) => (s.expert ? { expert: { ...s.expert, feedback: { channel: e.data.channel, note: e.data.note, at: e.at, by: e.actor } } } : {}),
};
