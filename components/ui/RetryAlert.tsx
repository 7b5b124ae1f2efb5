'use client';

import { Button } from './Button';
import { useT } from './I18nProvider';

/** Something could not be loaded: what went wrong, in the catalogue's words, and a button to try again. */
export function RetryAlert({ message, onRetry, className = '' }: { message: string; onRetry: () => void; className?: string }) {
  const t = useT();
  return (
    <div role="alert" className={`rounded-xl border-2 border-accent-700 bg-accent-50 p-4 ${className}`}>
      <p className="text-lg text-accent-800">{message}</p>
      <Button className="mt-3" onClick={onRetry}>{t('common.retry')}</Button>
    </div>
  );
}
