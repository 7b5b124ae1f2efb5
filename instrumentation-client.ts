// Runs in the browser before any of the app's modules (Next's client instrumentation hook).
//
// The pages' Content-Security-Policy has no 'unsafe-eval' (server/security-headers.ts). zod probes
// `new Function` when it builds its first object schema, to decide whether to compile parsers; the
// probe's error is caught, but the browser still reports a CSP violation. jitless skips the probe and
// the compiled parsers (which the policy would refuse anyway). It must be set before any module builds
// a schema, hence here rather than in a component. The server keeps zod's compiled parsers.
//
// zod keeps its settings on `globalThis.__zod_globalConfig` (so that several copies share them), and
// reads them when a schema is built: setting them there spares the pages that never use zod (the
// resident's join page) the 30 KB of zod that importing it here put into every page.
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
zodGlobal.__zod_globalConfig = { ...zodGlobal.__zod_globalConfig, jitless: true };
