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

describe('an expert consultation in the record’s PDF', () => {
  it('prints the question, who asked, each expert’s signed opinion, no sitting, the conclusion and its feedback', async () => {
    const base = readableOf(syntheticRecord(SMALL_MEETING), 'disclosed');
    const record: ReadableRecord = {
      ...base,
      expert: {
        question: '3号楼加装电梯是否需要加固？', asker: { kind: 'topic', name: '3号楼业主代表', topicId: 't-1' }, askedAt: '2026-12-01T02:00:00.000Z',
        acceptance: { accepted: true, reason: '', at: '2026-12-01T03:00:00.000Z' },
        experts: [
          { seatId: 'x-1', name: '王工', opinion: { title: '结构意见', text: '需先做结构检测。', at: '2026-12-02T02:00:00.000Z', revisions: 2 } },
          { seatId: 'x-2', name: '陈律师', opinion: null },
        ],
        sat: false, conclusion: { text: '可加装，须先检测。', at: '2026-12-03T02:00:00.000Z' },
        feedback: { channel: 'topic', note: '', at: '2026-12-03T03:00:00.000Z' },
      },
    };
    const recordHash = sha256Hex(canonicalJson(record));
    const pdf = await renderRecordPdf(record, { recordHash, status: 'signed', platformFingerprint: sha256Hex('k'), verifyUrl: 'https://yishi.example.cn/v/x', signatures: [] });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}expert.pdf`, pdf);
    const flat = execFileSync('pdftotext', ['-enc', 'UTF-8', `${OUT}expert.pdf`, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(flat).toContain('咨询事项：3号楼加装电梯是否需要加固？');
    expect(flat).toContain('提出方：3号楼业主代表（议题）');
    expect(flat).toContain('王工：《结构意见》（2026年12月2日10:00）——需先做结构检测。');
    expect(flat).toContain('陈律师：未提交书面意见');
    expect(flat).toContain('未召开会议，以专家书面意见形成结论');
    expect(flat).toContain('结论（2026年12月3日10:00）：可加装，须先检测。');
    expect(flat).toContain('结果反馈：2026年12月3日11:00，在议题进程中反馈提出人');
  });
});
