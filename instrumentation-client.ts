// Runs in the browser before any of the app's modules (Next's client instrumentation hook).
import { z } from 'zod';

// The pages' Content-Security-Policy has no 'unsafe-eval' (server/security-headers.ts). zod probes
// `new Function` when it builds its first object schema, to decide whether to compile parsers; the
// probe's error is caught, but the browser still reports a CSP violation. jitless skips the probe and
// the compiled parsers (which the policy would refuse anyway). It must be set before any module builds
// a schema, hence here rather than in a component. The server keeps zod's compiled parsers.
z.config({ jitless: true });
