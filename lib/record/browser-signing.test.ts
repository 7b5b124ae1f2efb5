// The browser's software signing (the noble fallback of components/record/device-key.ts) against Node's
// own crypto: what a hall laptop on plain http signs, the server must accept, and what the public page
// verifies without WebCrypto must agree with the server's check.
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newSoftwareSecret, nobleCrypto, publicKeyPemFromRaw, signWithSecret, softwarePublicKeyPem } from './browser-signing';
import { canonicalBytes } from './canonical';
import { fromBase64, spkiPemToDer, toBase64, toHex } from './keys';
import { generateSigningKey, nodeCrypto, signEd25519 } from './node-crypto';
import { makeRecord, signedBundle } from '../../tests/factories/record';
import { verifyBundle } from './verify';

const utf8 = new TextEncoder();
const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));

// RFC 8032 §7.1, test 1 (empty message) and test 2 (one byte).
const RFC_SECRET = hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const RFC_PUBLIC = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
const RFC_SIG_EMPTY = 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

/** Node's view of a raw secret: the same key as a KeyObject (JWK is the one raw-key door Node has). */
function nodeKeys(secret: Uint8Array, pub: Uint8Array) {
  const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64url(secret), x: b64url(pub) }, format: 'jwk' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

describe('signWithSecret', () => {
  it('gives the RFC 8032 signatures for the RFC keys', () => {
    expect(toHex(signWithSecret(RFC_SECRET, new Uint8Array()))).toBe(RFC_SIG_EMPTY);
  });

  it('signs a record that Node verifies with crypto.verify over the exact bytes', () => {
    const secret = newSoftwareSecret();
    const pem = softwarePublicKeyPem(secret);
    const recordBytes = canonicalBytes(makeRecord());
    const sig = signWithSecret(secret, recordBytes);
    expect(sig).toHaveLength(64);
    // What the server's SignRecordInput accepts: base64 of 64 bytes.
    expect(toBase64(sig)).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    const spki = createPublicKey({ key: Buffer.from(spkiPemToDer(pem)), format: 'der', type: 'spki' });
    expect(verify(null, recordBytes, spki, sig)).toBe(true);
    expect(verify(null, utf8.encode(`${new TextDecoder().decode(recordBytes)} `), spki, sig)).toBe(false);
  });
});

describe('publicKeyPemFromRaw', () => {
  it('writes the PEM Node writes for the same key, which reads back to the raw key', () => {
    const pem = publicKeyPemFromRaw(RFC_PUBLIC);
    expect(pem).toBe(nodeKeys(RFC_SECRET, RFC_PUBLIC).publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(softwarePublicKeyPem(RFC_SECRET)).toBe(pem);
    expect(toHex(spkiPemToDer(pem).slice(12))).toBe(toHex(RFC_PUBLIC));
  });

  it('refuses a key of the wrong length', () => {
    expect(() => publicKeyPemFromRaw(new Uint8Array(31))).toThrow();
  });
});

describe('nobleCrypto (VerifyCrypto without WebCrypto)', () => {
  it('hashes like Node and verifies Node signatures, rejecting a changed message or signature', async () => {
    const message = utf8.encode('桂湖社区居民议事会');
    expect(toHex(await nobleCrypto.sha256(message))).toBe(toHex(await nodeCrypto.sha256(message)));
    const key = generateSigningKey();
    const der = spkiPemToDer(key.publicKeyPem);
    const sig = fromBase64(signEd25519(key.privateKeyPem, message));
    expect(await nobleCrypto.verifyEd25519(der, message, sig)).toBe(true);
    expect(await nobleCrypto.verifyEd25519(der, utf8.encode('桂湖社区居民议事'), sig)).toBe(false);
    expect(await nobleCrypto.verifyEd25519(der, message, sig.map((b, i) => (i === 10 ? b ^ 1 : b)))).toBe(false);
    expect(await nobleCrypto.verifyEd25519(der.slice(0, 40), message, sig)).toBe(false);
  });

  it('reaches the same verdict, check by check, as Node on a filed bundle and on a tampered one', async () => {
    const b = await signedBundle(makeRecord());
    const withNode = await verifyBundle(b, nodeCrypto, { trust: b.trust });
    const withNoble = await verifyBundle(b, nobleCrypto, { trust: b.trust });
    expect(withNoble.valid).toBe(true);
    expect(withNoble.checks).toEqual(withNode.checks);

    const text = new TextDecoder().decode(b.recordBytes);
    const tampered = { ...b, recordBytes: utf8.encode(text.replace('加装电梯', '拆除电梯')) };
    const nodeTampered = await verifyBundle(tampered, nodeCrypto, { trust: b.trust });
    const nobleTampered = await verifyBundle(tampered, nobleCrypto, { trust: b.trust });
    expect(nobleTampered.valid).toBe(false);
    expect(nobleTampered.checks).toEqual(nodeTampered.checks);
  });
});
