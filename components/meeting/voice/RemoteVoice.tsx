'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { STATEMENT_MAX, type VoiceFailure } from '@/lib/meeting/procedure/speakers/voice-model';
import type { SpeakRequest } from '@/lib/meeting/speaking-queue';
import type { MeetingConnection } from '../useMeeting';
import { failureOf, gathered, LevelMeter, newSession, useLevel, voiceSupported } from './rtc';

type Phase = 'asking' | 'connecting' | 'live' | 'failed';

/** Without an answer by then the hall is unreachable from here (blocked network, no projector open). */
const CONNECT_CAP_MS = 20_000;

/**
 * The remote member's side of their turn: the microphone to the hall's projector, browser to browser.
 * Mounted while they hold the floor; unmounting (the floor ended, given to someone else) stops it. The
 * facilitator's mute is obeyed here too, not only on the projector: a muted member sends nothing.
 */
export function RemoteVoice({ speaker, connection }: {
  speaker: SpeakRequest;
  connection: Pick<MeetingConnection, 'send' | 'sendSignal' | 'onSignal' | 'me'>;
}) {
  // Each attempt is a fresh microphone and connection; 再试一次 after a failure starts the next one.
  const [attempt, setAttempt] = useState(0);
  return <VoiceAttempt key={attempt} speaker={speaker} connection={connection} onRetry={() => setAttempt((n) => n + 1)} />;
}

function VoiceAttempt({ speaker, connection, onRetry }: {
  speaker: SpeakRequest;
  connection: Pick<MeetingConnection, 'send' | 'sendSignal' | 'onSignal' | 'me'>;
  onRetry: () => void;
}) {
  const t = useT();
  const { send, sendSignal, onSignal } = connection;
  const iceServers = connection.me?.iceServers;
  const [phase, setPhase] = useState<Phase>('asking');
  const [failure, setFailure] = useState<VoiceFailure | null>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [selfMuted, setSelfMuted] = useState(false);
  const { level } = useLevel(stream);
  const id = speaker.id;
  const mutedByHost = speaker.voice?.muted ?? false;
  const statementGiven = Boolean(speaker.voice?.statement);

  // Kept in refs: the signalling handlers outlive renders.
  const pcRef = useRef<RTCPeerConnection | null>(null);
  const sessionRef = useRef('');
  const reported = useRef(false);
  /** what the log was last told: the voice reaches the hall (started) or not (ended) */
  const liveRef = useRef(false);

  useEffect(() => {
    let stopped = false;
    let local: MediaStream | null = null;
    let cap: ReturnType<typeof setTimeout> | undefined;

    // The log hears of each change once: a connection that drops (the projector reloaded, the network
    // blinked) is `ended` until one connects again.
    const report = (live: boolean) => {
      if (liveRef.current === live) return;
      liveRef.current = live;
      void send('speaker.media', { id, state: live ? 'started' : 'ended' });
    };

    const fail = (reason: VoiceFailure) => {
      if (stopped) return;
      setFailure(reason);
      setPhase('failed');
      liveRef.current = false; // mediaFailed ends a live voice in the log
      pcRef.current?.close();
      if (!reported.current) {
        reported.current = true;
        void send('speaker.mediaFailed', { id, reason });
      }
    };

    async function offer() {
      if (!local || stopped) return;
      pcRef.current?.close();
      const pc = new RTCPeerConnection({ iceServers: iceServers ?? [] });
      pcRef.current = pc;
      const session = newSession();
      sessionRef.current = session;
      for (const track of local.getAudioTracks()) pc.addTrack(track, local);
      pc.addEventListener('connectionstatechange', () => {
        if (pcRef.current !== pc || stopped) return;
        if (pc.connectionState === 'connected') {
          clearTimeout(cap);
          setPhase('live');
          report(true);
        } else if (pc.connectionState === 'disconnected') {
          setPhase('connecting');
          report(false);
        } else if (pc.connectionState === 'failed') fail('connection-failed');
      });
      await pc.setLocalDescription(await pc.createOffer());
      await gathered(pc);
      if (pcRef.current !== pc || stopped) return;
      await sendSignal({ kind: 'offer', speakerId: id, session, sdp: pc.localDescription!.sdp });
    }

    const off = onSignal((signal) => {
      if (signal.speakerId !== id) return;
      if (signal.kind === 'ready') {
        if (local) void offer(); // before the microphone is ready: the offer follows it anyway
      } else if (signal.kind === 'answer' && signal.session === sessionRef.current) {
        void pcRef.current?.setRemoteDescription({ type: 'answer', sdp: signal.sdp }).catch(() => fail('connection-failed'));
      } else if (signal.kind === 'hangup' && signal.session === sessionRef.current) {
        pcRef.current?.close();
        setPhase('connecting');
      }
    });

    if (statementGiven) return () => { off(); };
    if (!voiceSupported()) {
      fail('unsupported');
      return () => { stopped = true; off(); };
    }
    navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } }).then((s) => {
      if (stopped) { s.getTracks().forEach((tr) => tr.stop()); return; }
      local = s;
      setStream(s);
      setPhase('connecting');
      cap = setTimeout(() => fail('connection-failed'), CONNECT_CAP_MS);
      // The projector may have asked already (it asks when the floor is given); otherwise offer now.
      void offer();
    }, (err: unknown) => fail(failureOf(err)));

    return () => {
      stopped = true;
      clearTimeout(cap);
      off();
      if (sessionRef.current) void sendSignal({ kind: 'hangup', speakerId: id, session: sessionRef.current });
      pcRef.current?.close();
      pcRef.current = null;
      local?.getTracks().forEach((tr) => tr.stop());
      setStream(null);
    };
    // One attempt per turn; a retry remounts (key).
  }, [id, statementGiven]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    for (const track of stream?.getAudioTracks() ?? []) track.enabled = !selfMuted && !mutedByHost;
  }, [stream, selfMuted, mutedByHost]);

  if (statementGiven) {
    return (
      <div className="space-y-2">
        <p className="text-xl font-semibold text-ink" role="status">{t('phone.voice.statementSent')}</p>
        <p className="whitespace-pre-wrap break-words rounded-xl bg-civic-50 p-3 text-xl text-ink">{speaker.voice?.statement}</p>
      </div>
    );
  }
  if (phase === 'failed' && failure) return <WrittenStatement id={id} failure={failure} send={send} onRetry={failure === 'unsupported' ? null : onRetry} />;

  return (
    <div className="space-y-3">
      <p className="text-2xl font-bold text-civic-800" role="status">
        {phase === 'asking' ? t('phone.voice.asking') : phase === 'connecting' ? t('phone.voice.connecting') : t('phone.voice.speaking')}
      </p>
      {stream ? <LevelMeter level={selfMuted || mutedByHost ? 0 : level} label={t('phone.voice.level')} /> : null}
      {mutedByHost ? <p role="alert" className="text-xl font-semibold text-accent-700">{t('phone.voice.mutedByHost')}</p> : null}
      {stream ? (
        <Button size="large" variant={selfMuted ? 'primary' : 'secondary'} className="w-full text-2xl" aria-pressed={selfMuted} onClick={() => setSelfMuted((m) => !m)}>
          {selfMuted ? t('phone.voice.unmute') : t('phone.voice.mute')}
        </Button>
      ) : null}
    </div>
  );
}

/** When the voice cannot reach the hall: why, plainly, and the turn in writing instead. */
function WrittenStatement({ id, failure, send, onRetry }: { id: string; failure: VoiceFailure; send: MeetingConnection['send']; onRetry: (() => void) | null }) {
  const t = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (busy || !text.trim()) return;
    setBusy(true);
    setError(false);
    const r = await send('speaker.statement', { id, text });
    setBusy(false);
    if (!r.ok) setError(true);
  }
  return (
    <form className="space-y-3" onSubmit={(e) => void submit(e)}>
      <p role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-3 text-xl font-semibold text-accent-900">
        {t(`meeting.voice.failure.${failure}`)}
      </p>
      {/* A refused permission can be allowed in the browser's settings, a network can come back: try again. */}
      {onRetry ? <Button variant="secondary" size="large" className="w-full text-2xl" onClick={onRetry}>{t('phone.voice.retry')}</Button> : null}
      <p className="text-lg text-ink">{t('phone.voice.writeInstead')}</p>
      <label htmlFor="voice-statement" className="block text-xl font-semibold text-ink">{t('phone.voice.statement')}</label>
      <textarea id="voice-statement" value={text} maxLength={STATEMENT_MAX} rows={4} onChange={(e) => setText(e.target.value)}
        className="block w-full rounded-xl border-2 border-ink/30 p-3 text-xl leading-snug focus:border-civic-800 focus:outline-none" />
      <Button size="large" type="submit" className="w-full text-2xl" disabled={busy || !text.trim()}>{t('phone.voice.statementSubmit')}</Button>
      {error ? <p role="alert" className="text-lg font-semibold text-accent-700">{t('phone.voice.statementFailed')}</p> : null}
    </form>
  );
}

/** Before the meeting: does the microphone work here? A level meter while the member speaks. */
export function MicTest() {
  const t = useT();
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [failure, setFailure] = useState<VoiceFailure | null>(null);
  const { level } = useLevel(stream);
  useEffect(() => () => stream?.getTracks().forEach((tr) => tr.stop()), [stream]);

  async function start() {
    setFailure(null);
    if (!voiceSupported()) return setFailure('unsupported');
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ audio: true }));
    } catch (err) {
      setFailure(failureOf(err));
    }
  }
  return (
    <div className="space-y-3">
      <p className="text-lg text-ink-muted">{t('phone.mic.hint')}</p>
      {stream ? <LevelMeter level={level} label={t('phone.voice.level')} /> : null}
      <Button size="large" variant="secondary" className="w-full" onClick={() => (stream ? setStream(null) : void start())}>
        {stream ? t('phone.mic.stop') : t('phone.mic.start')}
      </Button>
      {failure ? <p role="alert" className="text-lg font-semibold text-accent-700">{t(`meeting.voice.failure.${failure}`)}</p> : null}
    </div>
  );
}
