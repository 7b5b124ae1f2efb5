import { isCanonical, canonicalBytes } from './canonical';
import { Filing, MeetingRecord, SignatureEntry, type FilingStatement } from './format';
import { ed25519RawFromSpki, fromBase64, spkiPemToDer, toHex } from './keys';
import { z } from 'zod';

/**
 * Verification of a record bundle, the one implementation behind the CLI, the server's tamper checks
 * and the public page (which passes WebCrypto). The crypto is injected so the same rules run on Node
 * and in a browser; every check reports what it looked at, and one failure makes the bundle invalid.
 */
export type VerifyCrypto = {
  sha256(data: Uint8Array): Promise<Uint8Array>;
  verifyEd25519(spkiDer: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
};

export type CheckId = 'format' | 'canonical' | 'hash' | 'signature' | 'signers' | 'keys' | 'filing' | 'platform_key' | 'chain';
export type Check = { id: CheckId; status: 'pass' | 'fail' | 'skip'; subject?: string; detail: string };

export type BundleInput = {
  /** exactly the bytes of record.json */
  recordBytes: Uint8Array;
  /** parsed signatures.json */
  signatures: unknown;
  /** parsed filing.json; absent while the record awaits signatures */
  filing?: unknown;
};

export type PreviousLink = { recordHash: string; communityId: string; seq: number };

/**
 * The platform key the verifier trusts: its SPKI PEM, or the SHA-256 fingerprint of its DER (hex, as the
 * PDF, the console and the public page publish it). The bundle's own platform key counts only when it
 * matches: anyone can make a key pair and file a bundle with it.
 */
export type TrustAnchor = { platformKeyPem: string } | { platformFingerprint: string };

/** A fingerprint as people copy it (`AB12 cd34…`, `ab:12:…`) in the one form compared: 64 lowercase hex digits. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

export type VerifyOptions = {
  /**
   * Required, so no caller forgets it: null says the verifier has none, and then a filed bundle fails
   * `platform_key` (its countersignature and filing prove nothing without a trusted key).
   */
  trust: TrustAnchor | null;
  /** the previous record of the same community, when the verifier has it */
  previous?: PreviousLink | null;
  /**
   * Where a store (the database, the public page's server) keeps the record: its position in the chain
   * and whether the store holds its predecessor. A renumbered record, or one whose predecessor is gone,
   * breaks the chain even when each record on its own is intact.
   */
  stored?: { seq: number; previousMissing: boolean };
  /** the record is said to be filed (the store says so, or the verifier expects it): a missing filing fails */
  requireFiling?: boolean;
};

export type VerifyResult = {
  valid: boolean;
  recordHash: string;
  record: MeetingRecord | null;
  checks: Check[];
};

export async function keyFingerprint(crypto: VerifyCrypto, publicKeyPem: string): Promise<string> {
  return toHex(await crypto.sha256(spkiPemToDer(publicKeyPem)));
}

async function signatureValid(crypto: VerifyCrypto, publicKeyPem: string, message: Uint8Array, signatureB64: string) {
  try {
    const der = spkiPemToDer(publicKeyPem);
    const sig = fromBase64(signatureB64);
    if (!ed25519RawFromSpki(der) || sig.length !== 64) return false;
    return await crypto.verifyEd25519(der, message, sig);
  } catch {
    return false;
  }
}

export async function verifyBundle(input: BundleInput, crypto: VerifyCrypto, opts: VerifyOptions): Promise<VerifyResult> {
  const checks: Check[] = [];
  const pass = (id: CheckId, detail: string, subject?: string) => checks.push({ id, status: 'pass', detail, subject });
  const fail = (id: CheckId, detail: string, subject?: string) => checks.push({ id, status: 'fail', detail, subject });
  const skip = (id: CheckId, detail: string) => checks.push({ id, status: 'skip', detail });

  const recordHash = toHex(await crypto.sha256(input.recordBytes));
  let record: MeetingRecord | null = null;
  try {
    record = MeetingRecord.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(input.recordBytes)));
    pass('format', `record.json is a meeting record of format ${record.format}`);
  } catch {
    fail('format', 'record.json is not a meeting record of a known format');
  }
  if (isCanonical(input.recordBytes)) pass('canonical', 'record.json is in RFC 8785 canonical form');
  else fail('canonical', 'record.json is not in RFC 8785 canonical form (was it re-serialised or edited?)');

  const sigs = z.array(SignatureEntry).safeParse(input.signatures);
  if (!sigs.success) fail('signature', 'signatures.json is not a list of {role, name, publicKeyPem, signature}');
  const entries = sigs.success ? sigs.data : [];
  const validSigs: SignatureEntry[] = [];
  for (const s of entries) {
    const who = `${s.role} ${s.name}`;
    if (await signatureValid(crypto, s.publicKeyPem, input.recordBytes, s.signature)) {
      validSigs.push(s);
      pass('signature', `signature of ${who} verifies over record.json`, who);
    } else {
      fail('signature', `signature of ${who} does not verify over record.json with the key given`, who);
    }
  }

  if (record) {
    const missing = record.signers.filter((r) => !validSigs.some((s) => s.role === r.role && s.name === r.name));
    if (missing.length) fail('signers', `no valid signature from: ${missing.map((m) => `${m.role} ${m.name}`).join(', ')}`);
    else pass('signers', `every required signer signed (${record.signers.map((r) => r.name).join(', ')})`);
  }

  const filing = input.filing === undefined ? null : Filing.safeParse(input.filing);
  const platform = entries.find((s) => s.role === 'platform');
  if (!filing) {
    // Without a filing nothing binds the signers' keys to the record, so a bundle that should be filed
    // and has none is not valid (a record still awaiting signatures is checked without this option).
    if (opts.requireFiling) fail('filing', 'filing.json is missing: the record is not shown to be filed');
    else skip('filing', 'the record has not been filed');
  } else if (!filing.success) {
    fail('filing', 'filing.json is not a filing statement');
  } else {
    await checkFiling(filing.data.statement, filing.data.signature);
  }

  async function checkFiling(statement: FilingStatement, signature: string) {
    if (statement.recordHash === recordHash && statement.recordId === record?.recordId) pass('hash', `record hash ${recordHash} matches the filing`);
    else fail('hash', `record.json hashes to ${recordHash}, the filing names ${statement.recordHash}: the record was changed after filing`);

    if (!platform) {
      fail('filing', 'no platform countersignature in signatures.json');
      return;
    }
    if (await signatureValid(crypto, platform.publicKeyPem, canonicalBytes(statement), signature)) pass('filing', 'the platform signed the filing statement');
    else fail('filing', 'the filing statement’s platform signature does not verify');

    const wrongKeys: string[] = [];
    for (const s of entries) {
      const fp = await keyFingerprint(crypto, s.publicKeyPem).catch(() => '');
      if (!statement.signers.some((f) => f.role === s.role && f.name === s.name && f.keyFingerprint === fp)) wrongKeys.push(`${s.role} ${s.name}`);
    }
    if (wrongKeys.length) fail('keys', `public key not the one filed for: ${wrongKeys.join(', ')}`);
    else pass('keys', 'every public key is the one named in the filing');

    if (record && JSON.stringify(statement.chain) !== JSON.stringify(record.chain)) fail('chain', 'the filing names another chain position than the record');

    const given = await keyFingerprint(crypto, platform.publicKeyPem).catch(() => '');
    const trusted = !opts.trust ? null
      : 'platformKeyPem' in opts.trust ? await keyFingerprint(crypto, opts.trust.platformKeyPem).catch(() => 'invalid')
        : normaliseFingerprint(opts.trust.platformFingerprint) ?? 'invalid';
    if (!trusted) fail('platform_key', `no trusted platform key given: the bundle's own platform key (${given.slice(0, 16)}…) proves nothing on its own`);
    else if (trusted === given) pass('platform_key', `the platform key is the trusted one (${given.slice(0, 16)}…)`);
    else fail('platform_key', `the platform key in the bundle (${given.slice(0, 16)}…) is not the trusted one (${trusted.slice(0, 16)}…)`);
  }

  if (record) {
    const c = record.chain;
    if (opts.previous) {
      const p = opts.previous;
      if (p.communityId !== c.communityId) fail('chain', 'the previous record belongs to another community');
      else if (p.seq + 1 !== c.seq) fail('chain', `the previous record is #${p.seq}, this record is #${c.seq}: a record is missing or out of order`);
      else if (p.recordHash !== c.previousRecordHash) fail('chain', `the record links to ${c.previousRecordHash}, the previous record hashes to ${p.recordHash}`);
      else pass('chain', `record #${c.seq} links to record #${p.seq}`);
    } else if (c.seq === 1 && c.previousRecordHash === null) {
      pass('chain', 'first record of the community');
    } else if (c.seq === 1 || c.previousRecordHash === null) {
      fail('chain', 'only the first record of a community may have no previous record');
    } else if (!opts.stored?.previousMissing) {
      skip('chain', `record #${c.seq} links to ${c.previousRecordHash.slice(0, 16)}…; the previous record was not given`);
    }
    if (opts.stored?.previousMissing && c.seq > 1) fail('chain', `record #${c.seq - 1} of this community is missing`);
    if (opts.stored && opts.stored.seq !== c.seq) fail('chain', `the record is stored as #${opts.stored.seq} but was signed as #${c.seq}`);
  }

  return { valid: checks.every((c) => c.status !== 'fail'), recordHash, record, checks };
}

export type ChainLink = { recordId: string; communityId: string; seq: number; hash: string; previousRecordHash: string | null };
export type ChainProblem = { recordId: string; seq: number; problem: 'gap' | 'link' | 'community' };

/**
 * A community's records in the order stored: numbered 1, 2, 3 … without gaps, each naming the hash of
 * the one before it. A deleted record leaves a gap; two records swapped break both links.
 */
export function verifyChain(links: readonly ChainLink[]): ChainProblem[] {
  const problems: ChainProblem[] = [];
  links.forEach((l, i) => {
    const prev = links[i - 1];
    if (l.communityId !== links[0]!.communityId) problems.push({ recordId: l.recordId, seq: l.seq, problem: 'community' });
    if (l.seq !== i + 1) problems.push({ recordId: l.recordId, seq: l.seq, problem: 'gap' });
    if ((prev ? prev.hash : null) !== l.previousRecordHash) problems.push({ recordId: l.recordId, seq: l.seq, problem: 'link' });
  });
  return problems;
}
