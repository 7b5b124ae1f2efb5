import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { commandNames, commandSchemas, httpOnlyCommands, type Actor, type CommandName } from '../lib/meeting/commands';
import type { MeetingHub } from '../lib/meeting/hub';
import { meetingRoles, type MeetingRole } from '../lib/meeting/permissions';
import { connectionRateLimits } from '../lib/meeting/rate-limits';
import { ownersOf, projectEvent, projectSeat, projectState } from '../lib/meeting/projection';
import type { MeetingEvent } from '../lib/meeting/state';
import type { Db } from '../lib/platform/db/client';
import { AppError, parseOrThrow, toErrorPayload } from '../lib/platform/errors';
import { TokenBucket } from '../lib/platform/rate-limit';
import type { IceServer } from '../lib/platform/ice-servers';
import { HallSignal, hallSignalRoute, VoiceSignal, voiceSignalRoute } from '../lib/meeting/procedure/speakers/voice';
import { resolveMeetingIdentity, type MeetingIdentity } from './identity';

/**
 * Socket.IO adapter for live meetings. Each connection is bound to one meeting and one role at the
 * handshake; every command is validated (zod), authorised (lib/meeting/permissions through decide) and
 * passed to the hub. Events go out per role, through the projection, to a room per meeting and role.
 */
export const Handshake = z.object({
  meetingId: z.string().max(100).optional(),
  participantToken: z.string().max(200).optional(),
  view: z.enum(['projector']).optional(),
  lastSeq: z.number().int().min(0).optional(),
});

export const CommandMessage = z.strictObject({ name: z.enum(commandNames as [CommandName, ...CommandName[]]), input: z.unknown() });
export const SyncMessage = z.strictObject({ sinceSeq: z.number().int().min(0) });

/** The events a client may send; anything else with an ack is answered BAD_REQUEST. */
const CLIENT_EVENTS = new Set(['meeting:command', 'meeting:sync', 'voice:signal', 'voice:hall']);


const IMMEDIATE_ROLES = new Set<MeetingRole>(['facilitator', 'projector']);
const COALESCE_MS = 250;

/** How far back a reconnecting client may catch up by events before it simply gets a fresh snapshot. */
const MAX_CATCH_UP = 2000;

type SocketData = MeetingIdentity;

const room = (meetingId: string, role: MeetingRole, shard = 0) => `m:${meetingId}:${role}:${shard}`;
/** Every connection of one seat (a member may have the phone and a laptop open): for what is that seat's alone. */
const seatRoom = (meetingId: string, seatId: string) => `s:${meetingId}:${seatId}`;
/** The meeting's projectors opened by staff: the only ones a remote member's voice is offered to. */
const hallProjectorRoom = (meetingId: string) => `v:${meetingId}`;
// Coalesced roles are split into shards that are written in separate turns of the event loop: writing
// to a thousand sockets at once blocks it for ~100 ms on a small machine, and ballots would wait.
const SHARDS = 8;

/** Failed handshakes (no valid token or session) an address may make before it is refused at the upgrade. */
export const HANDSHAKE_FAILURES = { count: 30, perSeconds: 60 };

/** A connection over its budget is not read from for at least this long (see holdBack). */
const HOLD_BACK_MIN_MS = 1000;

export function attachMeetingSockets(io: Server, db: Db, hub: MeetingHub, opts: { onUnauthenticated?: (req: IncomingMessage) => void; iceServers?: IceServer[] } = {}) {
  io.use(async (socket, next) => {
    try {
      socket.data = await authenticate(db, hub, socket);
      next();
    } catch (err) {
      const payload = toErrorPayload(err);
      if (payload.code === 'UNAUTHENTICATED') opts.onUnauthenticated?.(socket.request);
      next(Object.assign(new Error(payload.message), { data: payload }));
    }
  });

  io.on('connection', async (socket: Socket) => {
    const { meetingId, role, actor } = socket.data as SocketData;
    const { messages, perSeconds } = connectionRateLimits[role];
    const auth = Handshake.safeParse(socket.handshake.auth);
    // A participant may open the projector's view with their token; only staff open the hall's projector.
    const staff = auth.success && !auth.data.participantToken;
    const inVoice = role === 'remote_member' || (role === 'projector' && staff);
    const budget = new TokenBucket({ burst: messages, perSecond: messages / perSeconds }, Date.now);

    /** Every message a client sends passes here: counted against its budget, then answered. */
    const handle = (answer: (raw: unknown) => Promise<unknown>) => async (raw: unknown, ack?: (r: unknown) => void) => {
      if (typeof ack !== 'function') return; // without an ack nothing can be confirmed: ignore it
      if (!budget.take(1)) {
        const ms = Math.max(budget.msUntil(1), HOLD_BACK_MIN_MS);
        holdBack(socket, ms);
        // Answered after the I/O already waiting (other connections' ballots), not before it.
        setImmediate(ack, { ok: false, error: toErrorPayload(new AppError('RATE_LIMITED', 'Too many messages from this connection; slow down', { retryAfterSec: Math.ceil(ms / 1000) })) });
        return;
      }
      try {
        ack(await answer(raw));
      } catch (err) {
        const error = toErrorPayload(err);
        if (error.code === 'INTERNAL') console.error('[socket] message failed', err);
        ack({ ok: false, error });
      }
    };

    // Handlers first, so a command sent the moment the connection opens is not lost.
    socket.on('meeting:command', handle(async (raw) => {
      const { name, input } = parseOrThrow(CommandMessage, raw);
      const parsed = parseOrThrow(commandSchemas[name], input);
      if (httpOnlyCommands.has(name)) throw new AppError('FORBIDDEN', 'This command is sent through the HTTP API', { command: name });
      return { ok: true, result: await hub.execute(meetingId, name, parsed as never, actor) };
    }));

    socket.on('meeting:sync', handle(async (raw) => {
      const { sinceSeq } = parseOrThrow(SyncMessage, raw);
      await hub.state(meetingId);
      const now = hub.loadedNow(meetingId)!;
      return { ok: true, events: now.eventsSince(sinceSeq).map((e) => projectEvent(e, now.state, role)) };
    }));

    // WebRTC signalling for a remote member's voice: relayed, never interpreted, between the remote floor
    // holder and this meeting's projector (voiceSignalRoute decides; rooms are per meeting). The audio
    // itself goes browser to browser. Counted against the same budget as every other message.
    socket.on('voice:signal', handle(async (raw) => {
      const signal = parseOrThrow(VoiceSignal, raw);
      const route = voiceSignalRoute(await hub.state(meetingId), { role, seatId: actor.seatId, staff }, signal);
      socket.to(route.to === 'projector' ? hallProjectorRoom(meetingId) : seatRoom(meetingId, route.seatId)).emit('voice:signal', signal);
      return { ok: true };
    }));

    // The hall's sound to remote listeners, the other way round: the projector offers, each listener
    // answers. What goes to the projector carries the sender's own seat, stamped here.
    socket.on('voice:hall', handle(async (raw) => {
      const signal = parseOrThrow(HallSignal, raw);
      const route = hallSignalRoute(await hub.state(meetingId), { role, seatId: actor.seatId, staff }, signal);
      if (route.to === 'projector') socket.to(hallProjectorRoom(meetingId)).emit('voice:hall', { ...signal, seatId: route.from });
      else socket.to(seatRoom(meetingId, route.seatId)).emit('voice:hall', signal);
      return { ok: true };
    }));

    socket.onAny((event: string, ...args: unknown[]) => {
      if (CLIENT_EVENTS.has(event)) return;
      const ack = args.at(-1);
      void handle(async () => {
        throw new AppError('BAD_REQUEST', 'Unknown event', { event: String(event).slice(0, 100), known: [...CLIENT_EVENTS] });
      })(undefined, typeof ack === 'function' ? (ack as (r: unknown) => void) : undefined);
    });

    await socket.join(room(meetingId, role, IMMEDIATE_ROLES.has(role) ? 0 : Math.floor(Math.random() * SHARDS)));
    if (actor.seatId) await socket.join(seatRoom(meetingId, actor.seatId));
    if (role === 'projector' && staff) await socket.join(hallProjectorRoom(meetingId));
    await sendInitial(socket, hub, meetingId, role, actor, auth.success ? auth.data.lastSeq : undefined, inVoice ? opts.iceServers ?? [] : undefined);
  });

  // Every node sends the events to its own connections (io.local), from its own copy of the meeting, in
  // the same turn as it applies them: a snapshot and the events after it never cross (docs/scaling.md).
  // The projector and the facilitator see every event at once. Phones and remote browsers get the same
  // events, in order, but coalesced under load: 1,000 ballots in ten seconds would otherwise be a
  // million messages to phones that only need "N voted" a few times a second. When it is quiet the
  // first event of a window goes out at once.
  const buffers = new Map<string, { events: MeetingEvent[]; timer: NodeJS.Timeout | null; lastFlush: number }>();
  const flush = (key: string) => {
    const b = buffers.get(key);
    if (!b) return;
    b.timer = null;
    b.lastFlush = Date.now();
    if (!b.events.length) return;
    const payload = { events: b.events.splice(0) };
    const writeShard = (shard: number) => {
      io.local.to(`${key}:${shard}`).emit('meeting:events', payload);
      if (shard + 1 < SHARDS) setImmediate(writeShard, shard + 1);
    };
    writeShard(0);
  };
  hub.onApplied((meetingId, events, state) => {
    // A ballot the facilitator entered for a member (poll.voteFor) is told to that member's own devices
    // at once — their receipt — so a phone never offers a vote that is already cast. Nobody else gets it.
    for (const e of events) {
      if (e.type !== 'poll.ballot' || !e.data.staffEntered || !e.data.seatId) continue;
      const { pollId, seatId } = e.data;
      void hub.receiptsOf(meetingId, seatId).then((receipts) => {
        if (receipts[pollId]) io.local.to(seatRoom(meetingId, seatId)).emit('meeting:receipt', { pollId, receipt: receipts[pollId], staffEntered: true });
      }).catch((err: unknown) => console.error('[socket] could not tell a member of a ballot staff entered', err));
    }
    // A seat's own doings that no role sees (its questions, upvotes, dots) reach its other devices at once.
    for (const seatId of new Set(events.flatMap(ownersOf))) io.local.to(seatRoom(meetingId, seatId)).emit('meeting:mine', projectSeat(state, seatId));
    for (const role of meetingRoles) {
      const projected = events.map((e) => projectEvent(e, state, role));
      if (IMMEDIATE_ROLES.has(role)) {
        io.local.to(room(meetingId, role)).emit('meeting:events', { events: projected });
        continue;
      }
      const key = `m:${meetingId}:${role}`;
      let b = buffers.get(key);
      if (!b) buffers.set(key, (b = { events: [], timer: null, lastFlush: 0 }));
      b.events.push(...projected);
      if (b.timer) continue;
      const wait = b.lastFlush + COALESCE_MS - Date.now();
      if (wait <= 0) flush(key);
      else b.timer = setTimeout(flush, wait, key);
    }
  });
}

/**
 * A connection over its budget is not read from for a while (its next token, at least a second): what it
 * sends meanwhile waits in its own TCP buffers instead of costing the server a decode and an answer each
 * (a flood of 10,000 commands otherwise kept the event loop busy answering RATE_LIMITED while honest
 * ballots waited). Over WebSocket only, through ws's pause/resume; a long-polling connection is answered
 * message by message.
 */
function holdBack(socket: Socket, ms: number) {
  const ws = (socket.conn.transport as unknown as { socket?: { pause?: () => void; resume?: () => void; isPaused?: boolean } }).socket;
  if (!ws?.pause || !ws.resume || ws.isPaused) return;
  ws.pause();
  setTimeout(() => ws.resume!(), ms).unref();
}

async function sendInitial(socket: Socket, hub: MeetingHub, meetingId: string, role: MeetingRole, actor: Actor, lastSeq: number | undefined, iceServers: IceServer[] | undefined) {
  await hub.state(meetingId);
  const receipts = actor.seatId ? await hub.receiptsOf(meetingId, actor.seatId) : {};
  // From here to the emit nothing awaits: the state sent is exactly the one the room's events follow.
  const { state, eventsSince } = hub.loadedNow(meetingId)!;
  const staffEntered = actor.seatId ? state.polls.filter((p) => p.staffEnteredSeatIds.includes(actor.seatId!)).map((p) => p.id) : [];
  // A seat's own doings that no role sees (its anonymous questions, its upvotes) go to its own connections only.
  const own = actor.seatId ? projectSeat(state, actor.seatId) : {};
  socket.emit('meeting:me', { role, seatId: actor.seatId, mode: actor.mode, name: actor.label, receipts, staffEntered, ...own, ...(iceServers ? { iceServers } : {}) });
  // A client that reconnects says how far it had read; it gets just the events it missed.
  if (lastSeq !== undefined && lastSeq > 0 && lastSeq <= state.seq && state.seq - lastSeq <= MAX_CATCH_UP) {
    socket.emit('meeting:events', { events: eventsSince(lastSeq).map((e) => projectEvent(e, state, role)), catchUp: true });
  } else {
    socket.emit('meeting:snapshot', { state: projectState(state, role, actor.seatId ?? null), serverTime: new Date().toISOString() });
  }
}

async function authenticate(db: Db, hub: MeetingHub, socket: Socket): Promise<SocketData> {
  const hs = parseOrThrow(Handshake, socket.handshake.auth ?? {});
  return resolveMeetingIdentity(db, hub, {
    participantToken: hs.participantToken, meetingId: hs.meetingId, view: hs.view, cookieHeader: socket.handshake.headers.cookie,
  });
}
