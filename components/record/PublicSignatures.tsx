'use client';

import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatDateTime } from '@/lib/i18n/format';
import type { SignatureEntry } from '@/lib/record/format';
import type { Check } from '@/lib/record/verify';
import { roleLabel, shortFingerprint } from './record-labels';

export type SignatureRow = {
  role: SignatureEntry['role'];
  name: string;
  /** when the signature was made (the platform's: when it filed the record) */
  at: string | null;
  fingerprint: string | null;
  /** this browser's check of the signature; null: not signed yet */
  status: Check['status'] | null;
};

/** Each signature with its signer, key and this browser's verdict: ✓ 有效 / ✗ 无效 / 待签. */
export function PublicSignatures({ rows }: { rows: SignatureRow[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul aria-label={t('record.signatures.title')} className="divide-y divide-ink/10 rounded-xl border border-ink/15">
      {rows.map((r) => (
        <li key={`${r.role}:${r.name}`} className="flex flex-wrap items-start gap-x-4 gap-y-1 px-3 py-3 sm:px-4">
          <div className="min-w-0 flex-1">
            <p className="text-lg font-semibold text-ink">
              {r.name}
              <span className="ml-2 text-base font-normal text-ink-muted">{roleLabel(t, r.role)}</span>
            </p>
            {r.status ? (
              <p className="flex flex-wrap gap-x-3 text-sm text-ink-muted">
                {r.at ? <time dateTime={r.at}>{formatDateTime(locale, r.at)}</time> : null}
                {r.fingerprint ? <span className="whitespace-nowrap font-mono">{t('record.signers.key', { fingerprint: shortFingerprint(r.fingerprint) })}</span> : null}
              </p>
            ) : null}
          </div>
          <SignatureStatus status={r.status} />
        </li>
      ))}
    </ul>
  );
}

function SignatureStatus({ status }: { status: Check['status'] | null }) {
  const t = useT();
  if (status === 'pass') return <span className="rounded-full bg-ok-600 px-3 py-0.5 text-base font-bold text-white [print-color-adjust:exact]">{t('record.signatures.valid')}</span>;
  if (status === 'fail') return <span className="rounded-full bg-accent-700 px-3 py-0.5 text-base font-bold text-white [print-color-adjust:exact]">{t('record.signatures.invalid')}</span>;
  return <span className="rounded-full border-2 border-warn-500 px-3 py-0.5 text-base font-semibold text-ink">{t('record.signers.pending')}</span>;
}
