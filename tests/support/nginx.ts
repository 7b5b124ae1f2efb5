// A private nginx (deploy/private-nginx.ts) in front of test nodes: a free port on 127.0.0.1, one worker.
import { NginxPortTaken, startPrivateNginx } from '../../deploy/private-nginx';
import type { NginxNode } from '../../deploy/nginx';
import { freePort } from './server';

export type RunningNginx = { url: string; port: number; errorLog(): string; stop(): Promise<void> };

export async function startNginx(opts: { nodes: NginxNode[] }): Promise<RunningNginx> {
  // The port is free when asked and taken by nginx a moment later; another process may win it in between.
  for (let attempt = 1; ; attempt++) {
    try {
      const nginx = await startPrivateNginx({ listenPort: await freePort(), listenHost: '127.0.0.1', nodes: opts.nodes });
      return { url: nginx.url, port: nginx.port, errorLog: nginx.errorLog, stop: nginx.stop };
    } catch (err) {
      if (attempt === 3 || !(err instanceof NginxPortTaken)) throw err;
    }
  }
}
