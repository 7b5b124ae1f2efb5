'use client';

import { useT } from '@/components/ui/I18nProvider';
import type { ErrorText } from './api-error';

/**
 * A failed action, announced (role=alert): the reader's sentence first; the server's own words, when
 * it gave any, below in small type, marked English so a screen reader pronounces them as such.
 */
export function ErrorNotice({ error, id, className = '' }: { error: ErrorText; id?: string; className?: string }) {
  const t = useT();
  return (
    <div id={id} role="alert" className={`rounded-lg border-2 border-accent-700 bg-accent-50 px-3 py-2 text-base text-accent-800 ${className}`}>
      <p>{error.message}</p>
      {error.detail ? (
        <p className="mt-0.5 text-sm text-ink-muted">
          {t('scoring.error.detail')}
          <span lang="en">{error.detail}</span>
        </p>
      ) : null}
    </div>
  );
}
