import type { MeetingState } from '../../state';
import type { SpeakRequest } from '../../speaking-queue';
import type { Reducers } from '../reduce';

function updateSpeaker(s: MeetingState, id: string, f: (r: SpeakRequest) => SpeakRequest): SpeakRequest[] {
  return s.speakers.map((r) => (r.id === id ? f(r) : r));
}

/** The speakers list: requests, the floor given (ending whoever had it), ended, skipped, withdrawn, closed out. */
export const speakerReducers: Reducers = {
  'speaker.requested': (s, e) => ({ speakers: [...s.speakers, { ...e.data, status: 'queued', requestedAt: e.at, startedAt: null, endedAt: null }] }),
  'speaker.granted': (s, e) => ({
    speakers: s.speakers.map((r) =>
      r.id === e.data.id ? { ...r, status: 'speaking', startedAt: e.at } : r.status === 'speaking' ? { ...r, status: 'done', endedAt: e.at } : r),
  }),
  'speaker.ended': (s, e) => ({ speakers: updateSpeaker(s, e.data.id, (r) => ({ ...r, status: 'done', endedAt: e.at })) }),
  'speaker.skipped': (s, e) => ({ speakers: updateSpeaker(s, e.data.id, (r) => ({ ...r, status: 'skipped' })) }),
  'speaker.withdrawn': (s, e) => ({ speakers: updateSpeaker(s, e.data.id, (r) => ({ ...r, status: 'withdrawn' })) }),
  'speaker.closedOut': (s, e) => ({
    speakers: updateSpeaker(s, e.data.id, (r) => ({
      ...r, status: e.data.outcome, closeReason: e.data.reason, endedAt: r.status === 'speaking' ? e.at : r.endedAt,
    })),
  }),
};
