'use client';

import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { CommandInput, CommandName } from '@/lib/meeting/commands';
import type { MeetingRole } from '@/lib/meeting/permissions';
import type { SeatHearing } from '@/lib/meeting/procedure/hearing/model';
import type { SeatOpenSpace } from '@/lib/meeting/procedure/openspace/model';
import type { SeatQuestions } from '@/lib/meeting/procedure/qa/model';
import type { HallSignal, VoiceSignal } from '@/lib/meeting/procedure/speakers/voice';
import { applyEvent, type MeetingEvent, type MeetingState } from '@/lib/meeting/state';
import type { ErrorPayload } from '@/lib/platform/errors';

/**
 * The live meeting as a client sees it: a snapshot plus the events after it, folded with the same
 * reducer the server uses. On reconnect the client says how far it had read and receives only what it
 * missed. Ballots tapped while offline are kept (also across a reload) and sent again with the same
 * idempotency key, so a retry returns the original receipt instead of counting twice.
 */
export type ConnectionState = 'connecting' | 'connected' | 'offline';
/** `staffEntered`: the polls in which the facilitator entered this member's ballot (poll.voteFor). */
export type Me = {
  role: MeetingRole; seatId: string | null; mode: 'hall' | 'remote' | null; name: string;
  receipts: Record<string, string>; staffEntered: string[];
  /** this seat's own questions and upvotes (lib/meeting/procedure/qa), told on connect */
  questions?: SeatQuestions;
  /** in an open space, this seat's own dots (lib/meeting/procedure/openspace), told on connect */
  openSpace?: SeatOpenSpace;
  /** in a hearing, this seat's application as it stands (lib/meeting/procedure/hearing) */
  hearing?: SeatHearing;
  /** STUN/TURN for a remote member's voice: told to remote members and the projector only */
  iceServers?: RTCIceServer[];
};
export type CommandOutcome = { ok: true; result: { seq: number; receipt?: string; duplicate?: boolean; seatId?: string; id?: string } } | { ok: false; error: ErrorPayload };
export type PendingBallot = { pollId: string; choices: string[]; idempotencyKey: string };

type Options = { meetingId?: string; participantToken?: string; view?: 'projector' };

/** Answers that decided nothing: the ballot stays kept and is sent again (same idempotency key). */
const RESEND_CODES = new Set(['INTERNAL', 'UNAVAILABLE', 'RATE_LIMITED']);
const pendingKey = (token: string) => `yishi:pending-ballots:${token.slice(0, 16)}`;

function readPending(token: string | undefined): PendingBallot[] {
  if (!token || typeof localStorage === 'undefined') return [];
  try {
    return JSON.parse(localStorage.getItem(pendingKey(token)) ?? '[]') as PendingBallot[];
  } catch {
    return [];
  }
}

export function useMeeting(opts: Options) {
  const [state, setState] = useState<MeetingState | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [fatal, setFatal] = useState<ErrorPayload | null>(null);
  const [pending, setPending] = useState<PendingBallot[]>(() => readPending(opts.participantToken));
  const [clockOffset, setClockOffset] = useState(0);
  const socketRef = useRef<Socket | null>(null);
  const signalListeners = useRef(new Set<(signal: VoiceSignal) => void>());
  const hallListeners = useRef(new Set<(signal: HallSignal) => void>());
  const stateRef = useRef<MeetingState | null>(null);

  // The first snapshot draws the whole meeting at once: as a transition, which React renders in slices
  // and yields between them, so an old phone's main thread is not held for hundreds of ms while the page
  // loads. Later states (events, a reconnect's snapshot) are drawn at once as before, so that a command's
  // answer never shows ahead of the event it caused.
  const commit = useCallback((next: MeetingState) => {
    const first = stateRef.current === null;
    stateRef.current = next;
    if (first) startTransition(() => setState(next));
    else setState(next);
  }, []);

  const savePending = useCallback((list: PendingBallot[]) => {
    setPending(list);
    if (opts.participantToken) localStorage.setItem(pendingKey(opts.participantToken), JSON.stringify(list));
  }, [opts.participantToken]);

  // The ballots this device kept offline, once the page knows whose device it is (the phone reads its
  // participant token from storage after the first render).
  useEffect(() => setPending(readPending(opts.participantToken)), [opts.participantToken]);

  useEffect(() => {
    // Nothing to connect with yet (the phone page before it has read its token).
    if (!opts.meetingId && !opts.participantToken) return;
    const socket = io({
      path: '/socket.io',
      transports: ['websocket', 'polling'],
      // Recomputed on every (re)connect so the server knows where this client left off.
      auth: (cb) => cb({ meetingId: opts.meetingId, participantToken: opts.participantToken, view: opts.view, lastSeq: stateRef.current?.seq ?? 0 }),
    });
    socketRef.current = socket;
    socket.on('voice:signal', (signal: VoiceSignal) => { for (const f of signalListeners.current) f(signal); });
    socket.on('voice:hall', (signal: HallSignal) => { for (const f of hallListeners.current) f(signal); });
    socket.on('connect', () => setConnection('connected'));
    socket.on('disconnect', () => setConnection('offline'));
    socket.io.on('reconnect_attempt', () => setConnection('connecting'));
    socket.on('connect_error', (err: Error & { data?: ErrorPayload }) => {
      setConnection('offline');
      // Credentials the server refuses will not start working by retrying.
      if (err.data && ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'].includes(err.data.code)) {
        setFatal(err.data);
        socket.disconnect();
      }
    });
    socket.on('meeting:me', (m: Me) => setMe({ ...m, staffEntered: m.staffEntered ?? [] }));
    // This seat's own questions, upvotes or dots changed (from this device or another of the same seat).
    socket.on('meeting:mine', (own: Pick<Me, 'questions' | 'openSpace' | 'hearing'>) => setMe((m) => (m ? { ...m, ...own } : m)));
    // The facilitator entered this member's ballot: the phone shows the receipt, and a ballot kept
    // offline for that poll is dropped (the server would refuse it as ALREADY_VOTED anyway).
    socket.on('meeting:receipt', (r: { pollId: string; receipt: string; staffEntered?: boolean }) => {
      setMe((m) => (m ? {
        ...m,
        receipts: { ...m.receipts, [r.pollId]: r.receipt },
        staffEntered: r.staffEntered && !m.staffEntered.includes(r.pollId) ? [...m.staffEntered, r.pollId] : m.staffEntered,
      } : m));
      savePending(readPending(opts.participantToken).filter((b) => b.pollId !== r.pollId));
    });
    socket.on('meeting:snapshot', (msg: { state: MeetingState; serverTime: string }) => {
      setClockOffset(Date.parse(msg.serverTime) - Date.now());
      commit(msg.state);
    });
    socket.on('meeting:events', (msg: { events: MeetingEvent[] }) => {
      let s = stateRef.current;
      if (!s) return;
      for (const e of msg.events) {
        if (e.seq <= s.seq) continue; // already applied (catch-up overlap)
        if (e.seq !== s.seq + 1) {
          // A gap means we missed something: ask for it rather than guess.
          socket.emit('meeting:sync', { sinceSeq: s.seq }, (r: { ok: boolean; events?: MeetingEvent[] }) => {
            if (!r.ok || !r.events) return;
            let cur = stateRef.current!;
            for (const ev of r.events) if (ev.seq === cur.seq + 1) cur = applyEvent(cur, ev);
            commit(cur);
          });
          break;
        }
        s = applyEvent(s, e);
      }
      commit(s);
    });
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, [opts.meetingId, opts.participantToken, opts.view, commit, savePending]);

  const send = useCallback(<C extends CommandName>(name: C, input: Partial<CommandInput<C>> = {}): Promise<CommandOutcome> => {
    const socket = socketRef.current;
    if (!socket || !socket.connected) {
      return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'offline' } });
    }
    return socket
      .timeout(10_000)
      .emitWithAck('meeting:command', { name, input })
      .catch(() => ({ ok: false, error: { code: 'INTERNAL', message: 'timeout' } }) as CommandOutcome);
  }, []);

  const relay = useCallback((event: 'voice:signal' | 'voice:hall', signal: VoiceSignal | HallSignal): Promise<{ ok: boolean; error?: ErrorPayload }> => {
    const socket = socketRef.current;
    if (!socket?.connected) return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'offline' } });
    return socket.timeout(10_000).emitWithAck(event, signal).catch(() => ({ ok: false, error: { code: 'INTERNAL', message: 'timeout' } }));
  }, []);
  /** WebRTC signalling for a remote member's voice (components/meeting/voice), relayed by the server. */
  const sendSignal = useCallback((signal: VoiceSignal) => relay('voice:signal', signal), [relay]);
  const onSignal = useCallback((f: (signal: VoiceSignal) => void) => {
    signalListeners.current.add(f);
    return () => { signalListeners.current.delete(f); };
  }, []);
  /** The hall's sound to remote listeners, the other way round (components/meeting/voice/HallSound.tsx). */
  const sendHall = useCallback((signal: HallSignal) => relay('voice:hall', signal), [relay]);
  const onHall = useCallback((f: (signal: HallSignal) => void) => {
    hallListeners.current.add(f);
    return () => { hallListeners.current.delete(f); };
  }, []);

  const markVoted = useCallback((pollId: string, receipt: string) => {
    setMe((m) => (m ? { ...m, receipts: { ...m.receipts, [pollId]: receipt } } : m));
  }, []);

  /** Cast a ballot; kept locally until the server acknowledges it, however long that takes. */
  const vote = useCallback(async (pollId: string, choices: string[]): Promise<CommandOutcome | null> => {
    const existing = readPending(opts.participantToken).find((b) => b.pollId === pollId);
    const ballot = existing ?? { pollId, choices, idempotencyKey: crypto.randomUUID?.() ?? `${Date.now()}-${Math.random()}` };
    if (!existing) savePending([...readPending(opts.participantToken), ballot]);
    if (!socketRef.current?.connected) return null; // sent on reconnect
    const r = await send('poll.vote', ballot);
    settle(ballot, r);
    return r;
  }, [opts.participantToken, send]); // eslint-disable-line react-hooks/exhaustive-deps

  function settle(ballot: PendingBallot, r: CommandOutcome) {
    // Keep the ballot when no decision was made — the network failed, the meeting's server was changing
    // over (UNAVAILABLE, several nodes), or the phone sent too fast; a definite answer ends it.
    if (!r.ok && RESEND_CODES.has(r.error.code)) return;
    savePending(readPending(opts.participantToken).filter((b) => b.idempotencyKey !== ballot.idempotencyKey));
    if (r.ok && r.result.receipt) markVoted(ballot.pollId, r.result.receipt);
  }

  // Flush ballots kept while offline as soon as the connection is back.
  useEffect(() => {
    if (connection !== 'connected') return;
    for (const ballot of readPending(opts.participantToken)) {
      void send('poll.vote', ballot).then((r) => settle(ballot, r));
    }
  }, [connection]); // eslint-disable-line react-hooks/exhaustive-deps

  // A ballot whose acknowledgement timed out on a live connection is tried again every 15 s until it
  // gets a definite answer; the idempotency key makes that safe.
  useEffect(() => {
    if (connection !== 'connected' || pending.length === 0) return;
    const id = setInterval(() => {
      for (const ballot of readPending(opts.participantToken)) void send('poll.vote', ballot).then((r) => settle(ballot, r));
    }, 15_000);
    return () => clearInterval(id);
  }, [connection, pending.length]); // eslint-disable-line react-hooks/exhaustive-deps

  return { state, me, connection, fatal, pending, send, vote, clockOffset, sendSignal, onSignal, sendHall, onHall };
}

export type MeetingConnection = ReturnType<typeof useMeeting>;
