import { canonicalJson } from '../record/canonical';
import { sha256Hex } from '../record/node-crypto';
import type { Definition } from './definition';

/** A definition's identity: SHA-256 of its RFC 8785 canonical JSON (what the log and the record name). */
export function definitionHash(d: Definition): string {
  return sha256Hex(canonicalJson(d));
}
