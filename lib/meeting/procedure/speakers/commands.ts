import { z } from 'zod';
import { mayAskForTheFloor } from '../hearing/model';
import { AppError } from '../../../platform/errors';
import { newId } from '../../../platform/tokens';
import { Stance } from '../../model';
import type { MeetingState } from '../../state';
import { queueOrder } from '../../speaking-queue';
import { command, one, requireLive, text, type Actor } from '../command';
import { VoiceFailure } from './voice';
import { remoteFloor, STATEMENT_MAX } from './voice-model';

function findSpeaker(s: MeetingState, id: string) {
  const r = s.speakers.find((x) => x.id === id);
  if (!r) throw new AppError('NOT_FOUND', 'No such speaking request', { id });
  return r;
}

/** The remote member's own turn, speaking now: only they report their media or write instead. */
function ownRemoteTurn(s: MeetingState, id: string, actor: Actor) {
  const r = findSpeaker(s, id);
  if (r.seatId !== actor.seatId || actor.role !== 'remote_member') throw new AppError('FORBIDDEN', 'Not your turn');
  if (r.status !== 'speaking' || remoteFloor(s)?.id !== r.id) throw new AppError('INVALID_STATE', 'You do not hold the floor');
  return r;
}

/** The remote floor holder, for the facilitator's mute. */
function remoteTurn(s: MeetingState, id: string) {
  const r = findSpeaker(s, id);
  if (remoteFloor(s)?.id !== r.id) throw new AppError('INVALID_STATE', 'This person is not speaking remotely');
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
  /** the remote floor holder's browser: its voice reached the projector, or stopped */
  'speaker.media': command({
    schema: z.strictObject({ id: z.string().max(100), state: z.enum(['started', 'ended']) }),
    action: 'speaker.request',
    decide(s, i, actor) {
      const r = ownRemoteTurn(s, i.id, actor);
      const live = r.voice?.media === 'live';
      if ((i.state === 'started') === live) throw new AppError('INVALID_STATE', i.state === 'started' ? 'Already live' : 'Not live');
      return one({ type: i.state === 'started' ? 'speaker.mediaStarted' : 'speaker.mediaEnded', data: { id: r.id } });
    },
  }),
  /** the remote floor holder's browser could not be heard (the reason is for the facilitator) */
  'speaker.mediaFailed': command({
    schema: z.strictObject({ id: z.string().max(100), reason: VoiceFailure }),
    action: 'speaker.request',
    decide(s, i, actor) {
      const r = ownRemoteTurn(s, i.id, actor);
      return one({ type: 'speaker.mediaFailed', data: { id: r.id, reason: i.reason } });
    },
  }),
  /** the turn as a written statement, once, instead of the voice */
  'speaker.statement': command({
    schema: z.strictObject({ id: z.string().max(100), text: text(STATEMENT_MAX) }),
    action: 'speaker.request',
    decide(s, i, actor) {
      const r = ownRemoteTurn(s, i.id, actor);
      if (r.voice?.statement) throw new AppError('CONFLICT', 'The statement was already given');
      return one({ type: 'speaker.statement', data: { id: r.id, text: i.text } });
    },
  }),
  /** the facilitator silences the remote voice in the hall, or lets it be heard again */
  'speaker.mute': command({
    schema: z.strictObject({ id: z.string().max(100), muted: z.boolean() }),
    action: 'meeting.manage',
    decide(s, i) {
      const r = remoteTurn(s, i.id);
      if ((r.voice?.muted ?? false) === i.muted) throw new AppError('INVALID_STATE', i.muted ? 'Already muted' : 'Not muted');
      return one({ type: i.muted ? 'speaker.muted' : 'speaker.unmuted', data: { id: r.id } });
    },
  }),
  /**
   * Giving the floor back to someone whose turn ended (cut too early, a dropped connection): a new turn
   * for the same seat, item and stance, granted at once, so each turn keeps its own times in the record.
   */
  'speaker.regrant': command({
    schema: z.strictObject({ id: z.string().max(100) }),
    action: 'meeting.manage',
    decide(s, i) {
      requireLive(s);
      const r = findSpeaker(s, i.id);
      if (r.status !== 'done' || r.itemId !== s.currentItemId) throw new AppError('INVALID_STATE', 'Only a finished turn of the current item can be given back');
      const id = newId();
      return {
        events: [
          { type: 'speaker.requested', data: { id, itemId: r.itemId, seatId: r.seatId, name: r.name, stance: r.stance, limitSec: r.limitSec } },
          { type: 'speaker.granted', data: { id } },
        ],
        effects: [],
        id,
      };
    },
  }),
  /**
   * The hall's sound to remote members (the projector's microphone, browser to browser): on while the
   * meeting sits, off by the facilitator or at the close. Each listener asks for it (voice:hall).
   */
  'speaker.hallAudio': command({
    schema: z.strictObject({ on: z.boolean() }),
    action: 'meeting.manage',
    decide(s, i) {
      if (i.on) requireLive(s);
      if (s.hallAudio === i.on) throw new AppError('INVALID_STATE', i.on ? 'The hall is already heard remotely' : 'The hall is not heard remotely');
      return one({ type: i.on ? 'speaker.hallAudioOn' : 'speaker.hallAudioOff', data: {} });
    },
  }),
};

/** The next speaker the facilitator would call, for the console's "next" button. */
export function nextSpeaker(s: MeetingState) {
  return queueOrder(s.speakers, s.currentItemId)[0] ?? null;
}
