// What the benchmarks share: percentiles of latencies, a process's memory, progress on stderr (stdout is the JSON).
import { readFileSync } from 'node:fs';

/** The q-th percentile (nearest rank) of `xs`, to 0.1; null for none. */
export const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10 : null;
};

export const summary = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 0.5), p95: pct(xs, 0.95), p99: pct(xs, 0.99), max: pct(xs, 1) });

/** Resident memory of a process (Linux /proc), in KB. */
export const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

export const log = (m: string) => console.error(`[bench] ${new Date().toISOString().slice(11, 19)} ${m}`);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
