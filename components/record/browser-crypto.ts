import { nobleCrypto } from '@/lib/record/browser-signing';
import type { VerifyCrypto } from '@/lib/record/verify';

/**
 * `VerifyCrypto` for the browser, so the public page runs the very rules of lib/record/verify.ts:
 * WebCrypto where the page has it, else plain-JS @noble (a page on plain http has no `crypto.subtle`;
 * some browsers have it without Ed25519). Both follow RFC 8032, as the server's OpenSSL does.
 */
export type BrowserCrypto = VerifyCrypto & {
  /** Which implementation checked the signatures last: shown on the page, it matters for trust. */
  engine(): 'webcrypto' | 'javascript';
};

/** WebCrypto's `subtle`, or null where the browser withholds it (insecure context) or lacks it. */
export function usableSubtle(): SubtleCrypto | null {
  if (typeof globalThis.isSecureContext === 'boolean' && !globalThis.isSecureContext) return null;
  return globalThis.crypto?.subtle ?? null;
}

export function isNotSupported(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'NotSupportedError';
}

// WebCrypto wants ArrayBuffer-backed views; a copy also keeps it off a buffer someone else may change.
const own = (bytes: Uint8Array) => new Uint8Array(bytes);

export function createBrowserCrypto(): BrowserCrypto {
  let engine: 'webcrypto' | 'javascript' = usableSubtle() ? 'webcrypto' : 'javascript';
  return {
    engine: () => engine,
    async sha256(data) {
      const subtle = usableSubtle();
      return subtle ? new Uint8Array(await subtle.digest('SHA-256', own(data))) : nobleCrypto.sha256(data);
    },
    async verifyEd25519(spkiDer, message, signature) {
      const subtle = usableSubtle();
      if (subtle) {
        try {
          const key = await subtle.importKey('spki', own(spkiDer), { name: 'Ed25519' }, false, ['verify']);
          return await subtle.verify({ name: 'Ed25519' }, key, own(signature), own(message));
        } catch (err) {
          // Anything but "no Ed25519 here" is a bad key or signature: let verify.ts count it as invalid.
          if (!isNotSupported(err)) throw err;
        }
      }
      engine = 'javascript';
      return nobleCrypto.verifyEd25519(spkiDer, message, signature);
    },
  };
}
