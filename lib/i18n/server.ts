/**
 * Locale for server components, route handlers and server actions (reads the `lang` cookie).
 * Calling these makes the route dynamic, which every page in this app is anyway (the root layout reads it).
 */
import { cookies } from 'next/headers';
import { LOCALE_COOKIE, resolveLocale, t, type Locale, type Translate } from './locale';

export type { Translate } from './locale';

export async function getLocale(): Promise<Locale> {
  const store = await cookies();
  return resolveLocale(store.get(LOCALE_COOKIE)?.value);
}

/** `const { locale, t } = await getI18n();` then `t('landing.title')`. */
export async function getI18n(): Promise<{ locale: Locale; t: Translate }> {
  const locale = await getLocale();
  return { locale, t: (key, params) => t(locale, key, params) };
}
