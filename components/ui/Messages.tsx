import type { ReactNode } from 'react';
import { messagesOf } from '@/lib/i18n/locale';
import { JOIN_AREAS, PHONE_AREAS, SITE_AREAS } from '@/lib/i18n/areas';
import { getLocale } from '@/lib/i18n/server';
import { I18nProvider } from './I18nProvider';

export { CONSOLE_AREAS, CORE_AREAS, JOIN_AREAS, PHONE_AREAS, RECORD_AREAS, SITE_AREAS } from '@/lib/i18n/areas';

/** Server component: gives the client components below it the messages of `areas` in the reader's language. */
export async function Messages({ areas, children }: { areas: readonly string[]; children: ReactNode }) {
  const locale = await getLocale();
  return <I18nProvider locale={locale} messages={messagesOf(locale, areas)}>{children}</I18nProvider>;
}

/** The layout of the join pages (app/(join)/layout.tsx: /j/<code>, /join): the join form's messages only. */
export function JoinMessages({ children }: { children: ReactNode }) {
  return <Messages areas={JOIN_AREAS}>{children}</Messages>;
}

/** The layout of a resident's phone pages (app/(phone)/layout.tsx: meeting, remote and observer links): the messages of joining and of the live meeting only. */
export function PhoneMessages({ children }: { children: ReactNode }) {
  return <Messages areas={PHONE_AREAS}>{children}</Messages>;
}

/** The layout of the public site's pages (app/(site)/layout.tsx); the phone pages get fewer. */
export function SiteMessages({ children }: { children: ReactNode }) {
  return <Messages areas={SITE_AREAS}>{children}</Messages>;
}
