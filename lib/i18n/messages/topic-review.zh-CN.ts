/** Topics in the console: the register, the review queue (议题审核) and registering other paths' topics. */
export const topicReviewZhCN = {
  // ── topicReview (console) ──
  'topicReview.title': '议题征集与审核',
} as const;
