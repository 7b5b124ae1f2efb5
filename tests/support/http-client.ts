// Setup file of the integration tests (vitest.config.ts): every `fetch` — the tests' own and the
// protocol client's `postJson` — goes on a connection of its own.
//
// Why: Node's fetch keeps idle connections and reuses them. When the server closes one (its keep-alive
// timeout, or a test restarting it) just as the next request is written to it, that request fails with
// "fetch failed … other side closed"; on a busy CI machine the client learns of the close too late.
// Retrying would cover only idempotent requests, and most of these are POSTs that must not run twice;
// a fresh connection costs a fraction of a millisecond on loopback and is never one the server is closing.
const fetchReusingConnections = globalThis.fetch;

globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  if (!headers.has('connection')) headers.set('connection', 'close');
  return fetchReusingConnections(input, { ...init, headers });
};
