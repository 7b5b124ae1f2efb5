'use client';

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import type { Poll } from '@/lib/meeting/state';

/**
 * 投影安全: a laptop mirrored to the wall must not show what the wall may not. When on, the console hides
 * the live counts and outcome of polls whose results are hidden (until revealed) and who has not voted
 * yet. Remembered per device (the laptop that is plugged into the projector), not per user.
 */
const STORAGE_KEY = 'yishi.console.projectorSafe';

type ProjectorSafe = { safe: boolean; setSafe: (on: boolean) => void };
const Context = createContext<ProjectorSafe>({ safe: false, setSafe: () => {} });

export function ProjectorSafeProvider({ children }: { children: ReactNode }) {
  const [safe, setState] = useState(false);
  // Read after mounting: localStorage exists only in the browser, and the server render must match.
  useEffect(() => {
    try {
      setState(localStorage.getItem(STORAGE_KEY) === '1');
    } catch { /* storage blocked: the mode simply starts off */ }
  }, []);
  const setSafe = useCallback((on: boolean) => {
    setState(on);
    try {
      if (on) localStorage.setItem(STORAGE_KEY, '1');
      else localStorage.removeItem(STORAGE_KEY);
    } catch { /* not remembered, still applied */ }
  }, []);
  return <Context.Provider value={{ safe, setSafe }}>{children}</Context.Provider>;
}

export function useProjectorSafe(): ProjectorSafe {
  return useContext(Context);
}

/** Whether this poll's counts are kept off a mirrored screen now. */
export function hidesCounts(safe: boolean, poll: Pick<Poll, 'resultsVisibility' | 'revealed'>): boolean {
  return safe && poll.resultsVisibility === 'hidden' && !poll.revealed;
}

export function ProjectorSafeToggle() {
  const t = useT();
  const { safe, setSafe } = useProjectorSafe();
  return (
    <label className={`flex cursor-pointer items-center gap-2 rounded-full border-2 px-3 py-1 text-base font-semibold ${safe ? 'border-civic-800 bg-civic-800 text-white' : 'border-ink/30 text-ink'}`}>
      <input type="checkbox" checked={safe} onChange={(e) => setSafe(e.target.checked)} className="size-5" aria-describedby="projector-safe-hint" />
      {t('console.projectorSafe')}
      <span id="projector-safe-hint" className="sr-only">{t('console.projectorSafe.hint')}</span>
    </label>
  );
}
