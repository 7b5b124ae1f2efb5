'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { ConnectionBadge } from '@/components/ui/ConnectionBadge';
import { useT } from '@/components/ui/I18nProvider';
import { useLiveScores } from './useLiveScores';

const FLASH_MS = 4000;
const DEBOUNCE_MS = 250;

/**
 * Keeps a server-rendered score page current: on a live change it re-renders the page's server
 * components (router.refresh keeps client state such as a half-filled form) and flashes "已更新".
 * Changes arriving together (a catalogue edition touches every community) make one refresh.
 * The connection badge says whether changes are being heard at all: a projected dashboard whose socket
 * dropped shows "已断开" rather than silently going stale (it refreshes itself on reconnecting).
 */
export function LiveRefresh({ communityId }: { communityId: string | null }) {
  const t = useT();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [flash, setFlash] = useState(false);
  const refreshing = useRef(false);
  const timer = useRef<number | null>(null);

  const refresh = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = null;
      refreshing.current = true;
      startTransition(() => router.refresh());
    }, DEBOUNCE_MS);
  }, [router]);
  const connection = useLiveScores(communityId, refresh);

  // The transition ends once the new server render is on screen: only then say it is updated.
  useEffect(() => {
    if (pending || !refreshing.current) return;
    refreshing.current = false;
    setFlash(true);
    const id = window.setTimeout(() => setFlash(false), FLASH_MS);
    return () => window.clearTimeout(id);
  }, [pending]);

  useEffect(() => () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
  }, []);

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <ConnectionBadge state={connection} />
      <span role="status" aria-live="polite" className="inline-flex items-center">
        {flash ? (
          <span className="rounded-full bg-ok-600 px-3 py-0.5 text-base font-semibold text-white motion-safe:animate-pulse">{t('scoring.live.updated')}</span>
        ) : null}
      </span>
    </span>
  );
}
