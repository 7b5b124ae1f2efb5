'use client';

import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatList, type MessageKey } from '@/lib/i18n/format';
import type { CheckId } from '@/lib/record/verify';
import { subjectLabel } from './record-labels';
import type { Verdict } from './verdict';

export const checkFailedMessage: Record<CheckId, MessageKey> = {
  format: 'record.check.format.failed',
  canonical: 'record.check.canonical.failed',
  hash: 'record.check.hash.failed',
  signature: 'record.check.signature.failed',
  signers: 'record.check.signers.failed',
  keys: 'record.check.keys.failed',
  filing: 'record.check.filing.failed',
  platform_key: 'record.check.platform_key.failed',
  chain: 'record.check.chain.failed',
};

const look = {
  checking: 'border-ink/30 bg-white text-ink',
  valid: 'border-ok-600 bg-ok-600 text-white',
  pending: 'border-warn-500 bg-white text-ink',
  invalid: 'border-accent-700 bg-accent-700 text-white',
} as const;

/** The verdict of this browser's own check, in one line a resident can read from across the room. */
export function VerdictBanner({ verdict, missing, engine }: { verdict: Verdict | null; missing: string[]; engine: 'webcrypto' | 'javascript' | null }) {
  const t = useT();
  const locale = useLocale();
  const kind = verdict?.kind ?? 'checking';
  let headline: string;
  let detail: string;
  if (!verdict) {
    headline = t('record.verdict.checking');
    detail = t('record.verdict.checkingDetail');
  } else if (verdict.kind === 'valid') {
    headline = t('record.verdict.valid');
    detail = t('record.verdict.validDetail');
  } else if (verdict.kind === 'pending') {
    headline = t(verdict.status === 'signed' ? 'record.verdict.signed' : 'record.verdict.pending');
    detail = verdict.status === 'signed' ? t('record.verdict.signedDetail') : t('record.verdict.pendingDetail', { names: formatList(locale, missing) || '—' });
  } else {
    const subject = subjectLabel(t, verdict.failed.subject);
    const reason = t(checkFailedMessage[verdict.failed.id]);
    headline = t('record.verdict.invalid', { reason: subject ? t('record.verdict.reasonSubject', { reason, subject }) : reason });
    detail = t('record.verdict.invalidDetail');
  }
  return (
    <div role="status" aria-live="polite" className={`rounded-2xl border-4 p-5 [print-color-adjust:exact] ${look[kind]}`}>
      <p className="flex items-center gap-3 text-3xl font-bold leading-tight sm:text-4xl">
        <span aria-hidden="true">{kind === 'valid' ? '✓' : kind === 'invalid' ? '✗' : kind === 'pending' ? '…' : '⋯'}</span>
        <span>{headline}</span>
      </p>
      <p className="mt-2 text-base">{detail}</p>
      {engine ? <p className="mt-1 text-sm">{t(engine === 'webcrypto' ? 'record.verdict.engineWebCrypto' : 'record.verdict.engineJs')}</p> : null}
    </div>
  );
}
