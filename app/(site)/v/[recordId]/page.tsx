import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PublicRecord } from '@/components/record/PublicRecord';
import { BrandLink } from '@/components/ui/BrandLink';
import { LanguageSwitch } from '@/components/ui/LanguageSwitch';
import { Messages, RECORD_AREAS } from '@/components/ui/Messages';
import { getI18n } from '@/lib/i18n/server';
import { sharedDb } from '@/lib/platform/db/shared';
import { platformFingerprint } from '@/lib/record/platform-key';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  // The link travels in printed records' QR codes: nothing about the record is put into link previews.
  return { title: t('record.public.pageTitle'), robots: { index: false, follow: false } };
}

/** The id as written in the link; null for a link cut off mid-escape ("%E4%B8"), which no record has. */
function decodedSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // URIError
  }
}

/**
 * /v/<recordId>: the public verification page of a meeting record. No login; phones (a QR code on the
 * printed record) and laptops; prints on A4 without the page's controls. The district's platform key
 * fingerprint is put into the page here: the browser checks the bundle against it and shows it, so a
 * reader can compare it with the one printed on the PDF.
 */
export default async function PublicRecordPage({ params }: { params: Promise<{ recordId: string }> }) {
  const recordId = decodedSegment((await params).recordId);
  if (recordId === null) notFound();
  const { t } = await getI18n();
  const fingerprint = await platformFingerprint(sharedDb());
  return (
    <div className="min-h-dvh print:bg-white">
      <style>{'@page { size: A4; margin: 14mm; }'}</style>
      <header className="border-t-4 border-accent-700 border-b border-b-ink/15 bg-white">
        <div className="mx-auto flex w-full max-w-4xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 print:max-w-none print:px-0">
          <BrandLink href="/" label={t('app.name')} />
          <h1 className="text-xl font-bold text-ink">{t('record.public.heading')}</h1>
          <LanguageSwitch className="ml-auto print:hidden" />
        </div>
      </header>
      <main className="mx-auto w-full max-w-4xl px-4 pb-12 pt-4 print:max-w-none print:p-0">
        <p className="mb-4 text-base text-ink-muted print:hidden">{t('record.public.intro')}</p>
        <Messages areas={RECORD_AREAS}>
          <PublicRecord recordId={recordId} platformFingerprint={fingerprint} />
        </Messages>
      </main>
    </div>
  );
}
