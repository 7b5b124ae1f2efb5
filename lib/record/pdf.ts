import { outcomeSentence } from '../voting/outcome';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatFileSize, t, TIME_ZONE, type MessageKey, type MessageParams } from '../i18n/locale';
import { pollBallotNotes, proxyCheckInNote, undoneCheckInLines } from './ballot-notes';
import { heldAsSitting, type ReadablePoll, type ReadableRecord, type ReadableSpeaker } from './readable';
import { satisfactionRate } from '../evaluation/aggregate';
import { WALK_IN_KIND } from '../meeting/walk-ins';
import { zhTime } from '../meeting/procedure/documents';
import { agreements } from '../visits/model';

/**
 * The printable copy of a meeting record: what gets filed in the community's binder and shown to an
 * assessor. It is a rendering, not the record: the signed bytes are record.json, and the verification
 * page carries the hash and a QR code that lead back to them. The record is a Chinese document whatever
 * the reader's UI language, so every word here is zh-CN.
 */

export type RecordPdfStatus = 'awaiting_signatures' | 'signed' | 'filed';
export type RecordPdfSignature = {
  role: 'convener' | 'recorder' | 'platform';
  name: string;
  keyFingerprint: string;
  signedAt: string;
};
export type RecordPdfOptions = {
  recordHash: string;
  status: RecordPdfStatus;
  signatures: RecordPdfSignature[];
  verifyUrl: string;
  /** the district's platform key fingerprint, printed so an assessor verifies against it and not against the bundle's own key */
  platformFingerprint: string;
};

// The fonts ship with the app (scripts/make-pdf-font.sh builds them); resolved beside this module so
// the path holds under tsx, the custom server and the tests alike.
const BODY_FONT = fileURLToPath(new URL('./pdf-font/NotoSansSC-Yishi.otf', import.meta.url));
const MONO_FONT = fileURLToPath(new URL('./pdf-font/NotoSansMonoSC-Yishi.otf', import.meta.url));
let fontBytes: { body: Buffer; mono: Buffer } | null = null;
/** Read once per process: the body font is 2 MB and every render embeds a subset of it. */
function fonts() {
  fontBytes ??= { body: readFileSync(BODY_FONT), mono: readFileSync(MONO_FONT) };
  return fontBytes;
}

const zh = (key: MessageKey, params?: MessageParams) => t('zh-CN', key, params);

// Labels the web pages share (statuses, roles, the record's headings) are the catalogue's `meeting.*` and
// `record.*` keys; words only the printed record uses are its `record.pdf.*` keys.

/** A numbered top-level section heading: "一、出席情况". */
const SECTION_NUMBERS = [1, 2, 3, 4, 5, 6] as const;
/** Numbered sections, counted as they are laid out: a record that did not sit has fewer. */
class SectionCounter {
  private n = 0;
  next(title: string): string {
    const n = SECTION_NUMBERS[Math.min(this.n++, SECTION_NUMBERS.length - 1)]!;
    return zh(`record.pdf.section.${n}`, { title });
  }
}

// ── Page geometry (points; A4 is 595.28 × 841.89) ──
// The wider left margin leaves room for binding into the community's file.
const MARGIN = { top: 72, bottom: 72, left: 80, right: 56 };
const INK = '#1a1a1a';
const MUTED = '#5f6368';
const RULE = '#9e9e9e';
const SHADE = '#eeeeee';
const BODY_SIZE = 10.5; // 五号, the size of Chinese official documents' body text
const SMALL_SIZE = 9;
const LINE_GAP = 3;
/** Stroking the glyph outline as well as filling it: a bold look without shipping a second 2 MB weight. */
const BOLD_STROKE = 0.35;

type Doc = PDFKit.PDFDocument;

// Times in the users' zone whatever the machine's, as formatDateTime (lib/i18n/locale.ts) prints them; the
// formatters are made once because a record prints hundreds of times and each new one costs ~0.1 ms.
const zoned = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, ...options });
const WHEN = zoned({ dateStyle: 'long', timeStyle: 'short' });
const DAY = zoned({ dateStyle: 'long' });
const CLOCK = zoned({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
// A missing or unreadable time prints as a dash: the caller may not know a signature's time.
const format = (f: Intl.DateTimeFormat) => (iso: string | null) => (iso && !Number.isNaN(Date.parse(iso)) ? f.format(new Date(iso)) : '—');
const when = format(WHEN);
const day = format(DAY);
const clock = format(CLOCK);
const duration = (sec: number) => zh('record.pdf.duration', { minutes: Math.floor(sec / 60), seconds: String(sec % 60).padStart(2, '0') });
/** A SHA-256 in two lines of four groups of eight: easy to compare by eye, and always the same shape. */
const grouped = (hex: string) => hex.replace(/(.{8})(?=.)/g, '$1 ').replace(/^((?:\S+ ){3}\S+) /, '$1\n');
const list = (names: readonly string[]) => (names.length ? names.join('、') : zh('record.pdf.none'));

// ── Layout primitives ─────────────────────────────────────────────────────────────────────────

type FontName = 'body' | 'mono';
type Column = { title: string; width: number; font?: FontName; align?: 'left' | 'right' | 'center' };

/** The mono face holds ASCII only; anything else in a mono slot (e.g. "尚未签名") goes to the body face. */
const fontFor = (text: string, wanted: FontName): FontName => (wanted === 'mono' && /[^\x20-\x7e\n]/.test(text) ? 'body' : wanted);

/** Flowing layout over pdfkit: everything is placed at the cursor, and blocks move to a new page whole. */
class Layout {
  constructor(readonly doc: Doc) {}

  get left() { return this.doc.page.margins.left; }
  get width() { return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right; }
  get bottom() { return this.doc.page.height - this.doc.page.margins.bottom; }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  gap(points: number) {
    // A gap never starts a page: at the top of a fresh page it is pointless.
    if (this.doc.y + points <= this.bottom) this.doc.y += points;
  }

  style(size: number, color = INK, font: FontName = 'body') {
    this.doc.font(font).fontSize(size).fillColor(color);
    return this;
  }

  /** Text options for the stroked "bold"; sets the stroke it relies on. */
  bold(on = true) {
    if (!on) return {};
    this.doc.lineWidth(BOLD_STROKE).strokeColor(INK);
    return { fill: true, stroke: true };
  }

  /** A section heading. Keeps with the next `keep` points (a few lines) so it never ends a page alone. */
  heading(text: string, level: 1 | 2 | 3, keep = 4 * (BODY_SIZE + LINE_GAP)) {
    const size = level === 1 ? 15 : level === 2 ? 12.5 : 11;
    this.style(size);
    const height = this.doc.heightOfString(text, { width: this.width });
    this.gap(level === 1 ? 14 : 8);
    this.ensure(height + keep);
    this.doc.text(text, this.left, this.doc.y, { width: this.width, ...this.bold() });
    if (level === 1) {
      const y = this.doc.y + 2;
      this.doc.lineWidth(0.8).strokeColor(INK).moveTo(this.left, y).lineTo(this.left + this.width, y).stroke();
      this.doc.y = y + 6;
    } else {
      this.doc.y += 3;
    }
    this.style(BODY_SIZE);
  }

  para(text: string, opts: { indent?: number; marker?: string; bar?: boolean; color?: string; size?: number; bold?: boolean; align?: 'left' | 'center' } = {}) {
    const indent = opts.indent ?? 0;
    this.style(opts.size ?? BODY_SIZE, opts.color ?? INK);
    const x = this.left + indent;
    const width = this.width - indent;
    this.ensure(this.doc.currentLineHeight(true) + LINE_GAP);
    const y = this.doc.y;
    if (opts.marker) this.doc.text(opts.marker, x - 18, y, { width: 15, align: 'right', lineBreak: false });
    // Left-aligned: pdfkit justifies by widening spaces only, which tears gaps around the English
    // words in Chinese text and does nothing for the Chinese itself.
    const page = this.doc.page;
    this.doc.text(text, x, y, { width, lineGap: LINE_GAP, align: opts.align ?? 'left', ...this.bold(opts.bold ?? false) });
    // A quotation's rule in the margin; skipped when the paragraph ran over a page break.
    if (opts.bar && this.doc.page === page) {
      this.doc.lineWidth(1.5).strokeColor(SHADE).moveTo(x - 8, y).lineTo(x - 8, this.doc.y - LINE_GAP).stroke();
    }
    this.doc.y += 3;
  }

  /** Label–value lines, the label column muted: the title block and the verification page. */
  fields(rows: [string, string, FontName?][], labelWidth = 84) {
    for (const [label, value, wanted = 'body'] of rows) {
      const font = fontFor(value, wanted);
      const valueWidth = this.width - labelWidth;
      this.style(BODY_SIZE, INK, font);
      const h = Math.max(this.doc.heightOfString(value || '—', { width: valueWidth, lineGap: LINE_GAP }), BODY_SIZE + LINE_GAP);
      this.ensure(h);
      const y = this.doc.y;
      this.style(BODY_SIZE, MUTED).doc.text(label, this.left, y, { width: labelWidth - 8, lineGap: LINE_GAP });
      this.style(BODY_SIZE, INK, font).doc.text(value || '—', this.left + labelWidth, y, { width: valueWidth, lineGap: LINE_GAP });
      this.doc.y = y + h + 2;
    }
  }

  /**
   * A ruled table whose rows never split across pages; the header row repeats after a page break.
   * Widths are fractions of the text width. A row taller than a page (possible only in free-form
   * minutes tables) is printed as "header: value" paragraphs instead.
   */
  table(columns: Column[], rows: string[][], opts: { size?: number; header?: boolean } = {}) {
    const size = opts.size ?? SMALL_SIZE;
    const pad = { x: 4, y: 3 };
    const widths = columns.map((c) => c.width * this.width);
    const pageRoom = this.doc.page.height - MARGIN.top - MARGIN.bottom;
    const cellOpts = (i: number) => ({ width: widths[i]! - 2 * pad.x, lineGap: 1.5, align: columns[i]!.align ?? 'left' });
    const measure = (cells: string[]) =>
      Math.max(...cells.map((c, i) => {
        this.style(size, INK, fontFor(c, columns[i]!.font ?? 'body'));
        return this.doc.heightOfString(c || ' ', cellOpts(i));
      })) + 2 * pad.y;
    const draw = (cells: string[], header: boolean, h: number) => {
      const y = this.doc.y;
      if (header) this.doc.rect(this.left, y, this.width, h).fill(SHADE);
      let x = this.left;
      cells.forEach((c, i) => {
        this.style(size, header ? MUTED : INK, header ? 'body' : fontFor(c, columns[i]!.font ?? 'body'));
        this.doc.text(c, x + pad.x, y + pad.y, cellOpts(i));
        x += widths[i]!;
      });
      this.doc.lineWidth(header ? 0.6 : 0.3).strokeColor(RULE)
        .moveTo(this.left, y + h).lineTo(this.left + this.width, y + h).stroke();
      this.doc.y = y + h;
    };
    const titles = columns.map((c) => c.title);
    const withHeader = opts.header ?? true;
    const headerHeight = withHeader ? measure(titles) : 0;
    const first = rows[0] ? measure(rows[0]) : 0;
    this.ensure(headerHeight + first);
    if (withHeader) draw(titles, true, headerHeight);
    for (const row of rows) {
      const h = measure(row);
      if (h > pageRoom - headerHeight) {
        row.forEach((c, i) => this.para(`${titles[i] ? `${titles[i]}：` : ''}${c}`, { size }));
        continue;
      }
      if (this.doc.y + h > this.bottom) {
        this.doc.addPage();
        if (withHeader) draw(titles, true, headerHeight);
      }
      draw(row, false, h);
    }
    this.doc.y += 6;
    this.style(BODY_SIZE);
  }
}

// ── Minutes: the record's HTML (built by lib/minutes/export.ts from a fixed schema) as blocks ──────

type HtmlNode = string | { tag: string; attrs: Record<string, string>; children: HtmlNode[] };
type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'para'; text: string; indent: number; marker?: string; quote: boolean }
  | { kind: 'code'; text: string; indent: number }
  | { kind: 'rule' }
  | { kind: 'table'; rows: { header: boolean; cells: string[] }[] };

const VOID_TAGS = new Set(['br', 'hr', 'img', 'wbr', 'col']);
const INLINE_TAGS = new Set(['strong', 'b', 'em', 'i', 's', 'u', 'code', 'a', 'span', 'br', 'mark', 'sub', 'sup', 'img', 'wbr']);
// Comments, tags (attribute values may hold '>' inside quotes) and text runs.
const HTML_TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)/g;
const ATTR = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' } as Record<string, string>)[name.toLowerCase()] ?? whole;
  });
}

/** A forgiving tree builder: a stray close tag is ignored, an unclosed element ends with its parent. */
function parseHtml(html: string): HtmlNode[] {
  const root: Extract<HtmlNode, object> = { tag: '#root', attrs: {}, children: [] };
  const stack = [root];
  for (const m of html.matchAll(HTML_TOKEN)) {
    const top = stack[stack.length - 1]!;
    if (m[4] !== undefined) { top.children.push(decodeEntities(m[4])); continue; }
    if (!m[2]) continue;
    const tag = m[2].toLowerCase();
    if (m[1]) {
      const at = stack.findLastIndex((n) => n.tag === tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(ATTR)) attrs[a[1]!.toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
    const el = { tag, attrs, children: [] };
    top.children.push(el);
    if (!VOID_TAGS.has(tag) && !(m[3] ?? '').trimEnd().endsWith('/')) stack.push(el);
  }
  return root.children;
}

function inlineText(node: HtmlNode): string {
  if (typeof node === 'string') return node;
  if (node.tag === 'br') return '\n';
  const inner = node.children.map(inlineText).join('');
  // On paper a link is only useful with its target written out.
  if (node.tag === 'a' && node.attrs.href && node.attrs.href !== inner) return `${inner}（${node.attrs.href}）`;
  return inner;
}

function cellText(node: HtmlNode): string {
  return htmlBlocks(typeof node === 'string' ? [node] : node.children)
    .map((b) => ('text' in b ? b.text : ''))
    .filter(Boolean)
    .join('\n');
}

function tableRows(table: HtmlNode): { header: boolean; cells: string[] }[] {
  if (typeof table === 'string') return [];
  const rows: { header: boolean; cells: string[] }[] = [];
  for (const child of table.children) {
    if (typeof child === 'string') continue;
    if (child.tag === 'tr') {
      const cells = child.children.filter((c): c is Extract<HtmlNode, object> => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th'));
      rows.push({ header: cells.length > 0 && cells.every((c) => c.tag === 'th'), cells: cells.map(cellText) });
    } else {
      rows.push(...tableRows(child)); // thead, tbody, tfoot
    }
  }
  return rows;
}

function htmlBlocks(nodes: HtmlNode[], indent = 0, quote = false, out: Block[] = []): Block[] {
  let inline = '';
  const flush = () => {
    if (inline.trim()) out.push({ kind: 'para', text: inline.trim(), indent, quote });
    inline = '';
  };
  for (const n of nodes) {
    if (typeof n === 'string' || INLINE_TAGS.has(n.tag)) { inline += inlineText(n); continue; }
    flush();
    const heading = /^h([1-6])$/.exec(n.tag);
    if (heading) {
      const text = n.children.map(inlineText).join('').trim();
      if (text) out.push({ kind: 'heading', level: Number(heading[1]), text });
    } else if (n.tag === 'p') {
      const text = n.children.map(inlineText).join('').trim();
      if (text) out.push({ kind: 'para', text, indent, quote });
    } else if (n.tag === 'ul' || n.tag === 'ol') {
      let number = Number(n.attrs.start ?? 1) || 1;
      for (const li of n.children) {
        if (typeof li === 'string' || li.tag !== 'li') continue;
        const marker = n.tag === 'ol' ? `${number++}.` : '•';
        const inner = htmlBlocks(li.children, indent + 1, quote);
        const head = inner[0];
        if (head?.kind === 'para' && head.indent === indent + 1) head.marker = marker;
        else inner.unshift({ kind: 'para', text: ' ', indent: indent + 1, marker, quote });
        out.push(...inner);
      }
    } else if (n.tag === 'blockquote') {
      htmlBlocks(n.children, indent + 1, true, out);
    } else if (n.tag === 'pre') {
      out.push({ kind: 'code', text: n.children.map(inlineText).join('').replace(/\n$/, ''), indent });
    } else if (n.tag === 'hr') {
      out.push({ kind: 'rule' });
    } else if (n.tag === 'table') {
      const rows = tableRows(n);
      if (rows.length) out.push({ kind: 'table', rows });
    } else {
      htmlBlocks(n.children, indent, quote, out); // section (fact blocks), div and anything unknown
    }
  }
  flush();
  return out;
}

const INDENT_STEP = 20;

function renderMinutes(layout: Layout, html: string) {
  const blocks = htmlBlocks(parseHtml(html));
  if (!blocks.length) {
    layout.para(zh('record.pdf.none'), { color: MUTED });
    return;
  }
  for (const b of blocks) {
    switch (b.kind) {
      case 'heading':
        layout.heading(b.text, b.level <= 1 ? 2 : 3);
        break;
      case 'para':
        layout.para(b.text, { indent: b.indent * INDENT_STEP, marker: b.marker, color: b.quote ? MUTED : INK, bar: b.quote && !b.marker });
        break;
      case 'code':
        layout.para(b.text, { indent: (b.indent + 1) * INDENT_STEP, color: MUTED, size: SMALL_SIZE, align: 'left' });
        break;
      case 'rule': {
        layout.gap(4);
        const y = layout.doc.y;
        layout.doc.lineWidth(0.5).strokeColor(RULE).moveTo(layout.left, y).lineTo(layout.left + layout.width, y).stroke();
        layout.gap(8);
        break;
      }
      case 'table': {
        const n = Math.max(...b.rows.map((r) => r.cells.length));
        const pad = (cells: string[]) => [...cells, ...Array<string>(n - cells.length).fill('')];
        const [first, ...rest] = b.rows;
        const header = first!.header;
        layout.table(
          pad(header ? first!.cells : []).map((title) => ({ title, width: 1 / n })),
          (header ? rest : b.rows).map((r) => pad(r.cells)),
          { header },
        );
        break;
      }
    }
  }
}

// ── The record's sections ─────────────────────────────────────────────────────────────────────

function optionLabel(poll: ReadablePoll, option: string): string {
  if (poll.kind === 'motion' && (option === 'yes' || option === 'no' || option === 'abstain')) return zh(`meeting.poll.option.${option}`);
  return option;
}

function ruleText(rule: ReadablePoll['rule']): string {
  return [
    zh(`meeting.poll.rule.${rule.basis}`),
    zh(`meeting.poll.rule.${rule.threshold}`),
    zh(`meeting.poll.rule.abstentions.${rule.abstentions}`),
  ].join('，');
}

function outcomeText(poll: ReadablePoll): string {
  const o = poll.outcome;
  if (poll.dropReason) return zh('meeting.poll.dropped', { reason: poll.dropReason });
  if (!o) return '—';
  const parts = [zh(`meeting.poll.outcome.${o.result}`)];
  if (o.reason === 'tie') parts.push(zh('meeting.poll.outcome.tie'));
  parts.push(outcomeSentence(zh, poll, o));
  if (poll.kind !== 'motion' && o.winners.length) parts.push(zh('record.pdf.poll.winners', { names: o.winners.map((w) => optionLabel(poll, w)).join('、') }));
  return parts.join('；');
}

function titleBlock(layout: Layout, r: ReadableRecord, opts: RecordPdfOptions) {
  const { doc } = layout;
  layout.style(20);
  doc.text(zh('record.pdf.docTitle'), layout.left, doc.y, { width: layout.width, align: 'center', characterSpacing: 4, ...layout.bold() });
  layout.gap(6);
  layout.style(15);
  doc.text(r.meeting.title, layout.left, doc.y, { width: layout.width, align: 'center' });
  layout.gap(2);
  layout.style(BODY_SIZE, MUTED);
  doc.text(`${r.community.district} ${r.community.street} ${r.community.name}`, layout.left, doc.y, { width: layout.width, align: 'center' });
  layout.gap(14);
  layout.fields([
    [zh('record.pdf.meeting.form'), `${zh(`meeting.form.${r.meeting.form}`)}　${zh(`meeting.type.${r.meeting.type}`)}　${zh(`meeting.level.${r.meeting.level}`)}`],
    [zh('record.meeting.venue'), r.meeting.venue],
    [zh('record.meeting.convener'), r.meeting.convener],
    [zh('record.meeting.recorders'), list(r.meeting.recorders)],
    [zh('record.meeting.scheduledAt'), when(r.meeting.scheduledAt)],
    ...(r.meeting.announcedAt ? [[zh('record.meeting.announcedAt'), when(r.meeting.announcedAt)] as [string, string]] : []),
    [zh('record.meeting.startedAt'), when(r.meeting.startedAt)],
    [zh('record.meeting.closedAt'), when(r.meeting.closedAt)],
    ...(r.meeting.startedEarlyBecause ? [[zh('record.meeting.startedEarlyBecause'), r.meeting.startedEarlyBecause] as [string, string]] : []),
    ...(r.meeting.procedure?.length
      ? [[zh('planning.steps.title'), r.meeting.procedure.map((p) => `${p.name}${p.doneAt ? '✓' : '（未完成）'}`).join(' → ')
        + (r.meeting.procedureEdition ? `（${zh('record.planning.edition', { edition: r.meeting.procedureEdition })}）` : '')] as [string, string]]
      : []),
    ...(r.meeting.notices ?? []).map((n) => [`${zh(`planning.notice.kind.${n.kind}`)}（${when(n.publishedAt)}）`, [
      n.text,
      ...(n.attachments ?? []).map((f) => `${zh('record.notice.attachment', { name: f.name, size: formatFileSize(f.size) })} SHA-256 ${f.sha256}`),
      ...(n.withdrawnAttachments ?? []).map((f) => `${zh('record.notice.withdrawn', { name: f.name, size: formatFileSize(f.size) })} SHA-256 ${f.sha256}`),
    ].join('\n')] as [string, string]),
    [zh('record.facts.recordId'), r.recordId],
    [zh('record.facts.status'), zh(`record.status.${opts.status}`)],
  ]);
}

function attendanceSection(layout: Layout, r: ReadableRecord, section: SectionCounter) {
  layout.heading(section.next(zh('record.attendance.title')), 1);
  const voting = r.roster.filter((s) => s.canVote);
  const present = new Map(r.attendance.map((a) => [a.seatId, a]));
  const presentVoting = voting.filter((s) => present.has(s.seatId));
  const hall = presentVoting.filter((s) => present.get(s.seatId)!.mode === 'hall').length;
  const guests = r.attendance.length - presentVoting.length;
  const counts = zh('record.attendance.counts', { members: voting.length, present: presentVoting.length, hall, remote: presentVoting.length - hall });
  const proxies = proxyCheckInNote(zh, r);
  layout.para(`${counts}${guests > 0 ? zh('record.pdf.attendance.guests', { count: guests }) : ''}${proxies ? `，${proxies}` : ''}。`);
  const absent = voting.filter((s) => !present.has(s.seatId)).map((s) => s.name);
  if (absent.length) layout.para(zh('record.attendance.absent', { names: list(absent) }));
  const canVote = new Map(r.roster.map((s) => [s.seatId, s.canVote]));
  // Walk-ins and invited experts are named as such beside their name (the roster's seat kind).
  const kindOf = new Map(r.roster.map((s) => [s.seatId, s.kind]));
  const badge = (seatId: string) => (kindOf.get(seatId) === WALK_IN_KIND ? zh('meeting.walkIns.badge') : kindOf.get(seatId) === 'expert' ? zh('planning.category.expert') : null);
  // Check-ins are shown as clock times on the meeting's day; an earlier day is written out.
  const meetingDay = day(r.meeting.startedAt ?? r.meeting.scheduledAt);
  const checkIn = (iso: string) => (day(iso) === meetingDay ? clock(iso) : when(iso));
  layout.table(
    [
      { title: zh('record.pdf.column.seq'), width: 0.1, align: 'right' }, { title: zh('record.pdf.column.name'), width: 0.4 },
      { title: zh('record.pdf.column.mode'), width: 0.2 }, { title: zh('record.pdf.column.checkedInAt'), width: 0.3 },
    ],
    r.attendance.map((a, i) => [
      String(i + 1),
      badge(a.seatId) ? `${a.name}（${badge(a.seatId)}）`
        : canVote.get(a.seatId) === false ? zh('record.pdf.attendance.guest', { name: a.name }) : a.name,
      a.checkedInBy ? `${zh(`meeting.attendance.${a.mode}`)}，${zh('record.attendance.proxyBy', { by: a.checkedInBy })}` : zh(`meeting.attendance.${a.mode}`),
      checkIn(a.checkedInAt),
    ]),
  );
  for (const line of undoneCheckInLines(zh, checkIn, r)) layout.para(line, { color: MUTED, size: SMALL_SIZE });
}

function speakerTable(layout: Layout, speakers: ReadableSpeaker[]) {
  if (!speakers.length) {
    layout.para(zh('record.agenda.noSpeakers'), { color: MUTED, indent: INDENT_STEP });
    return;
  }
  layout.table(
    [
      { title: zh('record.pdf.column.seq'), width: 0.08, align: 'right' }, { title: zh('record.pdf.column.speaker'), width: 0.34 },
      { title: zh('record.pdf.column.stance'), width: 0.16 }, { title: zh('record.pdf.column.time'), width: 0.24 },
      { title: zh('record.pdf.column.duration'), width: 0.18, align: 'right' },
    ],
    speakers.map((s, i) => [
      String(i + 1), s.name, zh(`meeting.stance.${s.stance}`), `${clock(s.startedAt)}–${clock(s.endedAt)}`, duration(s.durationSec),
    ]),
  );
}

/** "议题3：…" for an item of this record, or null for none. */
function itemTitle(r: ReadableRecord, itemId: string | null): string | null {
  const i = r.agenda.findIndex((a) => a.id === itemId);
  return i < 0 ? null : zh('record.agenda.itemTitle', { n: i + 1, title: r.agenda[i]!.title });
}

function agendaSection(layout: Layout, r: ReadableRecord, section: SectionCounter) {
  layout.heading(section.next(zh('record.pdf.agenda.title')), 1);
  if (!r.agenda.length) layout.para(zh('record.agenda.none'), { color: MUTED });
  r.agenda.forEach((item, i) => {
    layout.heading(itemTitle(r, item.id)!, 2);
    if (item.notes.trim()) layout.para(item.notes.trim(), { color: MUTED });
    layout.para(zh('record.pdf.agenda.summary', {
      status: item.status === 'dropped' && item.closeReason ? zh('meeting.agenda.droppedBecause', { reason: item.closeReason }) : zh(`meeting.agenda.${item.status}`),
      count: item.speakers.length,
      duration: duration(item.speakers.reduce((s, x) => s + x.durationSec, 0)),
    }));
    speakerTable(layout, item.speakers);
  });
  if (r.otherSpeakers.length) {
    layout.heading(zh('record.agenda.otherSpeakers'), 2);
    speakerTable(layout, r.otherSpeakers);
  }
}

/** Room for a poll's facts and tally, kept on one page when they fit (a named poll's voter list may flow on). */
const pollHeight = (poll: ReadablePoll) => 40 + (9 + poll.options.length) * 18;

function pollBlock(layout: Layout, r: ReadableRecord, poll: ReadablePoll, index: number) {
  layout.ensure(pollHeight(poll));
  layout.heading(zh('record.pdf.poll.title', { n: index + 1, question: poll.question }), 2);
  const item = itemTitle(r, poll.itemId);
  const kind = zh(`meeting.poll.kind.${poll.kind}`, { max: poll.maxChoices });
  const q = poll.quorumAtOpen;
  if (item) layout.para(zh('record.poll.item', { title: item }), { color: MUTED });
  layout.fields([
    [zh('record.pdf.poll.method'), `${kind}，${zh(poll.secret ? 'meeting.poll.secret' : 'meeting.poll.named')}${'nonBinding' in poll && poll.nonBinding ? `，${zh('meeting.walkIns.nonBinding')}` : ''}`],
    [zh('record.pdf.poll.rule'), ruleText(poll.rule)],
    [zh('record.pdf.poll.quorum'), q
      ? `${zh('record.poll.quorumAtOpen', { present: q.present, members: q.members, required: q.required })}，${zh(q.met ? 'meeting.quorum.met' : 'meeting.quorum.notMet', { required: q.required })}`
      : '—'],
    ...(poll.overrideReason ? [[zh('record.pdf.poll.note'), zh('meeting.poll.quorumOverride', { reason: poll.overrideReason })] as [string, string]] : []),
    [zh('record.pdf.poll.time'), zh('record.poll.times', { opened: when(poll.openedAt), closed: clock(poll.closedAt) })],
    [zh('record.pdf.poll.result'), outcomeText(poll)],
  ], 72);
  layout.para([zh('record.poll.tally', { count: poll.voted }), ...pollBallotNotes(zh, 'zh-CN', poll)].join('，'), { color: MUTED, size: SMALL_SIZE });
  const winners = new Set(poll.outcome?.winners ?? []);
  layout.table(
    [
      { title: zh('record.pdf.column.option'), width: 0.6 }, { title: zh('record.pdf.column.votes'), width: 0.2, align: 'right' },
      { title: '', width: 0.2, align: 'center' },
    ],
    poll.options.map((o) => [
      optionLabel(poll, o), String(poll.tally[o] ?? 0), winners.has(o) && poll.kind !== 'motion' ? zh('record.pdf.poll.elected') : '',
    ]),
  );
  if (poll.votes) {
    // Named polls list voters by choice, as a council's minutes do; a multiple-choice voter may appear under several options.
    layout.para(zh('record.poll.voters', { count: poll.votes.length }), { color: MUTED, size: SMALL_SIZE });
    for (const o of poll.options) {
      const names = poll.votes.filter((v) => v.choices.includes(o)).map((v) => (v.staffEntered ? `${v.name}${zh('record.poll.staffMark')}` : v.name));
      layout.para(`${optionLabel(poll, o)}（${names.length}）：${list(names)}`, { indent: INDENT_STEP, size: SMALL_SIZE });
    }
  } else {
    layout.para(zh('record.poll.secretNote'), { color: MUTED, size: SMALL_SIZE });
  }
}

function pollsSection(layout: Layout, r: ReadableRecord, section: SectionCounter) {
  layout.heading(section.next(zh('record.polls.title')), 1, r.polls[0] ? pollHeight(r.polls[0]) : undefined);
  if (!r.polls.length) layout.para(zh('record.polls.none'), { color: MUTED });
  r.polls.forEach((p, i) => pollBlock(layout, r, p, i));
}

function decisionsSection(layout: Layout, r: ReadableRecord, section: SectionCounter) {
  layout.heading(section.next(zh('record.decisions.title')), 1);
  if (!r.decisions.length) layout.para(zh('record.decisions.none'), { color: MUTED });
  r.decisions.forEach((d, i) => {
    const poll = r.polls.find((p) => p.id === d.pollId);
    const item = itemTitle(r, d.itemId);
    const winners = poll && poll.kind !== 'motion' ? `；${zh('record.pdf.poll.winners', { names: d.winners.map((w) => optionLabel(poll, w)).join('、') })}` : '';
    layout.para(`${d.decision ? zh('meeting.poll.decision', { text: d.decision }) : d.question}——${zh('meeting.poll.outcome.passed')}${winners}${item ? `（${item}）` : ''}`, {
      indent: INDENT_STEP, marker: `${i + 1}.`,
    });
  });
}

/**
 * A questionnaire's results, under the decisions: the summary as published, the responses per version,
 * and per question its counts, rating mean, ranking points — text answers only in staff's copy.
 */
function questionnaireBlock(layout: Layout, r: ReadableRecord) {
  const q = r.questionnaire;
  if (!q) return;
  layout.heading(zh('record.questionnaire.title'), 2);
  layout.para(zh('record.questionnaire.responses', { count: q.responses, versions: q.versions.map((v) => zh('record.questionnaire.version', { version: v.version, count: v.responses })).join('、'), mode: zh(q.anonymous ? 'record.questionnaire.anonymous' : 'record.questionnaire.identified') }));
  layout.para(zh('record.questionnaire.summary', { text: q.summary }));
  q.results.forEach((x, i) => {
    const versions = q.versions.length > 1 ? zh('record.questionnaire.askedIn', { versions: x.versions.join('、') }) : '';
    let line: string;
    if (x.kind === 'text') line = x.answers ? x.answers.join('；') || zh('record.pdf.none') : zh('record.questionnaire.textWithheld', { count: x.answered });
    else if (x.kind === 'rating') line = zh('record.questionnaire.rating', { mean: x.mean ?? '—', counts: [1, 2, 3, 4, 5].map((s) => `${s}分 ${x.distribution[String(s) as '1']}`).join('；') });
    else if (x.kind === 'ranking') line = x.options.map((o) => zh('record.questionnaire.ranked', { label: o.label, points: o.borda, mean: o.meanRank ?? '—' })).join(' > ');
    else line = x.options.map((o) => `${o.label} ${o.count}`).join('；');
    layout.para(`${x.title}${versions}（${zh('record.questionnaire.answered', { count: x.answered })}）：${line}`, { indent: INDENT_STEP, marker: `${i + 1}.` });
  });
}

/**
 * A written consultation, under the decisions: the document (title, fingerprint, attachment), its dates,
 * the counts by answer, the conclusion, and every addressee's final answer with its reasons.
 */
function writtenBlock(layout: Layout, r: ReadableRecord) {
  const w = r.written;
  if (!w) return;
  layout.heading(zh('record.written.title'), 2);
  layout.para(zh('record.written.document', { title: w.document.title, hash: w.document.sha256 }));
  if (w.document.attachment) layout.para(zh('record.written.attachment', { name: w.document.attachment.fileName, hash: w.document.attachment.sha256 }));
  layout.para(zh('record.written.period', { sentAt: when(w.sentAt), deadline: when(w.deadline), closedAt: when(w.closedAt) }));
  layout.para(zh('record.written.counts', { total: w.addressees.length, ...w.counts }));
  layout.para(zh('record.written.conclusion', { text: w.conclusion }));
  w.addressees.forEach((a, i) => {
    const who = a.unit ? `${a.name}（${a.unit}）` : a.name;
    const answer = zh(`written.answer.${a.answer ?? 'none'}`);
    const revised = a.revisions > 1 ? zh('record.written.revised', { count: a.revisions - 1 }) : '';
    const file = a.attachment ? `　${zh('record.written.attachment', { name: a.attachment.fileName, hash: a.attachment.sha256 })}` : '';
    layout.para(`${who}：${answer}${revised}${a.text ? `——${a.text}` : ''}${file}`, { indent: INDENT_STEP, marker: `${i + 1}.` });
  });
}

/**
 * A round of household visits, under the decisions: the question, the team, planned and visited, the
 * positions counted, every visit's opinion (the household only in staff's copy), the conclusion.
 */
function visitsBlock(layout: Layout, r: ReadableRecord) {
  const v = r.visits;
  if (!v) return;
  layout.heading(zh('record.visits.title'), 2);
  layout.para(zh('record.visits.question', { text: v.question }));
  if (v.team.length) layout.para(zh('record.visits.team', { list: v.team.map((m) => zh('record.visits.teamMember', { role: zh(`visits.role.${m.role}`), name: m.name ?? zh('record.visits.nameWithheld') })).join('、') }));
  layout.para(zh('record.visits.counts', { planned: v.planned, visited: v.plannedVisited, entries: v.entries.length }));
  layout.para(zh('record.visits.agreementCounts', { counts: agreements.map((a) => `${zh(`visits.agreement.${a}`)} ${v.agreement[a]}`).join('；') }));
  layout.para(zh('record.visits.conclusion', { text: v.conclusion }));
  v.entries.forEach((e, i) => {
    const who = e.household ? zh('record.visits.household', e.household) : zh('record.visits.householdWithheld');
    layout.para(`${who}${e.planned ? '' : zh('record.visits.unplanned')}`, { indent: INDENT_STEP, marker: `${i + 1}.` });
    layout.para(zh('record.visits.entry', { when: zhTime(e.visitedAt), agreement: zh(`visits.agreement.${e.agreement}`), opinion: e.opinion || zh('record.visits.noOpinion') }), { indent: INDENT_STEP });
  });
}

/**
 * A 民主评议, under the decisions: the period, the dates, how many evaluators answered (no one named), then
 * per unit its commitments, the two rated criteria with their counts and satisfaction rate, and the texts
 * written for the other two, as the signed record lists them (sorted).
 */
function evaluationBlock(layout: Layout, r: ReadableRecord) {
  const e = r.evaluation;
  if (!e) return;
  layout.heading(zh('record.evaluation.title'), 2);
  if (e.periodFrom || e.periodTo) layout.para(zh('record.evaluation.period', { from: e.periodFrom ?? '—', to: e.periodTo ?? '—' }));
  layout.para(zh('record.evaluation.dates', { openedAt: when(e.openedAt), closedAt: when(e.closedAt), publishedAt: when(e.publishedAt) }));
  layout.para(zh('record.evaluation.evaluators', { invited: e.evaluators.invited, answered: e.evaluators.answered }));
  layout.para(zh('record.evaluation.plan', { hash: e.planSha256 }), { color: MUTED });
  if (e.note) layout.para(zh('record.evaluation.note', { text: e.note }));
  e.units.forEach((u, i) => {
    layout.para(zh('record.evaluation.unit', { name: u.name, answers: u.answers }), { marker: `${i + 1}.` });
    for (const c of u.commitments) layout.para(zh('record.evaluation.commitment', { text: c.text }), { indent: INDENT_STEP });
    for (const k of ['completion', 'performance'] as const) {
      const d = u[k];
      const rate = satisfactionRate(d);
      layout.para(zh('record.evaluation.criterion', {
        criterion: zh(`evaluation.criterion.${k}`), satisfied: d.satisfied, basically: d.basically_satisfied, dissatisfied: d.dissatisfied,
        rate: rate === null ? zh('evaluation.table.noRate') : zh('evaluation.table.percent', { rate }),
      }), { indent: INDENT_STEP });
    }
    for (const k of ['problems', 'reasons'] as const) {
      if (!u[k].length) continue;
      layout.para(zh('record.evaluation.texts', { criterion: zh(`evaluation.criterion.${k}`) }), { indent: INDENT_STEP });
      for (const text of u[k]) layout.para(text, { indent: INDENT_STEP * 2, marker: '·' });
    }
  });
}

/**
 * An expert consultation, under the decisions: the question and who asked, its acceptance, each invited
 * expert's signed written opinion, whether the meeting sat, the conclusion and its feedback.
 */
function expertBlock(layout: Layout, r: ReadableRecord) {
  const x = r.expert;
  if (!x) return;
  layout.heading(zh('record.expert.title'), 2);
  layout.para(zh('record.expert.question', { question: x.question }));
  layout.para(zh('record.expert.asker', { name: x.asker.name, kind: zh(`expert.asker.${x.asker.kind}`), at: when(x.askedAt) }));
  layout.para(zh('record.expert.accepted', { at: when(x.acceptance.at) }));
  layout.para(zh('record.expert.experts'));
  x.experts.forEach((e, i) => {
    const line = e.opinion ? `${zh('record.expert.opinion', { name: e.name, title: e.opinion.title, at: when(e.opinion.at) })}——${e.opinion.text}` : zh('record.expert.noOpinion', { name: e.name });
    layout.para(line, { indent: INDENT_STEP, marker: `${i + 1}.` });
  });
  layout.para(zh(x.sat ? 'record.expert.sat' : 'record.expert.notSat'));
  layout.para(zh('record.expert.conclusion', { at: when(x.conclusion.at), text: x.conclusion.text }));
  layout.para(zh('record.expert.feedback', { at: when(x.feedback.at), channel: zh(`expert.channel.${x.feedback.channel}`), note: x.feedback.note ? `：${x.feedback.note}` : '' }));
}

async function verificationSection(layout: Layout, r: ReadableRecord, opts: RecordPdfOptions, section: SectionCounter) {
  const { doc } = layout;
  doc.addPage();
  layout.heading(section.next(zh('record.pdf.verification.title')), 1);
  layout.para(zh('record.pdf.verification.note'), { color: MUTED, size: SMALL_SIZE });
  layout.gap(4);
  layout.fields([
    [zh('record.hash'), grouped(opts.recordHash), 'mono'],
    [zh('record.facts.status'), zh(`record.status.${opts.status}`)],
    [zh('record.facts.chain'), `#${r.chain.seq}（${zh('record.facts.chainSeq', { seq: r.chain.seq })}）`],
    [zh('record.pdf.facts.previousHash'), r.chain.previousRecordHash ? grouped(r.chain.previousRecordHash) : zh('record.facts.first'), 'mono'],
    [zh('record.pdf.facts.format'), r.format, 'mono'],
    [zh('record.facts.frozenAt'), when(r.frozenAt)],
    [zh('record.facts.eventLog'), `${zh('record.facts.eventLogValue', { events: r.eventLog.events })}${zh('record.pdf.facts.lastSeq', { seq: r.eventLog.lastSeq })}`],
    [zh('record.pdf.facts.eventLogHash'), grouped(r.eventLog.sha256), 'mono'],
    [zh('record.pdf.facts.minutesHash'), grouped(r.minutes.yjsStateSha256), 'mono'],
    [zh('record.trust.fingerprint'), grouped(opts.platformFingerprint), 'mono'],
  ], 124);
  layout.para(zh('record.pdf.verification.trust'), { color: MUTED, size: SMALL_SIZE });
  if (r.names !== 'clear') layout.para(zh(r.names === 'disclosed' ? 'record.pdf.names.disclosed' : 'record.pdf.names.pseudonyms'), { color: MUTED, size: SMALL_SIZE });

  layout.heading(zh('record.signatures.title'), 2);
  // Every required signer appears, signed or not, so a missing signature is visible on paper.
  const rows: string[][] = [];
  const used = new Set<RecordPdfSignature>();
  for (const s of r.signers) {
    const sig = opts.signatures.find((x) => !used.has(x) && x.role === s.role && x.name === s.name);
    if (sig) used.add(sig);
    rows.push([zh(`record.role.${s.role}`), s.name, sig ? grouped(sig.keyFingerprint) : zh('record.signers.pending'), sig ? when(sig.signedAt) : '—']);
  }
  for (const sig of opts.signatures.filter((x) => !used.has(x))) {
    rows.push([zh(`record.role.${sig.role}`), sig.name, grouped(sig.keyFingerprint), when(sig.signedAt)]);
  }
  layout.table(
    [
      { title: zh('record.pdf.column.role'), width: 0.12 }, { title: zh('record.pdf.column.name'), width: 0.18 },
      { title: zh('record.pdf.column.fingerprint'), width: 0.44, font: 'mono' }, { title: zh('record.pdf.column.signedAt'), width: 0.26 },
    ],
    rows,
  );

  // The QR code with the address beside it: compact enough to share the page with the signatures.
  const qrSize = 100;
  const qr = await QRCode.toBuffer(opts.verifyUrl, { type: 'png', margin: 1, width: 300, errorCorrectionLevel: 'M' });
  layout.gap(12);
  layout.ensure(qrSize + 8);
  const y = doc.y;
  doc.image(qr, layout.left, y, { width: qrSize, height: qrSize });
  const x = layout.left + qrSize + 16;
  const width = layout.width - qrSize - 16;
  layout.style(SMALL_SIZE, MUTED);
  doc.text(zh('record.pdf.verification.qr'), x, y + 6, { width });
  doc.y += 4;
  layout.style(SMALL_SIZE, INK, fontFor(opts.verifyUrl, 'mono'));
  doc.text(opts.verifyUrl, x, doc.y, { width });
  doc.y = Math.max(doc.y, y + qrSize) + 6;
}

/**
 * The paper copy's last block: a line for each signer's handwritten signature and date, and a place
 * for the community's seal (公章), for offices that still file paper beside the digital signatures.
 */
function paperSignatures(layout: Layout, r: ReadableRecord) {
  const { doc } = layout;
  const lineHeight = 30;
  const sealSize = 110;
  layout.heading(zh('record.pdf.paper.title'), 2);
  layout.para(zh('record.pdf.paper.note'), { color: MUTED, size: SMALL_SIZE });
  layout.gap(6);
  const signers = r.signers; // the people (the platform signs by key only)
  layout.ensure(signers.length * lineHeight + sealSize + 24);
  const labelWidth = 150;
  const dateLabelWidth = 36;
  const dateWidth = 110;
  const lineEnd = layout.left + layout.width - dateWidth - dateLabelWidth - 12;
  for (const s of signers) {
    const y = doc.y + lineHeight - 12;
    layout.style(BODY_SIZE);
    doc.text(zh('record.pdf.paper.sign', { role: zh(`record.role.${s.role}`), name: s.name }), layout.left, y - 2, { width: labelWidth, lineBreak: false, ellipsis: true });
    doc.lineWidth(0.6).strokeColor(INK).moveTo(layout.left + labelWidth, y + 12).lineTo(lineEnd, y + 12).stroke();
    doc.text(zh('record.pdf.paper.date'), lineEnd + 12, y - 2, { width: dateLabelWidth, lineBreak: false });
    doc.lineWidth(0.6).strokeColor(INK).moveTo(lineEnd + 12 + dateLabelWidth, y + 12).lineTo(layout.left + layout.width, y + 12).stroke();
    doc.y = y + 18;
  }
  // The seal: a labelled square at the right, where a round seal fits.
  const y = doc.y + 10;
  const x = layout.left + layout.width - sealSize;
  layout.style(BODY_SIZE);
  doc.text(zh('record.pdf.paper.seal', { community: r.community.name }), layout.left, y + sealSize / 2 - 8, { width: layout.width - sealSize - 16, align: 'right' });
  doc.lineWidth(0.6).strokeColor(MUTED).dash(3, { space: 3 }).rect(x, y, sealSize, sealSize).stroke().undash();
  doc.y = y + sealSize + 6;
  layout.style(BODY_SIZE);
}

/** Running header and footer, drawn once every page exists so the footer can say "n / N". */
function pageFurniture(layout: Layout, r: ReadableRecord, recordHash: string) {
  const { doc } = layout;
  const { start, count } = doc.bufferedPageRange();
  for (let i = 0; i < count; i++) {
    doc.switchToPage(start + i);
    // Writing inside the bottom margin would make pdfkit start a new page; lift the margin meanwhile.
    const { bottom } = doc.page.margins;
    doc.page.margins.bottom = 0;
    const left = layout.left;
    const width = layout.width;
    const footerY = doc.page.height - 48;
    doc.lineWidth(0.4).strokeColor(RULE).moveTo(left, footerY - 6).lineTo(left + width, footerY - 6).stroke();
    layout.style(8, MUTED);
    doc.text(zh('record.pdf.footer.hash', { hash: recordHash.slice(0, 16) }), left, footerY, { width: width / 2, lineBreak: false });
    doc.text(zh('record.pdf.footer.page', { page: i + 1, count }), left + width / 2, footerY, { width: width / 2, align: 'right', lineBreak: false });
    if (i > 0) {
      const headerY = 40;
      doc.text(`${zh('record.pdf.docTitle')} · ${r.community.name} · ${r.meeting.title}`, left, headerY, { width, height: 10, ellipsis: true, lineBreak: false });
      doc.lineWidth(0.4).strokeColor(RULE).moveTo(left, headerY + 14).lineTo(left + width, headerY + 14).stroke();
    }
    doc.page.margins.bottom = bottom;
  }
}

export async function renderRecordPdf(record: ReadableRecord, opts: RecordPdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${zh('record.pdf.docTitle')}：${record.meeting.title}`,
      Subject: `${record.community.name} ${record.recordId}`,
      Keywords: opts.recordHash,
      Creator: zh('app.name'),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const { body, mono } = fonts();
  doc.registerFont('body', body);
  doc.registerFont('mono', mono);
  const layout = new Layout(doc);
  layout.style(BODY_SIZE);

  titleBlock(layout, record, opts);
  const section = new SectionCounter();
  // A sitting's sections, with the parts' results under the decisions; a form that did not sit (a
  // questionnaire, a written consultation, visits) has only its results, as a section of their own.
  if (heldAsSitting(record)) {
    attendanceSection(layout, record, section);
    agendaSection(layout, record, section);
    pollsSection(layout, record, section);
    decisionsSection(layout, record, section);
  } else {
    layout.heading(section.next(zh('record.pdf.results.title')), 1);
  }
  questionnaireBlock(layout, record);
  writtenBlock(layout, record);
  visitsBlock(layout, record);
  evaluationBlock(layout, record);
  expertBlock(layout, record);
  layout.heading(section.next(zh('record.minutes.title')), 1);
  if (record.minutes.html === null) layout.para(zh('record.minutes.withheld'), { color: MUTED });
  else renderMinutes(layout, record.minutes.html);
  await verificationSection(layout, record, opts, section);
  paperSignatures(layout, record);
  pageFurniture(layout, record, opts.recordHash);

  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
