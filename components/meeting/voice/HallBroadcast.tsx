'use client';

import { useEffect, useState } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import { HALL_LISTENERS_MAX, type VoiceFailure } from '@/lib/meeting/procedure/speakers/voice-model';
import type { MeetingState } from '@/lib/meeting/state';
import type { MeetingConnection } from '../useMeeting';
import { failureOf, gathered, LevelMeter, useLevel, voiceSupported } from './rtc';

// The hall's side of its sound, on the projector; the remote listener's side is HallSound.tsx (the
// phone's chunk carries only that one).
type Hall = Pick<MeetingConnection, 'sendHall' | 'onHall' | 'me'>;

/**
 * The projector's side of the hall's sound: while the facilitator has it on, the projector's microphone
 * goes to each remote member who listens, one connection each, up to HALL_LISTENERS_MAX (a listener
 * beyond it is told `full` and follows the livestream). Only the hall's projector (opened by staff: the
 * one told ICE servers) does this; a participant's projector view never asks for a microphone.
 */
export function useHallBroadcast(state: MeetingState | null, connection: Hall) {
  const { sendHall, onHall, me } = connection;
  const hallProjector = me?.role === 'projector' && me.iceServers !== undefined;
  const on = Boolean(hallProjector && state?.hallAudio && state.status === 'live');
  const [listeners, setListeners] = useState(0);
  const [failure, setFailure] = useState<VoiceFailure | null>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const { level } = useLevel(stream);

  useEffect(() => {
    if (!on) return;
    if (!voiceSupported()) { setFailure('unsupported'); return; }
    let stopped = false;
    let mic: MediaStream | null = null;
    const peers = new Map<string, { pc: RTCPeerConnection; session: string }>();
    const count = () => setListeners(peers.size);
    const drop = (seatId: string) => { peers.get(seatId)?.pc.close(); peers.delete(seatId); count(); };
    // Requests that arrive before the microphone is on wait for it.
    const waiting = new Map<string, string>();

    async function offerTo(seatId: string, session: string) {
      if (!mic || stopped) return;
      if (!peers.has(seatId) && peers.size >= HALL_LISTENERS_MAX) {
        void sendHall({ kind: 'full', seatId, session });
        return;
      }
      peers.get(seatId)?.pc.close(); // a listener who asks again (reloaded, reconnected) gets a fresh connection
      const pc = new RTCPeerConnection({ iceServers: me?.iceServers ?? [] });
      peers.set(seatId, { pc, session });
      count();
      for (const track of mic.getAudioTracks()) pc.addTrack(track, mic);
      pc.addEventListener('connectionstatechange', () => {
        if (peers.get(seatId)?.pc === pc && (pc.connectionState === 'failed' || pc.connectionState === 'closed')) drop(seatId);
      });
      await pc.setLocalDescription(await pc.createOffer());
      await gathered(pc);
      if (peers.get(seatId)?.pc !== pc || stopped) return;
      await sendHall({ kind: 'offer', seatId, session, sdp: pc.localDescription!.sdp });
    }

    const off = onHall((signal) => {
      const seatId = 'seatId' in signal ? signal.seatId : undefined;
      if (!seatId) return;
      if (signal.kind === 'listen') {
        if (mic) void offerTo(seatId, signal.session).catch(() => drop(seatId));
        else waiting.set(seatId, signal.session);
      } else if (signal.kind === 'answer') {
        const peer = peers.get(seatId);
        if (peer?.session === signal.session) void peer.pc.setRemoteDescription({ type: 'answer', sdp: signal.sdp }).catch(() => drop(seatId));
      } else if (signal.kind === 'hangup') {
        if (peers.get(seatId)?.session === signal.session) drop(seatId);
      }
    });

    // The hall's sound as people in the hall hear it: no noise suppression that would cut the room's
    // voices, but echo cancellation, so a remote speaker played through the hall is not sent back to them.
    navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: false, autoGainControl: true } }).then((s) => {
      if (stopped) { s.getTracks().forEach((tr) => tr.stop()); return; }
      mic = s;
      setStream(s);
      setFailure(null);
      for (const [seatId, session] of waiting) void offerTo(seatId, session).catch(() => drop(seatId));
      waiting.clear();
    }, (err: unknown) => setFailure(failureOf(err)));

    return () => {
      stopped = true;
      off();
      for (const { pc } of peers.values()) pc.close();
      peers.clear();
      mic?.getTracks().forEach((tr) => tr.stop());
      setStream(null);
      setListeners(0);
    };
  }, [on]); // eslint-disable-line react-hooks/exhaustive-deps

  return { on, listeners, failure: on ? failure : null, level: on ? level : 0 };
}

/** On the projector, small and out of the way: the hall is heard remotely, by how many, and its level. */
export function HallBroadcastBadge({ on, listeners, failure, level }: ReturnType<typeof useHallBroadcast>) {
  const t = useT();
  if (!on) return null;
  return (
    <div role="status" className="flex items-center gap-4 rounded-xl bg-civic-50 px-5 py-3 text-2xl font-semibold text-civic-900">
      <span className="whitespace-nowrap">{failure ? t(`meeting.voice.failure.${failure}`) : t('projector.hallSound.on', { count: listeners })}</span>
      {failure ? null : <LevelMeter level={level} label={t('projector.hallSound.level')} className="w-40" />}
    </div>
  );
}
