// The floor for bench:vote: the same fan-out over plain `ws` with no application logic — each client
// message is acknowledged to its sender, sent at once to the projector (the first client) and to the
// others coalesced in the same 250 ms windows as the real server; nothing validated or stored.
import { WebSocketServer, WebSocket } from 'ws';

const wss = new WebSocketServer({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
wss.on('listening', () => console.log(`[floor] ready on ${(wss.address() as { port: number }).port}`));
const COALESCE_MS = 250;
let seq = 0;
let projector: WebSocket | null = null;
let buffered: { seq: number; voted: number }[] = [];
let timer: NodeJS.Timeout | null = null;
let lastFlush = 0;
function flush() {
  timer = null;
  lastFlush = Date.now();
  const out = JSON.stringify(buffered.splice(0));
  for (const c of wss.clients) if (c !== projector && c.readyState === WebSocket.OPEN) c.send(out);
}
wss.on('connection', (ws) => {
  projector ??= ws;
  ws.on('message', (raw) => {
    const msg = JSON.parse(String(raw)) as { id: number };
    seq++;
    ws.send(JSON.stringify({ ack: msg.id, seq }));
    projector?.send(JSON.stringify({ seq, voted: seq }));
    buffered.push({ seq, voted: seq });
    if (timer) return;
    const wait = lastFlush + COALESCE_MS - Date.now();
    if (wait <= 0) flush();
    else timer = setTimeout(flush, wait);
  });
});
process.on('SIGTERM', () => process.exit(0));
