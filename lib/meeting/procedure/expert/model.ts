/**
 * An expert consultation's (专家咨询) stages as the log folds them: asked (the question and who asked) →
 * accepted or declined by staff → (the notice: the meeting's own notices) → written opinions of the
 * invited experts, before or instead of the sitting → the conclusion → fed back to whoever asked. Null in
 * the state until it is asked, and in other forms.
 */
export const askerKinds = ['topic', 'unit', 'resident', 'staff'] as const;
export type AskerKind = (typeof askerKinds)[number];
export const feedbackChannels = ['topic', 'direct'] as const;
export type FeedbackChannel = (typeof feedbackChannels)[number];

export type ExpertOpinion = { seatId: string; expertName: string; title: string; text: string; at: string; revisions: number };

export type ExpertLifecycle = {
  question: string;
  asker: { kind: AskerKind; name: string; topicId: string | null };
  askedAt: string;
  acceptance: { accepted: boolean; reason: string; at: string; by: string } | null;
  /** each invited expert's latest written opinion (the latest counts; `revisions` how many they gave) */
  opinions: ExpertOpinion[];
  conclusion: { text: string; at: string; by: string } | null;
  feedback: { channel: FeedbackChannel; note: string; at: string; by: string } | null;
};

export const QUESTION_MAX = 4000;
export const OPINION_TITLE_MAX = 200;
export const OPINION_TEXT_MAX = 10_000;
export const CONCLUSION_MAX = 4000;
