import Link from 'next/link';
import type { Locale, Translate } from '@/lib/i18n/locale';
import type { Warning } from '@/lib/scoring/warnings';
import { scoringText, type NameOf } from './scoring-text';

const VISIBLE = 5;

const severityClass: Record<Warning['severity'], string> = {
  high: 'border-l-accent-700',
  medium: 'border-l-warn-500',
};
const pillClass: Record<Warning['severity'], string> = {
  high: 'bg-accent-700 text-white',
  medium: 'border border-warn-500 bg-white text-ink',
};

/**
 * Shortfall warnings (短板预警), most urgent first as the engine sorts them. The first few are shown,
 * the rest fold away so the dashboard stays readable when a community has many low indicators.
 */
type Props = {
  warnings: Warning[];
  nameOf: NameOf;
  t: Translate;
  locale: Locale;
  /** the page has the follow-up form (#follow-ups): overdue decisions link there instead of to the record */
  followUpAnchor: boolean;
};

export function WarningList({ warnings, nameOf, t, locale, followUpAnchor }: Props) {
  if (warnings.length === 0) return <p className="text-base text-ink-muted">{t('scoring.warnings.none')}</p>;
  const item = (w: Warning, k: number) => (
    <li key={`${w.kind}-${w.indicatorId ?? ''}-${w.recordId ?? ''}-${k}`} className={`rounded-lg border border-ink/15 border-l-4 bg-white px-3 py-2 ${severityClass[w.severity]}`}>
      <p className="text-base text-ink">
        <span className={`mr-2 inline-block rounded px-1.5 text-sm font-semibold ${pillClass[w.severity]}`}>{t(`scoring.severity.${w.severity}`)}</span>
        {scoringText(t, locale, nameOf, { key: w.messageKey, params: w.params })}
      </p>
      <p className="mt-0.5 text-sm text-ink-muted">
        {t('scoring.warnings.next')}
        {t(w.nextStepKey)}
        {w.kind === 'follow_up_overdue' && followUpAnchor ? (
          <> · <a href="#follow-ups" className="font-medium text-civic-800 underline">{t('scoring.warnings.recordFollowUp')}</a></>
        ) : w.recordId ? (
          <> · <Link href={`/v/${w.recordId}`} className="font-medium text-civic-800 underline">{t('scoring.warnings.openRecord')}</Link></>
        ) : w.indicatorId ? (
          <> · <a href={`#ind-${w.indicatorId}`} className="font-medium text-civic-800 underline">{t('scoring.warnings.openIndicator')}</a></>
        ) : null}
      </p>
    </li>
  );
  const shown = warnings.slice(0, VISIBLE);
  const rest = warnings.slice(VISIBLE);
  const high = warnings.filter((w) => w.severity === 'high').length;
  return (
    <div>
      <p className="mb-2 text-base text-ink-muted">{t('scoring.warnings.count', { count: warnings.length, high })}</p>
      <ul className="space-y-2" data-testid="warnings">{shown.map(item)}</ul>
      {rest.length > 0 ? (
        <details className="mt-2">
          <summary className="cursor-pointer py-1 text-base font-medium text-civic-800">{t('scoring.warnings.more', { count: rest.length })}</summary>
          <ul className="mt-2 space-y-2">{rest.map((w, k) => item(w, k + VISIBLE))}</ul>
        </details>
      ) : null}
    </div>
  );
}
