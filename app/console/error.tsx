'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/Button';
import { ButtonLink } from '@/components/ui/ButtonLink';
import { useT } from '@/components/ui/I18nProvider';

/**
 * A console page that failed on the server (the database unreachable, say): a page in the reader's
 * language instead of Next's bare one, with a retry. `retry` re-fetches the page from the server and
 * then resets the boundary (`reset` alone would only re-render what already failed). The error's
 * digest is shown so support can find the server's log line; its message is never shown.
 */
export default function ConsoleError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;

  useEffect(() => {
    console.error(error);
    // The page the reader asked for was replaced by this one: say so first.
    heading.current?.focus();
  }, [error]);

  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-xl flex-col justify-center gap-5 px-4 py-12">
      <h1 ref={heading} tabIndex={-1} className="text-3xl font-bold text-ink">{t('scoring.pageError.title')}</h1>
      <p className="text-lg text-ink-muted">{t('scoring.pageError.body')}</p>
      {digest ? <p className="text-base text-ink-muted">{t('scoring.pageError.reference', { digest })}</p> : null}
      <div className="flex flex-wrap gap-3">
        <Button size="large" onClick={() => retry()}>{t('common.retry')}</Button>
        <ButtonLink href="/console" size="large" variant="secondary">{t('scoring.pageError.home')}</ButtonLink>
      </div>
    </main>
  );
}
