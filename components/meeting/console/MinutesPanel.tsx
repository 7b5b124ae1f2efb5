'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Card } from '@/components/ui/Card';
import { useT } from '@/components/ui/I18nProvider';
import type { MeetingState } from '@/lib/meeting/state';
import type { RunCommand } from './useCommandRunner';

/** Whether residents, remote participants and the projector may follow the minutes (read-only). */
export function MinutesPanel({ state, run }: { state: MeetingState; run: RunCommand }) {
  const t = useT();
  // Shown at once while the server confirms; a refusal (toast) puts the box back to the meeting's state.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const checked = wanted ?? state.minutesPublic;
  async function toggle(next: boolean) {
    setWanted(next);
    await run('meeting.update', { minutesPublic: next });
    setWanted(null);
  }
  return (
    <Card title={t('minutes.public.title')} className="!p-4">
      <label className="flex items-start gap-3 text-base font-semibold">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => void toggle(e.target.checked)}
          className="mt-1 size-5 shrink-0 accent-civic-800"
        />
        {t('minutes.public.label')}
      </label>
      <p className="mt-1 text-sm text-ink-muted">{t(checked ? 'minutes.public.on' : 'minutes.public.off')}</p>
      <Link href={`/console/meetings/${state.meetingId}/minutes`} className="mt-2 inline-block text-base font-semibold text-civic-800 underline">
        {t('minutes.public.open')}
      </Link>
    </Card>
  );
}
