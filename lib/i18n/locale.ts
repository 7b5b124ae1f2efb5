/**
 * Locale resolution, message lookup and date/number formatting.
 * Framework-free: usable from server components, client components, socket handlers and scripts.
 */
import { en } from './messages/en';
import { zhCN, type MessageKey, type Messages } from './messages/zh-CN';

export type { MessageKey } from './messages/zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Cookie that stores the reader's language choice. */
export const LOCALE_COOKIE = 'lang';

/** All dates and times are shown in the users' zone, whatever the server's or browser's TZ. */
export const TIME_ZONE = 'Asia/Shanghai';

export type MessageParams = Record<string, string | number>;

const catalogues: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps a raw `lang` cookie value to a supported locale; anything unknown falls back to zh-CN. */
export function resolveLocale(cookieValue: string | null | undefined): Locale {
  return isLocale(cookieValue) ? cookieValue : DEFAULT_LOCALE;
}

/**
 * Looks up `key` in the locale's catalogue and fills `{name}` placeholders from `params`.
 * A placeholder without a matching param is left as written, so the gap is visible rather than blank.
 */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogues[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** `t` bound to a locale, as pages and components receive it. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * A list in the reader's language: "甲、乙、丙" / "A, B, C" (`'and'`: "甲、乙和丙" / "A, B, and C").
 * (ICU's "unit" lists join Chinese with no separator at all, hence the narrow conjunction.)
 */
export function formatList(locale: Locale, items: readonly string[], kind: 'list' | 'and' = 'list'): string {
  return new Intl.ListFormat(locale, kind === 'and' ? { style: 'long', type: 'conjunction' } : { style: 'narrow', type: 'conjunction' }).format(items);
}

export function formatDateTime(
  locale: Locale,
  date: Date | string | number,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' },
): string {
  return new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, ...options }).format(new Date(date));
}

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** A file's size as downloads show it: 850 → "1 KB", 348160 → "340 KB", 2.5e6 → "2.4 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
