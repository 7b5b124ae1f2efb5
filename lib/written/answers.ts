/**
 * An addressee's answer (同意 / 修改意见 / 不同意) and the rule for its text: required for 修改意见 and
 * 不同意 (a disagreement without reasons cannot be weighed), optional for 同意. Browser-safe and without
 * zod: the addressee's phone page checks with the same rule the server applies (inputs.ts).
 */
export const writtenAnswers = ['agree', 'amend', 'disagree'] as const;
export type WrittenAnswer = (typeof writtenAnswers)[number];

export const REPLY_TEXT_MAX = 4000;

export type ReplyProblem = 'unknown_answer' | 'text_required' | 'text_too_long';

/** What is wrong with a reply, or null. `text` is taken as trimmed. */
export function replyProblem(answer: string, text: string): ReplyProblem | null {
  if (!(writtenAnswers as readonly string[]).includes(answer)) return 'unknown_answer';
  const t = text.trim();
  if (t.length > REPLY_TEXT_MAX) return 'text_too_long';
  if (answer !== 'agree' && t.length === 0) return 'text_required';
  return null;
}
