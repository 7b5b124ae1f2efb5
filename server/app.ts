import { createQuestionnaires } from '../lib/questionnaire/service';
import { startQuestionnaireSweep } from './questionnaire-sweep';
import { startSweep } from './sweep';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Server as SocketServer } from 'socket.io';
import { MeetingHub } from '../lib/meeting/hub';
import type { CollabServer } from '../lib/minutes/collab/server';
import { createMinutesService } from '../lib/minutes/service';
import { createRecordService, type RecordService } from '../lib/record/service';
import type { Db } from '../lib/platform/db/client';
import type { SmsSender } from '../lib/platform/sms';
import { FailureLimiter } from '../lib/platform/rate-limit';
import { createCollabEndpoint } from './collab';
import { clientAddress, createHttpApi } from './http-api';
import { assertOwnOrigin } from './identity';
import { isBuildAsset, preparePageRequest, setBaseHeaders } from './security-headers';
import { attachScoreSockets } from './score-sockets';
import { paintFirst } from './paint-first';
import type { IceServer } from '../lib/platform/ice-servers';
import { attachMeetingSockets, HANDSHAKE_FAILURES } from './socket';
import type { Cluster } from './cluster/start';

export type YishiServerOptions = {
  db: Db;
  /** Serve pages through Next (the app). Integration tests and the rehearsal load run without it. */
  next?: { dev: boolean; dir: string } | null;
  secureCookies?: boolean;
  /** Base URL printed in records' QR codes (YISHI_PUBLIC_URL); default: the Host the request came to. */
  publicUrl?: string;
  /** residents' one-time codes (default: the log sender, codes never shown on the page) */
  sms?: SmsSender;
  /** STUN/TURN for remote members' voice (iceServersFromEnv); default none: a hall LAN needs none */
  iceServers?: IceServer[];
  /** One of several nodes (REDIS_URL; server/cluster/start.ts); default: the only one. */
  cluster?: Cluster;
};

export type YishiServer = {
  http: HttpServer;
  io: SocketServer;
  hub: MeetingHub;
  /** The collaborative minutes (Yjs): the minutes writer changes them with `collab.transactAsSystem`. */
  collab: CollabServer;
  records: RecordService;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
};

/** How often a node looks for closed meetings without a record and complete records not yet filed. */
export const RECORD_SWEEP_MS = 60_000;

/**
 * One Node HTTP server carries the JSON API, Next's pages, Socket.IO on /socket.io and the Yjs
 * websocket on /collab/… (reserved for the minutes). Upgrades are routed by path.
 */
export async function createYishiServer(opts: YishiServerOptions): Promise<YishiServer> {
  const hub = new MeetingHub(opts.db, undefined, opts.cluster?.link ?? null);
  let ready = false;
  const minutes = createMinutesService(opts.db, hub, { relay: opts.cluster?.collabRelay });
  const collab = minutes.collab;
  // Score dashboards hear of filings; the namespace is attached once Socket.IO exists (below).
  let scores: ReturnType<typeof attachScoreSockets> | null = null;
  const scoresChanged = (communityId: string) => scores?.changed(communityId);
  const records = createRecordService(opts.db, hub, minutes.access.final, { onFiled: (_recordId, communityId) => scoresChanged(communityId) });
  // A closed meeting is frozen into its record at once (after the minutes' last facts are written).
  hub.onEvents((meetingId, events) => {
    if (!events.some((e) => e.type === 'meeting.statusChanged' && e.data.status === 'closed')) return;
    records.freeze(meetingId).catch((err) => console.error('[record] freeze failed', meetingId, err));
  });
  const api = createHttpApi(opts.db, {
    hub, secureCookies: opts.secureCookies ?? false, isReady: () => ready, minutes: minutes.access, records, publicUrl: opts.publicUrl, scoresChanged, sms: opts.sms,
  });

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
      const url = req.url ?? '/';
      setBaseHeaders(res, url);
      // A path with a broken percent-escape (a mangled link) is refused first: the API's and Next's routers would throw.
      if (!decodablePath(url)) return void res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request: malformed URL');
      if (await api(req, res)) return;
      if (nextHandle) {
        if (!isBuildAsset(url)) {
          paintFirst(req, res, preparePageRequest(req, res, opts.next!.dev));
        }
        return nextHandle(req, res);
      }
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    })().catch((err) => {
      console.error('[http]', err);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  setHttpTimeouts(http);

  // A handshake with a bad token costs a transport handshake and a database lookup; an address that keeps
  // failing is refused at the upgrade, before either. Failures are counted, not attempts: a hall of
  // phones shares one address and reconnects all at once after a restart.
  const handshakeFailures = new FailureLimiter(HANDSHAKE_FAILURES.count, HANDSHAKE_FAILURES.perSeconds);
  // destroyUpgrade off: upgrades on other paths are ours to route, not Socket.IO's to drop.
  const io = new SocketServer(http, {
    path: '/socket.io', serveClient: false, destroyUpgrade: false,
    // Only pages of this server may open a meeting connection (no cross-site socket riding on a staff
    // member's cookie): the same Origin rule as every state-changing HTTP request.
    allowRequest: (req, callback) => {
      try {
        assertOwnOrigin(req.headers, opts.publicUrl);
      } catch {
        return callback('Cross-site connection refused', false);
      }
      handshakeFailures.check(clientAddress(req)).then(
        () => callback(null, true),
        () => callback('Too many failed connection attempts from this address; try again later', false),
      );
    },
  });
  opts.cluster?.attach(io);
  attachMeetingSockets(io, opts.db, hub, { onUnauthenticated: (req) => void handshakeFailures.fail(clientAddress(req)), iceServers: opts.iceServers });
  scores = attachScoreSockets(io, opts.db);

  const collabEndpoint = createCollabEndpoint({ db: opts.db, hub, collab, publicUrl: opts.publicUrl });

  http.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path.startsWith('/socket.io')) return; // engine.io's own listener takes it
    if (path.startsWith('/collab/')) return collabEndpoint.handleUpgrade(req, socket, head);
    if (nextUpgrade) return void nextUpgrade(req, socket, head);
    socket.destroy();
  });

  const live = await hub.loadLiveMeetings();
  // A crash between a meeting change and its fact in the minutes is mended on start — or, with several
  // nodes, by the node that takes the meeting over from one that died.
  if (opts.cluster) hub.onTakeOver((id) => void minutes.writer.reconcile(id).catch((err: unknown) => console.error('[minutes] reconcile failed', id, err)));
  else await Promise.all(live.map((id) => minutes.writer.reconcile(id)));
  // …and so is a crash between closing a meeting and freezing its record, or between signing and filing:
  // on start, and then now and again, for a freeze that failed or whose node died without a restart.
  // With several nodes a meeting is frozen by the node that decides it, or takes it over from a dead one.
  const recordSweep = startSweep('record', () => records.recover((meetingId) => hub.adopt(meetingId)), RECORD_SWEEP_MS);
  await recordSweep.runNow();
  // Questionnaires past their closing time close by themselves (answers are refused from then on anyway).
  const questionnaireSweep = startQuestionnaireSweep(createQuestionnaires(opts.db, hub));
  ready = true;

  return {
    http, io, hub, collab, records,
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
      questionnaireSweep.stop();
      recordSweep.stop();
      collabEndpoint.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // Pending minutes updates are stored before the database goes away; documents are compacted.
      await collab.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/**
 * Idle keep-alive connections are closed by the server only after clients and proxies have given
 * them up: Node's default (5 s) is shorter than what proxies (nginx upstream keep-alive: 60 s) and
 * HTTP clients keep idle connections for, so a client could send a request on a connection the server
 * was closing at that moment ("other side closed"). 65 s outlasts the common 60 s of proxies and load balancers; the headers timeout must be
 * longer than the keep-alive timeout, or Node may cut a reused connection while its next request's
 * headers are arriving. The whole request may take 5 minutes: a 10 MB evidence upload on slow hall Wi-Fi.
 */
export const HTTP_TIMEOUTS = { keepAliveTimeout: 65_000, headersTimeout: 66_000, requestTimeout: 300_000 } as const;

function setHttpTimeouts(http: HttpServer): void {
  http.keepAliveTimeout = HTTP_TIMEOUTS.keepAliveTimeout;
  http.headersTimeout = HTTP_TIMEOUTS.headersTimeout;
  http.requestTimeout = HTTP_TIMEOUTS.requestTimeout;
}

function decodablePath(url: string): boolean {
  try {
    decodeURIComponent(url.split('?')[0]!);
    return true;
  } catch {
    return false;
  }
}
