import type { MessageKey, MessageParams } from '@/lib/i18n/locale';
import type { Poll } from '@/lib/meeting/state';

type T = (key: MessageKey, params?: MessageParams) => string;

/** A motion's options are the fixed values yes/no/abstain (shown as 赞成/反对/弃权); others are the text typed in. */
export function optionLabel(t: T, poll: Pick<Poll, 'kind'>, option: string): string {
  if (poll.kind === 'motion' && (option === 'yes' || option === 'no' || option === 'abstain')) {
    return t(`meeting.poll.option.${option}`);
  }
  return option;
}

export function choicesLabel(t: T, poll: Pick<Poll, 'kind'>, choices: string[]): string {
  return choices.map((c) => optionLabel(t, poll, c)).join('、');
}
