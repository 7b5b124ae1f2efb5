// A private nginx in front of test nodes, with the configuration deploy/nginx.ts generates: its own
// prefix directory (pid, logs, temporary files), a free port on 127.0.0.1, one worker.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { nginxConfig, type NginxNode } from '../../deploy/nginx';
import { freePort } from './server';

export type RunningNginx = { url: string; port: number; stop(): Promise<void> };

/** Debian's nginx is at /usr/sbin/nginx, which is not on every user's PATH. */
export function nginxBinary(): string {
  const candidates = ['/usr/sbin/nginx', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'nginx'))];
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  throw new Error("nginx not found (looked at /usr/sbin/nginx and on PATH): install Debian's package, apt-get install nginx");
}

export async function startNginx(opts: { nodes: NginxNode[] }): Promise<RunningNginx> {
  const binary = nginxBinary();
  // The port is free when asked and taken by nginx a moment later; another process may win it in between.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(binary, opts.nodes, await freePort());
    } catch (err) {
      if (attempt === 3 || !(err instanceof PortTaken)) throw err;
    }
  }
}

class PortTaken extends Error {}

async function startOnce(binary: string, nodes: NginxNode[], port: number): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'yishi-nginx-'));
  // Started as root (CI), nginx's workers run as nobody and must reach their temporary directories.
  chmodSync(prefix, 0o755);
  writeFileSync(join(prefix, 'nginx.conf'), nginxConfig({ listenPort: port, listenHost: '127.0.0.1', nodes, prefix }));
  // A process group of its own: if the master has to be killed, its workers go with it.
  const child = spawn(binary, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => {
      const log = stderr + readLog(prefix);
      rmSync(prefix, { recursive: true, force: true });
      reject(/Address already in use/.test(log) ? new PortTaken(log) : new Error(`nginx exited with ${code}:\n${log}`));
    }),
  );
  exited.catch(() => {}); // observed below; after a clean stop nobody waits for it
  await Promise.race([listening(port), exited]);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () => stopNginx(child, prefix),
  };
}

function readLog(prefix: string): string {
  try {
    return readFileSync(join(prefix, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}

/** nginx is up when its port accepts a connection (it answers even when every node is down: 502). */
async function listening(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port} within 10 s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** SIGQUIT lets open requests finish (websockets get worker_shutdown_timeout); SIGKILL to the group after 8 s. */
async function stopNginx(child: ChildProcess, prefix: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGQUIT');
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 8_000);
    await gone;
    clearTimeout(timer);
  }
  rmSync(prefix, { recursive: true, force: true });
}
