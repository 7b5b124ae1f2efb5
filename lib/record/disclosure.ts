import { z } from 'zod';
import { canonicalBytes } from './canonical';
import type { MeetingRecordV2 } from './format';
import { toHex } from './keys';
import type { VerifyCrypto } from './verify';

/**
 * Personal fields of a record (format 2) as salted-hash commitments, in the manner of SD-JWT selective
 * disclosure: the signed record holds `sha256(canonical([salt, value]))`, the disclosure `[salt, value]`
 * stays on the server. Anyone can check hashes and signatures; only a holder of a disclosure learns the
 * value and can prove it is the signed one. The 128-bit salt is what stops a reader from hashing a list of
 * likely names until one matches. Runs in Node and in the browser.
 */
export const Disclosure = z.tuple([z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'base64url of 16 random bytes'), z.string()]);
export type Disclosure = z.infer<typeof Disclosure>;
export const Disclosures = z.array(Disclosure);

const SALT_BYTES = 16;

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A fresh disclosure of `value`, with a salt from `randomBytes` (WebCrypto's or Node's CSPRNG). */
export function newDisclosure(value: string, randomBytes: (n: number) => Uint8Array): Disclosure {
  return [base64url(randomBytes(SALT_BYTES)), value];
}

export async function commitmentOf(crypto: Pick<VerifyCrypto, 'sha256'>, disclosure: Disclosure): Promise<string> {
  return toHex(await crypto.sha256(canonicalBytes(disclosure)));
}

/** Every commitment a record of format 2 makes: the roster's names and the minutes' two texts. */
export function commitmentsOf(record: MeetingRecordV2): Set<string> {
  return new Set([
    ...record.roster.map((s) => s.nameCommitment), record.minutes.htmlCommitment, record.minutes.markdownCommitment,
    ...(record.undoneCheckIns ?? []).map((u) => u.reasonCommitment),
    ...record.polls.flatMap((p) => p.paper?.tellerCommitments ?? []),
    ...(record.questionnaire?.results ?? []).flatMap((r) => (r.kind === 'text' ? [r.answersCommitment] : [])),
    ...(record.visits?.team ?? []).map((m) => m.nameCommitment),
    ...(record.visits?.entries ?? []).map((e) => e.householdCommitment),
  ]);
}

/**
 * The values the disclosures prove, by commitment. A disclosure whose hash is not a commitment of this
 * record proves nothing and is counted, not used: a reader sees names only where the signed record
 * vouches for them.
 */
export async function openCommitments(crypto: Pick<VerifyCrypto, 'sha256'>, record: MeetingRecordV2, disclosures: readonly Disclosure[]): Promise<{ values: Map<string, string>; unmatched: number }> {
  const wanted = commitmentsOf(record);
  const values = new Map<string, string>();
  let unmatched = 0;
  for (const d of disclosures) {
    const c = await commitmentOf(crypto, d);
    if (wanted.has(c)) values.set(c, d[1]);
    else unmatched++;
  }
  return { values, unmatched };
}
