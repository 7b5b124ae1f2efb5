import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { t } from '../i18n/locale';
import type { Db } from '../platform/db/client';
import { AppError, parseOrThrow } from '../platform/errors';
import { AttemptLimiter } from '../platform/rate-limit';
import type { SmsSender } from '../platform/sms';
import { hashToken, newId, newToken } from '../platform/tokens';
import { platformKey } from '../record/platform-key';

/**
 * Residents have no accounts: a resident confirms a phone number with a one-time code and gets a short-lived
 * session of their own (RESIDENT_COOKIE), which proposes, co-signs, objects and rates — and can do nothing
 * staff can. Only hashes are stored: the code (it is a credential while it lives) and the number, keyed
 * (HMAC), so the database holds no phone numbers, and one number hashes alike everywhere (one co-signature
 * per number and topic is a unique key on the hash).
 */

export const RESIDENT_COOKIE = 'yishi_resident';
const CODE_TTL_MS = 5 * 60_000;
const SESSION_TTL_MS = 2 * 3600_000;
/** wrong codes allowed on one sent code before it is spent */
const TRIES_PER_CODE = 5;

/** A mainland mobile number: 11 digits starting 1[3-9]; spaces, dashes, brackets and a +86 / 0086 prefix are forgiven. */
export const PhoneNumber = z.string().max(30)
  .transform((s) => s.replace(/[\s\-()（）]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, 'Enter an 11-digit mobile number'));
export const RequestCodeInput = z.strictObject({ phone: PhoneNumber });
export const ConfirmCodeInput = z.strictObject({ phone: PhoneNumber, code: z.string().trim().regex(/^\d{6}$/, 'The code has 6 digits') });

export type ResidentIdentity = { phoneHash: string; phoneMasked: string; expiresAt: Date };

export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/**
 * The limits on sending codes: per number (a stranger cannot flood one phone) and per address (one client
 * cannot walk through numbers). A hall's residents share one address, so its budget is larger.
 */
export const codeLimits = { perPhone: { points: 3, perSeconds: 15 * 60 }, perAddress: { points: 100, perSeconds: 15 * 60 } };

export class PhoneIdentity {
  private perPhone = new AttemptLimiter(codeLimits.perPhone.points, codeLimits.perPhone.perSeconds);
  private perAddress = new AttemptLimiter(codeLimits.perAddress.points, codeLimits.perAddress.perSeconds);
  private key: Promise<Buffer> | null = null;

  constructor(private db: Db, private sms: SmsSender, private opts: { phoneKey?: string } = {}) {}

  /**
   * The HMAC key for phone numbers: YISHI_PHONE_KEY when the deployment keeps it outside the database, else
   * derived from the platform key (a database copy alone then still needs the key row to test numbers).
   */
  private async phoneKey(): Promise<Buffer> {
    this.key ??= this.opts.phoneKey
      ? Promise.resolve(Buffer.from(this.opts.phoneKey))
      : platformKey(this.db).then((k) => createHmac('sha256', 'yishi-phone-hash').update(k.privateKeyPem).digest());
    return this.key;
  }

  async phoneHash(phone: string): Promise<string> {
    return createHmac('sha256', await this.phoneKey()).update(phone).digest('base64url');
  }

  /** Sends a 6-digit code. `shown` is the code only when the sender may reveal it (demo mode). */
  async requestCode(raw: unknown, address: string): Promise<{ expiresAt: Date; shown: string | null }> {
    const { phone } = parseOrThrow(RequestCodeInput, raw);
    await this.perAddress.take(address);
    await this.perPhone.take(phone);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const phoneHash = await this.phoneHash(phone);
    const expiresAt = new Date(Date.now() + CODE_TTL_MS);
    const id = newId();
    const { createdAt } = await this.db.phoneCode.create({ data: { id, phoneHash, codeHash: hashToken(`${phoneHash}:${code}`), expiresAt } });
    try {
      // Texts go out in Chinese: the resident has no language setting before confirming a number.
      await this.sms.send(phone, t('zh-CN', 'topic.sms.code', { code }));
    } catch (err) {
      // A code that never left does not count, nor replace the one the phone already has.
      await this.db.phoneCode.deleteMany({ where: { id } });
      throw err;
    }
    // A new code replaces the older ones once it is sent: only the latest message is the one to type. (Only
    // older ones: of two requests sent together, neither may retire the other's newer code.)
    await this.db.phoneCode.updateMany({ where: { phoneHash, usedAt: null, createdAt: { lt: createdAt } }, data: { usedAt: new Date() } });
    return { expiresAt, shown: this.sms.revealsCodes ? code : null };
  }

  /** Checks the code and opens a resident session; the same answer for a wrong, expired or used code. */
  async confirmCode(raw: unknown): Promise<{ token: string; resident: ResidentIdentity }> {
    const { phone, code } = parseOrThrow(ConfirmCodeInput, raw);
    const phoneHash = await this.phoneHash(phone);
    const now = new Date();
    const latest = await this.db.phoneCode.findFirst({ where: { phoneHash, usedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: 'desc' } });
    const wrong = new AppError('BAD_REQUEST', 'The code is wrong or has expired; ask for a new one', { field: 'code' });
    if (!latest) throw wrong;
    // Each try is counted before the comparison, so parallel guesses cannot outrun the limit.
    const counted = await this.db.phoneCode.updateMany({ where: { id: latest.id, usedAt: null, attempts: { lt: TRIES_PER_CODE } }, data: { attempts: { increment: 1 } } });
    if (counted.count === 0) throw wrong;
    if (!sameHash(latest.codeHash, hashToken(`${phoneHash}:${code}`))) throw wrong;
    // Spent once: of two parallel right answers only one opens a session.
    const spent = await this.db.phoneCode.updateMany({ where: { id: latest.id, usedAt: null }, data: { usedAt: now } });
    if (spent.count === 0) throw wrong;
    const token = newToken();
    const resident = { phoneHash, phoneMasked: maskPhone(phone), expiresAt: new Date(now.getTime() + SESSION_TTL_MS) };
    await this.db.residentSession.create({ data: { tokenHash: hashToken(token), ...resident } });
    return { token, resident };
  }

  residentFromSession(token: string | null | undefined): Promise<ResidentIdentity | null> {
    return residentFromSession(this.db, token);
  }

  async endSession(token: string | null | undefined): Promise<void> {
    if (token) await this.db.residentSession.deleteMany({ where: { tokenHash: hashToken(token) } });
  }
}

/** The resident a session cookie stands for, or null (none, unknown or expired). */
export async function residentFromSession(db: Db, token: string | null | undefined): Promise<ResidentIdentity | null> {
  if (!token) return null;
  const s = await db.residentSession.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!s || s.expiresAt.getTime() < Date.now()) return null;
  return { phoneHash: s.phoneHash, phoneMasked: s.phoneMasked, expiresAt: s.expiresAt };
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
