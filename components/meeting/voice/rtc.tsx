'use client';

import { useEffect, useState } from 'react';
import type { VoiceFailure } from '@/lib/meeting/procedure/speakers/voice-model';
import { meterLevel } from './level';

/**
 * The browser's side of a remote member's voice, on the platform alone (RTCPeerConnection, WebAudio).
 * WeChat's browser and older phones may lack either API: they are detected, never assumed, and such a
 * member writes a statement instead.
 */
export function voiceSupported(): boolean {
  return typeof window !== 'undefined' && typeof window.RTCPeerConnection === 'function'
    && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** What a refused getUserMedia means to the member and the facilitator. */
export function failureOf(err: unknown): VoiceFailure {
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'permission-denied';
  return 'no-microphone'; // NotFoundError, NotReadableError (in use elsewhere), OverconstrainedError
}

export function newSession(): string {
  return Math.random().toString(36).slice(2, 12);
}

/**
 * Waits until the connection has gathered its candidates (capped), so the offer or answer carries them
 * all: one signal each way instead of a trickle of candidates against the connection's message budget.
 * On a hall LAN host candidates come at once; STUN/TURN take a moment, and the cap bounds a dead server.
 */
export function gathered(pc: RTCPeerConnection, capMs = 4000): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { pc.removeEventListener('icegatheringstatechange', check); clearTimeout(timer); resolve(); };
    const check = () => { if (pc.iceGatheringState === 'complete') done(); };
    const timer = setTimeout(done, capMs);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

/** How often the meter reads the stream, in milliseconds. */
const READ_EVERY_MS = 150;

/**
 * The loudness of a stream, 0–1, for a meter (see meterLevel), read a few times a second. The analyser's
 * window (16384 samples: 170 ms even at 96 kHz) is longer than the time between readings, so no sound
 * falls between two of them. A suspended AudioContext (autoplay policy) reads silence until `resume`.
 */
export function useLevel(stream: MediaStream | null): { level: number; resume: () => void } {
  const [level, setLevel] = useState(0);
  const [ctx, setCtx] = useState<AudioContext | null>(null);
  useEffect(() => {
    if (!stream || typeof window.AudioContext !== 'function' || stream.getAudioTracks().length === 0) return;
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    analyser.fftSize = 16384;
    const source = audio.createMediaStreamSource(stream);
    source.connect(analyser);
    const buf = new Float32Array(analyser.fftSize);
    setCtx(audio);
    // A timer rather than requestAnimationFrame: the meter is read, not animated, and a hidden tab keeps it.
    let shown = 0;
    const id = setInterval(() => {
      analyser.getFloatTimeDomainData(buf);
      shown = meterLevel(buf, shown);
      setLevel(shown);
    }, READ_EVERY_MS);
    return () => { clearInterval(id); source.disconnect(); void audio.close(); setLevel(0); setCtx(null); };
  }, [stream]);
  return { level, resume: () => void ctx?.resume() };
}

/** A level meter: its label first (axe; a screen reader hears what it measures), the level as a bar. */
export function LevelMeter({ level, label, className = '' }: { level: number; label: string; className?: string }) {
  const pct = Math.round(level * 100);
  return (
    <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-level={level.toFixed(3)}
      className={`h-4 w-full overflow-hidden rounded-full bg-ink/10 ${className}`}>
      <div className="h-full rounded-full bg-ok-600 transition-[width] duration-150" style={{ width: `${pct}%` }} />
    </div>
  );
}
