'use client';

import { useEffect, useRef } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import { MinutesViewer } from './MinutesViewer';

/**
 * The public minutes on the hall projector, in the space the agenda overview otherwise takes: read from
 * the back row, so large type. It follows the current agenda item's section — its heading at the top, or,
 * once the section is longer than the screen, its newest lines — as the recorders write.
 */
export function ProjectorMinutes({ meetingId, currentItemId }: { meetingId: string; currentItemId: string | null }) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const follow = () => {
      const top = (n: Element) => n.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop;
      const headings = [...el.querySelectorAll('[data-fact-kind="item"]')];
      const i = headings.findIndex((h) => h.getAttribute('data-fact-id') === `item:${currentItemId}`);
      if (i < 0) return void (el.scrollTop = el.scrollHeight);
      const start = top(headings[i]!);
      const end = headings[i + 1] ? top(headings[i + 1]!) : el.scrollHeight;
      el.scrollTop = Math.max(start, end - el.clientHeight);
    };
    // Text changes move it; so does layout without a DOM change (the CJK font arriving, a resize).
    const resized = new ResizeObserver(follow);
    const observer = new MutationObserver(() => {
      const doc = el.querySelector('.ProseMirror');
      if (doc) resized.observe(doc);
      follow();
    });
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    resized.observe(el);
    follow();
    return () => { observer.disconnect(); resized.disconnect(); };
  }, [currentItemId]);
  return (
    <section aria-labelledby="proj-minutes" className="flex min-h-0 flex-1 flex-col">
      <h2 id="proj-minutes" className="text-3xl font-semibold text-ink-muted">{t('minutes.viewer.title')}</h2>
      <div ref={box} className="mt-3 min-h-0 flex-1 overflow-hidden">
        <MinutesViewer meetingId={meetingId} view="projector" className="text-3xl leading-snug [&_h2]:!text-4xl [&_h3]:!text-3xl [&_p]:!text-3xl [&_td]:!text-3xl [&_th]:!text-3xl" />
      </div>
    </section>
  );
}
