'use client';

import { useState, type ReactNode } from 'react';

/** A disclosure that mounts what it holds (a session's note) only once opened, and keeps it while open. */
export function NotesDisclosure({ summary, children }: { summary: string; children: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} className="mt-2">
      <summary className="cursor-pointer text-base font-semibold text-civic-800">{summary}</summary>
      {open ? <div className="mt-2">{children()}</div> : null}
    </details>
  );
}
