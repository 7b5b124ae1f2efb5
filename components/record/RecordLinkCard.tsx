'use client';

import { ButtonLink } from '@/components/ui/ButtonLink';
import { useT } from '@/components/ui/I18nProvider';
import { recordUrls } from './record-api';

/** On the console of a closed meeting: the way to its record, where it is signed and filed. */
export function RecordLinkCard({ meetingId }: { meetingId: string }) {
  const t = useT();
  return (
    <section aria-labelledby="record-link-title" className="mx-4 mt-4 flex flex-wrap items-center gap-4 rounded-2xl border-2 border-civic-800 bg-civic-50 p-4">
      <div className="min-w-0 flex-1">
        <h2 id="record-link-title" className="text-xl font-bold text-ink">{t('record.link.title')}</h2>
        <p className="text-base text-ink-muted">{t('record.link.intro')}</p>
      </div>
      <ButtonLink href={recordUrls.consolePage(meetingId)} size="large">{t('record.link.open')}</ButtonLink>
    </section>
  );
}
