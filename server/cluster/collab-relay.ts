import type Redis from 'ioredis';
import type { CollabRelay, RelayListener, RelayMessage } from '../../lib/minutes/collab/server';

/**
 * The collaboration core's relay between server nodes over Redis pub/sub: one channel per document
 * (`<prefix>collab:<docName>`), all multiplexed on the node's one subscriber connection.
 *
 * Pub/sub delivers only to who is subscribed at that moment and keeps nothing. That is enough because
 * the core publishes an update only after storing it: a node that was not listening reads it from
 * storage when it loads the document. What a subscribed node may miss — messages published while its
 * subscriber connection was down — it is told about (`missed`) once the connection is back and its
 * channels are subscribed again, and it catches up from storage.
 *
 * Order: one publisher connection sends its commands in order, and Redis delivers one connection's
 * publishes to each subscriber in that order, so a node hears another's updates in the order they were
 * stored. (Yjs does not need it — an update whose predecessors are missing waits for them — but the
 * clients then see edits appear in the order they were typed.)
 */
export type RedisCollabRelay = CollabRelay & {
  /** Frames dropped as malformed, publishes that failed (each logged through `onError`). */
  stats(): { malformed: number; publishFailed: number };
  /** Stops listening and unsubscribes this relay's channels; the connections are the caller's to quit. */
  close(): Promise<void>;
};

export type RedisCollabRelayOptions = {
  /** Publishes; may be shared with other uses. */
  pub: Redis;
  /** Subscribes (a connection in subscriber mode can do nothing else); must keep ioredis' autoResubscribe. */
  sub: Redis;
  /** This node, unique in the cluster (e.g. host and pid): its own messages come back and are dropped. */
  nodeId: string;
  /** Before every channel name (default `yishi:`), so that two deployments or test runs on one Redis never meet. */
  prefix?: string;
  onError?: (message: string, err: unknown) => void;
};

export function createRedisCollabRelay(opts: RedisCollabRelayOptions): RedisCollabRelay {
  const { pub, sub, nodeId } = opts;
  const prefix = opts.prefix ?? 'yishi:';
  const onError = opts.onError ?? ((message, err) => console.error(`[collab-relay] ${message}`, err));
  if (!nodeIdBytes(nodeId)) throw new Error(`a node id is 1 to ${MAX_NODE_ID_BYTES} bytes of UTF-8`);
  // Without it, a reconnected subscriber would hear nothing ever again, and say nothing.
  if (sub.options.autoResubscribe === false) throw new Error('the subscriber connection must resubscribe on reconnect');
  const channelOf = (doc: string) => `${prefix}collab:${doc}`;
  const counts = { malformed: 0, publishFailed: 0 };

  /** Subscribed channels: the listeners of this node's documents (one core, so usually one each). */
  const channels = new Map<string, { listeners: Set<RelayListener>; subscribed: Promise<unknown> }>();

  const deliver = (entry: { listeners: Set<RelayListener> }, tell: (l: RelayListener) => void) => {
    for (const l of [...entry.listeners]) {
      try {
        tell(l);
      } catch (err) {
        onError('a relay listener failed', err);
      }
    }
  };

  const onMessage = (channel: Buffer, frame: Buffer) => {
    const entry = channels.get(channel.toString());
    if (!entry) return; // another user of this connection, or a channel being unsubscribed
    const decoded = decodeRelayFrame(frame);
    if (!decoded) {
      counts.malformed++;
      onError(`dropped a malformed frame of ${frame.length} bytes on ${channel.toString()}`, null);
      return;
    }
    if (decoded.nodeId === nodeId) return;
    deliver(entry, (l) => l.message(decoded.message));
  };

  // A reconnect may have lost messages. ioredis subscribes the channels again before it emits 'ready';
  // a PING answered after that means the subscriptions are in place, so whatever a document reads from
  // storage from then on, plus what it hears, is complete.
  let dropped = false;
  const onClose = () => void (dropped = true);
  const onReady = () => {
    if (!dropped) return;
    dropped = false;
    sub.ping().then(
      () => {
        for (const entry of channels.values()) deliver(entry, (l) => l.missed());
      },
      (err: unknown) => onError('could not confirm the resubscription (the next reconnect tells again)', err),
    );
  };
  sub.on('messageBuffer', onMessage);
  sub.on('close', onClose);
  sub.on('ready', onReady);

  return {
    publish(doc, message) {
      pub.publish(channelOf(doc), encodeRelayFrame(nodeId, message)).catch((err: unknown) => {
        // Stored all the same: the other nodes' clients see it when their node next loads or catches up.
        counts.publishFailed++;
        onError(`could not publish ${message.kind} of ${doc}`, err);
      });
    },

    async subscribe(doc, listener) {
      const channel = channelOf(doc);
      let entry = channels.get(channel);
      if (!entry) {
        // After an unsubscribe of the same channel on the same connection, this runs after it: subscribed.
        entry = { listeners: new Set(), subscribed: sub.subscribe(channel) };
        channels.set(channel, entry);
      }
      const mine = entry;
      mine.listeners.add(listener);
      try {
        // Resolved when Redis confirmed: what is published from then on is heard.
        await mine.subscribed;
      } catch (err) {
        mine.listeners.delete(listener);
        if (!mine.listeners.size && channels.get(channel) === mine) channels.delete(channel);
        throw err;
      }
      let stopped = false;
      return () => {
        if (stopped) return;
        stopped = true;
        mine.listeners.delete(listener);
        if (mine.listeners.size || channels.get(channel) !== mine) return;
        channels.delete(channel);
        sub.unsubscribe(channel).catch((err: unknown) => onError(`could not unsubscribe from ${channel}`, err));
      };
    },

    stats: () => ({ ...counts }),

    async close() {
      sub.off('messageBuffer', onMessage);
      sub.off('close', onClose);
      sub.off('ready', onReady);
      const names = [...channels.keys()];
      channels.clear();
      if (names.length && sub.status === 'ready') await sub.unsubscribe(...names);
    },
  };
}

// ── Frames ──────────────────────────────────────────────────────────────────────────────────────
//
// One Redis message: [version: u8 = 1][node id length n: u8][node id: n bytes of UTF-8][kind: u8]
// [payload: the rest, at least one byte]. Kind 1 is a Yjs update, kind 2 a y-protocols awareness
// update. What comes off Redis is read with every length checked; anything else is dropped whole.

const FRAME_VERSION = 1;
const MAX_NODE_ID_BYTES = 255;
/**
 * No update a node stores comes near this: a writer's message is at most 2 MiB and a document at most
 * 8 MiB (lib/minutes/collab/limits.ts). A frame beyond it is garbage, not minutes.
 */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const KIND_CODES = { update: 1, awareness: 2 } as const satisfies Record<RelayMessage['kind'], number>;
const KINDS: Record<number, RelayMessage['kind']> = { 1: 'update', 2: 'awareness' };

function nodeIdBytes(nodeId: string): Buffer | null {
  const bytes = Buffer.from(nodeId, 'utf8');
  return bytes.length >= 1 && bytes.length <= MAX_NODE_ID_BYTES ? bytes : null;
}

export function encodeRelayFrame(nodeId: string, message: RelayMessage): Buffer {
  const id = nodeIdBytes(nodeId);
  if (!id) throw new Error(`a node id is 1 to ${MAX_NODE_ID_BYTES} bytes of UTF-8`);
  const head = Buffer.from([FRAME_VERSION, id.length, ...id, KIND_CODES[message.kind]]);
  return Buffer.concat([head, message.bytes]);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The node and message a frame carries, or null if it is not a well-formed frame of this version. */
export function decodeRelayFrame(frame: Uint8Array): { nodeId: string; message: RelayMessage } | null {
  if (frame.length < 5 || frame.length > MAX_FRAME_BYTES) return null; // version, length, 1-byte id, kind, payload
  if (frame[0] !== FRAME_VERSION) return null;
  const idLength = frame[1]!;
  const kindAt = 2 + idLength;
  if (idLength < 1 || kindAt + 1 >= frame.length) return null; // the kind and a payload must follow
  const kind = KINDS[frame[kindAt]!];
  if (!kind) return null;
  let nodeId: string;
  try {
    nodeId = utf8.decode(frame.subarray(2, kindAt));
  } catch {
    return null;
  }
  // A copy: the reply parser's buffer may be shared, and Yjs may keep views of what it applies.
  return { nodeId, message: { kind, bytes: new Uint8Array(frame.subarray(kindAt + 1)) } };
}
