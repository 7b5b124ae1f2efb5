import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { derToSpkiPem, ed25519RawFromSpki, ed25519SpkiFromRaw } from './keys';
import type { VerifyCrypto } from './verify';

/**
 * Ed25519 in plain JavaScript (@noble), for browsers that cannot do it with WebCrypto: a page served
 * over plain http on the hall network (no `crypto.subtle` outside a secure context) or a browser
 * without WebCrypto Ed25519. The key handling around it (IndexedDB, WebCrypto first) lives in
 * components/record/device-key.ts; what is here is pure and tested against Node's crypto.
 */

// noble's synchronous API needs a SHA-512; giving it @noble/hashes' one means it never reaches for
// crypto.subtle, which is exactly what is missing where this module is used.
ed.hashes.sha512 = sha512;

/** A fresh 32-byte Ed25519 secret (from crypto.getRandomValues, which insecure contexts still have). */
export function newSoftwareSecret(): Uint8Array {
  return ed.utils.randomSecretKey();
}

/** SPKI PEM (what the server and OpenSSL read) of a raw 32-byte Ed25519 public key. */
export function publicKeyPemFromRaw(raw: Uint8Array): string {
  if (raw.length !== 32) throw new Error('An Ed25519 public key has 32 bytes');
  return derToSpkiPem(ed25519SpkiFromRaw(raw));
}

export function softwarePublicKeyPem(secretKey: Uint8Array): string {
  return publicKeyPemFromRaw(ed.getPublicKey(secretKey));
}

/** The 64-byte Ed25519 signature of `message` (deterministic: RFC 8032). */
export function signWithSecret(secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  return ed.sign(message, secretKey);
}

/**
 * `VerifyCrypto` without WebCrypto. Verification uses RFC 8032 rules (`zip215: false`), not noble's
 * more permissive default, so a signature this accepts is one Node's OpenSSL accepts too.
 */
export const nobleCrypto: VerifyCrypto = {
  async sha256(data) {
    return sha256(data);
  },
  async verifyEd25519(spkiDer, message, signature) {
    const raw = ed25519RawFromSpki(spkiDer);
    if (!raw || signature.length !== 64) return false;
    try {
      return ed.verify(signature, message, raw, { zip215: false });
    } catch {
      return false; // a public key that is not a curve point
    }
  },
};
