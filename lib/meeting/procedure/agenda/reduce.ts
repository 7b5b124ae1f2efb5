import type { Reducers } from '../reduce';

/** The agenda: items added, edited, removed and moved, started, finished or closed out at the end. */
export const agendaReducers: Reducers = {
  'agenda.added': (s, e) => ({ agenda: [...s.agenda, { ...e.data, status: 'pending' }] }),
  'agenda.moved': (s, e) => {
    const item = s.agenda.find((a) => a.id === e.data.itemId);
    if (!item) return {};
    const rest = s.agenda.filter((a) => a.id !== e.data.itemId);
    rest.splice(Math.max(0, Math.min(e.data.toIndex, rest.length)), 0, item);
    return { agenda: rest };
  },
  'agenda.edited': (s, e) => ({
    agenda: s.agenda.map((a) => (a.id === e.data.itemId ? { ...a, title: e.data.title, notes: e.data.notes, speakLimitSec: e.data.speakLimitSec } : a)),
  }),
  'agenda.removed': (s, e) => ({ agenda: s.agenda.filter((a) => a.id !== e.data.itemId) }),
  'agenda.started': (s, e) => ({
    currentItemId: e.data.itemId,
    agenda: s.agenda.map((a) => (a.id === e.data.itemId ? { ...a, status: 'active' } : a.status === 'active' ? { ...a, status: 'done' } : a)),
  }),
  'agenda.finished': (s, e) => ({
    currentItemId: s.currentItemId === e.data.itemId ? null : s.currentItemId,
    agenda: s.agenda.map((a) => (a.id === e.data.itemId ? { ...a, status: 'done' } : a)),
  }),
  'agenda.closedOut': (s, e) => ({
    currentItemId: s.currentItemId === e.data.itemId ? null : s.currentItemId,
    agenda: s.agenda.map((a) => (a.id === e.data.itemId ? { ...a, status: e.data.outcome, closeReason: e.data.reason } : a)),
  }),
};
