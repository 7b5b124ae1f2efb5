import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server as SocketServer } from 'socket.io';
import { MeetingHub } from '../lib/meeting/hub';
import type { Db } from '../lib/platform/db/client';
import { createHttpApi } from './http-api';
import { attachMeetingSockets } from './socket';

export type YishiServerOptions = {
  db: Db;
  /** Serve pages through Next (the app). Integration tests and the rehearsal load run without it. */
  next?: { dev: boolean; dir: string } | null;
  secureCookies?: boolean;
};

export type YishiServer = {
  http: HttpServer;
  io: SocketServer;
  hub: MeetingHub;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
};

/**
 * One Node HTTP server carries the JSON API, Next's pages, Socket.IO on /socket.io and the Yjs
 * websocket on /collab/… (reserved for the minutes). Upgrades are routed by path.
 */
export async function createYishiServer(opts: YishiServerOptions): Promise<YishiServer> {
  const hub = new MeetingHub(opts.db);
  let ready = false;
  const api = createHttpApi(opts.db, { secureCookies: opts.secureCookies ?? false, isReady: () => ready });

  type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  type NextUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
  let nextHandle: NextHandler | null = null;
  let nextUpgrade: NextUpgrade | null = null;
  if (opts.next) {
    const { default: next } = await import('next');
    const app = next({ dev: opts.next.dev, dir: opts.next.dir });
    await app.prepare();
    nextHandle = app.getRequestHandler() as NextHandler;
    nextUpgrade = app.getUpgradeHandler() as NextUpgrade;
  }

  const http = createServer((req, res) => {
    void (async () => {
      if (await api(req, res)) return;
      if (nextHandle) return nextHandle(req, res);
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    })().catch((err) => {
      console.error('[http]', err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  // destroyUpgrade off: upgrades on other paths are ours to route, not Socket.IO's to drop.
  const io = new SocketServer(http, {
    path: '/socket.io', serveClient: false, destroyUpgrade: false,
    // Browsers send an Origin: only pages of this server may open a meeting connection (no cross-site
    // socket with a staff member's cookie). Non-browser clients (simulator, hall displays) send none.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, !origin || sameHost(origin, req.headers.host));
    },
  });
  attachMeetingSockets(io, opts.db, hub);

  http.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path.startsWith('/socket.io')) return; // engine.io's own listener takes it
    if (path.startsWith('/collab/')) {
      // Reserved for the collaborative minutes (Yjs): refuse plainly until it exists.
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    if (nextUpgrade) return void nextUpgrade(req, socket, head);
    socket.destroy();
  });

  await hub.loadLiveMeetings();
  ready = true;

  return {
    http, io, hub,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const addr = http.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      }),
    close: async () => {
      ready = false;
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
