/**
 * Message lookup with the full catalogues of both languages, for server components, route handlers,
 * socket handlers and scripts. Client components use `useT()` from components/ui/I18nProvider instead,
 * which gets only the messages its page needs (importing this module into a client component would put
 * both catalogues, ~35 KB compressed, into the page's JavaScript).
 */
import { en } from './messages/en';
import { zhCN, type MessageKey, type Messages } from './messages/zh-CN';
import { fillMessage, type Locale, type MessageParams } from './format';

export * from './format';

const catalogues: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/** Looks up `key` in the locale's catalogue and fills its `{name}` placeholders from `params`. */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return fillMessage(catalogues[locale][key], params);
}

/**
 * The messages of the areas named in the locale's catalogue: an area is the part of a key before its
 * first dot ('phone'), or a narrower prefix of whole segments ('meeting.error': meeting.error.*).
 */
export function messagesOf(locale: Locale, areas: readonly string[]): Partial<Messages> {
  // Every page's layout asks for one of a few fixed area lists, on every request: pick each list once.
  const cacheKey = `${locale}|${areas.join(',')}`;
  let picked = picks.get(cacheKey);
  if (!picked) {
    const prefixes = areas.map((a) => `${a}.`);
    picked = Object.freeze(Object.fromEntries(Object.entries(catalogues[locale]).filter(([key]) => prefixes.some((p) => key.startsWith(p))))) as Partial<Messages>;
    picks.set(cacheKey, picked);
  }
  return picked;
}
const picks = new Map<string, Partial<Messages>>();
