'use client';

import { useEffect, useRef, useState } from 'react';
import { Card } from '@/components/ui/Card';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { formatDateTime, formatList, formatNumber } from '@/lib/i18n/format';
import type { DeviceKey } from './device-key';
import type { RecordStatusView } from './record-api';
import { RecordDownloads } from './RecordDownloads';
import { groupedFingerprint } from './record-labels';
import { RecordStepper } from './RecordStepper';
import { SignerList } from './SignerList';
import { SignRecord, SoftwareKeyNote } from './SignRecord';

/**
 * The record's signing on the console: where it stands, who still has to sign, the sign button for the
 * current user when it is their turn, and the links to the public page and the files.
 * `record` null: no record yet (the meeting has not closed, or it is being frozen right now).
 */
export function RecordPanel({ record, meetingClosed, staffId, offline, onStatus, platformFingerprint }: {
  record: RecordStatusView | null;
  meetingClosed: boolean;
  staffId: string;
  /** the last status poll failed: what is shown may be stale */
  offline: boolean;
  onStatus: (status: RecordStatusView) => void;
  /** the district's platform key fingerprint: published here so assessors verify against it */
  platformFingerprint: string;
}) {
  const t = useT();
  const locale = useLocale();
  const [signedHere, setSignedHere] = useState<DeviceKey | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const mine = record?.signers.filter((s) => s.staffId === staffId) ?? [];
  const myTurn = record?.status === 'awaiting_signatures' && mine.some((s) => s.signedAt === null);
  const missing = record?.signers.filter((s) => s.signedAt === null) ?? [];

  function signed(status: RecordStatusView, key: DeviceKey) {
    setSignedHere(key);
    onStatus(status);
  }

  // The sign button the signer pressed is gone once they have signed: focus moves to the news instead.
  useEffect(() => {
    if (signedHere) doneRef.current?.focus();
  }, [signedHere]);

  return (
    <Card title={t('record.panel.title')} className="space-y-4 !p-4">
      <RecordStepper status={record?.status ?? null} />
      <p role="status" className="text-base font-semibold text-ink">
        {!record
          ? t(meetingClosed ? 'record.panel.freezing' : 'record.panel.notClosed')
          : record.status === 'awaiting_signatures' || record.status === 'closed'
            ? t('record.panel.awaiting', { count: formatNumber(locale, missing.length), names: formatList(locale, missing.map((s) => s.name)) })
            : record.status === 'signed'
              ? t('record.panel.signed')
              : t('record.panel.filed', { time: record.filedAt ? formatDateTime(locale, record.filedAt) : '' })}
      </p>
      {offline ? <p className="text-sm text-accent-800">{t('record.panel.offline')}</p> : null}
      {record ? (
        <>
          <SignerList signers={record.signers} staffId={staffId} />
          {myTurn ? <SignRecord record={record} staffId={staffId} onSigned={signed} /> : null}
          {signedHere ? (
            <div ref={doneRef} tabIndex={-1} className="rounded-xl border-2 border-ok-600 bg-white p-3">
              <p className="text-base font-semibold text-ok-600">{t('record.sign.done')}</p>
              {signedHere.software ? <SoftwareKeyNote /> : null}
            </div>
          ) : null}
          <RecordDownloads recordId={record.recordId} status={record.status} disclosedPdf />
        </>
      ) : null}
      {/* Who signed and whether it is filed lead (above); the hash and the district key are for checking further. */}
      <details>
        <summary className="cursor-pointer text-base font-semibold text-civic-800">{t('record.techInfo')}</summary>
        {record ? (
          <div className="mt-2">
            <p className="text-sm text-ink-muted">{t('record.hash')}</p>
            <p className="break-all font-mono text-sm">{record.hash}</p>
          </div>
        ) : null}
        <div className="mt-2">
          <p className="text-sm text-ink-muted">{t('record.trust.fingerprint')}</p>
          <p className="break-all font-mono text-sm" data-testid="platform-fingerprint">{groupedFingerprint(platformFingerprint)}</p>
          <p className="mt-1 text-sm text-ink-muted">{t('record.trust.console')}</p>
        </div>
      </details>
    </Card>
  );
}
