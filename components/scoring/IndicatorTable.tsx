import Link from 'next/link';
import type { Locale } from '@/lib/i18n/locale';
import type { Catalogue } from '@/lib/scoring/catalogue';
import type { ScoreCard } from '@/lib/scoring/engine';
import { formatPoints, inLocale, scoringText, type NameOf, type Translate } from './scoring-text';

type Props = {
  catalogue: Catalogue;
  card: ScoreCard;
  /** titles of the records and uploads an explanation may cite, by id */
  records: Map<string, string>;
  uploads: Map<string, string>;
  nameOf: NameOf;
  t: Translate;
  locale: Locale;
};

const EVIDENCE_SHOWN = 3;

/**
 * Every indicator with its points and why: grouped category → element, each row with the rule's
 * findings, what is missing and the evidence it counted (records link to their public page).
 */
export function IndicatorTable({ catalogue, card, records, uploads, nameOf, t, locale }: Props) {
  const scores = new Map(card.indicators.map((s) => [s.id, s]));
  return (
    <div className="space-y-6">
      {catalogue.categories.map((c) => {
        const sub = card.categories[c.id];
        return (
          <section key={c.id} aria-labelledby={`cat-${c.id}`}>
            <h3 id={`cat-${c.id}`} className="flex flex-wrap items-baseline justify-between gap-2 border-b-2 border-civic-800 pb-1 text-xl font-semibold text-ink">
              <span>{inLocale(c.name, locale)}</span>
              {sub ? <span className="tabular-nums text-base font-medium">{t('scoring.points', { earned: formatPoints(locale, sub.earned), points: sub.points })}</span> : null}
            </h3>
            {catalogue.elements.filter((e) => e.category === c.id).map((e) => (
              <div key={e.id} className="mt-3">
                <h4 className="text-base font-semibold text-ink-muted">{inLocale(e.name, locale)}</h4>
                <ul className="mt-1 divide-y divide-ink/10 rounded-lg border border-ink/15 bg-white">
                  {catalogue.indicators.filter((i) => i.element === e.id).map((ind) => {
                    const s = scores.get(ind.id);
                    if (!s) return null;
                    const cited = s.explanation.evidence;
                    const citedRecords = cited.filter((id) => records.has(id));
                    const citedUploads = cited.filter((id) => uploads.has(id));
                    const others = cited.length - citedRecords.length - citedUploads.length;
                    const full = s.earned >= s.points;
                    return (
                      <li key={ind.id} id={`ind-${ind.id}`} className="grid scroll-mt-4 gap-x-4 gap-y-1 px-3 py-2.5 sm:grid-cols-[1fr_auto]">
                        <div className="min-w-0">
                          <p className="text-base text-ink">{inLocale(ind.text, locale)}</p>
                          <p className="text-sm text-ink-muted">
                            {t(`scoring.tier.${ind.tier}`)} · {t(ind.method.kind === 'automatic' ? 'scoring.indicators.automatic' : 'scoring.indicators.assessed')}
                          </p>
                          {s.explanation.parts.length > 0 ? (
                            <p className="mt-1 text-sm text-ink">
                              <span className="font-medium">{t('scoring.indicators.found')}</span>
                              {s.explanation.parts.map((m) => scoringText(t, locale, nameOf, m)).join('；')}
                            </p>
                          ) : null}
                          {s.explanation.missing.length > 0 ? (
                            <p className="mt-1 text-sm text-accent-700">
                              <span className="font-medium">{t('scoring.indicators.missing')}</span>
                              {s.explanation.missing.map((m) => scoringText(t, locale, nameOf, m)).join('；')}
                            </p>
                          ) : null}
                          {ind.method.kind === 'assessed' && !full ? (
                            <p className="mt-1 text-sm text-ink-muted">{t('scoring.indicators.materials', { text: inLocale(ind.method.evidence, locale) })}</p>
                          ) : null}
                          {cited.length > 0 ? (
                            <p className="mt-1 text-sm text-ink">
                              <span className="font-medium">{t('scoring.indicators.evidence')}</span>
                              {citedRecords.slice(0, EVIDENCE_SHOWN).map((id, k) => (
                                <span key={id}>
                                  {k > 0 ? '、' : ''}
                                  <Link href={`/v/${id}`} className="text-civic-800 underline">{records.get(id)}</Link>
                                </span>
                              ))}
                              {citedRecords.length > EVIDENCE_SHOWN ? t('scoring.indicators.moreEvidence', { count: citedRecords.length }) : null}
                              {citedUploads.map((id) => (
                                <span key={id}>
                                  {citedRecords.length > 0 ? '、' : ''}
                                  {t('scoring.indicators.upload', { title: uploads.get(id)! })}
                                </span>
                              ))}
                              {others > 0 ? <span>{citedRecords.length + citedUploads.length > 0 ? '、' : ''}{t('scoring.indicators.topics', { count: others })}</span> : null}
                            </p>
                          ) : null}
                        </div>
                        <p className={`self-start text-right text-lg font-semibold tabular-nums sm:min-w-24 ${full ? 'text-ok-600' : s.earned === 0 ? 'text-accent-700' : 'text-ink'}`}>
                          {t('scoring.pointsShort', { earned: formatPoints(locale, s.earned), points: s.points })}
                        </p>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
