import type { MeetingState } from '../../state';
import type { SpeakRequest } from '../../speaking-queue';
import type { Reducers } from '../reduce';
import { noVoice, type VoiceState } from './voice-model';

function updateSpeaker(s: MeetingState, id: string, f: (r: SpeakRequest) => SpeakRequest): SpeakRequest[] {
  return s.speakers.map((r) => (r.id === id ? f(r) : r));
}

function updateVoice(s: MeetingState, id: string, f: (v: VoiceState) => Partial<VoiceState>): SpeakRequest[] {
  return updateSpeaker(s, id, (r) => ({ ...r, voice: { ...(r.voice ?? noVoice), ...f(r.voice ?? noVoice) } }));
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
  // A remote floor holder's voice: the turn's times stay those of the floor (granted → ended), so a
  // remote speech lasts in the record exactly as a hall speech does.
  'speaker.mediaStarted': (s, e) => ({ speakers: updateVoice(s, e.data.id, () => ({ media: 'live', failure: null })) }),
  'speaker.mediaEnded': (s, e) => ({ speakers: updateVoice(s, e.data.id, () => ({ media: 'ended' })) }),
  'speaker.muted': (s, e) => ({ speakers: updateVoice(s, e.data.id, () => ({ muted: true })) }),
  'speaker.unmuted': (s, e) => ({ speakers: updateVoice(s, e.data.id, () => ({ muted: false })) }),
  'speaker.mediaFailed': (s, e) => ({ speakers: updateVoice(s, e.data.id, (v) => ({ failure: e.data.reason, media: v.media === 'live' ? 'ended' : v.media })) }),
  'speaker.statement': (s, e) => ({ speakers: updateVoice(s, e.data.id, () => ({ statement: e.data.text, media: 'ended' })) }),
  'speaker.hallAudioOn': () => ({ hallAudio: true }),
  'speaker.hallAudioOff': () => ({ hallAudio: false }),
};
