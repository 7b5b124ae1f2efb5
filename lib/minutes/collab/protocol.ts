/**
 * The y-websocket wire protocol as the collaboration core speaks it. Every message is
 * `varUint(type)` followed by the type's body: y-protocols sync, awareness or auth.
 * Clients are stock `y-websocket` providers; nothing here is Yishi-specific but the close codes.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const;

/**
 * Close codes of a collaboration connection. 4400–4499 mirror HTTP 4xx: the y-websocket client does
 * not reconnect after them (a retry cannot help). Everything else makes it reconnect.
 */
export const CloseCode = {
  /** Server shutting down or restarting: reconnect. */
  GoingAway: 1001,
  /** Storage failed: reconnect, and the client's sync step 2 resends what the server lacks. */
  InternalError: 1011,
  /**
   * A message larger than the connection's role may send (limits.ts): read-only 64 KiB, writers 2 MiB,
   * awareness 4 KiB, a state vector 64 KiB. The standard code; ws closes with it too when a frame is
   * larger than the role's largest message, before buffering it. The client may reconnect: an honest one never
   * sends such a message.
   */
  MessageTooBig: 1009,
  /** A message that is not the y-websocket protocol (or a malformed Yjs update). */
  BadRequest: 4400,
  /** No (valid) staff session or participant token. */
  Unauthorized: 4401,
  /** Authenticated, but this role may not open this document (now). */
  Forbidden: 4403,
  /** Not a collaborative document name, or no such meeting. */
  NotFound: 4404,
  /**
   * A writer's update the document may not hold (lib/minutes/collab/content.ts: another root, a nested
   * type or subdocument the editor never makes) or that would grow it beyond its cap. Permanent: the
   * client's editor holds the refused content and would send it again.
   */
  ContentRefused: 4422,
  /**
   * The document is locked (the meeting closed: its minutes are in the record). A writer is closed with
   * it at once, and a writer connecting later is refused with it; the client then follows read-only
   * (lib/minutes/collab/README.md). Permanent for that writer connection.
   */
  Locked: 4423,
  /** More messages or bytes per second than the role may send (limits.ts): a flood, not typing. */
  TooManyMessages: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
