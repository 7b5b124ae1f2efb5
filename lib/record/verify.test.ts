// The bundle and chain checks: a complete bundle passes every check, and each way of tampering with
// it fails with the check that names what was changed. Bundles are checked against the platform key
// they were made with (`SignedBundle.trust`, as the district publishes it) unless a test says otherwise.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalJson } from './canonical';
import type { MeetingRecord, SignatureEntry } from './format';
import { spkiPemToDer } from './keys';
import { generateSigningKey, nodeCrypto, sha256Hex, signEd25519 } from './node-crypto';
import { CONVENER, makeKeys, makeRecord, RECORDER, signedBundle, type SignedBundle } from '../../tests/factories/record';
import { readBundleDir } from './export';
import { keyFingerprint, verifyBundle, verifyChain, type BundleInput, type Check, type CheckId, type ChainLink, type VerifyOptions } from './verify';

const utf8 = new TextEncoder();

async function verify(input: BundleInput & { trust?: VerifyOptions['trust'] }, opts: Partial<VerifyOptions> = {}) {
  return verifyBundle(input, nodeCrypto, { trust: input.trust ?? null, ...opts });
}
const statusOf = (checks: Check[], id: CheckId) => checks.filter((c) => c.id === id).map((c) => c.status);
const failed = (checks: Check[]) => [...new Set(checks.filter((c) => c.status === 'fail').map((c) => c.id))].sort();

/** The bytes with one character replaced; the length stays the same. */
function replaceOnce(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const text = new TextDecoder().decode(bytes);
  if (!text.includes(from)) throw new Error(`no ${from} in the record`);
  return utf8.encode(text.replace(from, to));
}

function withSignature(b: SignedBundle, role: string, change: (s: SignatureEntry) => SignatureEntry): SignatureEntry[] {
  return b.signatures.map((s) => (s.role === role ? change(s) : s));
}

describe('sign and verify with node keys', () => {
  it('an Ed25519 signature verifies over exactly the signed bytes', async () => {
    const key = generateSigningKey();
    const message = utf8.encode('{"a":1}');
    const sig = Buffer.from(signEd25519(key.privateKeyPem, message), 'base64');
    expect(sig).toHaveLength(64);
    const der = spkiPemToDer(key.publicKeyPem);
    expect(await nodeCrypto.verifyEd25519(der, message, sig)).toBe(true);
    expect(await nodeCrypto.verifyEd25519(der, utf8.encode('{"a":2}'), sig)).toBe(false);
    expect(await nodeCrypto.verifyEd25519(der, message, Uint8Array.from(sig, (b, i) => (i === 0 ? b ^ 1 : b)))).toBe(false);
  });

  it('hashes with SHA-256', async () => {
    expect(Buffer.from(await nodeCrypto.sha256(utf8.encode('abc'))).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('verifyBundle: a complete bundle', () => {
  it('passes every check against the trusted platform key, given as its PEM or its fingerprint', async () => {
    const keys = makeKeys();
    const b = await signedBundle(makeRecord(), keys);
    const fingerprint = await keyFingerprint(nodeCrypto, keys.platform.publicKeyPem);
    for (const trust of [{ platformFingerprint: fingerprint }, { platformFingerprint: fingerprint.toUpperCase().replace(/(.{4})/g, '$1 ') }]) {
      const byFingerprint = await verify(b, { trust });
      expect(byFingerprint.valid).toBe(true);
      expect(statusOf(byFingerprint.checks, 'platform_key')).toEqual(['pass']);
    }

    const pinned = await verify(b, { trust: { platformKeyPem: keys.platform.publicKeyPem } });
    expect(pinned.recordHash).toBe(b.recordHash);
    expect(pinned.record?.recordId).toBe('record-1');
    expect(pinned.valid).toBe(true);
    expect(pinned.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(new Set(pinned.checks.map((c) => c.id))).toEqual(new Set(['format', 'canonical', 'hash', 'signature', 'signers', 'keys', 'filing', 'platform_key', 'chain']));
    // one signature check per signer and the platform
    expect(pinned.checks.filter((c) => c.id === 'signature').map((c) => c.subject)).toEqual([`convener ${CONVENER.name}`, `recorder ${RECORDER.name}`, 'platform 议事平台']);
  });

  it('a record awaiting signatures: the filing is skipped, and all signatures so far verify', async () => {
    const b = await signedBundle(makeRecord());
    const result = await verify({ recordBytes: b.recordBytes, signatures: b.signatures.filter((s) => s.role === 'convener') });
    expect(statusOf(result.checks, 'filing')).toEqual(['skip']);
    expect(statusOf(result.checks, 'signature')).toEqual(['pass']);
    // …but the record is not complete: the recorder has not signed.
    expect(failed(result.checks)).toEqual(['signers']);
    expect(result.checks.find((c) => c.id === 'signers')!.detail).toContain(RECORDER.name);
  });
});

describe('verifyBundle: tampering', () => {
  it('a changed character inside a string: hash and every signature fail, the form is still canonical', async () => {
    const b = await signedBundle(makeRecord());
    const result = await verify({ ...b, recordBytes: replaceOnce(b.recordBytes, '加装电梯', '拆除电梯') });
    expect(result.valid).toBe(false);
    expect(failed(result.checks)).toEqual(['hash', 'signature', 'signers']);
    expect(statusOf(result.checks, 'signature')).toEqual(['fail', 'fail', 'fail']);
    expect(statusOf(result.checks, 'canonical')).toEqual(['pass']);
    expect(result.checks.find((c) => c.id === 'hash')!.detail).toContain(b.recordHash);
  });

  it('a changed tally (one byte): hash and signatures fail', async () => {
    const b = await signedBundle(makeRecord());
    const result = await verify({ ...b, recordBytes: replaceOnce(b.recordBytes, '"yes":3', '"yes":4') });
    expect(failed(result.checks)).toEqual(['hash', 'signature', 'signers']);
  });

  it('a re-serialised (pretty-printed) record.json fails canonical, hash and signatures', async () => {
    const b = await signedBundle(makeRecord());
    const pretty = utf8.encode(JSON.stringify(JSON.parse(new TextDecoder().decode(b.recordBytes)), null, 2));
    const result = await verify({ ...b, recordBytes: pretty });
    expect(failed(result.checks)).toEqual(['canonical', 'hash', 'signature', 'signers']);
    expect(statusOf(result.checks, 'format')).toEqual(['pass']);
  });

  it('a record edited and re-canonicalised still fails hash and signatures', async () => {
    const record = makeRecord();
    const b = await signedBundle(record);
    const forged: MeetingRecord = { ...record, decisions: [] };
    const result = await verify({ ...b, recordBytes: canonicalBytes(forged) });
    expect(failed(result.checks)).toEqual(['hash', 'signature', 'signers']);
  });

  it('a record that is not a meeting record fails format', async () => {
    const b = await signedBundle(makeRecord());
    const result = await verify({ ...b, recordBytes: utf8.encode(canonicalJson({ format: 'something-else' })) });
    expect(failed(result.checks)).toEqual(expect.arrayContaining(['format', 'hash', 'signature']));
  });

  it('signatures swapped between the convener and the recorder', async () => {
    const b = await signedBundle(makeRecord());
    const sigOf = (role: string) => b.signatures.find((s) => s.role === role)!.signature;
    const swapped = b.signatures.map((s) =>
      s.role === 'convener' ? { ...s, signature: sigOf('recorder') } : s.role === 'recorder' ? { ...s, signature: sigOf('convener') } : s);
    const result = await verify({ ...b, signatures: swapped });
    expect(failed(result.checks)).toEqual(['signature', 'signers']);
    expect(result.checks.filter((c) => c.status === 'fail' && c.id === 'signature').map((c) => c.subject)).toEqual([`convener ${CONVENER.name}`, `recorder ${RECORDER.name}`]);
  });

  it('a public key swapped for another: the signature no longer verifies, and the key is not the filed one', async () => {
    const b = await signedBundle(makeRecord());
    const other = generateSigningKey();
    const result = await verify({ ...b, signatures: withSignature(b, 'convener', (s) => ({ ...s, publicKeyPem: other.publicKeyPem })) });
    expect(failed(result.checks)).toEqual(['keys', 'signature', 'signers']);
    expect(result.checks.find((c) => c.id === 'keys')!.detail).toContain(CONVENER.name);
  });

  it('a public key swapped and the record re-signed by the attacker: only the filed key fingerprints catch it', async () => {
    const b = await signedBundle(makeRecord());
    const attacker = generateSigningKey();
    const result = await verify({
      ...b,
      signatures: withSignature(b, 'recorder', (s) => ({ ...s, publicKeyPem: attacker.publicKeyPem, signature: signEd25519(attacker.privateKeyPem, b.recordBytes) })),
    });
    expect(statusOf(result.checks, 'signature')).toEqual(['pass', 'pass', 'pass']);
    expect(statusOf(result.checks, 'signers')).toEqual(['pass']);
    expect(failed(result.checks)).toEqual(['keys']);
    expect(result.valid).toBe(false);
  });

  it('a forged record signed with the attacker’s own keys and no filing: fails when a filing is required', async () => {
    const b = await signedBundle(makeRecord());
    const attacker = generateSigningKey();
    const forged = {
      recordBytes: b.recordBytes,
      signatures: b.signatures.filter((s) => s.role !== 'platform').map((s) => ({ ...s, publicKeyPem: attacker.publicKeyPem, signature: signEd25519(attacker.privateKeyPem, b.recordBytes) })),
    };
    expect((await verify(forged)).valid).toBe(true); // on its own it is only an unfiled record…
    expect(failed((await verify(forged, { requireFiling: true })).checks)).toEqual(['filing']); // …which is not filed
  });

  it('a missing required signer', async () => {
    const b = await signedBundle(makeRecord());
    const result = await verify({ ...b, signatures: b.signatures.filter((s) => s.role !== 'recorder') });
    expect(failed(result.checks)).toEqual(['signers']);
    expect(result.checks.find((c) => c.id === 'signers')!.detail).toContain(`recorder ${RECORDER.name}`);
  });

  it('a signature under another name does not stand in for a required signer', async () => {
    const b = await signedBundle(makeRecord());
    const result = await verify({ ...b, signatures: withSignature(b, 'recorder', (s) => ({ ...s, name: '张三' })) });
    expect(failed(result.checks)).toEqual(['keys', 'signers']);
  });

  it('malformed signatures.json and filing.json', async () => {
    const b = await signedBundle(makeRecord());
    expect(failed((await verify({ ...b, signatures: { convener: 'x' } })).checks)).toEqual(expect.arrayContaining(['signature', 'signers']));
    expect(failed((await verify({ ...b, signatures: withSignature(b, 'convener', (s) => ({ ...s, signature: 'AAAA' })) })).checks)).toEqual(['signature', 'signers']);
    expect(failed((await verify({ ...b, signatures: withSignature(b, 'convener', (s) => ({ ...s, publicKeyPem: 'not a key' })) })).checks)).toEqual(['keys', 'signature', 'signers']);
    expect(failed((await verify({ ...b, filing: { statement: {} } })).checks)).toEqual(['filing']);
  });

  it('a filing statement changed after the platform signed it', async () => {
    const b = await signedBundle(makeRecord());
    const filing = { ...b.filing, statement: { ...b.filing.statement, filedAt: '2030-01-01T00:00:00.000Z' } };
    expect(failed((await verify({ ...b, filing })).checks)).toEqual(['filing']);
  });

  it('a bundle without the platform countersignature', async () => {
    const b = await signedBundle(makeRecord());
    const result = await verify({ ...b, signatures: b.signatures.filter((s) => s.role !== 'platform') });
    expect(failed(result.checks)).toEqual(['filing']);
  });

  it('a filed bundle without a trusted platform key fails: its own platform key proves nothing', async () => {
    const b = await signedBundle(makeRecord());
    const result = await verify(b, { trust: null });
    expect(result.valid).toBe(false);
    expect(failed(result.checks)).toEqual(['platform_key']);
    expect(result.checks.find((c) => c.id === 'platform_key')!.detail).toMatch(/no trusted platform key given/);
    expect(failed((await verify(b, { trust: { platformFingerprint: 'not a fingerprint' } })).checks)).toEqual(['platform_key']);
  });

  it('a fully forged bundle — its own signer keys, its own platform key, its own filing — fails against the district key', async () => {
    const genuine = makeKeys();
    // Every signature and the filing in the forged bundle are consistent with each other.
    const forged = await signedBundle(makeRecord({ recordId: 'never-held' }), makeKeys());
    expect((await verify(forged)).valid).toBe(true); // …when one trusts the key it brings, as record:verify used to
    const fingerprint = await keyFingerprint(nodeCrypto, genuine.platform.publicKeyPem);
    for (const trust of [{ platformKeyPem: genuine.platform.publicKeyPem }, { platformFingerprint: fingerprint }, null]) {
      const result = await verify(forged, { trust });
      expect(result.valid).toBe(false);
      expect(failed(result.checks)).toEqual(['platform_key']);
    }
  });
});

describe('verifyBundle: the chain link', () => {
  async function second() {
    const first = makeRecord({ recordId: 'record-1' });
    const firstHash = sha256Hex(canonicalBytes(first));
    const b = await signedBundle(makeRecord({ recordId: 'record-2', seq: 2, previousRecordHash: firstHash }));
    return { firstHash, b };
  }

  it('links to the previous record of the community', async () => {
    const { firstHash, b } = await second();
    const result = await verify(b, { previous: { recordHash: firstHash, communityId: 'community-1', seq: 1 } });
    expect(statusOf(result.checks, 'chain')).toEqual(['pass']);
    expect(result.valid).toBe(true);
  });

  it('without the previous record the link is skipped, not passed', async () => {
    const { b } = await second();
    const result = await verify(b);
    expect(statusOf(result.checks, 'chain')).toEqual(['skip']);
    expect(result.valid).toBe(true);
  });

  it.each([
    ['another hash', { recordHash: 'f'.repeat(64), communityId: 'community-1', seq: 1 }],
    ['another seq', { recordHash: 'HASH', communityId: 'community-1', seq: 0 }],
    ['another community', { recordHash: 'HASH', communityId: 'community-2', seq: 1 }],
  ])('fails when the previous record has %s', async (_what, previous) => {
    const { firstHash, b } = await second();
    const result = await verify(b, { previous: { ...previous, recordHash: previous.recordHash === 'HASH' ? firstHash : previous.recordHash } });
    expect(failed(result.checks)).toEqual(['chain']);
  });

  it('only the first record of a community has no previous record', async () => {
    const orphan = await signedBundle(makeRecord({ seq: 3, previousRecordHash: null }));
    expect(failed((await verify(orphan)).checks)).toEqual(['chain']);
    const firstWithLink = await signedBundle(makeRecord({ seq: 1, previousRecordHash: 'a'.repeat(64) }));
    expect(failed((await verify(firstWithLink)).checks)).toEqual(['chain']);
  });

  it('as stored: a record whose predecessor the store no longer holds, or stored at another position, fails', async () => {
    const { firstHash, b } = await second();
    const orphaned = await verify(b, { previous: null, stored: { seq: 2, previousMissing: true } });
    expect(failed(orphaned.checks)).toEqual(['chain']);
    const renumbered = await verify(b, { previous: { recordHash: firstHash, communityId: 'community-1', seq: 1 }, stored: { seq: 1, previousMissing: false } });
    expect(failed(renumbered.checks)).toEqual(['chain']);
    const inPlace = await verify(b, { previous: { recordHash: firstHash, communityId: 'community-1', seq: 1 }, stored: { seq: 2, previousMissing: false } });
    expect(inPlace.valid).toBe(true);
  });

  it('a filing that names another chain position than the record', async () => {
    const keys = makeKeys();
    const b = await signedBundle(makeRecord(), keys);
    const statement = { ...b.filing.statement, chain: { ...b.filing.statement.chain, seq: 2 } };
    const filing = { statement, signature: signEd25519(keys.platform.privateKeyPem, canonicalBytes(statement)) };
    expect(failed((await verify({ ...b, filing })).checks)).toEqual(['chain']);
  });
});

describe('verifyChain', () => {
  /** Three records of one community, each naming the hash of the one before. */
  function chain(communityId = 'community-1', n = 3): ChainLink[] {
    const links: ChainLink[] = [];
    for (let seq = 1; seq <= n; seq++) {
      const previousRecordHash = links.at(-1)?.hash ?? null;
      const record = makeRecord({ recordId: `${communityId}-r${seq}`, communityId, seq, previousRecordHash });
      links.push({ recordId: record.recordId, communityId, seq, hash: sha256Hex(canonicalBytes(record)), previousRecordHash });
    }
    return links;
  }

  it('an intact chain has no problems', () => {
    expect(verifyChain(chain())).toEqual([]);
    expect(verifyChain([])).toEqual([]);
  });

  it('a dropped record leaves a gap', () => {
    const [r1, , r3] = chain();
    expect(verifyChain([r1!, r3!])).toEqual([
      { recordId: r3!.recordId, seq: 3, problem: 'gap' },
      { recordId: r3!.recordId, seq: 3, problem: 'link' },
    ]);
  });

  it('a dropped first record shows too', () => {
    const [, r2, r3] = chain();
    expect(verifyChain([r2!, r3!]).map((p) => p.problem)).toContain('link');
  });

  it('two records renumbered into each other’s places break the links', () => {
    const [r1, r2, r3] = chain();
    // The seq numbers swapped too, so the numbering alone looks fine: only the hashes tell.
    const reordered = [r1!, { ...r3!, seq: 2 }, { ...r2!, seq: 3 }];
    expect(verifyChain(reordered)).toEqual([
      { recordId: r3!.recordId, seq: 2, problem: 'link' },
      { recordId: r2!.recordId, seq: 3, problem: 'link' },
    ]);
  });

  it('two records swapped in order show gaps and broken links', () => {
    const [r1, r2, r3] = chain();
    const problems = verifyChain([r1!, r3!, r2!]);
    expect(problems.filter((p) => p.problem === 'link').map((p) => p.recordId)).toEqual([r3!.recordId, r2!.recordId]);
  });

  it('a record of another community in the chain', () => {
    const [r1, r2] = chain();
    const [stranger] = chain('community-2', 1);
    const problems = verifyChain([r1!, r2!, { ...stranger!, seq: 3, previousRecordHash: r2!.hash }]);
    expect(problems).toEqual([{ recordId: stranger!.recordId, seq: 3, problem: 'community' }]);
  });
});

describe('records of format 1, filed before residents’ names became commitments', () => {
  // A bundle made and filed by the code of format 1, kept byte for byte (tests/fixtures/record-v1).
  const dir = join(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'record-v1');

  it('still verifies, byte for byte, against the platform key it was filed with', async () => {
    const input = await readBundleDir(dir);
    const platformKeyPem = await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'platform.pem'), 'utf8'));
    const result = await verify(input, { trust: { platformKeyPem }, requireFiling: true });
    expect(result.record?.format).toBe('yishi.meeting-record/1');
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('fails when one byte of it changes, as before', async () => {
    const input = await readBundleDir(dir);
    const platformKeyPem = await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'platform.pem'), 'utf8'));
    const result = await verify({ ...input, recordBytes: replaceOnce(input.recordBytes, '居民2', '居民9') }, { trust: { platformKeyPem } });
    expect(failed(result.checks)).toEqual(['hash', 'signature', 'signers']);
  });
});
