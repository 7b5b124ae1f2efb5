import { z } from 'zod';
import { mayAskForTheFloor } from '../hearing/model';
import { AppError } from '../../../platform/errors';
import { newId } from '../../../platform/tokens';
import { Stance } from '../../model';
import type { MeetingState } from '../../state';
import { queueOrder } from '../../speaking-queue';
import { command, one, requireLive } from '../command';

function findSpeaker(s: MeetingState, id: string) {
  const r = s.speakers.find((x) => x.id === id);
  if (!r) throw new AppError('NOT_FOUND', 'No such speaking request', { id });
  return r;
}

/** The speakers list: members ask for the floor with a stance; the facilitator grants, ends or skips. */
export const speakerCommands = {
  'speaker.request': command({
    schema: z.strictObject({ stance: Stance }),
    action: 'speaker.request',
    decide(s, i, actor) {
      requireLive(s);
      const seat = s.seats.find((x) => x.id === actor.seatId);
      if (!seat) throw new AppError('FORBIDDEN', 'Only members may ask to speak');
      if (!s.attendance[seat.id]) throw new AppError('INVALID_STATE', 'Check in before asking to speak');
      if (s.form === 'hearing' && !mayAskForTheFloor(s.hearing, seat)) throw new AppError('FORBIDDEN', 'In a hearing, attendees (列席) do not take the floor');
      const waiting = s.speakers.some((r) => r.seatId === seat.id && (r.status === 'queued' || r.status === 'speaking') && r.itemId === s.currentItemId);
      if (waiting) throw new AppError('CONFLICT', 'You are already on the speakers list');
      const limit = s.agenda.find((a) => a.id === s.currentItemId)?.speakLimitSec ?? 180;
      return one({ type: 'speaker.requested', data: { id: newId(), itemId: s.currentItemId, seatId: seat.id, name: seat.name, stance: i.stance, limitSec: limit } });
    },
  }),
  'speaker.withdraw': command({
    schema: z.strictObject({ id: z.string() }),
    action: 'speaker.request',
    decide(s, i, actor) {
      const r = findSpeaker(s, i.id);
      if (r.seatId !== actor.seatId) throw new AppError('FORBIDDEN', 'Not your request');
      if (r.status !== 'queued') throw new AppError('INVALID_STATE', 'This request is no longer waiting');
      return one({ type: 'speaker.withdrawn', data: { id: r.id } });
    },
  }),
  'speaker.grant': command({
    schema: z.strictObject({ id: z.string() }),
    action: 'meeting.manage',
    decide(s, i) {
      requireLive(s);
      const r = findSpeaker(s, i.id);
      if (r.status !== 'queued') throw new AppError('INVALID_STATE', 'This request is not waiting');
      return one({ type: 'speaker.granted', data: { id: r.id } });
    },
  }),
  'speaker.end': command({
    schema: z.strictObject({ id: z.string() }),
    action: 'meeting.manage',
    decide(s, i) {
      const r = findSpeaker(s, i.id);
      if (r.status !== 'speaking') throw new AppError('INVALID_STATE', 'This person is not speaking');
      return one({ type: 'speaker.ended', data: { id: r.id } });
    },
  }),
  'speaker.skip': command({
    schema: z.strictObject({ id: z.string() }),
    action: 'meeting.manage',
    decide(s, i) {
      const r = findSpeaker(s, i.id);
      if (r.status !== 'queued') throw new AppError('INVALID_STATE', 'This request is not waiting');
      return one({ type: 'speaker.skipped', data: { id: r.id } });
    },
  }),
};

/** The next speaker the facilitator would call, for the console's "next" button. */
export function nextSpeaker(s: MeetingState) {
  return queueOrder(s.speakers, s.currentItemId)[0] ?? null;
}
