import { formatDateTime, formatNumber, type Locale, type MessageParams, type Translate } from '@/lib/i18n/format';
import type { Catalogue } from '@/lib/scoring/catalogue';
import type { ScoringMessage } from '@/lib/scoring/messages';

/** A catalogue text ({ 'zh-CN', en }) in the reader's language. */
export const inLocale = (text: { 'zh-CN': string; en: string }, locale: Locale): string => text[locale];

/** Points are kept in tenths by the engine: show at most one decimal, in the reader's number format. */
export const formatPoints = (locale: Locale, value: number): string =>
  formatNumber(locale, value, { maximumFractionDigits: 1 });

/** Names of the catalogue's categories, elements and indicators by id; unknown ids show as themselves. */
export function catalogueNames(catalogue: Catalogue, locale: Locale) {
  const byId = new Map<string, string>();
  for (const c of catalogue.categories) byId.set(c.id, inLocale(c.name, locale));
  for (const e of catalogue.elements) byId.set(e.id, inLocale(e.name, locale));
  for (const i of catalogue.indicators) byId.set(i.id, inLocale(i.text, locale));
  return (id: string): string => byId.get(id) ?? id;
}
export type NameOf = ReturnType<typeof catalogueNames>;

// The engine's window labels (lib/scoring/period.ts windowLabel): 2026-Q2, 2026-H1, 2026-03.
const WINDOW = /^(\d{4})-(Q|H)(\d)$|^(\d{4})-(\d{2})$/;

/** A window label in words ("2026 年第 2 季度" / "Q2 2026"); a label of another shape stays as it is. */
export function windowName(t: Translate, locale: Locale, label: string): string {
  const m = WINDOW.exec(label);
  if (!m) return label;
  if (m[1]) {
    const year = Number(m[1]);
    const n = Number(m[3]);
    if (m[2] === 'Q') return t('scoring.window.quarter', { year, n });
    return t(n === 1 ? 'scoring.window.firstHalf' : 'scoring.window.secondHalf', { year });
  }
  // A month is a date: the locale's own month names ("2026年3月" / "March 2026"); the 15th is safely inside it.
  return formatDateTime(locale, Date.UTC(Number(m[4]), Number(m[5]) - 1, 15), { year: 'numeric', month: 'long' });
}

/**
 * The engine's messages name indicators by id and windows by label (so they stay language-free) and
 * carry raw numbers: here the id becomes the indicator's text, the label words and points get the
 * reader's number format.
 */
export function scoringText(t: Translate, locale: Locale, nameOf: NameOf, message: ScoringMessage): string {
  const params: MessageParams = { ...message.params };
  if (typeof params.indicator === 'string') params.indicator = nameOf(params.indicator);
  if (typeof params.window === 'string') params.window = windowName(t, locale, params.window);
  for (const k of ['earned', 'points'] as const) {
    if (typeof params[k] === 'number') params[k] = formatPoints(locale, params[k]);
  }
  return t(message.key, params);
}

/** Several engine messages as one run of clauses ("…；…" / "…; …"): they may hold commas themselves. */
export function joinClauses(t: Translate, clauses: readonly string[]): string {
  return clauses.join(t('scoring.clauseSeparator'));
}

/** Grade lines from the highest grade down, e.g. [['5A', 900], …, ['1A', 600]]. */
export function gradeLadder(grades: Record<string, number>): [string, number][] {
  return Object.entries(grades).sort(([, a], [, b]) => b - a);
}
