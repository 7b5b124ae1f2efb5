'use client';

import { useT } from '@/components/ui/I18nProvider';
import { StepList } from '@/components/ui/StepList';
import { hearingStages, type HearingStage } from '@/lib/meeting/procedure/hearing/model';

/** The hearing's order of proceedings, the same picture on the phone, console and projector. */
export function StageSteps({ stage, size = 'normal' }: { stage: HearingStage | null; size?: 'normal' | 'huge' }) {
  const t = useT();
  return <StepList steps={hearingStages.map((s) => ({ id: s, label: t(`meeting.hearing.stage.${s}`) }))} current={stage} label={t('meeting.hearing.stages')} size={size} />;
}

/** The end of a turn's time, on the server's clock. */
export const turnEndsAt = (t: { startedAt: string; limitSec: number }) => new Date(Date.parse(t.startedAt) + t.limitSec * 1000).toISOString();
