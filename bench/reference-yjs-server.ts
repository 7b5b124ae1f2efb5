// The reference for bench:minutes: a plain @y/websocket-server (its `setupWSConnection`) on `ws`, with no
// authorisation and no persistence (YPERSISTENCE is never set, so its leveldb layer stays off). The
// document name is the path after /collab/, as on the real server, so the same clients connect to both.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

delete process.env.YPERSISTENCE;
const http = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('okay');
});
const wss = new WebSocketServer({ noServer: true });
http.on('upgrade', (req, socket, head) => {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const docName = decodeURIComponent(path.startsWith('/collab/') ? path.slice('/collab/'.length) : path.slice(1));
  wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName }));
});
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`[reference] ready on ${(http.address() as { port: number }).port}`);
});
process.on('SIGTERM', () => process.exit(0));
