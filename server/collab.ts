import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { MeetingHub } from '../lib/meeting/hub';
import { breakoutAccess, parseBreakoutDocName } from '../lib/meeting/procedure/openspace/notes';
import { minutesAccess } from '../lib/minutes/collab/access';
import { READ_ONLY_MESSAGE_MAX_BYTES, WRITER_MESSAGE_MAX_BYTES } from '../lib/minutes/collab/limits';
import { CloseCode } from '../lib/minutes/collab/protocol';
import type { CollabServer, CollabSession } from '../lib/minutes/collab/server';
import { minutesDocName } from '../lib/minutes/schema';
import type { Db } from '../lib/platform/db/client';
import { AppError, toErrorPayload } from '../lib/platform/errors';
import { assertOwnOrigin, resolveMeetingIdentity } from './identity';

/**
 * The websocket adapter of the collaboration core: `/collab/<docName>`, docName = `minutes:<meetingId>`,
 * or `breakout:<meetingId>:<sessionId>` for an open-space session's note.
 * The connection is authorised before it is handed to the core (staff session cookie, or a participant
 * token in `?token=`), and the role decides read-write or read-only (lib/minutes/collab/access.ts).
 * A refused client gets the websocket accepted and at once closed with 4401/4403/4404 (no message of
 * the document is ever sent): browsers cannot read an HTTP status of a failed upgrade, but they do
 * get a close code, and y-websocket does not reconnect after 44xx.
 */
export type CollabEndpoint = {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every connection (1001, clients reconnect to the next server). */
  close(): void;
};

const PING_INTERVAL_MS = 30_000;
/** How long a connection refused for an oversized frame may go on sending before it is cut. */
const OVERSIZED_GRACE_MS = 200;

type Admitted = { meetingId: string; participant: boolean; readOnly: boolean; session: CollabSession; ws: WebSocket };

export function createCollabEndpoint(opts: { db: Db; hub: MeetingHub; collab: CollabServer; publicUrl?: string }): CollabEndpoint {
  const { db, hub, collab, publicUrl } = opts;
  // One ws server per role, so that each refuses a frame over its role's cap (1009) from the frame's
  // header, before buffering it: a viewer's 15 MB never reaches memory. The per-kind caps and the rates
  // are the core's (lib/minutes/collab/limits.ts), checked on every message before it is decoded.
  // (No permessage-deflate, ws's default: a small compressed frame cannot inflate past these caps.)
  const servers = {
    read: new WebSocketServer({ noServer: true, maxPayload: READ_ONLY_MESSAGE_MAX_BYTES }),
    write: new WebSocketServer({ noServer: true, maxPayload: WRITER_MESSAGE_MAX_BYTES }),
  };
  const clients = () => [...servers.read.clients, ...servers.write.clients];
  const admitted = new Set<Admitted>();

  // Minutes made private again: participants following them lose access at once.
  hub.onApplied((meetingId, _events, state) => {
    for (const a of admitted) {
      if (a.meetingId !== meetingId) continue;
      if (!state.minutesPublic && a.participant) a.ws.close(CloseCode.Forbidden, 'The minutes are not public');
      // (The meeting closed: the minutes service has locked the document, which closes its writers with 4423.)
    }
  });

  // Connections that stopped answering (a phone that lost its network) are dropped.
  const alive = new WeakSet<WebSocket>();
  const ping = setInterval(() => {
    for (const ws of clients()) {
      if (!alive.has(ws)) ws.terminate();
      else {
        alive.delete(ws);
        ws.ping();
      }
    }
  }, PING_INTERVAL_MS);
  ping.unref();

  const authorise = async (req: IncomingMessage) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const docName = decodeURIComponent(url.pathname.slice('/collab/'.length));
    const breakout = parseBreakoutDocName(docName);
    const meetingId = breakout?.meetingId ?? /^minutes:([A-Za-z0-9-]{1,100})$/.exec(docName)?.[1];
    if (!meetingId || (!breakout && docName !== minutesDocName(meetingId))) throw new AppError('NOT_FOUND', 'No such document');
    assertOwnOrigin(req.headers, publicUrl);
    const token = url.searchParams.get('token');
    const view = url.searchParams.get('view') === 'projector' ? 'projector' : null;
    const who = await resolveMeetingIdentity(db, hub, { participantToken: token, cookieHeader: req.headers.cookie, meetingId, view });
    if (who.meetingId !== meetingId) throw new AppError('FORBIDDEN', 'This device is admitted to another meeting');
    const { minutesPublic, status, openSpace } = await hub.state(meetingId);
    const closed = status === 'closed';
    const access = breakout
      ? breakoutAccess({ role: who.role, seatId: who.actor.seatId }, openSpace, breakout.sessionId, closed)
      : minutesAccess(who.role, { minutesPublic, closed });
    if (!access && breakout) throw new AppError('NOT_FOUND', 'No such session');
    if (!access) throw new AppError('FORBIDDEN', 'The minutes of this meeting are not public');
    // A writer of a closed meeting's minutes is told so (4423) unless it asked to follow them read-only
    // (`?readonly=1`, what the editor does once told): an editor must never believe it is writing.
    if (access === 'locked' && url.searchParams.get('readonly') !== '1') throw new AppError('INVALID_STATE', 'The meeting is closed: the minutes are locked');
    // (`participant` drives the minutes' public switch: a session note does not follow it.)
    return { docName, meetingId, participant: !!token && !breakout, readOnly: access !== 'edit', user: { name: who.actor.label } };
  };

  const refuse = (ws: WebSocket, err: unknown) => {
    const { code, message } = toErrorPayload(err);
    if (code === 'INTERNAL') console.error('[collab] upgrade failed', err);
    const closeCode =
      code === 'UNAUTHENTICATED' ? CloseCode.Unauthorized
      : code === 'FORBIDDEN' ? CloseCode.Forbidden
      : code === 'NOT_FOUND' ? CloseCode.NotFound
      : code === 'BAD_REQUEST' ? CloseCode.BadRequest
      : code === 'INVALID_STATE' ? CloseCode.Locked
      : CloseCode.InternalError;
    ws.close(closeCode, message.slice(0, 120)); // a close reason is at most 123 bytes
  };

  return {
    handleUpgrade(req, socket, head) {
      // Authorise first; the upgrade completes afterwards either way (see above).
      authorise(req).then(
        (grant) => ({ grant, err: null }),
        (err: unknown) => ({ grant: null, err }),
      ).then(({ grant, err }) => {
        if (socket.destroyed) return;
        // A refused connection only gets its close code: the smaller server will do.
        servers[grant?.readOnly === false ? 'write' : 'read'].handleUpgrade(req, socket, head, (ws) => {
          // First of all: ws emits 'error' for a frame it refuses (over maxPayload: it closes with 1009
          // itself), and an 'error' nobody listens to would throw and take the whole server down — on a
          // connection being refused, too, which may still be sending.
          let session: CollabSession | null = null;
          ws.on('error', (e: Error & { code?: string }) => {
            // Counted by the core; no stack, as each hostile client would add one.
            if (e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
              session?.refusedTooBig();
              // ws has sent the 1009 close and resumes reading to discard the rest of the frame (on
              // the next tick): 16 MB per hostile frame, read at loopback speed, is CPU the honest
              // connections need. Stop reading instead (queued after ws's resume), give the client a
              // moment to read the close, then cut the line.
              process.nextTick(() => socket.pause());
              setTimeout(() => ws.terminate(), OVERSIZED_GRACE_MS).unref();
            } else if (session) console.error('[collab] socket error', e);
          });
          if (!grant) return refuse(ws, err);
          alive.add(ws);
          ws.on('pong', () => alive.add(ws));
          const connected = collab.connect(grant.docName, {
            send: (bytes) => ws.readyState === ws.OPEN && ws.send(bytes),
            close: (code, reason) => ws.close(code, reason),
          }, { readOnly: grant.readOnly, user: grant.user });
          session = connected;
          const entry: Admitted = { meetingId: grant.meetingId, participant: grant.participant, readOnly: grant.readOnly, session: connected, ws };
          admitted.add(entry);
          ws.on('message', (data: RawData, isBinary: boolean) => {
            if (!isBinary) return void ws.close(CloseCode.BadRequest, 'binary messages only');
            connected.receive(toBytes(data));
          });
          ws.on('close', () => {
            admitted.delete(entry);
            connected.closed();
          });
        });
      });
    },
    close() {
      clearInterval(ping);
      for (const ws of clients()) ws.close(CloseCode.GoingAway, 'server shutting down');
      servers.read.close();
      servers.write.close();
    },
  };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
