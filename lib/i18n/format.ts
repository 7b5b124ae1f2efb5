/**
 * Locales, placeholder filling and date/number/list formatting, without any message catalogue.
 * Framework-free. Client components import from here (and get their messages from I18nProvider),
 * so the catalogues of both languages stay out of the browser's bundles; `locale.ts` adds the
 * catalogue-bound `t` for server components, socket handlers and scripts.
 */
import type { MessageKey } from './messages/zh-CN';

export type { MessageKey } from './messages/zh-CN';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Cookie that stores the reader's language choice. */
export const LOCALE_COOKIE = 'lang';

/** All dates and times are shown in the users' zone, whatever the server's or browser's TZ. */
export const TIME_ZONE = 'Asia/Shanghai';

export type MessageParams = Record<string, string | number>;

/** `t` bound to a locale, as pages and components receive it. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Some of a catalogue's messages: what a page's client components are given (see components/ui/Messages). */
export type MessageSubset = Partial<Record<MessageKey, string>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps a raw `lang` cookie value to a supported locale; anything unknown falls back to zh-CN. */
export function resolveLocale(cookieValue: string | null | undefined): Locale {
  return isLocale(cookieValue) ? cookieValue : DEFAULT_LOCALE;
}

/**
 * Fills `{name}` placeholders from `params`. A placeholder without a matching param is left as
 * written, so the gap is visible rather than blank.
 */
export function fillMessage(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

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
