'use client';

import { useEffect, useState } from 'react';
import { useT } from './I18nProvider';

const WARNING_MS = 30_000;

function formatMmSs(remainingMs: number): string {
  // Round up so "00:01" is shown until the last second has really passed.
  const totalSeconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

export type CountdownProps = {
  /** ISO timestamp (server clock) at which the countdown reaches zero. */
  endsAt: string;
  /** serverNow − clientNow in ms, so phones with a wrong clock still count down correctly. */
  clockOffsetMs?: number;
  /** Accessible name; defaults to 剩余时间 / Time remaining. */
  label?: string;
  className?: string;
};

/**
 * mm:ss countdown in large digits. Red in the last 30 s; at and after zero it stays at 00:00 in red.
 * role="timer" is not announced on every tick (implicit aria-live=off), which is what screen reader users want.
 */
export function Countdown({ endsAt, clockOffsetMs = 0, label, className = '' }: CountdownProps) {
  const t = useT();
  const end = Date.parse(endsAt);
  const [now, setNow] = useState(() => Date.now() + clockOffsetMs);

  useEffect(() => {
    const tick = () => setNow(Date.now() + clockOffsetMs);
    tick();
    const id = window.setInterval(tick, 250);
    return () => window.clearInterval(id);
  }, [clockOffsetMs]);

  const remaining = Number.isNaN(end) ? 0 : end - now;
  const expired = remaining <= 0;
  const warning = remaining <= WARNING_MS;

  return (
    <div role="timer" aria-label={label ?? t('ui.countdown.label')} className={`inline-flex flex-col items-center ${className}`}>
      <span
        // Server and client clocks differ by a few hundred ms; the first client tick corrects it.
        suppressHydrationWarning
        className={`text-5xl font-bold tabular-nums leading-none tracking-tight sm:text-6xl ${
          warning ? 'text-accent-700' : 'text-ink'
        }`}
      >
        {formatMmSs(remaining)}
      </span>
      {expired ? <span className="mt-1 text-base font-semibold text-accent-700">{t('ui.countdown.expired')}</span> : null}
    </div>
  );
}
