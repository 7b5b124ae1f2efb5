// `npm run bench:hall-audio` — prints JSON (progress on stderr).
//
// What sending the hall's sound to remote listeners costs the projector's computer, to set and state
// HALL_LISTENERS_MAX (lib/meeting/procedure/speakers/voice-model.ts; docs/voice.md). The projector page
// gives each listener its own RTCPeerConnection carrying the microphone track, so the browser encodes
// and sends the sound once per listener. This runs exactly that in Chromium: one browser plays the
// projector (Chromium's fake microphone, one connection per listener), another the listeners; for each
// number of listeners it measures, over BENCH_SECONDS (10), the projector browser's CPU (all of its
// processes, from /proc, in % of one core) and its upstream bitrate (outbound-rtp bytesSent). Signalling
// is done in-process: the server's part (relaying a few messages) is measured elsewhere and is not the
// limit. 0 listeners is the baseline in the same run: the microphone captured, nothing sent.
// Environment: BENCH_LISTENERS (0,1,4,8,16,24,32), BENCH_SECONDS, CHROMIUM_PATH.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from '@playwright/test';

const COUNTS = (process.env.BENCH_LISTENERS ?? '0,1,4,8,16,24,32').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required', '--disable-features=WebRtcHideLocalIpsWithMdns'];
const log = (m: string) => console.error(`[bench:hall-audio] ${new Date().toISOString().slice(11, 19)} ${m}`);

/** CPU seconds used so far by a process and all its descendants (utime + stime from /proc). */
function treeCpuSeconds(rootPid: number): number {
  const tick = 100; // USER_HZ on Linux
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const raw = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(name), { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / tick });
    } catch { /* exited meanwhile */ }
  }
  let total = 0;
  for (const [pid, s] of stats) {
    let p: number | undefined = pid;
    while (p && p !== rootPid) p = stats.get(p)?.ppid;
    if (p === rootPid || pid === rootPid) total += s.cpu;
  }
  return total;
}

async function main() {
  // A secure origin for getUserMedia: an empty page on localhost.
  const http = createServer((_req, res) => res.end('<!doctype html><title>hall</title>')).listen(0, '127.0.0.1');
  await new Promise((r) => http.once('listening', r));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  const projectorServer = await chromium.launchServer({ executablePath: CHROMIUM, args: ARGS });
  const projectorPid = projectorServer.process().pid!;
  const projectorBrowser = await chromium.connect(projectorServer.wsEndpoint());
  const listenerBrowser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const results: { listeners: number; connected: number; projectorCpuPercentOfOneCore: number; upstreamKbps: number; kbpsPerListener: number }[] = [];

  try {
    for (const n of COUNTS) {
      log(`${n} listeners`);
      const projector = await (await projectorBrowser.newContext({ permissions: ['microphone'] })).newPage();
      const listeners = await (await listenerBrowser.newContext()).newPage();
      // tsx keeps function names with a helper (__name) that the page does not have.
      for (const page of [projector, listeners]) await page.addInitScript('window.__name = (f) => f');
      await projector.goto(url);
      await listeners.goto(url);
      await projector.evaluate(async (count) => {
        const mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: false, autoGainControl: true } });
        const pcs: RTCPeerConnection[] = [];
        for (let i = 0; i < count; i++) {
          const pc = new RTCPeerConnection({ iceServers: [] });
          for (const t of mic.getAudioTracks()) pc.addTrack(t, mic);
          pcs.push(pc);
        }
        (window as unknown as { pcs: RTCPeerConnection[] }).pcs = pcs;
      }, n);
      await listeners.evaluate((count) => {
        (window as unknown as { pcs: RTCPeerConnection[] }).pcs = Array.from({ length: count }, () => new RTCPeerConnection({ iceServers: [] }));
      }, n);
      for (let i = 0; i < n; i++) {
        const offer = await sdpOf(projector, i, 'offer');
        await listeners.evaluate(async ([idx, sdp]) => {
          const pc = (window as unknown as { pcs: RTCPeerConnection[] }).pcs[idx as number]!;
          pc.ontrack = (e) => { const a = new Audio(); a.srcObject = e.streams[0] ?? new MediaStream([e.track]); void a.play(); };
          await pc.setRemoteDescription({ type: 'offer', sdp: sdp as string });
        }, [i, offer] as const);
        const answer = await sdpOf(listeners, i, 'answer');
        await projector.evaluate(async ([idx, sdp]) => {
          await (window as unknown as { pcs: RTCPeerConnection[] }).pcs[idx as number]!.setRemoteDescription({ type: 'answer', sdp: sdp as string });
        }, [i, answer] as const);
      }
      await projector.waitForFunction(() => (window as unknown as { pcs: RTCPeerConnection[] }).pcs.every((pc) => pc.connectionState === 'connected'), undefined, { timeout: 60_000 });
      await new Promise((r) => setTimeout(r, 2000)); // past the connections' start-up
      const bytes0 = await bytesSent(projector);
      const cpu0 = treeCpuSeconds(projectorPid);
      const t0 = Date.now();
      await new Promise((r) => setTimeout(r, SECONDS * 1000));
      const elapsed = (Date.now() - t0) / 1000;
      const cpu = (treeCpuSeconds(projectorPid) - cpu0) / elapsed;
      const kbps = ((await bytesSent(projector)) - bytes0) * 8 / 1000 / elapsed;
      const connected = await projector.evaluate(() => (window as unknown as { pcs: RTCPeerConnection[] }).pcs.filter((pc) => pc.connectionState === 'connected').length);
      results.push({ listeners: n, connected, projectorCpuPercentOfOneCore: Math.round(cpu * 1000) / 10, upstreamKbps: Math.round(kbps), kbpsPerListener: n ? Math.round(kbps / n * 10) / 10 : 0 });
      log(JSON.stringify(results.at(-1)));
      await projector.context().close();
      await listeners.context().close();
    }
  } finally {
    await listenerBrowser.close();
    await projectorBrowser.close();
    await projectorServer.close();
    http.close();
  }
  console.log(JSON.stringify({ seconds: SECONDS, machine: `${(await import('node:os')).cpus().length} CPUs`, results }, null, 2));
}

async function sdpOf(page: Page, i: number, kind: 'offer' | 'answer'): Promise<string> {
  return page.evaluate(async ([idx, k]) => {
    const pc = (window as unknown as { pcs: RTCPeerConnection[] }).pcs[idx as number]!;
    await pc.setLocalDescription(k === 'offer' ? await pc.createOffer() : await pc.createAnswer());
    if (pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const check = () => { if (pc.iceGatheringState === 'complete') resolve(); };
        pc.addEventListener('icegatheringstatechange', check);
        setTimeout(resolve, 4000);
      });
    }
    return pc.localDescription!.sdp;
  }, [i, kind] as const);
}

async function bytesSent(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let total = 0;
    for (const pc of (window as unknown as { pcs: RTCPeerConnection[] }).pcs) {
      (await pc.getStats()).forEach((r: { type: string; bytesSent?: number }) => { if (r.type === 'outbound-rtp') total += r.bytesSent ?? 0; });
    }
    return total;
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
