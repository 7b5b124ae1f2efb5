// An nginx of its own in front of local nodes — for the integration tests and `npm run cluster`, not for
// production (there Debian's nginx runs deploy/nginx.conf.example's configuration; see deploy/README.md).
// Everything it writes stays in a temporary prefix directory, removed when it stops.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { nginxConfig, type NginxNode } from './nginx';

export type PrivateNginx = {
  url: string;
  port: number;
  pid: number;
  /** where its error.log and access.log are, until it stops */
  prefix: string;
  /** settles when nginx exits, however that happens */
  exited: Promise<void>;
  /** what nginx wrote to its error log (for a message when it stops unexpectedly) */
  errorLog(): string;
  stop(): Promise<void>;
};

/** nginx could not listen on the port (another process has it). */
export class NginxPortTaken extends Error {}

/** Debian's nginx is at /usr/sbin/nginx, which is not on every user's PATH. */
export function findNginx(): string {
  const candidates = ['/usr/sbin/nginx', ...(process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, 'nginx'))];
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  throw new Error("nginx not found (looked at /usr/sbin/nginx and on PATH): install Debian's package with apt-get install nginx");
}

export async function startPrivateNginx(opts: { listenPort: number; listenHost: string; nodes: NginxNode[] }): Promise<PrivateNginx> {
  const binary = findNginx();
  const prefix = mkdtempSync(join(tmpdir(), 'yishi-nginx-'));
  // Started as root (CI), nginx's workers run as nobody and must reach their temporary directories.
  chmodSync(prefix, 0o755);
  writeFileSync(join(prefix, 'nginx.conf'), nginxConfig({ ...opts, prefix }));
  // -e: the log for what happens before the configuration is read. A process group of its own: a
  // Ctrl-C in the terminal is for whoever started it to handle, and a killed master takes its workers along.
  const child = spawn(binary, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const errorLog = () => stderr + readLog(prefix);
  let exitCode: number | null = null;
  const exited = new Promise<void>((resolve) => child.once('exit', (code) => ((exitCode = code), resolve())));
  let started = false;
  const failedToStart = exited.then(() => {
    if (started) return; // from here on, an exit is the caller's to notice (exited), and the prefix stop()'s to remove
    const log = errorLog();
    rmSync(prefix, { recursive: true, force: true });
    throw /Address already in use/.test(log) ? new NginxPortTaken(log) : new Error(`nginx exited with ${exitCode}:\n${log}`);
  });
  try {
    await Promise.race([pidFileWritten(prefix), failedToStart]);
  } catch (err) {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    throw err;
  }
  started = true;
  return {
    url: `http://${opts.listenHost === '0.0.0.0' ? 'localhost' : opts.listenHost}:${opts.listenPort}`,
    port: opts.listenPort,
    pid: child.pid!,
    prefix,
    exited,
    errorLog,
    stop: () => stopNginx(child, exited, prefix),
  };
}

function readLog(prefix: string): string {
  try {
    return readFileSync(join(prefix, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}

/**
 * nginx writes its pid file once its listening sockets are bound (a connection would then wait in the
 * kernel's queue for a worker). A test connection would not do: it could reach whoever else has the port
 * while nginx is still retrying its bind.
 */
async function pidFileWritten(prefix: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if (readFileSync(join(prefix, 'nginx.pid'), 'utf8').trim()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('nginx did not start within 10 s');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * SIGQUIT: a graceful stop — requests in flight finish, open websockets get worker_shutdown_timeout
 * (5 s). If nginx is still there after 8 s, its whole process group is killed.
 */
async function stopNginx(child: ChildProcess, exited: Promise<void>, prefix: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGQUIT');
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 8_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(prefix, { recursive: true, force: true });
}
