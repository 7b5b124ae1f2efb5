import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { newId } from '../../../platform/tokens';
import { command, findItem, one, requireLive, requireNotClosed, text } from '../command';

/** The agenda during the meeting: items added, moved, started and finished (edits before it: schedule). */
export const agendaCommands = {
  'agenda.add': command({
    schema: z.strictObject({ title: text(200), notes: z.string().max(2000).default(''), speakLimitSec: z.number().int().min(15).max(3600).default(180) }),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      return one({ type: 'agenda.added', data: { id: newId(), title: i.title, notes: i.notes, speakLimitSec: i.speakLimitSec } });
    },
  }),
  'agenda.move': command({
    schema: z.strictObject({ itemId: z.string(), toIndex: z.number().int().min(0) }),
    action: 'meeting.manage',
    decide(s, i) {
      requireNotClosed(s);
      findItem(s, i.itemId);
      return one({ type: 'agenda.moved', data: i });
    },
  }),
  'agenda.start': command({
    schema: z.strictObject({ itemId: z.string() }),
    action: 'meeting.manage',
    decide(s, i) {
      requireLive(s);
      const item = findItem(s, i.itemId);
      if (item.status === 'active') throw new AppError('INVALID_STATE', 'This item is already in progress');
      return one({ type: 'agenda.started', data: { itemId: item.id } });
    },
  }),
  'agenda.finish': command({
    schema: z.strictObject({ itemId: z.string() }),
    action: 'meeting.manage',
    decide(s, i) {
      requireLive(s);
      const item = findItem(s, i.itemId);
      if (item.status !== 'active') throw new AppError('INVALID_STATE', 'This item is not in progress');
      return one({ type: 'agenda.finished', data: { itemId: item.id } });
    },
  }),
};
