'use client';

import { useT } from '@/components/ui/I18nProvider';
import { openSpacePhases, type OpenSpacePhase } from '@/lib/meeting/procedure/openspace/model';

/**
 * Where the open space is: its four phases as numbered steps, the current one marked (in words for a
 * screen reader, by colour and weight for the eye). The same picture on the phone, console and projector.
 */
export function PhaseSteps({ phase, size = 'normal' }: { phase: OpenSpacePhase; size?: 'normal' | 'huge' }) {
  const t = useT();
  const at = openSpacePhases.indexOf(phase);
  return (
    <ol className={`flex flex-wrap gap-x-1 gap-y-1 ${size === 'huge' ? 'text-3xl' : 'text-base'}`} aria-label={t('meeting.os.phases')}>
      {openSpacePhases.map((p, i) => (
        <li key={p} aria-current={i === at ? 'step' : undefined}
          className={`flex items-center gap-1 rounded-full px-3 py-0.5 ${i === at ? 'bg-civic-800 font-bold text-white' : i < at ? 'bg-civic-100 text-civic-900' : 'border border-ink/20 text-ink-muted'}`}>
          <span className="tabular-nums" aria-hidden="true">{i < at ? '✓' : i + 1}</span>
          {t(`meeting.os.phase.${p}`)}
        </li>
      ))}
    </ol>
  );
}
