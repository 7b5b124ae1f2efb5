'use client';

import { useT } from '@/components/ui/I18nProvider';
import { StepList } from '@/components/ui/StepList';
import { openSpacePhases, type OpenSpacePhase } from '@/lib/meeting/procedure/openspace/model';

/** The open space's four phases, the same picture on the phone, console and projector. */
export function PhaseSteps({ phase, size = 'normal' }: { phase: OpenSpacePhase; size?: 'normal' | 'huge' }) {
  const t = useT();
  return <StepList steps={openSpacePhases.map((p) => ({ id: p, label: t(`meeting.os.phase.${p}`) }))} current={phase} label={t('meeting.os.phases')} size={size} />;
}
