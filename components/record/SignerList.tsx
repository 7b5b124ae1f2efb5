'use client';

import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatDateTime } from '@/lib/i18n/format';
import type { SignerView } from './record-api';
import { roleLabel, shortFingerprint } from './record-labels';

/** Who signs the record: ✓ with the time and key for those who have, 待签 for those who have not. */
export function SignerList({ signers, staffId }: { signers: SignerView[]; staffId: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul aria-label={t('record.signers.label')} className="divide-y divide-ink/10 rounded-xl border border-ink/15">
      {signers.map((s) => {
        const signed = s.signedAt !== null;
        return (
          <li key={`${s.role}:${s.staffId}`} className="flex items-start gap-3 px-3 py-2">
            <span
              aria-hidden="true"
              className={`mt-0.5 grid size-7 shrink-0 place-items-center rounded-full text-base font-bold ${signed ? 'bg-ok-600 text-white' : 'border-2 border-warn-500 bg-white text-ink'}`}
            >
              {signed ? '✓' : '…'}
            </span>
            <div className="min-w-0 flex-1">
              <p className="font-semibold text-ink">
                {s.name}
                {s.staffId === staffId ? <span className="font-normal text-ink-muted">{t('record.signers.you')}</span> : null}
              </p>
              <p className="text-sm text-ink-muted">{roleLabel(t, s.role)}</p>
            </div>
            <div className="text-right text-sm">
              {signed ? (
                <>
                  <p className="font-semibold text-ok-600">{t('record.signers.signed')}</p>
                  <p className="text-ink-muted"><time dateTime={s.signedAt!}>{formatDateTime(locale, s.signedAt!)}</time></p>
                  {s.keyFingerprint ? <p className="whitespace-nowrap font-mono text-xs text-ink-muted">{t('record.signers.key', { fingerprint: shortFingerprint(s.keyFingerprint) })}</p> : null}
                </>
              ) : (
                <p className="rounded-full border-2 border-warn-500 px-2 font-semibold text-ink">{t('record.signers.pending')}</p>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
