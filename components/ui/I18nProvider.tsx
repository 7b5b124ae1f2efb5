'use client';

import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { DEFAULT_LOCALE, t, type Locale, type MessageKey, type MessageParams } from '@/lib/i18n/locale';

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

/** Set once in app/layout.tsx with the locale the server resolved from the `lang` cookie. */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** `const t = useT(); t('common.save')` in client components. */
export function useT(): (key: MessageKey, params?: MessageParams) => string {
  const locale = useLocale();
  return useCallback((key: MessageKey, params?: MessageParams) => t(locale, key, params), [locale]);
}
