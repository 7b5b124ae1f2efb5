'use client';

import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { DEFAULT_LOCALE, fillMessage, type Locale, type MessageKey, type MessageParams, type MessageSubset } from '@/lib/i18n/format';

type I18n = { locale: Locale; messages: MessageSubset };
const I18nContext = createContext<I18n>({ locale: DEFAULT_LOCALE, messages: {} });

/**
 * Set in app/layout.tsx with the locale the server resolved from the `lang` cookie and the messages
 * every page may need; pages that need more areas nest another provider (components/ui/Messages),
 * whose messages are added to the outer ones. The browser never loads the whole catalogue: a resident's
 * phone gets the few areas its pages use, in its own language only.
 */
export function I18nProvider({ locale, messages, children }: { locale: Locale; messages: MessageSubset; children: ReactNode }) {
  const outer = useContext(I18nContext);
  const value = useMemo(
    () => ({ locale, messages: outer.locale === locale ? { ...outer.messages, ...messages } : messages }),
    [locale, messages, outer],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(I18nContext).locale;
}

/**
 * `const t = useT(); t('common.save')` in client components. A key whose area the page was not given
 * shows as the key itself (and says so in the console), so the gap is visible rather than blank.
 */
export function useT(): (key: MessageKey, params?: MessageParams) => string {
  const { messages } = useContext(I18nContext);
  return useCallback((key: MessageKey, params?: MessageParams) => {
    const template = messages[key];
    if (template === undefined) {
      console.error(`[i18n] message ${key} was not given to this page (components/ui/Messages)`);
      return key;
    }
    return fillMessage(template, params);
  }, [messages]);
}
