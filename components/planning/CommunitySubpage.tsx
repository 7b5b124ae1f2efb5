import Link from 'next/link';
import type { ReactNode } from 'react';
import { ConsoleHeader } from '@/components/meeting/console/ConsoleHeader';
import type { StaffIdentity } from '@/lib/auth/staff-session';
import type { Translate } from '@/lib/i18n/format';

/**
 * A page under the community page (/console/community/…): the console header with the way back, then the
 * page's heading, intro and body — or, when `body` is null (the staff member does not plan this community's
 * meetings), the plain refusal.
 */
export function CommunitySubpage({ staff, t, heading, intro, body }: {
  staff: StaffIdentity; t: Translate; heading: string; intro: string; body: ReactNode | null;
}) {
  return (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff}>
        <Link href="/console" className="underline">{t('console.home.title')}</Link>
        <span aria-hidden="true"> › </span>
        <Link href="/console/community" className="underline">{t('planning.places.title')}</Link>
      </ConsoleHeader>
      <main className="mx-auto w-full max-w-5xl px-4 py-8">
        {body ? (
          <>
            <h1 className="text-3xl font-bold text-ink">{heading}</h1>
            <p className="mt-1 text-lg text-ink-muted">{intro}</p>
            {body}
          </>
        ) : <p role="alert" className="rounded-2xl border border-ink/15 bg-white p-6 text-lg">{t('planning.error.forbidden')}</p>}
      </main>
    </div>
  );
}
