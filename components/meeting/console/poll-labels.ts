import type { Translate } from '@/lib/i18n/locale';
import type { Poll } from '@/lib/meeting/state';
import { majorityPresets, MOTION_OPTIONS, type MajorityRule } from '@/lib/voting/outcome';

// Display words for polls, shared by the console, the projector and the record. Labels only: no voting
// rule lives here.

export type MajorityPresetName = keyof typeof majorityPresets;
export const majorityPresetNames = Object.keys(majorityPresets) as MajorityPresetName[];

export function optionLabel(t: Translate, poll: Pick<Poll, 'kind'>, option: string): string {
  if (poll.kind === 'motion' && (MOTION_OPTIONS as readonly string[]).includes(option)) {
    return t(`meeting.poll.option.${option as (typeof MOTION_OPTIONS)[number]}`);
  }
  return option;
}

export function presetOf(rule: MajorityRule): MajorityPresetName | null {
  return majorityPresetNames.find((name) => {
    const p = majorityPresets[name];
    return p.basis === rule.basis && p.threshold === rule.threshold && p.abstentions === rule.abstentions;
  }) ?? null;
}

/** "按出席人数计算 · 过半数通过 · 弃权计入" */
export function ruleDetail(t: Translate, rule: MajorityRule): string {
  return [
    t(`meeting.poll.rule.${rule.basis}`),
    t(`meeting.poll.rule.${rule.threshold}`),
    t(`meeting.poll.rule.abstentions.${rule.abstentions}`),
  ].join(' · ');
}

export function ruleName(t: Translate, rule: MajorityRule): string {
  const preset = presetOf(rule);
  return preset ? t(`console.poll.preset.${preset}`) : ruleDetail(t, rule);
}

export function kindLabel(t: Translate, poll: Pick<Poll, 'kind' | 'maxChoices'>): string {
  return poll.kind === 'multiple' ? t('meeting.poll.kind.multiple', { max: poll.maxChoices }) : t(`meeting.poll.kind.${poll.kind}`);
}
