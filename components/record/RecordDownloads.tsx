'use client';

import Link from 'next/link';
import { useT } from '@/components/ui/I18nProvider';
import type { MessageKey } from '@/lib/i18n/format';
import type { RecordStatus } from '@/lib/record/format';
import { BUNDLE_DOWNLOADS, recordUrls, type BundleDownload } from './record-api';

const labels: Record<BundleDownload, MessageKey> = {
  'record.json': 'record.download.recordJson',
  'signatures.json': 'record.download.signaturesJson',
  'filing.json': 'record.download.filingJson',
  'record.pdf': 'record.download.pdf',
};

/**
 * The public verification page and the bundle's files; filing.json exists only once the record is filed.
 * `disclosedPdf`: the console also offers staff's PDF with residents' names (the server checks the area).
 */
export function RecordDownloads({ recordId, status, showPublicLink = true, disclosedPdf = false }: {
  recordId: string; status: RecordStatus; showPublicLink?: boolean; disclosedPdf?: boolean;
}) {
  const t = useT();
  const files = BUNDLE_DOWNLOADS.filter((f) => f !== 'filing.json' || status === 'filed');
  return (
    <div className="space-y-2 text-base">
      {showPublicLink ? (
        <p>
          <Link href={recordUrls.publicPage(recordId)} target="_blank" className="font-semibold text-civic-800 underline">
            {t('record.links.public')}
          </Link>
        </p>
      ) : null}
      <p className="font-semibold">{t('record.download.title')}</p>
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {files.map((f) => (
          <li key={f}>
            <a href={recordUrls.file(recordId, f)} download className="font-semibold text-civic-800 underline">{t(labels[f])}</a>
          </li>
        ))}
        {disclosedPdf ? (
          <li>
            <a href={recordUrls.disclosedPdf(recordId)} download className="font-semibold text-civic-800 underline">{t('record.download.disclosedPdf')}</a>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
