// Test data for the record: a closed meeting driven through the real commands and reducer (the same
// fold the server does), its record, and a complete signed and filed bundle made the way the service
// makes one. Only tests import this file.
import { MeetingSession, member, seatIdOf } from './meeting';
import { majorityPresets } from '../../lib/voting/outcome';
import { buildRecord, type RecordSources } from '../../lib/record/build';
import { canonicalBytes, canonicalJson } from '../../lib/record/canonical';
import type { Disclosure } from '../../lib/record/disclosure';
import { FILING_FORMAT, type Filing, type FilingStatement, type MeetingRecord, type MeetingRecordV2, type SignatureEntry } from '../../lib/record/format';
import { commitValue, generateSigningKey, nodeCrypto, sha256Hex, signEd25519, type SigningKeyPair } from '../../lib/record/node-crypto';
import { keyFingerprint, type BundleInput, type TrustAnchor } from '../../lib/record/verify';

// The convener's name is the one the meeting factory writes into meeting.created, as the server does.
export const CONVENER = { role: 'convener', staffId: 'staff-convener', name: '张主任' } as const;
export const RECORDER = { role: 'recorder', staffId: 'staff-recorder', name: '李记录' } as const;
export const COMMUNITY = { id: 'community-1', name: '桂湖社区', street: '新都街道', district: '新都区' };

/**
 * A council meeting of 7 seats (5 in the hall, 1 remote) that discussed two items: one speaker on the
 * first, a named motion and a secret election on it; the second without; then closed. Returns the folded state and the
 * named ballots the server would read from its ballot table.
 */
export function closedMeeting() {
  const m = new MeetingSession({ seats: 7, checkedIn: 5, currentItem: 1 });
  m.run('attendance.checkIn', { seatId: seatIdOf(6), mode: 'remote' });
  const [asked] = m.run('speaker.request', { stance: 'support' }, member(2));
  if (asked?.type !== 'speaker.requested') throw new Error('expected speaker.requested');
  m.run('speaker.grant', { id: asked.data.id });
  m.run('speaker.end', { id: asked.data.id });

  const namedBallots = new Map<string, Map<string, string[]>>();
  const vote = (pollId: string, votes: [seat: number, choice: string][]) => {
    for (const [n, choice] of votes) {
      m.run('poll.vote', { pollId, choices: [choice], idempotencyKey: `key-${pollId}-${n}` }, member(n, n === 6 ? 'remote' : 'hall'));
      if (!m.poll(pollId).secret) namedBallots.set(pollId, (namedBallots.get(pollId) ?? new Map()).set(seatIdOf(n), [choice]));
    }
    m.run('poll.close', { pollId });
  };
  const motion = m.createPoll({ question: '是否同意加装电梯费用分摊方案？', kind: 'motion', rule: majorityPresets.simple_majority });
  m.run('poll.open', { pollId: motion });
  vote(motion, [[1, 'yes'], [2, 'yes'], [3, 'no'], [4, 'yes'], [6, 'abstain']]);
  const election = m.createPoll({
    question: '推选停车管理监督员', kind: 'single', options: ['张秀英', '王建国'], secret: true, rule: majorityPresets.simple_majority,
  });
  m.run('poll.open', { pollId: election });
  vote(election, [[1, '张秀英'], [2, '王建国'], [3, '张秀英'], [5, '张秀英']]);
  m.run('agenda.start', { itemId: m.state.agenda[1]!.id });
  m.run('agenda.finish', { itemId: m.state.agenda[1]!.id });
  m.run('meeting.close', {});
  return { state: m.state, events: m.log, namedBallots };
}

export type RecordOptions = { recordId?: string; communityId?: string; seq?: number; previousRecordHash?: string | null; signers?: MeetingRecord['signers'] };

export function recordSources(opts: RecordOptions = {}): RecordSources {
  const { state, events, namedBallots } = closedMeeting();
  const communityId = opts.communityId ?? COMMUNITY.id;
  return {
    recordId: opts.recordId ?? 'record-1',
    state,
    community: { ...COMMUNITY, id: communityId },
    announcedAt: null,
    signers: opts.signers ?? [CONVENER, RECORDER],
    namedBallots,
    minutes: { html: '<h1>会议记录</h1><p>居民代表对方案表示认可。</p>', markdown: '# 会议记录\n\n居民代表对方案表示认可。\n', yjsStateSha256: sha256Hex('minutes') },
    eventLog: { events: events.length, lastSeq: events.at(-1)!.seq, sha256: sha256Hex(canonicalJson(events)) },
    chain: { communityId, seq: opts.seq ?? 1, previousRecordHash: opts.previousRecordHash ?? null },
    frozenAt: state.closedAt!,
    commit: commitValue,
  };
}

/** A record of the current format (2) and the disclosures of its residents' names and minutes. */
export function makeFrozenRecord(opts: RecordOptions = {}): { record: MeetingRecordV2; disclosures: Disclosure[] } {
  return buildRecord(recordSources(opts));
}

export function makeRecord(opts: RecordOptions = {}): MeetingRecordV2 {
  return makeFrozenRecord(opts).record;
}

export type Keys = { convener: SigningKeyPair; recorder: SigningKeyPair; platform: SigningKeyPair };
export function makeKeys(): Keys {
  return { convener: generateSigningKey(), recorder: generateSigningKey(), platform: generateSigningKey() };
}

/** `trust`: the platform key the bundle was made with, as the district would publish it to verifiers. */
export type SignedBundle = BundleInput & { recordHash: string; signatures: SignatureEntry[]; filing: Filing; trust: TrustAnchor };

/** Every required signer's signature, the platform's countersignature and the filing, as the service files them. */
export async function signedBundle(record: MeetingRecord, keys: Keys = makeKeys()): Promise<SignedBundle> {
  const recordBytes = canonicalBytes(record);
  const keyOf = (role: string) => (role === 'convener' ? keys.convener : keys.recorder);
  const signatures: SignatureEntry[] = [
    ...record.signers.map((s) => ({ role: s.role, name: s.name, publicKeyPem: keyOf(s.role).publicKeyPem, signature: signEd25519(keyOf(s.role).privateKeyPem, recordBytes) })),
    { role: 'platform', name: '议事平台', publicKeyPem: keys.platform.publicKeyPem, signature: signEd25519(keys.platform.privateKeyPem, recordBytes) },
  ];
  const statement: FilingStatement = {
    format: FILING_FORMAT,
    recordId: record.recordId,
    recordHash: sha256Hex(recordBytes),
    chain: record.chain,
    signers: await Promise.all(signatures.map(async (s) => ({ role: s.role, name: s.name, keyFingerprint: await keyFingerprint(nodeCrypto, s.publicKeyPem) }))),
    filedAt: record.frozenAt,
  };
  const filing: Filing = { statement, signature: signEd25519(keys.platform.privateKeyPem, canonicalBytes(statement)) };
  return { recordBytes, signatures, filing, recordHash: statement.recordHash, trust: { platformKeyPem: keys.platform.publicKeyPem } };
}
