/**
 * Ed25519 public keys travel as SPKI PEM (what OpenSSL reads); these conversions are plain base64 and
 * run in Node and in the browser alike.
 */
const ED25519_SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function spkiPemToDer(pem: string): Uint8Array {
  const m = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(pem);
  if (!m) throw new Error('Not a PEM public key');
  return fromBase64(m[1]!.replace(/\s+/g, ''));
}

export function derToSpkiPem(der: Uint8Array): string {
  const b64 = toBase64(der).replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN PUBLIC KEY-----\n${b64}-----END PUBLIC KEY-----\n`;
}

/** The 32 raw key bytes of an Ed25519 SPKI DER, or null when the DER is not an Ed25519 public key. */
export function ed25519RawFromSpki(der: Uint8Array): Uint8Array | null {
  if (der.length !== 44 || !ED25519_SPKI_PREFIX.every((b, i) => der[i] === b)) return null;
  return der.slice(12);
}

export function ed25519SpkiFromRaw(raw: Uint8Array): Uint8Array {
  const der = new Uint8Array(44);
  der.set(ED25519_SPKI_PREFIX);
  der.set(raw, 12);
  return der;
}
