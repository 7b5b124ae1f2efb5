'use client';

import { useEffect, useState } from 'react';

/**
 * False in the server render and until React has attached its handlers. Buttons stay disabled until
 * then: a click before hydration would be lost, and a form submit would be a native GET of the page
 * (with whatever the fields hold in its URL).
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
