'use client';

import { useT } from './I18nProvider';

export type ConnectionState = 'connected' | 'connecting' | 'offline';

const dotClass: Record<ConnectionState, string> = {
  connected: 'bg-ok-600',
  connecting: 'bg-warn-500 motion-safe:animate-pulse',
  offline: 'bg-accent-700',
};

/**
 * Live connection state for the meeting socket. `pending` is the number of actions queued while
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
  return (
    <span
      role="status"
      aria-live="polite"
      className={`inline-flex items-center gap-2 rounded-full border border-ink/20 bg-white px-3 py-1 text-base font-medium text-ink ${className}`}
    >
      <span aria-hidden="true" className={`size-3 shrink-0 rounded-full ${dotClass[state]}`} />
      <span>{t(`connection.${state}`)}</span>
      {pending > 0 ? (
        <span className="text-ink-muted">· {t('connection.pending', { count: pending })}</span>
      ) : null}
    </span>
  );
}
