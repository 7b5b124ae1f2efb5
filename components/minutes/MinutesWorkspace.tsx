'use client';

import { useState } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import { MinutesEditor } from './MinutesEditor';
import { MinutesHistory, SnapshotPanel, type ShownSnapshot } from './MinutesHistory';
import { MinutesViewer } from './MinutesViewer';

/**
 * The minutes page for staff (laptop, 1366×768): the live document in the main column — editable for
 * those with minutes.edit, read-only otherwise — and exports and earlier versions beside it.
 */
export function MinutesWorkspace({ meetingId, userName, canEdit }: { meetingId: string; userName: string; canEdit: boolean }) {
  const t = useT();
  const [shown, setShown] = useState<ShownSnapshot | null>(null);
  const exportHref = (format: 'md' | 'html') => `/api/minutes/${encodeURIComponent(meetingId)}/export?format=${format}`;
  return (
    <div className="grid items-start gap-4 p-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-4">
        {shown ? <SnapshotPanel shown={shown} onClose={() => setShown(null)} /> : null}
        {canEdit ? (
          <MinutesEditor meetingId={meetingId} userName={userName} />
        ) : (
          <div className="rounded-xl border border-ink/25 bg-white px-6 py-4 shadow-sm">
            <MinutesViewer meetingId={meetingId} className="text-lg leading-relaxed" />
          </div>
        )}
      </div>
      <aside className="space-y-4 lg:sticky lg:top-4">
        <section aria-labelledby="minutes-export" className="rounded-xl border border-ink/15 bg-white p-4 shadow-sm">
          <h2 id="minutes-export" className="mb-2 text-lg font-bold text-ink">{t('minutes.export.title')}</h2>
          <ul className="space-y-1 text-base">
            <li><a href={exportHref('md')} download className="font-semibold text-civic-800 underline">{t('minutes.export.md')}</a></li>
            <li><a href={exportHref('html')} download className="font-semibold text-civic-800 underline">{t('minutes.export.html')}</a></li>
          </ul>
        </section>
        <MinutesHistory meetingId={meetingId} onShow={setShown} />
      </aside>
    </div>
  );
}
