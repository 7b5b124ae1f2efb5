import { canonicalJson } from '../record/canonical';
import { sha256Hex } from '../record/node-crypto';
import type { Plan } from './inputs';

/** The plan's identity when opened: SHA-256 of its RFC 8785 canonical JSON (the log and the record name it). */
export function planHash(plan: Plan): string {
  return sha256Hex(canonicalJson(plan));
}
