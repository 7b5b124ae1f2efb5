'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import { recordUrls, requestJson, type RecordStatusView } from './record-api';

/**
 * A plain link to the record page, shown only once the meeting has a record (it is frozen when the
 * meeting closes). For pages that do not follow the live meeting state, such as the minutes page.
 */
export function RecordLink({ meetingId, className = '' }: { meetingId: string; className?: string }) {
  const t = useT();
  const [exists, setExists] = useState(false);
  useEffect(() => {
    let stopped = false;
    requestJson<{ record: RecordStatusView | null }>(recordUrls.ofMeeting(meetingId))
      .then((b) => { if (!stopped) setExists(b.record !== null); })
      .catch(() => {}); // no link is the right fallback: the console has one too
    return () => { stopped = true; };
  }, [meetingId]);
  if (!exists) return null;
  return (
    <Link href={recordUrls.consolePage(meetingId)} className={`text-base font-semibold text-civic-800 underline ${className}`}>
      {t('record.link.title')}
    </Link>
  );
}
