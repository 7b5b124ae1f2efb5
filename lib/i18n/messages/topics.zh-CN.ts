/** Topics on the resident's side: the board's topic list, proposing, co-signing, the topic's page. */
export const topicsZhCN = {
  // ── topic (board, phone) ──
  'topic.section.title': '居民议题',
} as const;
