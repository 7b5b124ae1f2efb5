import type { Db } from '../platform/db/client';
import { isUniqueViolation } from '../platform/db/errors';
import { generateSigningKey, sha256Hex } from './node-crypto';
import { spkiPemToDer } from './keys';

export const PLATFORM_KEY_ID = 'platform';

export type PlatformKey = { id: string; publicKeyPem: string; privateKeyPem: string; fingerprint: string };

/**
 * The platform's countersigning key, made on first use. One fixed row id, so two processes starting
 * at once cannot each create a key: the loser of the insert reads the winner's.
 * The private key sits in the database; a deployment that wants it elsewhere replaces this function.
 */
export async function platformKey(db: Db): Promise<PlatformKey> {
  const existing = await db.platformKey.findUnique({ where: { id: PLATFORM_KEY_ID } });
  if (existing) return existing;
  const pair = generateSigningKey();
  const row = { id: PLATFORM_KEY_ID, ...pair, fingerprint: sha256Hex(spkiPemToDer(pair.publicKeyPem)) };
  try {
    return await db.platformKey.create({ data: row });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return db.platformKey.findUniqueOrThrow({ where: { id: PLATFORM_KEY_ID } });
  }
}

/**
 * The fingerprint the district publishes — printed in every record's PDF, shown on the console's record
 * page and on the public page, which verifies against it — so an assessor checks a bundle against the
 * district's key and not against whatever key the bundle brings.
 */
export async function platformFingerprint(db: Db): Promise<string> {
  const row = await db.platformKey.findUnique({ where: { id: PLATFORM_KEY_ID }, select: { fingerprint: true } });
  return row?.fingerprint ?? (await platformKey(db)).fingerprint;
}
