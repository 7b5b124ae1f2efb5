import type { RecordStatus } from '@/lib/record/format';
import type { Check, CheckId, VerifyResult } from '@/lib/record/verify';

/**
 * The public page's banner from the browser's own check (lib/record/verify.ts) and the record's
 * status. A record still awaiting signatures is not "invalid": it is not finished, so only a failure
 * other than the missing signatures makes it invalid. A filed record must carry a verified filing.
 */
export type Verdict =
  | { kind: 'valid' }
  | { kind: 'pending'; status: 'awaiting_signatures' | 'signed' }
  | { kind: 'invalid'; failed: Check };

// The failure named in the banner: the most telling one first (a changed record also breaks every
// signature, but "changed after filing" is what the reader needs to hear).
const PRIORITY: CheckId[] = ['format', 'canonical', 'hash', 'signature', 'signers', 'filing', 'keys', 'platform_key', 'chain'];

function mostTelling(failures: Check[]): Check {
  return [...failures].sort((a, b) => PRIORITY.indexOf(a.id) - PRIORITY.indexOf(b.id))[0]!;
}

export function verdictOf(status: RecordStatus, result: Pick<VerifyResult, 'checks'>): Verdict {
  const failures = result.checks.filter((c) => c.status === 'fail');
  if (status !== 'filed') {
    const real = failures.filter((c) => c.id !== 'signers');
    if (real.length) return { kind: 'invalid', failed: mostTelling(real) };
    return { kind: 'pending', status: status === 'signed' ? 'signed' : 'awaiting_signatures' };
  }
  if (failures.length) return { kind: 'invalid', failed: mostTelling(failures) };
  if (!result.checks.some((c) => c.id === 'filing' && c.status === 'pass')) {
    return { kind: 'invalid', failed: { id: 'filing', status: 'fail', detail: 'the record is marked filed but comes without a filing statement' } };
  }
  return { kind: 'valid' };
}
