import type { IncomingMessage, OutgoingHttpHeader } from 'node:http';
import type { Server as SocketServer } from 'socket.io';
import { z } from 'zod';

/** The cookie the load balancer routes Socket.IO requests by (deploy/nginx.ts maps it to this node's upstream). */
export const STICKY_COOKIE = 'yishi_node';

/**
 * A node id goes into a cookie and into nginx's upstream names, so it must be a plain token: no `;`,
 * `,` or space that would end the cookie early, nothing nginx would read as syntax.
 */
export const NodeId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a node id is 1–32 letters, digits, - or _');

/**
 * Socket.IO's long-polling is a series of HTTP requests that must all reach the node holding the
 * Engine.IO session (any other node answers "Session ID unknown"); the websocket upgrade of a polling
 * session must reach it too. So the handshake's response names this node in a cookie, and the balancer
 * sends every later /socket.io request carrying it here. Only the handshake carries it: `initial_headers`
 * fires once per Engine.IO session, for polling and websocket alike.
 *
 * Lax and HttpOnly: the pages never read it, and a cross-site request has no business choosing a node.
 * Not Secure: the balancer may terminate TLS in front of a plain-HTTP node, and the cookie holds nothing secret.
 */
export function stickyNodeCookie(io: SocketServer, nodeId: string): void {
  const id = NodeId.parse(nodeId);
  const cookie = `${STICKY_COOKIE}=${id}; Path=/socket.io; HttpOnly; SameSite=Lax`;
  io.engine.on('initial_headers', (headers: Record<string, OutgoingHttpHeader>, _req: IncomingMessage) => {
    headers['Set-Cookie'] = withCookie(headers['Set-Cookie'], cookie);
  });
}

/**
 * Keeps a Set-Cookie that Engine.IO (its `cookie` option) or another listener put there. A single
 * cookie stays a string: on a websocket upgrade Engine.IO writes each header as one `name: value` line,
 * where an array would be joined with commas into one broken cookie.
 */
function withCookie(existing: OutgoingHttpHeader | undefined, cookie: string): OutgoingHttpHeader {
  if (existing === undefined) return cookie;
  return [...(Array.isArray(existing) ? existing : [String(existing)]), cookie];
}
