import { formatNumber, type Locale, type Translate } from '@/lib/i18n/format';
import { tiers, type Catalogue } from '@/lib/scoring/catalogue';
import { isRuleName } from '@/lib/scoring/rules';
import { formatPoints, gradeLadder, inLocale } from './scoring-text';

/** How an indicator is scored, in words: the automatic rule's name, or what an assessor looks for. */
export function methodText(ind: Catalogue['indicators'][number], t: Translate, locale: Locale): string {
  if (ind.method.kind === 'automatic') {
    const rule = ind.method.rule;
    return t('scoring.catalogue.method.automatic', { rule: isRuleName(rule) ? t(`scoring.rule.${rule}`) : rule });
  }
  return t('scoring.catalogue.method.assessed', {
    evidence: inLocale(ind.method.evidence, locale),
    credit: t(ind.method.partial ? 'scoring.catalogue.method.partial' : 'scoring.catalogue.method.whole'),
  });
}

/** The year's catalogue, read-only: grade lines, tier sums, then categories → elements → indicators. */
export function CatalogueView({ catalogue, tierPoints, t, locale }: { catalogue: Catalogue; tierPoints: Record<string, number>; t: Translate; locale: Locale }) {
  return (
    <div className="space-y-6">
      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="cat-grades">
          <h3 id="cat-grades" className="text-lg font-semibold text-ink">{t('scoring.catalogue.grades')}</h3>
          <ul className="mt-2 flex flex-wrap gap-2">
            {gradeLadder(catalogue.grades).map(([g, line]) => (
              <li key={g} className="rounded-md border-2 border-civic-700 bg-civic-50 px-2.5 py-0.5 tabular-nums">{t('scoring.scale.line', { grade: g, line: formatNumber(locale, line) })}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="cat-tiers">
          <h3 id="cat-tiers" className="text-lg font-semibold text-ink">{t('scoring.tiers.title')}</h3>
          <ul className="mt-2 space-y-0.5 text-base">
            {tiers.map((tier) => {
              const sum = catalogue.indicators.filter((i) => i.tier === tier).reduce((s, i) => s + i.points, 0);
              return <li key={tier} className="tabular-nums">{t('scoring.catalogue.tierSum', { tier: t(`scoring.tier.${tier}`), sum: formatPoints(locale, sum), expected: formatNumber(locale, tierPoints[tier] ?? 0) })}</li>;
            })}
          </ul>
        </section>
      </div>
      {catalogue.categories.map((c) => (
        <section key={c.id} aria-labelledby={`catv-${c.id}`}>
          <h3 id={`catv-${c.id}`} className="border-b-2 border-civic-800 pb-1 text-xl font-semibold text-ink">{inLocale(c.name, locale)}</h3>
          {catalogue.elements.filter((e) => e.category === c.id).map((e) => (
            <div key={e.id} className="mt-3">
              <h4 className="text-base font-semibold text-ink-muted">{inLocale(e.name, locale)}</h4>
              <ul className="mt-1 divide-y divide-ink/10 rounded-lg border border-ink/15 bg-white">
                {catalogue.indicators.filter((i) => i.element === e.id).map((ind) => (
                  <li key={ind.id} className="grid gap-x-4 px-3 py-2 sm:grid-cols-[1fr_auto]">
                    <div className="min-w-0">
                      <p className="text-base text-ink">{inLocale(ind.text, locale)}</p>
                      <p className="text-sm text-ink-muted">{t('scoring.catalogue.tierOf', { tier: t(`scoring.tier.${ind.tier}`), id: ind.id })}</p>
                      <p className="text-sm text-ink-muted">{methodText(ind, t, locale)}</p>
                      {ind.note ? <p className="text-sm text-ink-muted">{inLocale(ind.note, locale)}</p> : null}
                    </div>
                    <p className="text-right text-lg font-semibold tabular-nums">{t('scoring.catalogue.pointsValue', { points: formatPoints(locale, ind.points) })}</p>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
