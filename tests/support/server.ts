// Runs the real server (API + Socket.IO, without Next) as a child process, so a test can SIGKILL it.
import { spawn, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureServerBundle } from '../../scripts/build-server.mjs';

const root = join(import.meta.dirname, '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export type RunningServer = { url: string; port: number; child: ChildProcess; output: () => string; stop(signal?: NodeJS.Signals): Promise<void> };

export async function startServer(opts: { databaseUrl: string; port?: number; env?: Record<string, string> }): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  // SERVER_NODE_ARGS lets a benchmark profile the server (e.g. --cpu-prof).
  const nodeArgs = (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // The bundle `npm start` runs (scripts/build-server.mjs), rebuilt here when a source changed.
  const bundle = await ensureServerBundle();
  const child = spawn(process.execPath, [...nodeArgs, bundle], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: opts.databaseUrl, PORT: String(port), HOST: '127.0.0.1', YISHI_NO_NEXT: '1', YISHI_SEED: '0', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const onData = () => {
      if (out.includes('[yishi] ready on')) {
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export { postJson, waitFor, type Ack } from '../../scripts/protocol-client';
export { connectMeeting as connect, sendCommand as command, logInStaff as staffCookie } from '../../scripts/protocol-client';

/** Node's ws lets a client send the staff session cookie, as a browser would on the same origin. */
export function webSocketWithCookie(cookie: string | undefined): new (url: string, protocols?: string | string[]) => WebSocket {
  if (!cookie) return WebSocket;
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  };
}

