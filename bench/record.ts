// `npx tsx bench/record.ts` — prints JSON (progress on stderr). Target: ≤ 2 s in total.
//
// Freezing a 3-hour meeting into its record: 57 voting seats (+2 guests), 50 agenda items, 150 speeches,
// 40 polls (named and secret), ~30,000 words of minutes in a Yjs document built through the minutes
// schema (lib/record/fixtures.ts). The phases are what the record service does when a meeting closes
// (lib/record/service.ts), plus the printable PDF: fold the event log, minutes Yjs → JSON → HTML and
// Markdown, hash the Yjs state, hash the event log, build the record, canonical bytes, SHA-256, PDF.
// One warm-up run, then BENCH_RUNS (5) timed runs; medians per phase and of the per-run totals.
//
// Environment: BENCH_RUNS, BENCH_WORDS (minutes words), BENCH_PDF_OUT (write the last PDF there).
import { writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import { foldEvents } from '../lib/meeting/state';
import { minutesHTML, minutesJSON, minutesMarkdown } from '../lib/minutes/export';
import { buildRecord } from '../lib/record/build';
import { canonicalBytes } from '../lib/record/canonical';
import { eventLogSha256, readableOf, syntheticMeeting, THREE_HOUR_MEETING } from '../lib/record/fixtures';
import { commitValue, sha256Hex } from '../lib/record/node-crypto';
import { renderRecordPdf } from '../lib/record/pdf';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WORDS = Number(process.env.BENCH_WORDS ?? THREE_HOUR_MEETING.minutesWords);
const TARGET_MS = 2000;

const log = (m: string) => console.error(`[bench:record] ${new Date().toISOString().slice(11, 19)} ${m}`);
const round = (x: number) => Math.round(x * 10) / 10;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

log('building the meeting (events, ballots, minutes document)');
const built = performance.now();
const meeting = syntheticMeeting({ ...THREE_HOUR_MEETING, minutesWords: WORDS });
const announcedAt = meeting.events.find((e) => e.type === 'meeting.statusChanged' && e.data.status === 'announced')?.at ?? null;
log(`built in ${Math.round(performance.now() - built)} ms: ${meeting.events.length} events`);

type Phase = 'foldState' | 'minutesJson' | 'minutesHtmlMarkdown' | 'yjsStateHash' | 'eventLogHash' | 'buildRecord' | 'canonicalBytes' | 'sha256' | 'pdf';

async function freezeOnce() {
  const times = {} as Record<Phase, number>;
  let at = performance.now();
  const lap = (phase: Phase) => {
    const now = performance.now();
    times[phase] = now - at;
    at = now;
  };
  const state = foldEvents(meeting.meetingId, meeting.events);
  lap('foldState');
  const json = minutesJSON(meeting.minutes);
  lap('minutesJson');
  const html = minutesHTML(json);
  const markdown = minutesMarkdown(json);
  lap('minutesHtmlMarkdown');
  const yjsStateSha256 = sha256Hex(Y.encodeStateAsUpdate(meeting.minutes));
  lap('yjsStateHash');
  const eventLog = { events: meeting.events.length, lastSeq: meeting.events.at(-1)!.seq, sha256: eventLogSha256(meeting.events) };
  lap('eventLogHash');
  const { record, disclosures } = buildRecord({
    commit: commitValue,
    recordId: 'record-bench', state, community: meeting.community, announcedAt, signers: meeting.signers,
    namedBallots: meeting.namedBallots, minutes: { html, markdown, yjsStateSha256 }, eventLog,
    chain: { communityId: meeting.community.id, seq: 12, previousRecordHash: sha256Hex('record 11') },
    frozenAt: new Date(Date.parse(state.closedAt!) + 60_000).toISOString(),
  });
  lap('buildRecord');
  const bytes = canonicalBytes(record);
  lap('canonicalBytes');
  const recordHash = sha256Hex(bytes);
  lap('sha256');
  // Staff's copy with every name opened: the larger of the two PDFs.
  const pdf = await renderRecordPdf(readableOf({ record, disclosures }, 'disclosed'), {
    recordHash,
    status: 'filed',
    platformFingerprint: sha256Hex('platform'),
    verifyUrl: `https://yishi.example.cn/verify/${record.recordId}?h=${recordHash}`,
    signatures: [
      ...record.signers.map((s, i) => ({ role: s.role, name: s.name, keyFingerprint: sha256Hex(`key-${i}`), signedAt: record.frozenAt })),
      { role: 'platform' as const, name: '议事平台', keyFingerprint: sha256Hex('platform'), signedAt: record.frozenAt },
    ],
  });
  lap('pdf');
  return { times, record, bytes, pdf, markdown, html };
}

log('warm-up');
const warm = await freezeOnce();
const runs: Record<Phase, number>[] = [];
const totals: number[] = [];
let last = warm;
for (let i = 0; i < RUNS; i++) {
  last = await freezeOnce();
  runs.push(last.times);
  totals.push(Object.values(last.times).reduce((a, b) => a + b, 0));
  log(`run ${i + 1}/${RUNS}: ${Math.round(totals.at(-1)!)} ms`);
}
if (process.env.BENCH_PDF_OUT) writeFileSync(process.env.BENCH_PDF_OUT, last.pdf);

const phases = Object.keys(warm.times) as Phase[];
const totalMs = round(median(totals));
const pages = (last.pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
const r = last.record;
console.log(JSON.stringify({
  meeting: {
    events: meeting.events.length,
    seats: r.roster.length,
    present: r.attendance.length,
    agendaItems: r.agenda.length,
    speeches: r.agenda.reduce((n, a) => n + a.speakers.length, 0) + r.otherSpeakers.length,
    polls: r.polls.length,
    namedPolls: r.polls.filter((p) => !p.secret).length,
    minutesWords: WORDS,
    minutesChars: last.markdown.length,
  },
  // The first freeze in a fresh process (module JIT, font parsing): what a server that rarely closes a meeting pays.
  warmUpMs: { total: round(Object.values(warm.times).reduce((a, b) => a + b, 0)), ...Object.fromEntries(phases.map((p) => [p, round(warm.times[p])])) },
  runs: RUNS,
  medianMs: Object.fromEntries(phases.map((p) => [p, round(median(runs.map((x) => x[p])))])),
  totalMs,
  totalMsPerRun: totals.map(round),
  targetMs: TARGET_MS,
  withinTarget: totalMs <= TARGET_MS,
  recordBytes: last.bytes.length,
  htmlBytes: Buffer.byteLength(last.html),
  pdfBytes: last.pdf.length,
  pdfPages: pages,
}, null, 2));
