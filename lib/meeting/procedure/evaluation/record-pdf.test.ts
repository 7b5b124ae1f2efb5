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

describe('a democratic evaluation in the record’s PDF', () => {
  it('prints the period, the evaluator counts, each unit’s commitments, counts, satisfaction rate and texts', async () => {
    const base = readableOf(syntheticRecord(SMALL_MEETING), 'disclosed');
    const record: ReadableRecord = {
      ...base,
      evaluation: {
        periodFrom: '2026-06-01', periodTo: '2026-11-30', planSha256: hash('plan'),
        openedAt: '2026-12-01T02:00:00.000Z', closedAt: '2026-12-04T10:00:00.000Z', publishedAt: '2026-12-04T11:00:00.000Z',
        evaluators: { invited: 5, answered: 4 },
        units: [{
          name: '桂湖花园物业服务中心', commitments: [{ text: '安装充电桩', decision: null, status: null }], answers: 4,
          completion: { satisfied: 2, basically_satisfied: 1, dissatisfied: 1 }, performance: { satisfied: 1, basically_satisfied: 1, dissatisfied: 2 },
          problems: ['车位被占用'], reasons: [],
        }],
        note: '限期整改。',
      },
    };
    const recordHash = sha256Hex(canonicalJson(record));
    const pdf = await renderRecordPdf(record, { recordHash, status: 'signed', platformFingerprint: hash('k'), verifyUrl: 'https://yishi.example.cn/v/x', signatures: [] });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(`${OUT}evaluation.pdf`, pdf);
    const flat = execFileSync('pdftotext', ['-enc', 'UTF-8', `${OUT}evaluation.pdf`, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(flat).toContain('评议期间：2026-06-01至2026-11-30');
    expect(flat).toContain('共邀请5名评议人，4名提交评议');
    expect(flat).toContain('桂湖花园物业服务中心（有效评议4份）');
    expect(flat).toContain('承诺：安装充电桩');
    expect(flat).toContain('完成情况：满意2，基本满意1，不满意1；满意率75%');
    expect(flat).toContain('履职情况：满意1，基本满意1，不满意2；满意率50%');
    expect(flat).toContain('落实中的问题：');
    expect(flat).toContain('车位被占用');
    expect(flat).not.toContain('无法落实的客观原因：');
    expect(flat).toContain('说明：限期整改。');
  });
});
