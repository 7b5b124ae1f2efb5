'use client';

import { useEffect, useState } from 'react';
import { useT } from './I18nProvider';

export type ConnectionState = 'connected' | 'connecting' | 'offline';

// The connecting dot pulses only once connecting has taken 2 s: a page that connects at once (most
// loads) runs no animation while an old phone is busy starting the page, and a slow connection still
// draws the eye (globals.css: pulse-late).
const dotClass: Record<ConnectionState, string> = {
  connected: 'bg-ok-600',
  connecting: 'bg-warn-500 motion-safe:animate-pulse-late',
  offline: 'bg-accent-700',
};

/**
 * The browser's own view of the network (navigator.onLine and its online/offline events). A socket
 * notices a dead network only after its ping times out, tens of seconds later; the browser knows at
 * once when Wi-Fi drops. True until the browser says otherwise (and where it cannot tell).
 */
export function useNetworkOnline(): boolean {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const update = () => setOnline(typeof navigator === 'undefined' || navigator.onLine !== false);
    update();
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** The connection as shown: offline whenever the browser is, whatever the socket still believes. */
export function effectiveConnection(socket: ConnectionState, online: boolean): ConnectionState {
  return online ? socket : 'offline';
}

/**
 * Live connection state for the meeting socket, and the browser's network. `pending` is the number of actions queued while
 * offline (votes, hands raised) that will be sent on reconnect; shown only when > 0.
 */
export function ConnectionBadge({
  state,
  pending = 0,
  className = '',
}: {
  state: ConnectionState;
  pending?: number;
  className?: string;
}) {
  const t = useT();
  const shown = effectiveConnection(state, useNetworkOnline());
  return (
    <span
      role="status"
      aria-live="polite"
      className={`inline-flex items-center gap-2 rounded-full border border-ink/20 bg-white px-3 py-1 text-base font-medium text-ink ${className}`}
    >
      <span aria-hidden="true" className={`size-3 shrink-0 rounded-full ${dotClass[shown]}`} />
      <span>{t(`connection.${shown}`)}</span>
      {pending > 0 ? (
        <span className="text-ink-muted">· {t('connection.pending', { count: pending })}</span>
      ) : null}
    </span>
  );
}
