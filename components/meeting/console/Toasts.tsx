'use client';

import { useT } from '@/components/ui/I18nProvider';
import type { Toast } from './useCommandRunner';

/** Command errors, bottom right, announced by screen readers. */
export function Toasts({ toasts, dismiss }: { toasts: Toast[]; dismiss: (id: number) => void }) {
  const t = useT();
  return (
    <div role="alert" aria-live="assertive" className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-96 max-w-[90vw] flex-col gap-2">
      {toasts.map((toast) => (
        <div key={toast.id} className="pointer-events-auto flex items-start gap-3 rounded-xl border-2 border-accent-700 bg-white px-4 py-3 text-base font-medium text-accent-800 shadow-lg">
          <span className="flex-1">{toast.text}</span>
          <button type="button" onClick={() => dismiss(toast.id)} className="rounded px-2 text-ink-muted hover:bg-ink/5" aria-label={t('console.toast.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
