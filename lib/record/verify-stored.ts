import type { Db } from '../platform/db/client';
import type { FilingStatement, SignatureEntry } from './format';
import { nodeCrypto, sha256Hex } from './node-crypto';
import { verifyBundle, type BundleInput, type VerifyResult } from './verify';

export const PLATFORM_SIGNER_NAME = '议事平台';

/** A stored record row with what verification needs (signatures with their registered keys). */
export type StoredRecordRow = {
  id: string;
  communityId: string;
  chainSeq: number;
  body: string;
  filing: string | null;
  filingSignature: string | null;
  platformSignature: string | null;
  platformKeyId: string | null;
  signatures: { role: string; name: string; signature: string; key: { publicKeyPem: string } }[];
};

export const storedRecordInclude = { signatures: { include: { key: true }, orderBy: { signedAt: 'asc' } } } as const;

/** The bundle of a stored record: its body, each signature with the key registered for it, the filing. */
export function bundleInputOf(row: StoredRecordRow, platformKeys: ReadonlyMap<string, string>): BundleInput {
  const signatures: SignatureEntry[] = row.signatures.map((s) => ({
    role: s.role as SignatureEntry['role'], name: s.name, publicKeyPem: s.key.publicKeyPem, signature: s.signature,
  }));
  let filing: BundleInput['filing'];
  const platformPem = row.platformKeyId ? platformKeys.get(row.platformKeyId) : undefined;
  if (row.filing && row.filingSignature && row.platformSignature && platformPem) {
    signatures.push({ role: 'platform', name: PLATFORM_SIGNER_NAME, publicKeyPem: platformPem, signature: row.platformSignature });
    filing = { statement: JSON.parse(row.filing) as FilingStatement, signature: row.filingSignature };
  }
  return { recordBytes: new TextEncoder().encode(row.body), signatures, filing };
}

/**
 * Verifies every filed record of the given communities in one pass over the database (two queries):
 * the scores only count records that verify, and a dashboard must not cost a query per record.
 * The trusted platform key is the one stored; each record's chain link is checked against its
 * predecessor as stored now, so a dropped or reordered record fails its successor.
 */
export async function verifyFiledRecords(db: Db, communityIds: string[]): Promise<Map<string, VerifyResult>> {
  const rows = await db.meetingRecord.findMany({
    where: { communityId: { in: communityIds } },
    include: storedRecordInclude,
    orderBy: [{ communityId: 'asc' }, { chainSeq: 'asc' }],
  });
  const platformKeys = new Map((await db.platformKey.findMany()).map((k) => [k.id, k.publicKeyPem]));
  const trusted = platformKeys.get('platform');
  const results = new Map<string, VerifyResult>();
  const bySeat = new Map(rows.map((r) => [`${r.communityId}:${r.chainSeq}`, r]));
  for (const row of rows) {
    if (row.status !== 'filed') continue;
    const prev = bySeat.get(`${row.communityId}:${row.chainSeq - 1}`);
    const result = await verifyBundle(bundleInputOf(row, platformKeys), nodeCrypto, {
      platformKeyPem: trusted,
      previous: prev ? { recordHash: sha256Hex(prev.body), communityId: prev.communityId, seq: prev.chainSeq } : null,
    });
    if (row.chainSeq > 1 && !prev) {
      result.checks.push({ id: 'chain', status: 'fail', detail: `record #${row.chainSeq - 1} of this community is missing` });
      result.valid = false;
    }
    results.set(row.id, result);
  }
  return results;
}
