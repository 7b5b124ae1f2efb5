'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import { MeetingHeader, WaitingView } from './MeetingFrame';
import { readParticipantToken, storeParticipantToken } from './participant-session';
import type { LiveMeeting as LiveMeetingView } from './LiveMeeting';

// The live view (socket.io, the meeting's reducer, the ballot and speaking panels) is its own chunk: the
// page's first paint and hydration carry only this shell, so an old phone is not blocked evaluating the
// live code before the resident sees anything. It is requested as soon as this module runs in the browser,
// in parallel with hydration rather than after it; a failed download is tried again, while the page says
// it is connecting (as it does while the socket is).
let liveView: Promise<typeof LiveMeetingView> | null = null;
function loadLiveView(): Promise<typeof LiveMeetingView> {
  liveView ??= import('./LiveMeeting').then(
    (m) => m.LiveMeeting,
    (err: unknown) => {
      liveView = null;
      throw err;
    },
  );
  return liveView;
}
if (typeof window !== 'undefined') void loadLiveView().catch(() => undefined);

/**
 * /m/<code>: the resident's phone (and the remote participant's browser). The device's participant token,
 * kept by the join pages, decides who this is; without one the resident is sent to the join form.
 * `title` comes from the server, so the first paint already shows the meeting's frame, title and help
 * line before any JavaScript runs; the live view then fills in the same frame, rather than a blank page
 * waiting for the socket.
 */
export function PhoneMeeting({ joinCode, title, remoteHint, boardPath }: { joinCode: string; title?: string; remoteHint: boolean; boardPath?: string }) {
  const t = useT();
  const router = useRouter();
  // undefined until read: localStorage exists only in the browser.
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [Live, setLive] = useState<typeof LiveMeetingView | null>(null);

  useEffect(() => {
    // A walk-in's one-device QR (shown on the facilitator's console) carries the token in the fragment,
    // which never reaches the server's logs; keep it and take it out of the address bar.
    const handed = /^#pt=([\w-]{16,200})$/.exec(window.location.hash)?.[1];
    if (handed) {
      storeParticipantToken(joinCode, handed);
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    const stored = readParticipantToken(joinCode);
    setToken(stored);
    if (!stored) router.replace(`/j/${encodeURIComponent(joinCode)}`);
  }, [joinCode, router]);

  useEffect(() => {
    if (!token) return;
    let alive = true;
    let retry: number | undefined;
    const load = (attempt: number) => {
      loadLiveView().then(
        (view) => { if (alive) setLive(() => view); },
        () => { if (alive) retry = window.setTimeout(() => load(attempt + 1), Math.min(30_000, 2_000 * 2 ** attempt)); },
      );
    };
    load(0);
    return () => {
      alive = false;
      window.clearTimeout(retry);
    };
  }, [token]);

  if (token && Live) return <Live joinCode={joinCode} token={token} title={title} remoteHint={remoteHint} boardPath={boardPath} />;
  return (
    <WaitingView
      header={<MeetingHeader title={title || t('app.name')} connection="connecting" pending={0} />}
      status={token === null ? 'phone.redirecting' : 'phone.loading'}
    />
  );
}
