import { formatNumber, type Locale, type MessageKey, type MessageParams } from '@/lib/i18n/locale';
import type { Catalogue } from '@/lib/scoring/catalogue';
import type { ScoringMessage } from '@/lib/scoring/messages';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

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

/**
 * The engine's messages name indicators by id (so they stay language-free) and carry raw numbers:
 * here the id becomes the indicator's text and points get the reader's number format.
 */
export function scoringText(t: Translate, locale: Locale, nameOf: NameOf, message: ScoringMessage): string {
  const params: MessageParams = { ...message.params };
  if (typeof params.indicator === 'string') params.indicator = nameOf(params.indicator);
  for (const k of ['earned', 'points'] as const) {
    if (typeof params[k] === 'number') params[k] = formatPoints(locale, params[k]);
  }
  return t(message.key, params);
}

/** Grade lines from the highest grade down, e.g. [['5A', 900], …, ['1A', 600]]. */
export function gradeLadder(grades: Record<string, number>): [string, number][] {
  return Object.entries(grades).sort(([, a], [, b]) => b - a);
}
