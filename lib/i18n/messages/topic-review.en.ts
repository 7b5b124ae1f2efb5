import type { topicReviewZhCN } from './topic-review.zh-CN';

export const topicReviewEn: Record<keyof typeof topicReviewZhCN, string> = {
  'topicReview.title': 'Topic intake and review',
};
