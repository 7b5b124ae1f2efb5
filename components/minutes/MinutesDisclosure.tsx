'use client';

import { lazy, Suspense, useId, useState } from 'react';
import { useT } from '@/components/ui/I18nProvider';

// The editor behind the viewer (Tiptap, ProseMirror, Yjs: ~220 KB compressed) is fetched when the
// resident opens the minutes, not with the phone page: most never do, on slow mobile data. It is drawn
// only once opened, so never on the server; React's own lazy spares the phone next/dynamic's loader.
const MinutesViewer = lazy(() => import('./MinutesViewer').then((m) => ({ default: m.MinutesViewer })));

function LoadingViewer() {
  const t = useT();
  return <p role="status" className="mt-2 text-lg text-ink-muted">{t('minutes.viewer.loading')}</p>;
}

/**
 * 「会议记录」 on a resident's phone or a remote participant's screen: collapsed by default, and only
 * connected to the minutes while open (hundreds of phones need not all follow every keystroke).
 */
export function MinutesDisclosure({ meetingId, participantToken, className = '' }: { meetingId: string; participantToken: string; className?: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const bodyId = useId();
  return (
    <section aria-labelledby={headingId} className={`rounded-2xl border border-ink/15 bg-white p-5 shadow-sm ${className}`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-xl font-bold text-civic-800">{t('minutes.viewer.title')}</h2>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((o) => !o)}
          className="min-h-12 rounded-xl border-2 border-civic-800 px-4 text-lg font-semibold text-civic-900 hover:bg-civic-50"
        >
          {t(open ? 'minutes.viewer.hide' : 'minutes.viewer.show')}
        </button>
      </div>
      <div id={bodyId} hidden={!open}>
        {open ? (
          <>
            <p className="mt-2 text-base text-ink-muted">{t('minutes.viewer.readOnly')}</p>
            <Suspense fallback={<LoadingViewer />}>
              <MinutesViewer meetingId={meetingId} participantToken={participantToken} className="mt-2 text-lg leading-relaxed" />
            </Suspense>
          </>
        ) : null}
      </div>
    </section>
  );
}
