import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { readableOf, SMALL_MEETING, syntheticRecord } from './fixtures';
import { MeetingRecord } from './format';
import { sha256Hex } from './node-crypto';
import { renderRecordPdf, type RecordPdfOptions } from './pdf';
import type { ReadableRecord } from './readable';

// Rendered files stay behind for a look: test-results/ is git-ignored.
const OUT = fileURLToPath(new URL('../../test-results/record-pdf/', import.meta.url));

type Rendered = { pdf: Buffer; file: string; text: string; flat: string };

/** Writes the PDF and reads it back with poppler, as a person's PDF viewer would. */
async function render(name: string, record: ReadableRecord, opts: RecordPdfOptions): Promise<Rendered> {
  const pdf = await renderRecordPdf(record, opts);
  mkdirSync(OUT, { recursive: true });
  const file = `${OUT}${name}.pdf`;
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return { pdf, file, text, flat: text.replace(/\s+/g, '') };
}

const PLATFORM_FINGERPRINT = sha256Hex('district platform key');

function optionsFor(record: ReadableRecord, status: RecordPdfOptions['status'] = 'signed'): RecordPdfOptions {
  const recordHash = sha256Hex(canonicalJson(record));
  return {
    recordHash,
    status,
    platformFingerprint: PLATFORM_FINGERPRINT,
    verifyUrl: `https://yishi.example.cn/verify/${record.recordId}?h=${recordHash}`,
    signatures: record.signers.map((s, i) => ({
      role: s.role, name: s.name, keyFingerprint: sha256Hex(`key-${i}`), signedAt: record.frozenAt,
    })),
  };
}

describe('renderRecordPdf', () => {
  const frozen = syntheticRecord(SMALL_MEETING);
  // Staff's copy, names opened from the disclosures (the public copy is checked at the end).
  const record = readableOf(frozen, 'disclosed');
  const opts = optionsFor(record);
  let out: Rendered;

  beforeAll(async () => {
    out = await render('record', record, opts);
    // Two pages as PNG, to look at the layout (see the brief in the report).
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', out.file, `${OUT}record`]);
  });

  it('is built from a valid record', () => {
    expect(MeetingRecord.parse(frozen.record)).toEqual(frozen.record);
    expect(record.names).toBe('disclosed');
    expect(record.polls.map((p) => p.secret).sort()).toEqual([false, true]);
    expect(record.agenda).toHaveLength(3);
  });

  it('prints the meeting, its people, polls, outcomes and minutes in Chinese', () => {
    const { text, flat } = out;
    expect(text).toContain('社区议事记录');
    expect(text).toContain(record.meeting.title);
    expect(text).toContain(record.community.name);
    expect(text).toContain(record.community.street);
    expect(text).toContain(record.meeting.convener);
    expect(text).toContain('居民议事会'); // form
    expect(text).toContain('决策型'); // type
    for (const poll of record.polls) expect(flat).toContain(poll.question.replace(/\s+/g, ''));
    expect(text).toContain('通过');
    expect(text).toContain('过半数通过');
    for (const item of record.agenda) expect(flat).toContain(item.title);
    const speaker = record.agenda.flatMap((a) => a.speakers)[0]!;
    expect(text).toContain(speaker.name);
    // The named poll lists its voters by choice; the secret one says it records no choices.
    const named = record.polls.find((p) => !p.secret)!;
    expect(flat.match(/记名投票（\d+人）/g)).toEqual([`记名投票（${named.votes!.length}人）`]);
    expect(text).toContain(named.votes![0]!.name);
    expect(flat.match(/无记名投票：不记录每人的选择。/g)).toHaveLength(1);
    // A line of the recorders' minutes.
    expect(flat).toContain('会议由召集人主持，宣布会议议程和表决规则，记录人员负责记录。');
    expect(flat).toContain('整理会议纪要并在公示栏公示七天。');
  });

  it('prints times in Asia/Shanghai whatever the machine zone', async () => {
    expect(out.text).toContain('2025年6月14日 09:00'); // scheduled 01:00Z
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const elsewhere = await render('record-new-york', record, opts);
      expect(elsewhere.text).toContain('2025年6月14日 09:00');
      expect(elsewhere.text).not.toContain('2025年6月13日 21:00');
    } finally {
      process.env.TZ = zone;
    }
  });

  it('carries the verification page: full hash, chain, signers, status and the verify URL', () => {
    const { text, flat } = out;
    expect(flat).toContain(opts.recordHash);
    expect(flat).toContain(record.chain.previousRecordHash!);
    expect(text).toContain(`#${record.chain.seq}`);
    for (const s of record.signers) expect(text).toContain(s.name);
    // A fingerprint prints as two lines in its table cell; text extraction may put the time in between.
    for (const s of opts.signatures) {
      expect(flat).toContain(s.keyFingerprint.slice(0, 32));
      expect(flat).toContain(s.keyFingerprint.slice(32));
    }
    expect(text).toContain('召集人');
    expect(text).toContain('记录员');
    expect(text).toContain('已签名');
    expect(flat).toContain(opts.verifyUrl);
    // The district's key, to verify against (not the key the bundle brings).
    expect(flat).toContain(PLATFORM_FINGERPRINT.slice(0, 32));
    expect(flat).toContain(PLATFORM_FINGERPRINT.slice(32));
    expect(flat).toContain('本区平台公钥指纹');
    expect(flat).toContain('本件含居民姓名');
  });

  it('ends with a line for each signer’s handwritten signature and date, and the place for the seal (公章)', () => {
    const { text, flat } = out;
    expect(flat).toContain('手写签名与盖章（纸质存档）');
    for (const s of record.signers) {
      expect(flat).toContain(`${s.role === 'convener' ? '召集人' : '记录员'}（${s.name}）签名：`);
    }
    expect(flat).toContain(`${record.community.name}（公章）`);
    // At the end: after the QR code's address, nothing but the seal block and the page footer.
    expect(flat.lastIndexOf('公章')).toBeGreaterThan(flat.lastIndexOf(opts.verifyUrl));
    expect(text.split('日期：').length - 1).toBe(record.signers.length);
  });

  it('shows missing signatures and the waiting status', async () => {
    const [convener] = optionsFor(record).signatures;
    // The export passes an empty time when it does not know one; that prints as a dash.
    const waiting = { ...optionsFor(record, 'awaiting_signatures'), signatures: [{ ...convener!, signedAt: '' }] };
    const { text, flat } = await render('record-waiting', record, waiting);
    expect(text).toContain('待签名');
    expect(flat.match(/待签(?!名)/g)).toHaveLength(record.signers.length - 1);
    expect(flat).toContain(convener!.keyFingerprint.slice(0, 32));
  });

  it('numbers every page and repeats the short hash in the footer', () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out.file], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(2);
    for (let n = 1; n <= pages; n++) expect(out.flat).toContain(`第${n}/${pages}页`);
    expect(out.text.split(opts.recordHash.slice(0, 16)).length - 1).toBeGreaterThanOrEqual(pages);
  });

  it('is A4 with its fonts embedded', () => {
    const info = execFileSync('pdfinfo', [out.file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const fonts = execFileSync('pdffonts', [out.file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.some((l) => l.includes('NotoSansCJKsc-Regular'))).toBe(true);
    // Columns: name, type, encoding, emb, sub, uni, object, generation.
    for (const line of fonts) expect(line.trim().split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
  });

  it('renders rare characters from the subset and survives characters outside it', async () => {
    // 䶮 is in 通用规范汉字表 (a name character), so the subset has it; 𪚥 is not, and prints as .notdef.
    const rare: ReadableRecord = {
      ...record,
      meeting: { ...record.meeting, convener: '刘䶮' },
      attendance: record.attendance.map((a, i) => (i === 0 ? { ...a, name: '王𪚥' } : a)),
    };
    const { text, pdf } = await render('record-rare', rare, optionsFor(rare));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(text).toContain('刘䶮');
  });

  it('flows long minutes with headings, lists, quotes and tables over many pages', async () => {
    const paragraph = (i: number) => `<p>第${i}段：居民代表就加装电梯的费用分摊、施工期间的出行安排和后续维护责任发表了意见，会议记录如实记载各方观点。</p>`;
    const html = [
      '<h2>专题讨论</h2>',
      ...Array.from({ length: 400 }, (_, i) => paragraph(i + 1)),
      '<ul><li><p>要点一</p><ul><li><p>要点一之一</p></li></ul></li><li><p>要点二</p></li></ul>',
      '<ol start="3"><li><p>第三项</p></li></ol>',
      '<blockquote><p>引述：请物业公司在两周内答复。</p></blockquote>',
      '<hr>',
      '<table><tbody><tr><th><p>事项</p></th><th><p>责任人</p></th></tr><tr><td><p>现场勘查</p></td><td><p>张桂兰</p></td></tr></tbody></table>',
      '<pre><code>a &lt; b &amp;&amp; c</code></pre>',
      '<p>全文完。<a href="https://example.cn/x">附件</a></p>',
    ].join('');
    const long: ReadableRecord = { ...record, minutes: { ...record.minutes, html } };
    const { text, flat, file } = await render('record-long', long, optionsFor(long));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(10);
    expect(flat).toContain('第400段');
    expect(text).toMatch(/•\s*要点一/);
    expect(text).toMatch(/3\.\s*第三项/);
    expect(flat).toContain('引述：请物业公司在两周内答复。');
    expect(flat).toContain('现场勘查');
    expect(flat).toContain('a<b&&c');
    expect(flat).toContain('附件（https://example.cn/x）');
    expect(flat.indexOf('第1段')).toBeLessThan(flat.indexOf('第400段'));
  });

  it('prints the public copy without residents’ names or minutes: seats as 成员 N, the tallies and outcomes as they are', async () => {
    // Agenda notes are staff's public text (this fixture's name a proposer); they are not a personal field.
    const publicCopy = readableOf({ ...frozen, record: { ...frozen.record, agenda: frozen.record.agenda.map((a) => ({ ...a, notes: '' })) } }, 'pseudonyms');
    const { text, flat } = await render('record-public', publicCopy, optionsFor(publicCopy, 'filed'));
    for (const [, value] of frozen.disclosures) expect(flat).not.toContain(value.replace(/\s+/g, '').slice(0, 40));
    expect(flat).not.toContain('会议由召集人主持');
    expect(text).toContain('成员 1');
    expect(flat).toContain('会议纪要含居民姓名，不在公开记录中');
    expect(flat).toContain('本件为公开副本');
    for (const poll of record.polls) expect(flat).toContain(poll.question.replace(/\s+/g, ''));
    expect(text).toContain(record.meeting.convener); // staff sign in their office: their names stay public
  });
});
