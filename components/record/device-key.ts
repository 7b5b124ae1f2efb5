import { newSoftwareSecret, signWithSecret, softwarePublicKeyPem } from '@/lib/record/browser-signing';
import { derToSpkiPem, toBase64 } from '@/lib/record/keys';
import { isNotSupported, usableSubtle } from './browser-crypto';

/**
 * The signer's device key: made in this browser on first signing and kept in IndexedDB, one per staff
 * user id (two staff sharing a hall laptop each keep their own). Only the public key ever leaves the
 * device; the server registers it to the signer the first time it verifies a signature made with it.
 *
 * Preferred: a WebCrypto Ed25519 key pair created non-extractable. IndexedDB stores the CryptoKey
 * objects themselves (they are structured-cloneable), so no script — not even this page's own —
 * can read the private key's bytes; it can only ask the browser to sign with it.
 *
 * Fallback: where WebCrypto is withheld (a page on plain http, e.g. http://192.168.x.y on the hall
 * network, is not a secure context) or has no Ed25519, a 32-byte secret made by @noble/ed25519 and
 * stored as bytes in IndexedDB. That is weaker: the secret sits in the browser profile in the clear
 * and any script running on this origin (an injected script, a browser extension) can read and copy
 * it, so a copy could sign elsewhere. The page says so to the signer (`software`).
 */
export type DeviceKey = { publicKeyPem: string; software: boolean };
export type DeviceSignature = { publicKeyPem: string; signature: string; software: boolean };

type StoredKey =
  | { kind: 'webcrypto'; keyPair: CryptoKeyPair; publicKeyPem: string; createdAt: string }
  | { kind: 'software'; secretKey: Uint8Array; publicKeyPem: string; createdAt: string };

const DB_NAME = 'yishi-signing';
const STORE = 'device-keys';

function openStore(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await openStore();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = use(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result as T);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

const loadStored = (staffId: string) => withStore<StoredKey | undefined>('readonly', (s) => s.get(staffId));
const saveStored = (staffId: string, key: StoredKey) => withStore<IDBValidKey>('readwrite', (s) => s.put(key, staffId));

async function createKey(): Promise<StoredKey> {
  const createdAt = new Date().toISOString();
  const subtle = usableSubtle();
  if (subtle) {
    try {
      const keyPair = (await subtle.generateKey({ name: 'Ed25519' }, false /* non-extractable */, ['sign', 'verify'])) as CryptoKeyPair;
      // A key pair's public half is always exportable, whatever `extractable` says for the private one.
      const spki = new Uint8Array(await subtle.exportKey('spki', keyPair.publicKey));
      return { kind: 'webcrypto', keyPair, publicKeyPem: derToSpkiPem(spki), createdAt };
    } catch (err) {
      if (!isNotSupported(err)) throw err;
    }
  }
  const secretKey = newSoftwareSecret();
  return { kind: 'software', secretKey, publicKeyPem: softwarePublicKeyPem(secretKey), createdAt };
}

// One lookup-or-create per staff user and page, so a double click cannot make two keys.
const pending = new Map<string, Promise<StoredKey>>();

function keyFor(staffId: string): Promise<StoredKey> {
  let p = pending.get(staffId);
  if (!p) {
    p = (async () => {
      const stored = await loadStored(staffId).catch(() => undefined);
      if (stored) return stored;
      const made = await createKey();
      // Without IndexedDB (some private windows) the key lives only as long as this page: the signature
      // is just as valid, the next signing on this device simply registers another key.
      await saveStored(staffId, made).catch((err) => console.warn('[record] device key not stored', err));
      return made;
    })();
    pending.set(staffId, p);
    p.catch(() => pending.delete(staffId));
  }
  return p;
}

/** This device's key for the staff user, created on first use. */
export async function deviceKey(staffId: string): Promise<DeviceKey> {
  const key = await keyFor(staffId);
  return { publicKeyPem: key.publicKeyPem, software: key.kind === 'software' };
}

/** Signs exactly `bytes` with the staff user's device key: what POST /api/records/:id/signatures takes. */
export async function signRecord(staffId: string, bytes: Uint8Array): Promise<DeviceSignature> {
  const key = await keyFor(staffId);
  let signature: Uint8Array;
  if (key.kind === 'webcrypto') {
    const subtle = usableSubtle();
    if (!subtle) throw new Error('This device key needs WebCrypto, which this page does not have');
    signature = new Uint8Array(await subtle.sign({ name: 'Ed25519' }, key.keyPair.privateKey, new Uint8Array(bytes)));
  } else {
    signature = signWithSecret(key.secretKey, bytes);
  }
  return { publicKeyPem: key.publicKeyPem, signature: toBase64(signature), software: key.kind === 'software' };
}
