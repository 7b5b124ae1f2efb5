import type { ReactNode } from 'react';
import { ConsoleHeader } from '@/components/meeting/console/ConsoleHeader';
import type { StaffIdentity } from '@/lib/auth/staff-session';

/**
 * The frame of the consultation-index pages: the console header, a heading with a line under it, the
 * page's controls on the right (year, live state), then the page. Dashboards use the full width of a
 * projector; reading pages (the catalogue) keep a narrower column.
 */
export function IndexPage({ staff, heading, intro, controls, wide = true, children }: {
  staff: StaffIdentity; heading: string; intro: ReactNode; controls: ReactNode; wide?: boolean; children: ReactNode;
}) {
  return (
    <div className="min-h-dvh">
      <ConsoleHeader staff={staff} />
      <main className={`mx-auto w-full ${wide ? 'max-w-[110rem]' : 'max-w-6xl'} space-y-6 px-4 py-6`}>
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-3xl font-bold text-ink">{heading}</h1>
            <p className="mt-1 text-lg text-ink-muted">{intro}</p>
          </div>
          <div className="flex flex-wrap items-center gap-3">{controls}</div>
        </div>
        {children}
      </main>
    </div>
  );
}
