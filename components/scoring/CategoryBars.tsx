import type { Locale, Translate } from '@/lib/i18n/locale';
import { formatPoints } from './scoring-text';

export type Bar = { id: string; name: string; earned: number; points: number };

/**
 * Earned against available points per category, as horizontal bars. The bars are decoration: each row
 * also says its figures in words, which is what screen readers get.
 */
export function CategoryBars({ bars, t, locale }: { bars: Bar[]; t: Translate; locale: Locale }) {
  return (
    // One grid for all rows (subgrid): the name column is as wide as the longest name, in any language.
    <ul className="grid gap-y-2.5 sm:grid-cols-[auto_1fr_auto] sm:gap-x-3">
      {bars.map((b) => {
        const pct = b.points > 0 ? Math.min(100, (b.earned / b.points) * 100) : 0;
        return (
          // Phones: name and figures on one line, the bar full width below; wider screens: one row.
          <li key={b.id} className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-1 text-base sm:col-span-3 sm:grid-cols-subgrid">
            <span className="font-medium text-ink">{b.name}</span>
            <span aria-hidden="true" className="order-last col-span-2 h-5 overflow-hidden rounded border border-ink/25 bg-civic-50 sm:order-none sm:col-span-1">
              <span className="block h-full bg-civic-700" style={{ width: `${pct}%` }} />
            </span>
            <span className="text-right tabular-nums text-ink">
              <span className="sr-only">{t('scoring.categories.row', { name: b.name, earned: formatPoints(locale, b.earned), points: formatPoints(locale, b.points) })}</span>
              <span aria-hidden="true">{t('scoring.pointsShort', { earned: formatPoints(locale, b.earned), points: formatPoints(locale, b.points) })}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
