'use client';

import type { ReactNode } from 'react';
import { ConnectionBadge, type ConnectionState } from '@/components/ui/ConnectionBadge';
import { useT } from '@/components/ui/I18nProvider';
import type { MessageKey } from '@/lib/i18n/format';

/**
 * The phone page's frame, header and waiting view, without the live meeting's code (socket, reducer,
 * panels): the page's shell (PhoneMeeting) paints and hydrates these while the live view is still on its
 * way, and the live view (LiveMeeting) draws the same markup until the meeting's state has arrived.
 */
export function Frame({ header, children, wide = false }: { header?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-t-4 border-accent-700 border-b border-b-ink/15 bg-paper">
        <div className={`mx-auto w-full px-4 py-3 ${wide ? 'max-w-6xl' : 'max-w-lg'}`}>{header}</div>
      </header>
      <main className={`mx-auto w-full flex-1 px-4 pb-16 pt-4 ${wide ? 'max-w-6xl' : 'max-w-lg'}`}>{children}</main>
    </div>
  );
}

export function MeetingHeader({ title, connection, pending }: { title: string; connection: ConnectionState; pending: number }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
      <h1 className="min-w-0 flex-1 basis-56 break-words text-xl font-bold leading-snug text-ink">{title}</h1>
      <ConnectionBadge state={connection} pending={pending} className="shrink-0" />
    </div>
  );
}

export function HelpLine() {
  const t = useT();
  return <p className="pt-2 text-center text-lg text-ink-muted">{t('phone.footer.help')}</p>;
}

export function WaitingStatus({ status }: { status: MessageKey }) {
  const t = useT();
  return (
    <p role="status" className="py-10 text-center text-xl text-ink">
      {t(status)}
    </p>
  );
}

/**
 * Until the meeting's state is here: the title (from the server), what is happening, and the help line.
 * LiveMeeting draws the same children in the same Frame, keyed, so that the help line stays the same
 * element when the meeting's blocks come in around it.
 */
export function WaitingView({ header, status }: { header: ReactNode; status: MessageKey }) {
  return (
    <Frame header={header}>
      <div className="flex flex-col gap-4">
        <WaitingStatus key="status" status={status} />
        <HelpLine key="help" />
      </div>
    </Frame>
  );
}
