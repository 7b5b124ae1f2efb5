import { formatList, type Locale, type Translate } from '@/lib/i18n/format';
import { formatPoints } from './scoring-text';

const W = 96;
const H = 28;
const PAD = 3;

/** A community's totals over the years as a small line, the last year dotted; its label reads the values. */
export function Sparkline({ trend, max, t, locale }: { trend: { year: number; total: number }[]; max: number; t: Translate; locale: Locale }) {
  const label = t('scoring.district.trendLabel', {
    values: formatList(locale, trend.map((p) => t('scoring.district.trendValue', { year: p.year, total: formatPoints(locale, p.total) }))),
  });
  const x = (i: number) => PAD + (i * (W - 2 * PAD)) / Math.max(1, trend.length - 1);
  const y = (v: number) => H - PAD - (Math.min(v, max) / (max || 1)) * (H - 2 * PAD);
  const points = trend.map((p, i) => `${x(i)},${y(p.total)}`).join(' ');
  const last = trend.at(-1);
  return (
    <svg role="img" aria-label={label} width={W} height={H} viewBox={`0 0 ${W} ${H}`} className="overflow-visible">
      <title>{label}</title>
      <line x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} className="stroke-ink/20" strokeWidth={1} />
      <polyline points={points} fill="none" className="stroke-civic-700" strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" />
      {last ? <circle cx={x(trend.length - 1)} cy={y(last.total)} r={3} className="fill-civic-800" /> : null}
    </svg>
  );
}
