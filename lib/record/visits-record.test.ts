import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MeetingSession } from '../../tests/factories/meeting';
import { recordSources } from '../../tests/factories/record';
import type { VisitEntry } from '../visits/model';
import { buildRecord } from './build';
import { canonicalJson } from './canonical';
import { commitmentsOf } from './disclosure';
import { readableOf } from './fixtures';
import { MeetingRecordV2 } from './format';
import { sha256Hex } from './node-crypto';
import { renderRecordPdf } from './pdf';

const OUT = fileURLToPath(new URL('../../test-results/record-pdf/', import.meta.url));

const visit = (id: string, at: string, over: Partial<VisitEntry>): VisitEntry => ({
  id, householdId: null, household: '', address: '', metWith: '户主', place: '家中', visitedAt: at, opinion: '', agreement: 'agree', ...over,
});

function frozenRound() {
  const m = new MeetingSession({ form: 'visit', status: 'announced', agenda: [], seats: 0, checkedIn: 0 });
  m.run('visits.start', { question: '是否同意在3号楼加装电梯？' });
  m.run('visits.finish', {});
  m.run('visits.conclude', { conclusion: '多数同意，一楼要求补偿。' });
  return buildRecord({
    ...recordSources(), state: m.state, frozenAt: m.state.closedAt!,
    visits: {
      households: [{ id: 'h1', name: '赵家', address: '3号楼101', rosterMemberId: null }, { id: 'h2', name: '钱家', address: '3号楼201', rosterMemberId: null }, { id: 'h3', name: '孙家', address: '3号楼301', rosterMemberId: null }],
      team: [{ role: 'host', name: '王书记', staffId: 's1', rosterMemberId: null }, { role: 'recorder', name: '楼长老周', staffId: null, rosterMemberId: 'r1' }],
      // Stored in any order; the record lists them by time.
      entries: [
        visit('e-2', '2026-12-03T03:00:00.000Z', { householdId: 'h1', household: '赵家', address: '3号楼101', opinion: '第二次走访：同意。', agreement: 'agree' }),
        visit('e-1', '2026-12-03T02:00:00.000Z', { householdId: 'h1', household: '赵家', address: '3号楼101', opinion: '一楼采光受影响，联系电话13812345678。', agreement: 'conditional' }),
        visit('e-3', '2026-12-03T04:00:00.000Z', { household: '郑阿姨（邻居）', address: '3号楼402', opinion: '', agreement: 'undecided' }),
        visit('e-4', '2026-12-03T05:00:00.000Z', { householdId: 'h2', household: '钱家', address: '3号楼201', opinion: '费用太高。', agreement: 'disagree' }),
      ],
    },
  });
}

describe('the record of a round of household visits', () => {
  it('holds the question, counts, every visit by time with its opinion (phones masked), households and team only as commitments, and the conclusion', () => {
    const { record, disclosures } = frozenRound();
    const body = canonicalJson(record);
    expect(canonicalJson(MeetingRecordV2.parse(JSON.parse(body)))).toBe(body);
    expect(record.visits).toMatchObject({
      question: '是否同意在3号楼加装电梯？', planned: 3, plannedVisited: 2,
      agreement: { agree: 1, conditional: 1, disagree: 1, undecided: 1 },
      conclusion: { text: '多数同意，一楼要求补偿。' },
    });
    expect(record.visits!.entries.map((e) => [e.id, e.planned])).toEqual([['e-1', true], ['e-2', true], ['e-3', false], ['e-4', true]]);
    expect(record.visits!.entries[0]!.opinion).toBe('一楼采光受影响，联系电话138****5678。');
    for (const secret of ['13812345678', '赵家', '3号楼101', '郑阿姨', '楼长老周']) expect(body).not.toContain(secret);
    expect(record.attendance).toEqual([]);
    const commitments = commitmentsOf(record);
    expect(record.visits!.entries.every((e) => commitments.has(e.householdCommitment))).toBe(true);
    expect(record.visits!.team.every((m) => commitments.has(m.nameCommitment))).toBe(true);
    expect(disclosures.map((d) => d[1])).toContain(canonicalJson({ address: '3号楼402', household: '郑阿姨（邻居）', metWith: '户主', place: '家中' }));
  });

  it('reads as households for staff and as withheld for the public; the PDF prints it', async () => {
    const frozen = frozenRound();
    const staff = readableOf(frozen, 'disclosed');
    const reader = readableOf(frozen, 'pseudonyms');
    expect(staff.visits!.entries[2]!.household).toEqual({ household: '郑阿姨（邻居）', address: '3号楼402', metWith: '户主', place: '家中' });
    expect(staff.visits!.team.map((m) => m.name)).toEqual(['王书记', '楼长老周']);
    expect(reader.visits!.entries.every((e) => e.household === null)).toBe(true);
    expect(reader.visits!.team.map((m) => m.name)).toEqual([null, null]);

    mkdirSync(OUT, { recursive: true });
    const texts: Record<string, string> = {};
    for (const [name, r] of [['visits-staff', staff], ['visits-public', reader]] as const) {
      const recordHash = sha256Hex(canonicalJson(r));
      const pdf = await renderRecordPdf(r, { recordHash, status: 'filed', platformFingerprint: sha256Hex('k'), verifyUrl: `https://yishi.example/v/${r.recordId}`, signatures: [] });
      writeFileSync(`${OUT}${name}.pdf`, pdf);
      texts[name] = execFileSync('pdftotext', ['-enc', 'UTF-8', `${OUT}${name}.pdf`, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    }
    expect(texts['visits-staff']).toContain('走访约谈');
    expect(texts['visits-staff']).toContain('协商事项：是否同意在3号楼加装电梯？');
    expect(texts['visits-staff']).toContain('计划走访3户，已走访2户；共记录走访4次。');
    expect(texts['visits-staff']).toContain('郑阿姨（邻居）（3号楼402）');
    expect(texts['visits-staff']).toContain('结论：多数同意，一楼要求补偿。');
    expect(texts['visits-public']).toContain('费用太高。');
    expect(texts['visits-public']).toContain('住户（仅在工作人员的副本中列出）');
    expect(texts['visits-public']).not.toContain('郑阿姨');
  });
});
