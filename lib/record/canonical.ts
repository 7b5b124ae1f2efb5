import canonicalize from 'canonicalize';

/**
 * RFC 8785 (JSON Canonicalization Scheme) bytes of a JSON value, through the reference implementation
 * by one of the RFC's authors. Signatures and hashes are always over these bytes, never over a
 * pretty-printed or re-serialised copy. Runs in Node and in the browser.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Value has no JSON form');
  return text;
}

export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

/** Whether `bytes` are exactly the canonical form of the JSON they contain (a re-serialised file is not). */
export function isCanonical(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return canonicalJson(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}
