'use client';

import { useEffect, useRef, useState } from 'react';
import { remoteFloor } from '@/lib/meeting/procedure/speakers/voice-model';
import type { MeetingState } from '@/lib/meeting/state';
import type { MeetingConnection } from '../useMeeting';
import { gathered, newSession, useLevel } from './rtc';

/**
 * The projector's side of a remote member's voice: it answers the floor holder's offer and plays the
 * voice through the hall's speakers (the projector's audio output). It asks for an offer (`ready`) when
 * it sees a remote floor holder, so a projector opened or reloaded mid-turn still gets the voice.
 * Browsers may refuse to play sound before someone touches the page: then `blocked` is true and the
 * staff press 启用声音 once (`enable`).
 */
export function useHallVoice(state: MeetingState | null, connection: Pick<MeetingConnection, 'sendSignal' | 'onSignal' | 'me'>) {
  const { sendSignal, onSignal } = connection;
  const iceServers = connection.me?.iceServers;
  const floor = state ? remoteFloor(state) : null;
  const speakerId = floor && !floor.voice?.statement ? floor.id : null;
  const muted = floor?.voice?.muted ?? false;
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [blocked, setBlocked] = useState(false);
  const { level, resume } = useLevel(stream);

  useEffect(() => {
    if (!speakerId || typeof window.RTCPeerConnection !== 'function') return;
    let pc: RTCPeerConnection | null = null;
    let stopped = false;
    const off = onSignal((signal) => {
      if (signal.speakerId !== speakerId) return;
      if (signal.kind === 'hangup') { pc?.close(); pc = null; setStream(null); return; }
      if (signal.kind !== 'offer') return;
      // A new offer (the member reconnected, or answered our `ready`) replaces the connection.
      pc?.close();
      const mine = new RTCPeerConnection({ iceServers: iceServers ?? [] });
      pc = mine;
      mine.addEventListener('track', (e) => { if (pc === mine) setStream(e.streams[0] ?? new MediaStream([e.track])); });
      void (async () => {
        await mine.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
        await mine.setLocalDescription(await mine.createAnswer());
        await gathered(mine);
        if (pc !== mine || stopped) return;
        await sendSignal({ kind: 'answer', speakerId, session: signal.session, sdp: mine.localDescription!.sdp });
      })().catch(() => { /* the member sees the connection fail and reports it */ });
    });
    // Ask a connected floor holder for an offer (it also offers by itself once its microphone is on).
    if (connection.me) void sendSignal({ kind: 'ready', speakerId, session: newSession() });
    return () => { stopped = true; off(); pc?.close(); setStream(null); };
  }, [speakerId, Boolean(connection.me)]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    audio.srcObject = stream;
    if (stream) audio.play().then(() => setBlocked(false), () => setBlocked(true));
  }, [stream]);

  useEffect(() => {
    if (audioRef.current) audioRef.current.muted = muted;
  }, [muted]);

  function enable() {
    resume();
    void audioRef.current?.play().then(() => setBlocked(false), () => setBlocked(true));
  }

  return { floor, live: Boolean(stream), level: muted ? 0 : level, blocked: blocked && Boolean(stream), enable, audioRef };
}
