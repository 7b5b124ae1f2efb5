import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { CORE_AREAS, Messages } from '@/components/ui/Messages';
import { t } from '@/lib/i18n/locale';
import { getLocale } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  const locale = await getLocale();
  return {
    title: { default: t(locale, 'app.name'), template: `%s · ${t(locale, 'app.name')}` },
    description: t(locale, 'app.description'),
  };
}

// No maximumScale / userScalable: residents must be able to pinch-zoom.
export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#faf7f2',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <Messages areas={CORE_AREAS}>{children}</Messages>
      </body>
    </html>
  );
}
