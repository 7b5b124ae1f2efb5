import type { consoleZhCN } from './console.zh-CN';

export const consoleEn: Record<keyof typeof consoleZhCN, string> = {
};
