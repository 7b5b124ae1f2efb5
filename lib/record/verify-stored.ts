import type { Db } from '../platform/db/client';
import type { Filing, FilingStatement, SignatureEntry } from './format';
import { nodeCrypto, sha256Hex } from './node-crypto';
import { PLATFORM_KEY_ID } from './platform-key';
import { verifyBundle, type VerifyResult } from './verify';

export const PLATFORM_SIGNER_NAME = '议事平台';

/** A stored record row with what verification needs (signatures with their registered keys). */
export type StoredRecordRow = {
  id: string;
  communityId: string;
  chainSeq: number;
  status: string;
  body: string;
  filing: string | null;
  filingSignature: string | null;
  platformSignature: string | null;
  platformKeyId: string | null;
  signatures: { role: string; name: string; signature: string; key: { publicKeyPem: string } }[];
};

export const storedRecordInclude = { signatures: { include: { key: true }, orderBy: { signedAt: 'asc' } } } as const;

/** Each signature with the key registered for it, the platform's countersignature and the filing, once filed. */
export function storedSignatures(row: StoredRecordRow, platformKeys: ReadonlyMap<string, string>): { signatures: SignatureEntry[]; filing?: Filing } {
  const signatures: SignatureEntry[] = row.signatures.map((s) => ({
    role: s.role as SignatureEntry['role'], name: s.name, publicKeyPem: s.key.publicKeyPem, signature: s.signature,
  }));
  const platformPem = row.platformKeyId ? platformKeys.get(row.platformKeyId) : undefined;
  if (!row.filing || !row.filingSignature || !row.platformSignature || !platformPem) return { signatures };
  signatures.push({ role: 'platform', name: PLATFORM_SIGNER_NAME, publicKeyPem: platformPem, signature: row.platformSignature });
  return { signatures, filing: { statement: JSON.parse(row.filing) as FilingStatement, signature: row.filingSignature } };
}

async function platformKeysOf(db: Db): Promise<Map<string, string>> {
  return new Map((await db.platformKey.findMany()).map((k) => [k.id, k.publicKeyPem]));
}

/**
 * The server's check of one stored record: the bundle checks (hash, every signature with the key
 * registered in the database, the filing, the trusted platform key) and the link to its predecessor as
 * that one is stored now, so a dropped or reordered record fails its successor.
 */
async function verifyRow(row: StoredRecordRow, previous: { body: string; chainSeq: number } | undefined, platformKeys: ReadonlyMap<string, string>): Promise<VerifyResult> {
  const { signatures, filing } = storedSignatures(row, platformKeys);
  const platformKeyPem = platformKeys.get(PLATFORM_KEY_ID);
  const options = {
    // The platform's own key is the anchor: a record countersigned by any other key does not count.
    trust: platformKeyPem ? { platformKeyPem } : null,
    previous: previous ? { recordHash: sha256Hex(previous.body), communityId: row.communityId, seq: previous.chainSeq } : null,
    stored: { seq: row.chainSeq, previousMissing: row.chainSeq > 1 && !previous },
    requireFiling: row.status === 'filed',
  };
  // Verifying is a pure function of these bytes; the digest of all of them is the memo's key, so any
  // changed byte (body, signature, key, filing, link) is verified afresh while unchanged records cost a hash.
  const key = sha256Hex(JSON.stringify([row.body, signatures, filing ?? null, options]));
  const known = verifiedByContent.get(key);
  if (known) return known;
  const result = await verifyBundle({ recordBytes: new TextEncoder().encode(row.body), signatures, filing }, nodeCrypto, options);
  if (verifiedByContent.size >= MEMO_LIMIT) verifiedByContent.clear();
  verifiedByContent.set(key, result);
  return result;
}

const MEMO_LIMIT = 50_000;
const verifiedByContent = new Map<string, VerifyResult>();

export async function verifyStoredRecord(db: Db, recordId: string): Promise<VerifyResult | null> {
  const row = await db.meetingRecord.findUnique({ where: { id: recordId }, include: storedRecordInclude });
  if (!row) return null;
  const previous = row.chainSeq > 1
    ? await db.meetingRecord.findUnique({ where: { communityId_chainSeq: { communityId: row.communityId, chainSeq: row.chainSeq - 1 } }, select: { body: true, chainSeq: true } })
    : null;
  return verifyRow(row, previous ?? undefined, await platformKeysOf(db));
}

/**
 * Every filed record of the given communities, verified in one pass over the database (two queries):
 * the scores only count records that verify, and a dashboard must not cost a query per record.
 */
export async function verifyFiledRecords(db: Db, communityIds: string[]): Promise<Map<string, VerifyResult>> {
  const rows = await db.meetingRecord.findMany({
    where: { communityId: { in: communityIds } },
    include: storedRecordInclude,
    orderBy: [{ communityId: 'asc' }, { chainSeq: 'asc' }],
  });
  const platformKeys = await platformKeysOf(db);
  const byPosition = new Map(rows.map((r) => [`${r.communityId}:${r.chainSeq}`, r]));
  const results = new Map<string, VerifyResult>();
  for (const row of rows) {
    if (row.status !== 'filed') continue;
    results.set(row.id, await verifyRow(row, byPosition.get(`${row.communityId}:${row.chainSeq - 1}`), platformKeys));
  }
  return results;
}
