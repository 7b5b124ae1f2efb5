import type { Translate } from '@/lib/i18n/locale';

/** A grade as a solid badge (5A darkest); "不评级" as an outlined one, so the two never look alike. */
export function GradeBadge({ grade, t, size = 'normal' }: { grade: string | null; t: Translate; size?: 'normal' | 'large' }) {
  const sizeClass = size === 'large' ? 'px-4 py-1 text-4xl' : 'px-2.5 py-0.5 text-base';
  if (!grade) {
    return <span className={`inline-block rounded-lg border-2 border-ink/40 bg-white font-semibold text-ink-muted ${size === 'large' ? 'px-3 py-1 text-2xl' : sizeClass}`}>{t('scoring.grade.none')}</span>;
  }
  return <span className={`inline-block rounded-lg bg-civic-800 font-bold tracking-wide text-white ${sizeClass}`}>{grade}</span>;
}
