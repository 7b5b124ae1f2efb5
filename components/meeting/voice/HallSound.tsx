'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import type { MeetingConnection } from '../useMeeting';
import { gathered, LevelMeter, newSession, useLevel } from './rtc';

// The remote listener's side of the hall's sound; the projector's side is HallBroadcast.tsx.
type Hall = Pick<MeetingConnection, 'sendHall' | 'onHall' | 'me'>;

type ListenPhase = 'idle' | 'connecting' | 'live' | 'full' | 'failed';

/**
 * A remote member's side: hear the hall. Started by a tap (browsers play sound only after one), stopped
 * by a tap, by the facilitator turning the hall's sound off, or by leaving.
 */
export function HallListen({ connection, livestreamUrl }: { connection: Hall; livestreamUrl: string | null }) {
  const t = useT();
  const { sendHall, onHall } = connection;
  const [phase, setPhase] = useState<ListenPhase>('idle');
  const [stream, setStream] = useState<MediaStream | null>(null);
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const { level, resume } = useLevel(stream);

  useEffect(() => {
    if (phase !== 'connecting') return;
    if (typeof window.RTCPeerConnection !== 'function') { setPhase('failed'); return; }
    const session = newSession();
    let pc: RTCPeerConnection | null = null;
    let stopped = false;
    const off = onHall((signal) => {
      if (signal.session !== session) return;
      if (signal.kind === 'full') { setPhase('full'); return; }
      if (signal.kind === 'hangup') { pc?.close(); setStream(null); setPhase('idle'); return; }
      if (signal.kind !== 'offer') return;
      pc?.close();
      const mine = new RTCPeerConnection({ iceServers: connection.me?.iceServers ?? [] });
      pc = mine;
      mine.addEventListener('track', (e) => { if (pc === mine) { setStream(e.streams[0] ?? new MediaStream([e.track])); setPhase('live'); } });
      mine.addEventListener('connectionstatechange', () => { if (pc === mine && mine.connectionState === 'failed') setPhase('failed'); });
      void (async () => {
        await mine.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
        await mine.setLocalDescription(await mine.createAnswer());
        await gathered(mine);
        if (pc !== mine || stopped) return;
        await sendHall({ kind: 'answer', session, sdp: mine.localDescription!.sdp });
      })().catch(() => setPhase('failed'));
    });
    void sendHall({ kind: 'listen', session }).then((r) => { if (!r.ok && !stopped) setPhase('failed'); });
    return () => {
      stopped = true;
      off();
      if (pc) void sendHall({ kind: 'hangup', session });
      pc?.close();
      setStream(null);
    };
  }, [phase === 'connecting' || phase === 'live']); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    audio.srcObject = stream;
    if (stream) void audio.play().catch(() => { /* started by a tap: allowed; a refusal shows as silence */ });
  }, [stream]);

  const listening = phase === 'connecting' || phase === 'live';
  return (
    <div className="space-y-3">
      <audio ref={audioRef} autoPlay playsInline data-testid="hall-sound" />
      <p role="status" className="text-xl font-semibold text-ink">
        {phase === 'connecting' ? t('phone.hallSound.connecting') : phase === 'live' ? t('phone.hallSound.live') : ''}
      </p>
      {phase === 'live' ? <LevelMeter level={level} label={t('phone.hallSound.level')} /> : null}
      {phase === 'full' || phase === 'failed' ? (
        <p role="alert" className="text-lg font-semibold text-accent-700">
          {t(phase === 'full' ? 'phone.hallSound.full' : 'phone.hallSound.failed')}
          {livestreamUrl ? <> <a className="underline" href={livestreamUrl}>{t('phone.hallSound.livestream')}</a></> : null}
        </p>
      ) : null}
      <Button size="large" variant={listening ? 'secondary' : 'primary'} className="w-full text-2xl" aria-pressed={listening}
        onClick={() => { if (listening) setPhase('idle'); else { resume(); setPhase('connecting'); } }}>
        {listening ? t('phone.hallSound.stop') : t('phone.hallSound.start')}
      </Button>
    </div>
  );
}
