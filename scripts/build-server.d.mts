// Types for scripts/build-server.mjs, which plain node runs (start.mjs) and the TypeScript tests import.
export const SERVER_BUNDLE: string;
export function serverBundleIsStale(): boolean;
export function ensureServerBundle(): Promise<string>;
