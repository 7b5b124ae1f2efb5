// Keep-alive between the server and its HTTP clients: the server's timeouts are set on purpose, and
// the tests' client survives a server that closes a kept connection just as a request is sent on it.
import { request as httpRequest, Agent, createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../lib/platform/db/client';
import { applyMigrations } from '../../lib/platform/db/migrate';
import { createYishiServer, HTTP_TIMEOUTS, type YishiServer } from '../../server/app';
import { scratchSqlite, type ScratchDatabase } from '../support/databases';

describe('the server’s keep-alive', () => {
  let scratch: ScratchDatabase;
  let db: Db;
  let server: YishiServer;
  let port: number;
  beforeAll(async () => {
    scratch = await scratchSqlite();
    await applyMigrations(scratch.url);
    db = createDb(scratch.url);
    server = await createYishiServer({ db });
    port = await server.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await server?.close();
    await db?.$disconnect();
    await scratch?.drop();
  });

  it('keeps idle connections longer than proxies (60 s), with the headers timeout above it', () => {
    expect(server.http.keepAliveTimeout).toBe(HTTP_TIMEOUTS.keepAliveTimeout);
    expect(HTTP_TIMEOUTS.keepAliveTimeout).toBeGreaterThan(60_000);
    expect(server.http.headersTimeout).toBe(HTTP_TIMEOUTS.headersTimeout);
    expect(server.http.headersTimeout).toBeGreaterThan(server.http.keepAliveTimeout);
    expect(server.http.requestTimeout).toBe(HTTP_TIMEOUTS.requestTimeout);
    expect(server.http.requestTimeout).toBeGreaterThanOrEqual(server.http.headersTimeout);
  });

  it('tells keep-alive clients how long it keeps their connection', async () => {
    const agent = new Agent({ keepAlive: true });
    try {
      const header = await new Promise<string | undefined>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port, path: '/api/health', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.headers['keep-alive'] as string | undefined));
        }).on('error', reject).end();
      });
      expect(header).toBe(`timeout=${HTTP_TIMEOUTS.keepAliveTimeout / 1000}`);
    } finally {
      agent.destroy();
    }
  });
});

describe('the tests’ HTTP client', () => {
  let raceServer: Server;
  let url: string;
  beforeAll(async () => {
    // A second request on one connection arrives just as the server's idle timer closes it: dropped unanswered.
    const served = new WeakMap<object, number>();
    raceServer = createServer((req, res) => {
      const n = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, n);
      if (n > 1) return void req.socket.destroy();
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => raceServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(raceServer.address() as { port: number }).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => raceServer.close(() => resolve())));

  it('does not send a request on a connection the server may be closing', async () => {
    expect(await (await fetch(url)).json()).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the connection is back in the pool
    expect(await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()).toEqual({ ok: true });
  });
});
