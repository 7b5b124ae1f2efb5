'use client';

import { useEffect, useState } from 'react';

/** The current time on the server's clock, re-rendered every `intervalMs`, for running totals. */
export function useNow(clockOffsetMs: number, intervalMs = 1000): Date {
  const [now, setNow] = useState(() => Date.now() + clockOffsetMs);
  useEffect(() => {
    const tick = () => setNow(Date.now() + clockOffsetMs);
    tick();
    const id = window.setInterval(tick, intervalMs);
    return () => window.clearInterval(id);
  }, [clockOffsetMs, intervalMs]);
  return new Date(now);
}
