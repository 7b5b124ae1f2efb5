import { z } from 'zod';

/**
 * The ICE servers (STUN/TURN) browsers use for a remote member's voice, from the environment. On a hall
 * LAN none are needed (host candidates connect the phone and the projector); over the internet a TURN
 * server relays what NAT blocks (docs/voice.md: coturn). Only the floor holder's and the projector's
 * connections receive them, since a TURN credential lets its holder relay traffic.
 *
 * - `YISHI_ICE_SERVERS`: a JSON array of RTCIceServer (`[{"urls":"turn:…","username":"…","credential":"…"}]`), or
 * - `YISHI_STUN_URL`, `YISHI_TURN_URL` with `YISHI_TURN_USERNAME` and `YISHI_TURN_CREDENTIAL`.
 */
const IceUrl = z.string().regex(/^(stun|stuns|turn|turns):[^\s]{1,250}$/, 'an ICE URL starts with stun:, stuns:, turn: or turns:');
export const IceServer = z.strictObject({
  urls: z.union([IceUrl, z.array(IceUrl).min(1).max(8)]),
  username: z.string().max(200).optional(),
  credential: z.string().max(200).optional(),
});
export type IceServer = z.infer<typeof IceServer>;

export function iceServersFromEnv(env: Record<string, string | undefined> = process.env): IceServer[] {
  const set = (k: string) => (env[k] ? env[k] : undefined); // an empty setting is unset
  const fail = (what: string, err: z.ZodError) => new Error(`${what} is invalid: ${err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const json = set('YISHI_ICE_SERVERS');
  if (json) {
    let raw: unknown;
    try { raw = JSON.parse(json); } catch { throw new Error('YISHI_ICE_SERVERS is not JSON'); }
    const parsed = z.array(IceServer).max(8).safeParse(raw);
    if (!parsed.success) throw fail('YISHI_ICE_SERVERS', parsed.error);
    return parsed.data;
  }
  const servers: unknown[] = [];
  if (set('YISHI_STUN_URL')) servers.push({ urls: set('YISHI_STUN_URL') });
  if (set('YISHI_TURN_URL')) servers.push({ urls: set('YISHI_TURN_URL'), username: set('YISHI_TURN_USERNAME'), credential: set('YISHI_TURN_CREDENTIAL') });
  const parsed = z.array(IceServer).safeParse(servers);
  if (!parsed.success) throw fail('STUN/TURN settings', parsed.error);
  return parsed.data;
}
