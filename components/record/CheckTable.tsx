'use client';

import { useT } from '@/components/ui/I18nProvider';
import type { MessageKey } from '@/lib/i18n/format';
import type { Check, CheckId } from '@/lib/record/verify';
import { subjectLabel } from './record-labels';

const checkName: Record<CheckId, MessageKey> = {
  format: 'record.check.format',
  canonical: 'record.check.canonical',
  hash: 'record.check.hash',
  signature: 'record.check.signature',
  signers: 'record.check.signers',
  keys: 'record.check.keys',
  filing: 'record.check.filing',
  platform_key: 'record.check.platform_key',
  chain: 'record.check.chain',
};

type Row = { id: CheckId; subject?: string; mine: Check | null; server: Check | null };

/** Pairs this browser's checks with the server's, by check and subject, in the browser's order. */
function pair(mine: Check[], server: Check[]): Row[] {
  const left = [...server];
  const take = (c: Check) => {
    const i = left.findIndex((s) => s.id === c.id && s.subject === c.subject);
    return i < 0 ? null : left.splice(i, 1)[0]!;
  };
  const rows: Row[] = mine.map((c) => ({ id: c.id, subject: c.subject, mine: c, server: take(c) }));
  return [...rows, ...left.map((s) => ({ id: s.id, subject: s.subject, mine: null, server: s }))];
}

/**
 * Every check, as this browser and as the server ran it, side by side, named from the catalogue. The
 * checks' own English details (lib/record/verify.ts) are for the CLI, not for this page.
 */
export function CheckTable({ mine, server }: { mine: Check[]; server: Check[] | null }) {
  const t = useT();
  const rows = pair(mine, server ?? []);
  return (
    <>
      <table className="w-full border-collapse text-left text-sm sm:text-base">
        <thead>
          <tr className="border-b-2 border-ink/20">
            <th scope="col" className="py-1 pr-3">{t('record.checks.check')}</th>
            <th scope="col" className="whitespace-nowrap py-1 pr-3">{t('record.checks.browser')}</th>
            <th scope="col" className="whitespace-nowrap py-1">{t('record.checks.server')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.id}-${r.subject ?? ''}-${i}`} className="border-b border-ink/10 align-top">
              <th scope="row" className="py-1 pr-3 font-normal">
                {t(checkName[r.id])}
                {r.subject ? <span className="block text-xs text-ink-muted sm:text-sm">{subjectLabel(t, r.subject)}</span> : null}
              </th>
              <td className="whitespace-nowrap py-1 pr-3"><CheckStatus check={r.mine} /></td>
              <td className="whitespace-nowrap py-1"><CheckStatus check={r.server} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function CheckStatus({ check }: { check: Check | null }) {
  const t = useT();
  if (!check) return <span className="text-ink-muted">—</span>;
  if (check.status === 'pass') return <span className="font-semibold text-ok-600">{t('record.checks.pass')}</span>;
  if (check.status === 'fail') return <span className="font-bold text-accent-700">{t('record.checks.fail')}</span>;
  return <span className="text-ink-muted">{t('record.checks.skip')}</span>;
}
