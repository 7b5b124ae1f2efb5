/** Message keys of the console area (see the conventions at the top of zh-CN.ts). */
export const consoleZhCN = {
} satisfies Record<string, string>;
