'use client';

import { useT } from '@/components/ui/I18nProvider';
import { agreements, type Agreement } from '@/lib/visits/model';

const COLOURS: Record<Agreement, string> = { agree: 'bg-green-700', conditional: 'bg-amber-500', disagree: 'bg-red-700', undecided: 'bg-ink/30' };

/** Positions on the question as one stacked bar with its legend (counts in text: the bar is decoration). */
export function AgreementBar({ counts }: { counts: Record<Agreement, number> }) {
  const t = useT();
  const total = agreements.reduce((n, a) => n + counts[a], 0);
  return (
    <div className="my-2">
      <div className="flex h-4 w-full overflow-hidden rounded bg-ink/10" aria-hidden="true">
        {total ? agreements.map((a) => (counts[a] ? <div key={a} className={COLOURS[a]} style={{ width: `${(100 * counts[a]) / total}%` }} /> : null)) : null}
      </div>
      <ul className="mt-1 flex flex-wrap gap-x-4 text-sm">
        {agreements.map((a) => (
          <li key={a} className="flex items-center gap-1">
            <span className={`inline-block h-3 w-3 rounded-sm ${COLOURS[a]}`} aria-hidden="true" />
            {t(`visits.agreement.${a}`)} <span className="tabular-nums font-semibold">{counts[a]}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
