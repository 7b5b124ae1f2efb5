import Link from 'next/link';
import type { ReactNode } from 'react';
import { InlineList } from '@/components/ui/InlineList';
import type { Locale, Translate } from '@/lib/i18n/locale';
import type { Catalogue } from '@/lib/scoring/catalogue';
import type { ScoreCard } from '@/lib/scoring/engine';
import { formatPoints, inLocale, joinClauses, scoringText, type NameOf } from './scoring-text';

type Props = {
  catalogue: Catalogue;
  card: ScoreCard;
  /** titles of the records and uploads an explanation may cite, by id */
  records: Map<string, string>;
  uploads: Map<string, string>;
  /** the accepted topics and the decisions being carried out an explanation may cite, by id: title and their page on the board */
  topics: Map<string, { title: string; href: string }>;
  decisions: Map<string, { title: string; href: string }>;
  nameOf: NameOf;
  t: Translate;
  locale: Locale;
};

const EVIDENCE_SHOWN = 3;

/**
 * Every indicator with its points and why: grouped category → element, each row with the rule's
 * findings, what is missing and the evidence it counted (records link to their public page).
 */
export function IndicatorTable({ catalogue, card, records, uploads, topics, decisions, nameOf, t, locale }: Props) {
  const scores = new Map(card.indicators.map((s) => [s.id, s]));
  // What an indicator's score rests on, as one list: the first records (linked), how many more, the
  // uploads, then the topics and decisions counted by name (their board pages show how each came in or
  // was carried out), the first few of each and how many more.
  const citedItems = (cited: readonly string[]): ReactNode[] => {
    const citedRecords = cited.filter((id) => records.has(id));
    const citedUploads = cited.filter((id) => uploads.has(id));
    const named = (of: Map<string, { title: string; href: string }>, one: 'scoring.indicators.topic' | 'scoring.indicators.decision', more: 'scoring.indicators.topics' | 'scoring.indicators.decisions') => {
      const ids = cited.filter((id) => of.has(id));
      return [
        ...ids.slice(0, EVIDENCE_SHOWN).map((id) => <Link key={id} href={of.get(id)!.href} className="text-civic-800 underline">{t(one, { title: of.get(id)!.title })}</Link>),
        ...(ids.length > EVIDENCE_SHOWN ? [t(more, { count: ids.length - EVIDENCE_SHOWN })] : []),
      ];
    };
    return [
      ...citedRecords.slice(0, EVIDENCE_SHOWN).map((id) => <Link key={id} href={`/v/${id}`} className="text-civic-800 underline">{records.get(id)}</Link>),
      ...(citedRecords.length > EVIDENCE_SHOWN ? [t('scoring.indicators.moreRecords', { count: citedRecords.length - EVIDENCE_SHOWN })] : []),
      ...citedUploads.map((id) => t('scoring.indicators.upload', { title: uploads.get(id)! })),
      ...named(topics, 'scoring.indicators.topic', 'scoring.indicators.topics'),
      ...named(decisions, 'scoring.indicators.decision', 'scoring.indicators.decisions'),
    ];
  };
  return (
    <div className="space-y-6">
      {catalogue.categories.map((c) => {
        const sub = card.categories[c.id];
        return (
          <section key={c.id} aria-labelledby={`cat-${c.id}`}>
            <h3 id={`cat-${c.id}`} className="flex flex-wrap items-baseline justify-between gap-2 border-b-2 border-civic-800 pb-1 text-xl font-semibold text-ink">
              <span>{inLocale(c.name, locale)}</span>
              {sub ? <span className="tabular-nums text-base font-medium">{t('scoring.points', { earned: formatPoints(locale, sub.earned), points: formatPoints(locale, sub.points) })}</span> : null}
            </h3>
            {catalogue.elements.filter((e) => e.category === c.id).map((e) => (
              <div key={e.id} className="mt-3">
                <h4 className="text-base font-semibold text-ink-muted">{inLocale(e.name, locale)}</h4>
                <ul className="mt-1 divide-y divide-ink/10 rounded-lg border border-ink/15 bg-white">
                  {catalogue.indicators.filter((i) => i.element === e.id).map((ind) => {
                    const s = scores.get(ind.id);
                    if (!s) return null;
                    const cited = citedItems(s.explanation.evidence);
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
                              {joinClauses(t, s.explanation.parts.map((m) => scoringText(t, locale, nameOf, m)))}
                            </p>
                          ) : null}
                          {s.explanation.missing.length > 0 ? (
                            <p className="mt-1 text-sm text-accent-700">
                              <span className="font-medium">{t('scoring.indicators.missing')}</span>
                              {joinClauses(t, s.explanation.missing.map((m) => scoringText(t, locale, nameOf, m)))}
                            </p>
                          ) : null}
                          {ind.method.kind === 'assessed' && !full ? (
                            <p className="mt-1 text-sm text-ink-muted">{t('scoring.indicators.materials', { text: inLocale(ind.method.evidence, locale) })}</p>
                          ) : null}
                          {cited.length > 0 ? (
                            <p className="mt-1 text-sm text-ink">
                              <span className="font-medium">{t('scoring.indicators.evidence')}</span>
                              <InlineList items={cited} locale={locale} kind="and" />
                            </p>
                          ) : null}
                        </div>
                        <p className={`self-start text-right text-lg font-semibold tabular-nums sm:min-w-24 ${full ? 'text-ok-600' : s.earned === 0 ? 'text-accent-700' : 'text-ink'}`}>
                          {t('scoring.pointsShort', { earned: formatPoints(locale, s.earned), points: formatPoints(locale, s.points) })}
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
