import { canonicalJson } from '../record/canonical';
import { sha256Hex } from '../record/node-crypto';

export type WrittenDocument = { title: string; text: string; attachment: { fileName: string; mimeType: string; size: number; sha256: string } | null };

/** The consultation document's identity: SHA-256 of its RFC 8785 canonical JSON (the log and the record name it). */
export function documentHash(d: WrittenDocument): string {
  return sha256Hex(canonicalJson(d));
}
