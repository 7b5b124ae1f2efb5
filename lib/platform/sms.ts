import { z } from 'zod';
import { AppError } from './errors';

/**
 * Text messages to residents' phones (one-time codes for now). Two senders behind one interface:
 * - the log sender (default): prints the message in the server log, and in demo mode lets the page show the
 *   code, so the product works on a machine with no SMS contract;
 * - an HTTP provider: a JSON POST to `YISHI_SMS_URL` with `{ to, text, sender }`, a bearer token from
 *   `YISHI_SMS_TOKEN`; any answer other than 2xx is a failure. Most Chinese SMS gateways take such a call
 *   directly or through a small relay.
 */
export interface SmsSender {
  /** whether the page may show what was sent (the log sender in demo mode): never with a real provider */
  readonly revealsCodes: boolean;
  send(to: string, text: string): Promise<void>;
}

export class LogSmsSender implements SmsSender {
  constructor(readonly revealsCodes: boolean, private log: (line: string) => void = (line) => console.log(line)) {}
  async send(to: string, text: string): Promise<void> {
    this.log(`[sms] to ${to}: ${text}`);
  }
}

/**
 * The provider's failures go to the server log for the operator, never into the answer: AppError details
 * reach whoever asked for a code (anyone), and a gateway's error text can name the account, its balance
 * or the relay's address.
 */
export class HttpSmsSender implements SmsSender {
  readonly revealsCodes = false;
  constructor(
    private opts: { url: string; token?: string; sender?: string; timeoutMs?: number },
    private log: (line: string) => void = (line) => console.error(line),
  ) {}

  async send(to: string, text: string): Promise<void> {
    const failed = () => new AppError('UNAVAILABLE', 'The text message could not be sent; try again shortly');
    let res: Response;
    try {
      res = await fetch(this.opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.opts.token ? { authorization: `Bearer ${this.opts.token}` } : {}) },
        body: JSON.stringify({ to, text, sender: this.opts.sender ?? 'Yishi' }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      this.log(`[sms] provider unreachable: ${String(err)}`);
      throw failed();
    }
    // The body is drained either way so the connection is reused.
    const answer = await res.text().catch(() => '');
    if (!res.ok) {
      this.log(`[sms] provider answered ${res.status}: ${answer.slice(0, 200)}`);
      throw failed();
    }
  }
}

const SmsEnv = z.object({
  YISHI_SMS_URL: z.url({ protocol: /^https?$/ }).optional(),
  YISHI_SMS_TOKEN: z.string().min(1).optional(),
  YISHI_SMS_SENDER: z.string().min(1).max(40).optional(),
  YISHI_DEMO: z.enum(['0', '1']).optional(),
});

/** The sender the environment names: the HTTP provider when YISHI_SMS_URL is set, else the log sender. */
export function smsSenderFromEnv(env: NodeJS.ProcessEnv = process.env): SmsSender {
  // An empty setting (`YISHI_SMS_URL=` in an env file or compose file) is unset, as for YISHI_PUBLIC_URL.
  const parsed = SmsEnv.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) throw new Error(`SMS settings are invalid: ${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  if (e.YISHI_SMS_URL) return new HttpSmsSender({ url: e.YISHI_SMS_URL, token: e.YISHI_SMS_TOKEN, sender: e.YISHI_SMS_SENDER });
  return new LogSmsSender(e.YISHI_DEMO === '1');
}
