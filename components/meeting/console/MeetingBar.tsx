'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ConnectionBadge } from '@/components/ui/ConnectionBadge';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import type { ConnectionState } from '@/components/meeting/useMeeting';
import { formatDateTime } from '@/lib/i18n/format';
import type { MeetingState } from '@/lib/meeting/state';
import { CloseMeetingDialog } from './CloseMeetingDialog';
import { ProjectorSafeToggle } from './projector-safe';
import type { RunCommand } from './useCommandRunner';

const statusClass: Record<MeetingState['status'], string> = {
  draft: 'border-ink/30 bg-white text-ink',
  announced: 'border-civic-700 bg-civic-50 text-civic-900',
  live: 'border-ok-600 bg-ok-600 text-white',
  closed: 'border-ink/30 bg-ink/5 text-ink',
  cancelled: 'border-accent-700 bg-accent-50 text-accent-800',
};

export function MeetingBar({ state, connection, run }: { state: MeetingState; connection: ConnectionState; run: RunCommand }) {
  const t = useT();
  const locale = useLocale();
  const canStart = state.status === 'draft' || state.status === 'announced';

  const [closing, setClosing] = useState(false);

  return (
    <section aria-labelledby="meeting-title" className="flex flex-wrap items-center gap-x-6 gap-y-3 border-b border-ink/15 bg-white px-4 py-3">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 id="meeting-title" className="text-2xl font-bold leading-tight text-ink">{state.title}</h1>
          <span className={`rounded-full border-2 px-3 py-0.5 text-base font-semibold ${statusClass[state.status]}`}>
            {t(`meeting.status.${state.status}`)}
          </span>
        </div>
        <p className="mt-1 text-base text-ink-muted">
          {[
            t(`meeting.form.${state.form}`),
            t(`meeting.level.${state.level}`),
            t(`meeting.type.${state.type}`),
            state.scheduledAt ? formatDateTime(locale, state.scheduledAt) : null,
            state.venue,
          ].filter(Boolean).join(' · ')}
          {' · '}
          {t('console.joinCode')} <span className="font-mono font-bold tracking-widest text-ink">{state.joinCode}</span>
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <ConnectionBadge state={connection} />
        <ProjectorSafeToggle />
        <Link href={`/console/meetings/${state.meetingId}/projector`} target="_blank" className="text-base font-semibold text-civic-800 underline">
          {t('console.projectorLink')}
        </Link>
        <Link href={`/console/meetings/${state.meetingId}/cards`} className="text-base font-semibold text-civic-800 underline">
          {t('console.cardsLink')}
        </Link>
        <Link href={`/console/meetings/${state.meetingId}/minutes`} className="text-base font-semibold text-civic-800 underline">
          {t('minutes.link')}
        </Link>
        {canStart ? <Button onClick={() => void run('meeting.start', {})}>{t('console.meeting.start')}</Button> : null}
        {state.status === 'live' ? <Button variant="danger" onClick={() => setClosing(true)}>{t('console.meeting.close')}</Button> : null}
      </div>
      {closing && state.status === 'live' ? <CloseMeetingDialog state={state} run={run} onDone={() => setClosing(false)} /> : null}
    </section>
  );
}
