// The load balancer (deploy/nginx.ts) with a real nginx in front of two small Socket.IO nodes that
// say which node they are: websockets spread, long-polling sticks through the yishi_node cookie
// (server/cluster/sticky.ts) and moves when its node stops, the minutes' websocket upgrades, the
// headers the server relies on arrive, and only idempotent requests are retried on another node.
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { stickyNodeCookie, STICKY_COOKIE } from '../../server/cluster/sticky';
import { assertOwnOrigin } from '../../server/identity';
import { startNginx, type RunningNginx } from '../support/nginx';
import { waitFor } from '../support/server';

type TestNode = {
  id: string;
  port: number;
  /** requests to /flaky and /broken that reached this node, by method */
  hits: Record<string, number>;
  stop(): Promise<void>;
};

/**
 * A node as the balancer sees one: Socket.IO on /socket.io with the real Origin rule and the sticky
 * cookie, a websocket endpoint on /collab/, and a few HTTP routes that tell what arrived.
 */
async function startTestNode(id: string): Promise<TestNode> {
  const hits: Record<string, number> = {};
  const http: HttpServer = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/whoami') {
      const h = req.headers;
      return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({
        node: id, host: h.host, forwardedHost: h['x-forwarded-host'], forwardedProto: h['x-forwarded-proto'], forwardedFor: h['x-forwarded-for'], realIp: h['x-real-ip'],
      }));
    }
    if (path === '/upload') {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      return void req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ node: id, bytes })));
    }
    if (path === '/flaky' || path === '/broken') {
      const key = `${req.method} ${path}`;
      hits[key] = (hits[key] ?? 0) + 1;
      // A node that is not ready answers 503; one that dies mid-request closes the connection unanswered.
      if (path === '/flaky') return void res.writeHead(503).end('not ready');
      return void req.socket.destroy();
    }
    res.writeHead(404).end();
  });
  const io = new SocketServer(http, {
    path: '/socket.io', serveClient: false, destroyUpgrade: false,
    allowRequest: (req, callback) => {
      try {
        assertOwnOrigin(req.headers);
        callback(null, true);
      } catch {
        callback('Cross-site connection refused', false);
      }
    },
  });
  stickyNodeCookie(io, id);
  io.on('connection', (socket) => socket.on('whoami', (ack: (node: string) => void) => ack(id)));
  const collab = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req: IncomingMessage, socket, head) => {
    if (!(req.url ?? '').startsWith('/collab/')) return;
    collab.handleUpgrade(req, socket, head, (ws) => ws.send(id));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  let stopped: Promise<void> | null = null;
  return {
    id,
    port: (http.address() as AddressInfo).port,
    hits,
    // Like a node that dies: every connection, kept-alive or long-polling, is cut, with no goodbye to the clients.
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        http.closeAllConnections();
        for (const ws of collab.clients) ws.terminate();
        io.close(() => resolve());
      })),
  };
}

const clients: Socket[] = [];

/** A Socket.IO client as the meeting pages make one, from a page of the balancer's own origin. */
function client(url: string, opts: { transports: ('polling' | 'websocket')[]; cookies?: boolean; cookie?: string; origin?: string; reconnection?: boolean }): Socket {
  const socket = connectSocket(url, {
    path: '/socket.io',
    transports: opts.transports,
    // In Node, withCredentials gives the client a cookie jar: it keeps yishi_node as a browser would.
    withCredentials: opts.cookies ?? true,
    extraHeaders: { origin: opts.origin ?? url, ...(opts.cookie ? { cookie: opts.cookie } : {}) },
    reconnection: opts.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 200,
    timeout: 5_000,
  });
  clients.push(socket);
  return socket;
}

function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

const whoami = (socket: Socket): Promise<string> => socket.timeout(3_000).emitWithAck('whoami');

afterEach(() => {
  for (const s of clients.splice(0)) s.disconnect();
});

describe('nginx in front of two nodes', () => {
  let n1: TestNode;
  let n2: TestNode;
  let nginx: RunningNginx;
  beforeAll(async () => {
    [n1, n2] = await Promise.all([startTestNode('n1'), startTestNode('n2')]);
    nginx = await startNginx({ nodes: [n1, n2].map((n) => ({ id: n.id, port: n.port })) });
  });
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all([n1?.stop(), n2?.stop()]);
  });

  it('spreads websocket connections over both nodes, with no cookie needed', async () => {
    const sockets = Array.from({ length: 6 }, () => client(nginx.url, { transports: ['websocket'], cookies: false }));
    await Promise.all(sockets.map(connected));
    for (const s of sockets) expect(s.io.engine.transport.name).toBe('websocket');
    const nodes = await Promise.all(sockets.map(whoami));
    expect(new Set(nodes)).toEqual(new Set(['n1', 'n2']));
  });

  it('keeps a long-polling client on one node across many requests, through the cookie', async () => {
    const socket = client(nginx.url, { transports: ['polling'] });
    let dropped = 0;
    socket.on('disconnect', () => dropped++);
    await connected(socket);
    const session = socket.io.engine.id;
    const nodes: string[] = [];
    for (let i = 0; i < 20; i++) nodes.push(await whoami(socket));
    expect(new Set(nodes).size).toBe(1);
    expect(socket.io.engine.transport.name).toBe('polling');
    expect(socket.io.engine.id).toBe(session);
    expect(dropped).toBe(0);
  });

  it('really spreads polling requests: without the cookie the session breaks ("Session ID unknown")', async () => {
    // The control for the test above: the same client without a cookie jar loses its session, so the
    // stickiness there comes from the cookie, not from nginx happening to pick the same node.
    const socket = client(nginx.url, { transports: ['polling'], cookies: false });
    let broke = false;
    socket.on('connect_error', () => (broke = true));
    socket.on('disconnect', () => (broke = true));
    await waitFor(() => broke || socket.connected, 10_000, 'connected or failed');
    for (let i = 0; i < 10 && !broke; i++) await whoami(socket).catch(() => (broke = true));
    expect(broke).toBe(true);
  });

  it('passes the Host the browser used, so the Origin rule holds, and sets the forwarded headers itself', async () => {
    const res = await fetch(`${nginx.url}/whoami`, { headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-real-ip': '10.9.9.9' } });
    const seen = (await res.json()) as Record<string, string>;
    const host = `127.0.0.1:${nginx.port}`;
    expect(seen).toMatchObject({ host, forwardedHost: host, forwardedProto: 'http', realIp: '127.0.0.1' });
    expect(seen.forwardedFor?.split(',').at(-1)?.trim()).toBe('127.0.0.1');
    // Every client above connected with Origin = the balancer's URL; a foreign one is refused.
    const foreign = client(nginx.url, { transports: ['websocket'], origin: 'http://evil.example' });
    await expect(connected(foreign)).rejects.toThrow();
  });

  it('upgrades a /collab/ websocket (the minutes) to a node', async () => {
    const ws = new WebSocket(`${nginx.url.replace('http', 'ws')}/collab/minutes:m1`, { headers: { origin: nginx.url } });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        ws.once('message', (data) => resolve(String(data)));
        ws.once('error', reject);
      });
      expect(['n1', 'n2']).toContain(first);
    } finally {
      ws.terminate();
    }
  });

  it('takes an upload over the server’s 10 MB limit to the node, which answers it with its own message', async () => {
    const bytes = 11 * 1024 * 1024;
    const res = await fetch(`${nginx.url}/upload`, { method: 'POST', body: new Uint8Array(bytes) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { bytes: number }).bytes).toBe(bytes);
  });

  // Last: it stops a node.
  it('moves a polling client to the other node when its node stops; new clients get there too', async () => {
    const socket = client(nginx.url, { transports: ['polling'], reconnection: true });
    await connected(socket);
    const first = await whoami(socket);
    const [stuck, other] = first === 'n1' ? [n1, n2] : [n2, n1];
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
    await stuck.stop();
    // The old session is gone with its node; the client reconnects (its cookie still names the stopped node).
    await dropped;
    await waitFor(() => socket.connected, 10_000, 'reconnected');
    expect(socket.io.engine.transport.name).toBe('polling');
    await expect(whoami(socket)).resolves.toBe(other.id);
    const withCookie = client(nginx.url, { transports: ['polling'], cookies: false, cookie: `${STICKY_COOKIE}=${stuck.id}` });
    await connected(withCookie);
    await expect(whoami(withCookie)).resolves.toBe(other.id);
    const fresh = client(nginx.url, { transports: ['polling'] });
    await connected(fresh);
    for (let i = 0; i < 5; i++) await expect(whoami(fresh)).resolves.toBe(other.id);
  });
});

describe('nginx retries only idempotent requests on another node', () => {
  let nodes: TestNode[];
  let nginx: RunningNginx | null = null;
  beforeAll(async () => {
    nodes = await Promise.all([startTestNode('n1'), startTestNode('n2')]);
  });
  afterEach(async () => {
    // A fresh nginx per case: the nodes a case marks as failed must not be skipped in the next.
    await nginx?.stop();
    nginx = null;
    for (const n of nodes) for (const key of Object.keys(n.hits)) delete n.hits[key];
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
  });

  const hitsOf = (key: string) => nodes.reduce((sum, n) => sum + (n.hits[key] ?? 0), 0);

  it.each([
    ['GET', '/flaky', 2, 503],
    ['POST', '/flaky', 1, 503],
    ['GET', '/broken', 2, 502],
    ['POST', '/broken', 1, 502],
  ])('%s %s reaches %i node(s), and the client gets %i', async (method, path, expectedHits, status) => {
    nginx = await startNginx({ nodes: nodes.map((n) => ({ id: n.id, port: n.port })) });
    const res = await fetch(`${nginx.url}${path}`, { method, ...(method === 'POST' ? { body: 'vote', headers: { 'content-type': 'text/plain' } } : {}) });
    await res.arrayBuffer();
    expect(res.status).toBe(status);
    expect(hitsOf(`${method} ${path}`)).toBe(expectedHits);
  });
});

describe('stickyNodeCookie', () => {
  it('names the node on the handshake only, beside a cookie Engine.IO sets itself', async () => {
    const http = createServer();
    const io = new SocketServer(http, { path: '/socket.io', serveClient: false, cookie: { name: 'io', path: '/', httpOnly: true, sameSite: 'lax' } });
    stickyNodeCookie(io, 'n7');
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/socket.io/?EIO=4&transport=polling`;
    try {
      const handshake = await fetch(url);
      const cookies = handshake.headers.getSetCookie();
      expect(cookies).toHaveLength(2);
      expect(cookies[0]).toMatch(/^io=/);
      expect(cookies[1]).toBe(`${STICKY_COOKIE}=n7; Path=/socket.io; HttpOnly; SameSite=Lax`);
      const { sid } = JSON.parse((await handshake.text()).slice(1)) as { sid: string };
      const poll = await fetch(`${url}&sid=${sid}`, { method: 'POST', body: '40', headers: { 'content-type': 'text/plain' } });
      expect(poll.status).toBe(200);
      expect(poll.headers.getSetCookie()).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => io.close(() => resolve()));
    }
  });

  it('refuses a node id that would break the cookie or the nginx configuration', () => {
    const io = new SocketServer(); // not attached: nothing to close
    expect(() => stickyNodeCookie(io, 'n1; Path=/')).toThrow();
    expect(() => stickyNodeCookie(io, '')).toThrow();
  });
});
