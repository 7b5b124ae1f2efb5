import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical';
import { newDisclosure, type Disclosure } from './disclosure';
import type { VerifyCrypto } from './verify';

// A community's records are signed by the same few keys again and again; parsing a key costs about
// as much as checking a signature, so parsed keys are kept (a bounded cache of public values).
const publicKeys = new Map<string, KeyObject>();
function publicKeyOf(spkiDer: Uint8Array): KeyObject {
  const id = Buffer.from(spkiDer).toString('base64');
  let key = publicKeys.get(id);
  if (!key) {
    if (publicKeys.size >= 10_000) publicKeys.clear();
    publicKeys.set(id, (key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' })));
  }
  return key;
}

/** Node's own Ed25519 and SHA-256 for the server and the CLI. */
export const nodeCrypto: VerifyCrypto = {
  async sha256(data) {
    return new Uint8Array(createHash('sha256').update(data).digest());
  },
  async verifyEd25519(spkiDer, message, signature) {
    return verify(null, message, publicKeyOf(spkiDer), signature);
  },
};

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export type SigningKeyPair = { publicKeyPem: string; privateKeyPem: string };

export function generateSigningKey(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** Base64 of the 64-byte Ed25519 signature. */
export function signEd25519(privateKeyPem: string, message: Uint8Array): string {
  return sign(null, message, createPrivateKey(privateKeyPem)).toString('base64');
}

/** A personal value as a fresh disclosure (salt from Node's CSPRNG) and its commitment, for `buildRecord`. */
export function commitValue(value: string): { commitment: string; disclosure: Disclosure } {
  const disclosure = newDisclosure(value, (n) => new Uint8Array(randomBytes(n)));
  return { commitment: sha256Hex(canonicalJson(disclosure)), disclosure };
}
