import type { topicsZhCN } from './topics.zh-CN';

export const topicsEn: Record<keyof typeof topicsZhCN, string> = {
  'topic.section.title': 'Residents’ topics',
};
