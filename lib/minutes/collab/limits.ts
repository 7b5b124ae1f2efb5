import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType } from './protocol';

/**
 * What one collaboration connection may send, judged from its role and the first one or two varints of
 * each message — never from the Yjs payload, whose decoding costs time and memory in proportion to its
 * size (a 15 MB update once cost 770 MB and seven seconds before it was refused).
 *
 * The sizes were taken from a simulated 3-hour meeting (5 recorders, 30,000 words with corrections,
 * 300 fact writes by the server): the document's state was 250 KB, its state vector 2 KB (one entry per
 * client id ever written, and every server fact write uses a fresh one), and the sync step 2 a follower
 * sends back on reconnecting — the delete set of the whole document — 11 KB.
 */
const KiB = 1024;
const MiB = 1024 * KiB;

/** Each kind of message a client may send, known from the outer type and, for sync, the sync sub-type. */
export type MessageKind = 'syncStep1' | 'syncStep2' | 'syncUpdate' | 'awareness' | 'auth' | 'queryAwareness';

export type Rate = {
  /** Messages: at most `burst` at once, refilled at `perSecond`. */
  messages: { burst: number; perSecond: number };
  /** Bytes, likewise; `burst` must hold the largest message the role may send. */
  bytes: { burst: number; perSecond: number };
  /**
   * Requests for the whole state (sync step 1, query awareness), which a few bytes ask for and which cost
   * the server the encoding of the whole document (up to its cap) or every cursor to answer.
   */
  stateRequests: { burst: number; perSecond: number };
};

export type CollabLimits = {
  /** The largest message of each kind a read-only connection may send. */
  readOnly: Record<MessageKind, number>;
  /** The largest message of each kind a writer may send. */
  write: Record<MessageKind, number>;
  rate: { readOnly: Rate; write: Rate };
  /** The largest the encoded document may grow through client updates. */
  documentBytes: number;
};

/**
 * A read-only connection's largest honest message is its sync step 2 (11 KB in the meeting above): 64 KiB
 * leaves six times that, and buffering it costs nothing. Its step 2 and updates are never read anyway.
 * This and the writers' cap are the ws `maxPayload` of each role (server/collab.ts): a larger frame is
 * refused from its header and never buffered.
 */
export const READ_ONLY_MESSAGE_MAX_BYTES = 64 * KiB;
/**
 * A writer's largest honest message is a long text pasted at once: 2 MiB holds some 700,000 Chinese
 * characters (three bytes each) with their paragraphs — eight times the whole minutes of a 3-hour meeting.
 */
export const WRITER_MESSAGE_MAX_BYTES = 2 * MiB;
/** A state vector (sync step 1): 2 KB after 3 hours; 64 KiB is thirty times that. */
const STATE_VECTOR_MAX_BYTES = 64 * KiB;
/**
 * An awareness update is a cursor: a name, a colour and two positions, some 200 bytes. A writer's is sent
 * on to every follower, so this cap is multiplied by hundreds.
 */
const AWARENESS_MAX_BYTES = 4 * KiB;
/** Auth and query-awareness messages carry (next to) nothing. */
const CONTROL_MAX_BYTES = 1 * KiB;
/**
 * The document may grow through client updates to 8 MiB encoded: thirty times a heavy 3-hour meeting, room
 * for a few long pastes, and a bound on what one document holds in the server's memory.
 */
export const DOCUMENT_MAX_BYTES = 8 * MiB;

/**
 * A y-websocket client sends one sync step 1 when it connects (periodic resync is off by default and in
 * the app) and never a query-awareness: 4 at once and one every 10 s is headroom enough.
 */
const STATE_REQUESTS = { burst: 4, perSecond: 0.1 };

/**
 * Writers: a recorder typing fast sends a keystroke or IME commit and a cursor move each, some 30 messages
 * a second, 60 with a key held down; a reconnect or an undo of many steps comes in a burst. 300 at once and
 * 100 a second leave that headroom; bytes allow two largest pastes at once and 1 MiB a second after.
 * Read-only: a follower sends its sync step 1 and 2 and an awareness message on connecting, then one
 * awareness renewal every 15 s (y-protocols): 30 at once and 2 a second is plenty.
 */
export const WRITER_RATE: Rate = {
  messages: { burst: 300, perSecond: 100 },
  bytes: { burst: 2 * WRITER_MESSAGE_MAX_BYTES, perSecond: 1 * MiB },
  stateRequests: STATE_REQUESTS,
};
export const READ_ONLY_RATE: Rate = {
  messages: { burst: 30, perSecond: 2 },
  bytes: { burst: 2 * READ_ONLY_MESSAGE_MAX_BYTES, perSecond: 16 * KiB },
  stateRequests: STATE_REQUESTS,
};

const kindLimits = (update: number): Record<MessageKind, number> => ({
  syncStep1: STATE_VECTOR_MAX_BYTES,
  syncStep2: update,
  syncUpdate: update,
  awareness: AWARENESS_MAX_BYTES,
  auth: CONTROL_MAX_BYTES,
  queryAwareness: CONTROL_MAX_BYTES,
});

export const DEFAULT_LIMITS: CollabLimits = {
  readOnly: kindLimits(READ_ONLY_MESSAGE_MAX_BYTES),
  write: kindLimits(WRITER_MESSAGE_MAX_BYTES),
  rate: { readOnly: READ_ONLY_RATE, write: WRITER_RATE },
  documentBytes: DOCUMENT_MAX_BYTES,
};

/** The largest message of any kind a role may send: larger ones are refused before their kind is read. */
export const maxMessageBytes = (limits: Record<MessageKind, number>) => Math.max(...Object.values(limits));

/**
 * The kind of a message from its first one or two varints (a few bytes), or null if it is none of the
 * y-websocket protocol's. Nothing after them is read.
 */
export function peekMessageKind(bytes: Uint8Array): MessageKind | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    switch (decoding.readVarUint(decoder)) {
      case MessageType.Sync:
        switch (decoding.readVarUint(decoder)) {
          case syncProtocol.messageYjsSyncStep1: return 'syncStep1';
          case syncProtocol.messageYjsSyncStep2: return 'syncStep2';
          case syncProtocol.messageYjsUpdate: return 'syncUpdate';
          default: return null;
        }
      case MessageType.Awareness: return 'awareness';
      case MessageType.Auth: return 'auth';
      case MessageType.QueryAwareness: return 'queryAwareness';
      default: return null;
    }
  } catch {
    return null; // shorter than its varints
  }
}
