import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { refusedContent } from './content';
import { TokenBucket } from '../../platform/rate-limit';
import { DEFAULT_LIMITS, maxMessageBytes, peekMessageKind, type CollabLimits, type MessageKind } from './limits';
import { CloseCode, MessageType } from './protocol';

/**
 * The collaboration core: Yjs documents shared by connections that speak the y-websocket protocol.
 * It knows no transport (a connection is `send` + `close`), no database (a document is loaded and its
 * updates stored through hooks) and no message bus (other server nodes are reached through a relay), so
 * the ws adapter, an in-memory test pair and the Redis relay (server/cluster/collab-relay.ts) drive the
 * same code.
 *
 * Invariants:
 * - Store before share. Every update a client sends is stored (the hook is awaited) before it is applied
 *   to the shared document, and so before anybody else receives it: an edit the server has broadcast
 *   survives a crash a moment later. The shared document therefore only ever holds stored content, and
 *   anything sent from it (sync step 2 to a new client) is durable too.
 * - Order. Writes to one document go through one queue, stored and applied in the order they arrived.
 *   Consecutive client updates waiting while a store is in flight are merged and stored as one.
 * - Read-only connections receive everything but change nothing: an update they send is not applied,
 *   stored or broadcast, and is answered with a y-protocols auth "permission denied" message.
 * - Locked is final. Once `lock(name)` is called (the meeting closed), every writer of that document is
 *   closed with 4423 at once and no writer is admitted any more: nothing a client sends from then on is
 *   applied. Updates that arrived before the lock are still stored and applied in order, before any
 *   later system write (so they are in the record, which is built after a system write).
 * - Refused before read. Every message is measured against its role's caps and rate (limits.ts) and
 *   sorted by its first varints before any Yjs payload is decoded; a read-only connection's sync step 2
 *   and updates are never decoded at all. A writer's update is decoded (bounded by the writers' cap) and
 *   refused whole if it adds what the document may not hold (content.ts) or grows it beyond its cap —
 *   before it is stored, so a refused update is neither stored nor broadcast.
 * - Across nodes (with a relay). An update is published to the other nodes only after it was stored and
 *   applied here, so every node's document, too, holds only stored content. An update heard from another
 *   node was stored there: it is applied (through the write queue, in order with this node's writes) and
 *   sent to this node's connections, but neither stored nor published again, nor held to the clients'
 *   limits (it passed them where it came from) nor to the lock (it was stored before its node locked).
 *   A document is subscribed to before it is read from storage, so nothing stored after the read goes
 *   unheard. Relaying costs no durability: a lost message only delays what others see, and a relay that
 *   may have lost messages says so (`missed`), after which the document catches up from storage. So
 *   does a relayed update that builds on one this node never heard (its node died between storing and
 *   publishing that one).
 */
export type CollabHooks = {
  /** The stored state of a document (any Yjs update), or null if it has none yet. */
  loadDocument(name: string): Promise<Uint8Array | null>;
  /** Stores an update durably. Resolving means it survives a crash. */
  storeUpdate(name: string, update: Uint8Array): Promise<void>;
  /**
   * After a client's update was stored and applied (e.g. to restore server-owned content) — here, or on
   * another node and heard through the relay.
   */
  afterClientUpdate?(name: string, doc: Y.Doc, update: Uint8Array): void;
  /** After an idle document was freed from memory, or on close (e.g. to compact its storage). */
  documentUnloaded?(name: string): Promise<void>;
};

/**
 * What one node tells the others about a document: an update it stored and applied, or the awareness
 * (cursors, who is editing) of its own connections, as y-protocols encodes it, removals included.
 */
export type RelayMessage = { kind: 'update' | 'awareness'; bytes: Uint8Array };

export type RelayListener = {
  /** A message published by another node (never one of this node's own). */
  message(m: RelayMessage): void;
  /** Messages may have been lost (the relay's connection dropped and is back): catch up from storage. */
  missed(): void;
};

/**
 * How several server nodes share their documents. Fire and forget: every relayed update was stored
 * before it was published, so a lost message costs what others see for a while, never what is stored.
 */
export type CollabRelay = {
  /** To every other node subscribed to `doc`, in the order this node published. */
  publish(doc: string, message: RelayMessage): void;
  /** Resolves once what other nodes publish from now on will be heard; the function returned stops it. */
  subscribe(doc: string, listener: RelayListener): Promise<() => void>;
};

/** `reason` is always short ASCII (a websocket close reason holds at most 123 bytes). */
export type CollabConnection = { send(bytes: Uint8Array): void; close(code: number, reason: string): void };
export type ConnectOptions = { readOnly: boolean; user: { name: string } };
export type CollabSession = {
  receive(bytes: Uint8Array): void;
  /** The transport refused a message over the role's cap before reading it (and closes with 1009). */
  refusedTooBig(): void;
  closed(): void;
};
export type CollabServerOptions = {
  /** The root types clients may write (the editor's fragment); an update touching any other is refused. */
  roots: readonly string[];
  /** Caps and rates (default: limits.ts); tests lower them. */
  limits?: Partial<CollabLimits>;
  /** Free a document this long after its last connection closed (default 30 s). */
  unloadAfterMs?: number;
  onError?: (message: string, err: unknown) => void;
  /** The clock of the rate limits (tests). */
  now?: () => number;
  /** The other server nodes hosting the same documents (none: this process is the only one). */
  relay?: CollabRelay;
};

/** Why connections were closed or updates refused, counted since start (for health checks and benchmarks). */
type Refusals = { tooBig: number; flood: number; readOnlyUpdate: number; content: number; locked: number };

/** The close reason of a writer refused because the document is locked (short ASCII). */
const LOCKED_REASON = 'the meeting is closed: the minutes are locked';

/** The origin of changes the server makes itself (facts written into the minutes). */
export const SYSTEM_ORIGIN = 'system';

/** The origin of updates and awareness heard from other nodes through the relay. */
export const RELAY_ORIGIN = 'relay';

type Session = {
  conn: CollabConnection;
  readOnly: boolean;
  user: { name: string };
  open: boolean;
  room: Room | null;
  /** Messages that arrived while the document was loading. */
  early: Uint8Array[];
  /** Awareness client ids this connection has announced, removed when it closes. */
  clientIds: Set<number>;
  rate: { messages: TokenBucket; bytes: TokenBucket; stateRequests: TokenBucket };
};

type Write =
  | { kind: 'client'; update: Uint8Array; session: Session }
  | { kind: 'system'; change: (doc: Y.Doc) => void; resolve(): void; reject(err: unknown): void }
  /** Stored by another node: applied, not stored. */
  | { kind: 'relayed'; update: Uint8Array }
  /**
   * The relay may have lost messages, or a relayed update builds on one this node lacks: apply what
   * storage holds (only what is missing changes anything).
   */
  | { kind: 'catchUp' };

/** What the relay delivers to a document. */
type Heard = RelayMessage | 'missed';

type Room = {
  name: string;
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  sessions: Set<Session>;
  queue: Write[];
  writing: boolean;
  drained: (() => void)[];
  unloadTimer: ReturnType<typeof setTimeout> | null;
  unloaded: boolean;
  /**
   * An upper bound of the encoded document's size: exact when measured, plus every update applied since
   * (an update never grows the merged state by more than its own length, give or take a few bytes).
   * Measured again (O(document)) only when the bound says the cap is near.
   */
  sizeBound: number;
  /** Bytes of client updates accepted but not yet stored and applied. */
  queuedBytes: number;
  /** Stops hearing other nodes about this document (null without a relay). */
  unsubscribe: (() => void) | null;
};

export class CollabServer {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly unloadAfterMs: number;
  private readonly onError: (message: string, err: unknown) => void;
  private readonly roots: ReadonlySet<string>;
  private readonly limits: CollabLimits;
  private readonly now: () => number;
  private readonly refusals: Refusals = { tooBig: 0, flood: 0, readOnlyUpdate: 0, content: 0, locked: 0 };
  private readonly relay: CollabRelay | null;
  /** Messages published to (`out`) and heard from (`in`) other nodes. */
  private readonly relayed = { in: 0, out: 0 };
  /** Documents no client may write any more (`lock`). */
  private readonly locked = new Set<string>();
  /** Loaded documents by name, for what must happen synchronously (`lock`). */
  private readonly loaded = new Map<string, Room>();
  private closing = false;

  constructor(private readonly hooks: CollabHooks, opts: CollabServerOptions) {
    this.unloadAfterMs = opts.unloadAfterMs ?? 30_000;
    this.onError = opts.onError ?? ((message, err) => console.error(`[collab] ${message}`, err));
    this.roots = new Set(opts.roots);
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.now = opts.now ?? Date.now;
    this.relay = opts.relay ?? null;
  }

  /** Binds a connection to a document. Authorisation (and so `readOnly`) is the caller's decision. */
  connect(docName: string, conn: CollabConnection, opts: ConnectOptions): CollabSession {
    const rate = opts.readOnly ? this.limits.rate.readOnly : this.limits.rate.write;
    const session: Session = {
      conn, readOnly: opts.readOnly, user: opts.user, open: true, room: null, early: [], clientIds: new Set(),
      rate: {
        messages: new TokenBucket(rate.messages, this.now),
        bytes: new TokenBucket(rate.bytes, this.now),
        stateRequests: new TokenBucket(rate.stateRequests, this.now),
      },
    };
    if (this.closing) {
      conn.close(CloseCode.GoingAway, 'server shutting down');
      session.open = false;
    } else if (!opts.readOnly && this.locked.has(docName)) {
      this.refusals.locked++;
      conn.close(CloseCode.Locked, LOCKED_REASON);
      session.open = false;
    } else {
      this.room(docName).then(
        (room) => this.attach(room, session),
        (err) => {
          this.onError(`could not load ${docName}`, err);
          this.closeSession(session, CloseCode.InternalError, 'document could not be loaded');
        },
      );
    }
    return {
      receive: (bytes) => {
        if (!session.open) return;
        const kind = this.admit(session, bytes);
        if (!kind) return;
        if (!session.room) session.early.push(bytes);
        else this.handle(session.room, session, bytes, kind);
      },
      refusedTooBig: () => void this.refuse(session, 'tooBig', CloseCode.MessageTooBig, 'message too big'),
      closed: () => this.detach(session),
    };
  }

  /**
   * The live shared document, loaded once (concurrent callers share the load). Read it freely; change
   * it only through `transactAsSystem`, or the change would be broadcast without being stored.
   */
  async document(name: string): Promise<Y.Doc> {
    const room = await this.room(name);
    this.scheduleUnload(room);
    return room.doc;
  }

  /**
   * A change made by the server (origin 'system'), stored and broadcast like any client update, in
   * order with them. `change` runs on a working copy of the document as it stands after every earlier
   * write (keep no reference to it); what it changes becomes one update. Rejects if `change` throws
   * or the update cannot be stored; then nothing was applied.
   */
  async transactAsSystem(name: string, change: (doc: Y.Doc) => void): Promise<void> {
    const room = await this.room(name);
    await new Promise<void>((resolve, reject) => this.enqueue(room, { kind: 'system', change, resolve, reject }));
  }

  /**
   * No client writes this document any more (the meeting closed). Synchronous: writers are closed with
   * 4423 before this returns, so no message they send afterwards is read. Readers stay; the server's
   * own writes (`transactAsSystem`) go on, and so do updates heard from other nodes (each node locks its
   * own writers; what another node stored before it locked is part of the minutes).
   */
  lock(name: string): void {
    this.locked.add(name);
    const room = this.loaded.get(name);
    if (!room) return;
    for (const s of [...room.sessions]) if (!s.readOnly) this.refuse(s, 'locked', CloseCode.Locked, LOCKED_REASON);
  }

  /** Closes every connection (clients will reconnect), waits for pending writes, frees the documents. */
  async close(): Promise<void> {
    this.closing = true;
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    await Promise.all(
      rooms.map(async (r) => {
        if (r.status !== 'fulfilled') return;
        const room = r.value;
        for (const s of [...room.sessions]) this.closeSession(s, CloseCode.GoingAway, 'server shutting down');
        await this.drained(room);
        await this.unload(room);
      }),
    );
  }

  /** Numbers for health checks and benchmarks. */
  stats() {
    return { documents: this.rooms.size, refused: { ...this.refusals }, relayed: { ...this.relayed } };
  }

  // ── Documents ───────────────────────────────────────────────────────────────────────────────

  private room(name: string): Promise<Room> {
    let loading = this.rooms.get(name);
    if (!loading) {
      loading = this.load(name);
      this.rooms.set(name, loading);
      // A failed load is not cached: the next connection tries again.
      loading.catch(() => {
        if (this.rooms.get(name) === loading) this.rooms.delete(name);
      });
    }
    return loading;
  }

  private async load(name: string): Promise<Room> {
    // Subscribed before the stored state is read: whatever another node stores after the read is heard.
    // What is heard during the read waits for the document; what the read already held is applied twice,
    // which changes nothing (Yjs updates are idempotent).
    let loaded: Room | null = null;
    const early: Heard[] = [];
    const heard = (h: Heard) => {
      if (h !== 'missed') this.relayed.in++;
      if (loaded) this.hear(loaded, h);
      else early.push(h);
    };
    const unsubscribe = this.relay ? await this.relay.subscribe(name, { message: heard, missed: () => heard('missed') }) : null;
    let stored: Uint8Array | null;
    try {
      stored = await this.hooks.loadDocument(name);
    } catch (err) {
      unsubscribe?.();
      throw err;
    }
    const doc = new Y.Doc();
    if (stored && stored.length) Y.applyUpdate(doc, stored);
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState(null); // the server itself has no cursor
    const room: Room = {
      name, doc, awareness, sessions: new Set(), queue: [], writing: false, drained: [], unloadTimer: null, unloaded: false,
      sizeBound: stored?.length ?? 0, queuedBytes: 0, unsubscribe,
    };
    this.loaded.set(name, room);

    doc.on('update', (update: Uint8Array, origin: unknown) => {
      room.sizeBound += update.length;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Sync);
      syncProtocol.writeUpdate(encoder, update);
      const message = encoding.toUint8Array(encoder);
      // The author already has it.
      for (const s of room.sessions) if (s !== origin) this.send(s, message);
    });

    // Origins: a session of this node (what it sent, or its removal when it closed), or a string —
    // RELAY_ORIGIN (another node's connections), y-protocols' 'timeout' (a client silent for 30 s) and
    // 'local' (the server's own state, always empty).
    awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      const author = typeof origin === 'object' && origin !== null ? (origin as Session) : null;
      if (author && room.sessions.has(author)) {
        for (const id of added) author.clientIds.add(id);
        for (const id of removed) author.clientIds.delete(id);
        // Names shown next to cursors are the authenticated ones, not what a client claims.
        for (const id of [...added, ...updated]) {
          const state = awareness.getStates().get(id);
          if (state?.user && typeof state.user === 'object' && state.user.name !== author.user.name) {
            awareness.getStates().set(id, { ...state, user: { ...state.user, name: author.user.name } });
          }
        }
      }
      const update = awarenessProtocol.encodeAwarenessUpdate(awareness, changed);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.Awareness);
      encoding.writeVarUint8Array(encoder, update);
      const message = encoding.toUint8Array(encoder);
      for (const s of room.sessions) if (s !== author) this.send(s, message);
      // Only this node's own clients, with the names corrected above. Each node times out silent clients
      // by itself: it hears their renewals (every 15 s) like any other change, and stops hearing them
      // when their node dies.
      if (author) this.publish(room, { kind: 'awareness', bytes: update });
    });
    loaded = room;
    for (const h of early.splice(0)) this.hear(room, h);
    return room;
  }

  /** A message from another node, or word that some may have been lost. */
  private hear(room: Room, heard: Heard) {
    if (room.unloaded) return;
    if (heard === 'missed') return this.enqueue(room, { kind: 'catchUp' });
    if (heard.kind === 'update') return this.enqueue(room, { kind: 'relayed', update: heard.bytes });
    // Cursors are not part of the document: applied at once, like this node's clients' own.
    try {
      awarenessProtocol.applyAwarenessUpdate(room.awareness, heard.bytes, RELAY_ORIGIN);
    } catch (err) {
      this.onError(`could not apply relayed awareness of ${room.name}`, err);
    }
  }

  /** To the other nodes (after it was stored, for an update). */
  private publish(room: Room, message: RelayMessage) {
    if (!this.relay) return;
    this.relayed.out++;
    try {
      this.relay.publish(room.name, message);
    } catch (err) {
      this.onError(`could not relay ${message.kind} of ${room.name}`, err);
    }
  }

  private scheduleUnload(room: Room) {
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    room.unloadTimer = null;
    if (room.sessions.size || room.writing || room.queue.length || room.unloaded) return;
    room.unloadTimer = setTimeout(() => {
      room.unloadTimer = null;
      if (room.sessions.size || room.writing || room.queue.length) return;
      void this.unload(room);
    }, this.unloadAfterMs);
    room.unloadTimer.unref?.();
  }

  private async unload(room: Room) {
    if (room.unloaded) return;
    room.unloaded = true;
    if (room.unloadTimer) clearTimeout(room.unloadTimer);
    if (this.loaded.get(room.name) === room) this.loaded.delete(room.name);
    // Removed first: a connection arriving now loads a fresh copy from storage, which holds everything.
    const current = this.rooms.get(room.name);
    if (current && (await current) === room) this.rooms.delete(room.name);
    try {
      room.unsubscribe?.();
    } catch (err) {
      this.onError(`could not unsubscribe from ${room.name}`, err);
    }
    room.awareness.destroy();
    room.doc.destroy();
    try {
      await this.hooks.documentUnloaded?.(room.name);
    } catch (err) {
      this.onError(`after unloading ${room.name}`, err);
    }
  }

  // ── Connections ─────────────────────────────────────────────────────────────────────────────

  private attach(room: Room, session: Session) {
    if (!session.open) return this.scheduleUnload(room);
    if (room.unloaded) {
      // Freed while this connection waited for it: load again.
      return void this.room(room.name).then((r) => this.attach(r, session), () => this.closeSession(session, CloseCode.InternalError, 'document could not be loaded'));
    }
    // Locked while this writer waited for the document.
    if (!session.readOnly && this.locked.has(room.name)) return void this.refuse(session, 'locked', CloseCode.Locked, LOCKED_REASON);
    session.room = room;
    room.sessions.add(session);
    this.scheduleUnload(room);

    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep1(encoder, room.doc);
    this.send(session, encoding.toUint8Array(encoder));
    const states = room.awareness.getStates();
    if (states.size) this.send(session, this.awarenessMessage(room, [...states.keys()]));

    // Admitted when they arrived; their kind is read again (two varints) rather than kept beside them.
    for (const bytes of session.early.splice(0)) if (session.open) this.handle(room, session, bytes, peekMessageKind(bytes)!);
  }

  private detach(session: Session) {
    session.open = false;
    const room = session.room;
    if (!room || !room.sessions.delete(session)) return;
    if (session.clientIds.size && !room.unloaded) {
      // Origin: the session, so the removal is relayed like its own messages.
      awarenessProtocol.removeAwarenessStates(room.awareness, [...session.clientIds], session);
    }
    this.scheduleUnload(room);
  }

  private send(session: Session, bytes: Uint8Array) {
    if (!session.open) return;
    try {
      session.conn.send(bytes);
    } catch (err) {
      this.onError('send failed', err);
      this.closeSession(session, CloseCode.InternalError, 'send failed');
    }
  }

  private closeSession(session: Session, code: number, reason: string) {
    if (!session.open) return;
    try {
      session.conn.close(code, reason);
    } catch {
      // already gone
    }
    this.detach(session);
  }

  private awarenessMessage(room: Room, clientIds: number[]) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(room.awareness, clientIds));
    return encoding.toUint8Array(encoder);
  }

  /**
   * The checks every message passes before it is buffered or read: its size against the role's cap, the
   * connection's rate, its kind (two varints) and that kind's cap. A read-only connection's sync step 2
   * and updates end here too, undecoded. Returns the kind of a message to handle, or null.
   */
  private admit(session: Session, bytes: Uint8Array): MessageKind | null {
    const caps = session.readOnly ? this.limits.readOnly : this.limits.write;
    if (bytes.length > maxMessageBytes(caps)) return this.refuse(session, 'tooBig', CloseCode.MessageTooBig, 'message too big');
    // Bytes are taken only with the message: a flood closes on whichever runs out first.
    if (!session.rate.messages.take(1) || !session.rate.bytes.take(bytes.length)) {
      return this.refuse(session, 'flood', CloseCode.TooManyMessages, 'too many messages');
    }
    const kind = peekMessageKind(bytes);
    if (!kind) {
      this.onError('malformed message', new Error(`unknown message type ${bytes[0]}/${bytes[1]}`));
      this.closeSession(session, CloseCode.BadRequest, 'malformed message');
      return null;
    }
    if (bytes.length > caps[kind]) return this.refuse(session, 'tooBig', CloseCode.MessageTooBig, `${kind} too big`);
    if ((kind === 'syncStep1' || kind === 'queryAwareness') && !session.rate.stateRequests.take(1)) {
      return this.refuse(session, 'flood', CloseCode.TooManyMessages, 'too many state requests');
    }
    if (!session.readOnly) return kind;
    switch (kind) {
      case 'syncStep2':
        // A follower's answer to the server's step 1: what it holds beyond the server's state, which is
        // nothing unless it edited (and then it is refused anyway). The server has nothing to learn from
        // it, so it is dropped unread, without a denial that an honest follower would log on every connect.
        return null;
      case 'syncUpdate':
        this.refusals.readOnlyUpdate++;
        this.denyPermission(session);
        return null;
      case 'awareness':
      case 'auth':
        // Viewers have no cursor to show: hundreds of them would only flood the recorders.
        return null;
      default:
        return kind;
    }
  }

  /** Closes a connection for what it sent, and counts why. */
  private refuse(session: Session, why: keyof Refusals, code: CloseCode, reason: string): null {
    this.refusals[why]++;
    this.closeSession(session, code, reason);
    return null;
  }

  private denyPermission(session: Session) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Auth);
    authProtocol.writePermissionDenied(encoder, 'read-only: the minutes cannot be edited from this connection');
    this.send(session, encoding.toUint8Array(encoder));
  }

  /** An admitted message of a known kind (`admit`). */
  private handle(room: Room, session: Session, bytes: Uint8Array, kind: MessageKind) {
    try {
      const decoder = decoding.createDecoder(bytes);
      decoding.readVarUint(decoder);
      if (kind === 'syncStep1' || kind === 'syncStep2' || kind === 'syncUpdate') decoding.readVarUint(decoder);
      switch (kind) {
        case 'syncStep1': {
          // Answered from the shared document, which holds only stored content.
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MessageType.Sync);
          syncProtocol.writeSyncStep2(encoder, room.doc, decoding.readVarUint8Array(decoder));
          this.send(session, encoding.toUint8Array(encoder));
          return;
        }
        case 'syncStep2':
        case 'syncUpdate':
          this.receiveUpdate(room, session, decoding.readVarUint8Array(decoder));
          return;
        case 'awareness':
          awarenessProtocol.applyAwarenessUpdate(room.awareness, decoding.readVarUint8Array(decoder), session);
          return;
        case 'queryAwareness':
          this.send(session, this.awarenessMessage(room, [...room.awareness.getStates().keys()]));
          return;
        case 'auth':
          return; // clients have nothing to say here
      }
    } catch (err) {
      this.onError('malformed message', err);
      this.closeSession(session, CloseCode.BadRequest, 'malformed message');
    }
  }

  /** A writer's update (read-only connections' never get here: `admit`). */
  private receiveUpdate(room: Room, session: Session, update: Uint8Array) {
    // Decoding validates the update before it can be stored: a stored malformed update would break
    // every later load of the document. Its cost is bounded by the writers' message cap.
    const decoded = Y.decodeUpdate(update);
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return; // an empty sync step 2
    // Closed, not just denied: the writer's editor holds the refused content, and everything it types
    // next would build on what the server lacks. 44xx, so y-websocket does not send it again.
    const refused = refusedContent(decoded, this.roots) ?? this.beyondDocumentCap(room, update.length);
    if (refused) return void this.refuse(session, 'content', CloseCode.ContentRefused, refused);
    room.queuedBytes += update.length;
    this.enqueue(room, { kind: 'client', update, session });
  }

  /** Why an update of `bytes` would grow the document beyond its cap, or null. */
  private beyondDocumentCap(room: Room, bytes: number): string | null {
    const cap = this.limits.documentBytes;
    if (room.sizeBound + room.queuedBytes + bytes <= cap) return null;
    room.sizeBound = Y.encodeStateAsUpdate(room.doc).length;
    if (room.sizeBound + room.queuedBytes + bytes <= cap) return null;
    return `the minutes would exceed ${Math.round(cap / 1024 / 1024)} MiB`;
  }

  // ── The write queue ─────────────────────────────────────────────────────────────────────────

  private enqueue(room: Room, write: Write) {
    // What other nodes write does not keep a document loaded here: nobody here may be using it.
    if (write.kind === 'client' || write.kind === 'system') {
      if (room.unloadTimer) clearTimeout(room.unloadTimer);
      room.unloadTimer = null;
    }
    room.queue.push(write);
    if (!room.writing) void this.drain(room);
  }

  private drained(room: Room): Promise<void> {
    if (!room.writing && !room.queue.length) return Promise.resolve();
    return new Promise((resolve) => room.drained.push(resolve));
  }

  private async drain(room: Room) {
    room.writing = true;
    try {
      while (room.queue.length) {
        const first = room.queue[0]!;
        if (first.kind === 'system') {
          room.queue.shift();
          await this.writeSystem(room, first);
          continue;
        }
        if (first.kind === 'relayed') {
          room.queue.shift();
          this.applyRelayed(room, first.update);
          continue;
        }
        if (first.kind === 'catchUp') {
          room.queue.shift();
          await this.catchUp(room);
          continue;
        }
        // Consecutive client updates become one stored row: fewer round trips under heavy typing.
        let n = 1;
        while (n < room.queue.length && room.queue[n]!.kind === 'client') n++;
        const batch = room.queue.splice(0, n) as Extract<Write, { kind: 'client' }>[];
        await this.writeClients(room, batch);
      }
    } finally {
      room.writing = false;
      for (const resolve of room.drained.splice(0)) resolve();
      // A timer still set means only other nodes' writes ran (`enqueue`): they do not extend its life.
      if (!room.unloadTimer) this.scheduleUnload(room);
    }
  }

  private async writeClients(room: Room, batch: Extract<Write, { kind: 'client' }>[]) {
    const merged = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((w) => w.update));
    try {
      await this.hooks.storeUpdate(room.name, merged);
    } catch (err) {
      for (const w of batch) room.queuedBytes -= w.update.length;
      this.onError(`could not store an update of ${room.name}`, err);
      // Not applied. The authors reconnect, and their sync step 2 sends the edit again.
      for (const w of batch) this.closeSession(w.session, CloseCode.InternalError, 'storage failed');
      return;
    }
    for (const w of batch) {
      // Origin = the author's session: the broadcast skips it. Applying adds to `sizeBound`.
      room.queuedBytes -= w.update.length;
      Y.applyUpdate(room.doc, w.update, w.session);
      try {
        this.hooks.afterClientUpdate?.(room.name, room.doc, w.update);
      } catch (err) {
        this.onError('afterClientUpdate failed', err);
      }
    }
    // Exactly what was stored, once: the other nodes apply it without storing it again.
    this.publish(room, { kind: 'update', bytes: merged });
  }

  private async writeSystem(room: Room, write: Extract<Write, { kind: 'system' }>) {
    let update: Uint8Array | null;
    try {
      // A working copy (with its own client id) as the document stands now: the shared document must
      // not hold the change before it is stored.
      const draft = new Y.Doc();
      Y.applyUpdate(draft, Y.encodeStateAsUpdate(room.doc));
      const parts: Uint8Array[] = [];
      draft.on('update', (u: Uint8Array) => parts.push(u));
      draft.transact(() => write.change(draft), SYSTEM_ORIGIN);
      draft.destroy();
      update = parts.length === 0 ? null : parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
      if (update) await this.hooks.storeUpdate(room.name, update);
    } catch (err) {
      write.reject(err);
      return;
    }
    if (update) {
      Y.applyUpdate(room.doc, update, SYSTEM_ORIGIN);
      this.publish(room, { kind: 'update', bytes: update });
    }
    write.resolve();
  }

  /**
   * An update another node stored. `afterClientUpdate` runs for it too, on every node: a recorder's edit
   * on one node may need the server's answer from another (the minutes' facts are written only by the
   * node deciding the meeting, which says so in the hook).
   */
  private applyRelayed(room: Room, update: Uint8Array) {
    try {
      Y.applyUpdate(room.doc, update, RELAY_ORIGIN);
    } catch (err) {
      this.onError(`could not apply a relayed update of ${room.name}`, err);
      return;
    }
    // It builds on something this node never heard (Yjs holds it back until that arrives): a node that
    // died between storing an update and publishing it, or a message lost without a \`missed\`. Whatever
    // was relayed was stored first, and so was everything it builds on: storage has what is missing.
    // Without this the held-back part would wait for the next reload, and this node's clients with it.
    const { pendingStructs, pendingDs } = room.doc.store;
    if ((pendingStructs || pendingDs) && !room.queue.some((w) => w.kind === 'catchUp')) this.enqueue(room, { kind: 'catchUp' });
    try {
      this.hooks.afterClientUpdate?.(room.name, room.doc, update);
    } catch (err) {
      this.onError('afterClientUpdate failed', err);
    }
  }

  private async catchUp(room: Room) {
    try {
      const stored = await this.hooks.loadDocument(room.name);
      if (stored?.length && !room.unloaded) Y.applyUpdate(room.doc, stored, RELAY_ORIGIN);
    } catch (err) {
      // The next `missed` or reload catches up; meanwhile this node's clients see others' edits late.
      this.onError(`could not catch up with ${room.name}`, err);
    }
  }
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
