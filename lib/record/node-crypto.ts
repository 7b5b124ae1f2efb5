import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { VerifyCrypto } from './verify';

/** Node's own Ed25519 and SHA-256 for the server and the CLI. */
export const nodeCrypto: VerifyCrypto = {
  async sha256(data) {
    return new Uint8Array(createHash('sha256').update(data).digest());
  },
  async verifyEd25519(spkiDer, message, signature) {
    const key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
    return verify(null, message, key, signature);
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
