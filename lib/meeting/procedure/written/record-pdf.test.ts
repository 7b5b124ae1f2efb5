import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../record/canonical';
import { readableOf, SMALL_MEETING, syntheticRecord } from '../../../record/fixtures';
import { sha256Hex } from '../../../record/node-crypto';
import { renderRecordPdf } from '../../../record/pdf';
import type { ReadableRecord } from '../../../record/readable';

const OUT = fileURLToPath(new URL('../../../../test-results/record-pdf/', import.meta.url));
const hash = (s: string) => sha256Hex(s);

describe('a written consultation in the record’s PDF', () => {
  it('prints the document’s fingerprint, the counts, the conclusion and every final answer', async () => {
    const base = readableOf(syntheticRecord(SMALL_MEETING), 'disclosed');
    const record: ReadableRecord = {
      ...base,
      written: {
        document: { title: '关于充电桩选址的征询函', text: '拟在 3 号楼北侧安装充电桩。', attachment: { fileName: '选址示意图.pdf', mimeType: 'application/pdf', size: 10, sha256: hash('file') }, sha256: hash('doc') },
        sentAt: '2026-12-01T02:00:00.000Z', deadline: '2026-12-04T10:00:00.000Z', closedAt: '2026-12-04T11:00:00.000Z',
        addressees: [
          { name: '张秀英', unit: '', kind: 'person', answer: 'amend', text: '建议加装雨棚。', attachment: null, answeredAt: '2026-12-02T02:00:00.000Z', revisions: 2 },
          { name: '桂湖花园物业服务中心', unit: '', kind: 'unit', answer: 'disagree', text: '消防通道。', attachment: null, answeredAt: '2026-12-02T03:00:00.000Z', revisions: 1 },
          { name: '周主任', unit: '辖区供电所', kind: 'person', answer: null, text: null, attachment: null, answeredAt: null, revisions: 0 },
        ],
        counts: { agree: 0, amend: 1, disagree: 1, none: 1 },
        conclusion: '另行选址后再次征询。',
      },
    };
    const recordHash = sha256Hex(canonicalJson(record));
    const pdf = await renderRecordPdf(record, { recordHash, status: 'signed', platformFingerprint: hash('k'), verifyUrl: 'https://yishi.example.cn/v/x', signatures: [] });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}written.pdf`, pdf);
    const flat = execFileSync('pdftotext', ['-enc', 'UTF-8', `${OUT}written.pdf`, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(flat).toContain(`征询事项：《关于充电桩选址的征询函》，文件指纹SHA-256${hash('doc')}`);
    expect(flat).toContain('2026年12月4日18:00'); // the deadline in Asia/Shanghai
    expect(flat).toContain('共征询3个对象：同意0，修改意见1，不同意1，未回复1。');
    expect(flat).toContain('结论：另行选址后再次征询。');
    expect(flat).toContain('张秀英：修改意见（更改过1次）——建议加装雨棚。');
    expect(flat).toContain('周主任（辖区供电所）：未回复');
  });

  it('a written consultation that never sat prints no attendance, agenda or votes: its results are the first section', async () => {
    const base = readableOf(syntheticRecord(SMALL_MEETING), 'disclosed');
    const record: ReadableRecord = {
      ...base,
      meeting: { ...base.meeting, form: 'written' },
      attendance: [], agenda: [], polls: [], decisions: [],
      written: {
        document: { title: '征询函', text: '正文', attachment: null, sha256: hash('doc') },
        sentAt: '2026-12-01T02:00:00.000Z', deadline: '2026-12-04T10:00:00.000Z', closedAt: '2026-12-04T11:00:00.000Z',
        addressees: [{ name: '张秀英', unit: '', kind: 'person', answer: 'agree', text: '', attachment: null, answeredAt: '2026-12-02T02:00:00.000Z', revisions: 1 }],
        counts: { agree: 1, amend: 0, disagree: 0, none: 0 },
        conclusion: '同意。',
      },
    };
    const pdf = await renderRecordPdf(record, { recordHash: sha256Hex(canonicalJson(record)), status: 'signed', platformFingerprint: hash('k'), verifyUrl: 'https://yishi.example.cn/v/x', signatures: [] });
    writeFileSync(`${OUT}written-no-sitting.pdf`, pdf);
    const flat = execFileSync('pdftotext', ['-enc', 'UTF-8', `${OUT}written-no-sitting.pdf`, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(flat).toContain('一、协商过程与结果');
    expect(flat).toContain('二、会议纪要');
    expect(flat).toContain('三、核验信息');
    // (the synthetic minutes have their own 出席情况 fact: the record's numbered sections are what is checked)
    expect(flat).not.toMatch(/[一二三四五六]、出席情况/);
    expect(flat).not.toMatch(/[一二三四五六]、表决/);
    // The same form held as a sitting (before it had its own procedure) keeps the sitting's sections.
    const sat = { ...record, attendance: base.attendance };
    const pdf2 = await renderRecordPdf(sat, { recordHash: sha256Hex(canonicalJson(sat)), status: 'signed', platformFingerprint: hash('k'), verifyUrl: 'https://yishi.example.cn/v/x', signatures: [] });
    writeFileSync(`${OUT}written-sat.pdf`, pdf2);
    expect(execFileSync('pdftotext', ['-enc', 'UTF-8', `${OUT}written-sat.pdf`, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain('一、出席情况');
  });
});
