import Link from 'next/link';
import type { ReactNode } from 'react';
import type { StaffIdentity } from '@/lib/auth/staff-session';
import { getI18n } from '@/lib/i18n/server';
import { ConsoleHeader } from './ConsoleHeader';

/**
 * A page under one meeting (minutes, record): the way back to the console, a heading band with a line
 * about the page (and `below` it, e.g. a link), then the page itself.
 */
export async function MeetingPage({ staff, meetingId, heading, intro, below, children }: {
  staff: StaffIdentity; meetingId: string; heading: string; intro: string; below?: ReactNode; children: ReactNode;
}) {
  const { t } = await getI18n();
  return (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff}>
        <Link href="/console" className="underline">{t('console.home.title')}</Link>
        <span aria-hidden="true"> › </span>
        <Link href={`/console/meetings/${meetingId}`} className="underline">{t('minutes.backToConsole')}</Link>
      </ConsoleHeader>
      <main>
        <div className="border-b border-ink/15 bg-white px-4 py-3">
          <h1 className="text-2xl font-bold leading-tight text-ink">{heading}</h1>
          <p className="mt-1 text-base text-ink-muted">{intro}</p>
          {below}
        </div>
        {children}
      </main>
    </div>
  );
}
