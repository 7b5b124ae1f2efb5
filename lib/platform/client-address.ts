/**
 * The client's address, for the per-address limits (logins, join codes, handshakes, SMS codes). Behind a
 * load balancer every connection comes from the balancer, so all clients would share one budget and one
 * abuser could lock the hall out: the balancer's word is taken instead — `X-Real-IP`, which nginx sets
 * itself (deploy/nginx.ts) — but only from a peer named as a trusted proxy. From anyone else the header is
 * the client's own to forge, and is ignored.
 */
export function clientAddressOf(peer: string | undefined, realIpHeader: string | string[] | undefined, trustedProxies: ReadonlySet<string>): string {
  const address = peer ?? 'unknown';
  const trusted = trustedProxies.has(address) || trustedProxies.has(address.replace(/^::ffff:/, ''));
  if (!trusted || typeof realIpHeader !== 'string') return address;
  const real = realIpHeader.trim();
  return /^[0-9A-Fa-f.:]{2,45}$/.test(real) ? real : address;
}

/** YISHI_TRUSTED_PROXIES: the balancers' addresses, comma-separated (e.g. `127.0.0.1` for a local nginx). */
export function trustedProxiesFromEnv(env: Record<string, string | undefined>): ReadonlySet<string> {
  return new Set((env.YISHI_TRUSTED_PROXIES ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}
