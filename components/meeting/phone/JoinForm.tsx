'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { useHydrated } from '@/components/ui/useHydrated';
import type { MessageKey } from '@/lib/i18n/format';
import { isShortCode, normalizeShortCode } from '@/lib/meeting/short-code';
import type { ErrorPayload } from '@/lib/platform/errors';
import { errorMessageKey } from './error-message';
import { errorField, requestAdmission, requestCheckInOnArrival, storeParticipantToken } from './participant-session';

// The same shapes lib/meeting/join.ts accepts; the meeting's own codes are 6 characters long.
const CODE_PATTERN = /^[A-Z0-9]{4,8}$/;
const CARD_MIN = 16;

type FieldErrors = { joinCode?: MessageKey; cardToken?: MessageKey; form?: { key: MessageKey; params?: Record<string, number> } };

/** A card QR encodes /j/<code>?card=<token>; a resident may also paste that whole link into the field. */
function cardTokenFrom(raw: string): string {
  const trimmed = raw.trim();
  const m = /[?&]card=([^&#\s]+)/.exec(trimmed);
  return m ? decodeURIComponent(m[1]!) : trimmed;
}

/** What the card field holds: the short code printed on the card, or (pasted) the card's long token. */
function cardEntry(raw: string): { via: 'card'; cardToken: string } | { via: 'code'; shortCode: string } {
  const token = cardTokenFrom(raw);
  return token.length >= CARD_MIN ? { via: 'card', cardToken: token } : { via: 'code', shortCode: normalizeShortCode(token) };
}

function errorsFromServer(error: ErrorPayload): FieldErrors {
  const field = errorField(error);
  if (error.code === 'NOT_FOUND' && field === 'joinCode') return { joinCode: 'join.error.codeNotFound' };
  if (error.code === 'NOT_FOUND' && field === 'shortCode') return { cardToken: 'join.error.cardWrong' };
  if (error.code === 'NOT_FOUND' && field === 'cardToken') {
    return error.details?.reason === 'no_open_meeting' ? { form: { key: 'join.error.noOpenMeeting' } } : { cardToken: 'join.error.cardNotFound' };
  }
  if (error.code === 'BAD_REQUEST' && field === 'joinCode') return { joinCode: 'join.error.codeFormat' };
  if (error.code === 'BAD_REQUEST' && (field === 'cardToken' || field === 'shortCode')) return { cardToken: 'join.error.cardWrong' };
  if (error.code === 'INVALID_STATE') return { form: { key: 'join.error.ended' } };
  if (error.code === 'RATE_LIMITED') {
    const sec = typeof error.details?.retryAfterSec === 'number' ? error.details.retryAfterSec : 600;
    return { form: { key: 'join.error.rateLimited', params: { minutes: Math.max(1, Math.ceil(sec / 60)) } } };
  }
  return { form: { key: errorMessageKey(error) } };
}

export function JoinForm({ initialCode = '', initialCard = '' }: { initialCode?: string; initialCard?: string }) {
  const t = useT();
  const router = useRouter();
  const id = useId();
  const [code, setCode] = useState(initialCode.toUpperCase());
  const [card, setCard] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  // A scanned card goes straight in: busy from the first render, so the form never flashes up.
  const [scanning, setScanning] = useState(initialCard !== '');
  const [busy, setBusy] = useState(false);
  // Until the form is hydrated a submit would be a native GET with the card token in the URL: wait for it.
  const hydrated = useHydrated();
  const started = useRef(false);

  async function enter(body: Parameters<typeof requestAdmission>[0], checkIn: boolean): Promise<FieldErrors | null> {
    const r = await requestAdmission(body);
    if (r.ok) {
      storeParticipantToken(r.admission.joinCode, r.admission.participantToken);
      // The card is the member's presence in the hall: the meeting page checks them in on arrival.
      if (checkIn) requestCheckInOnArrival(r.admission.joinCode);
      router.push(`/m/${r.admission.joinCode}`);
      return null; // stay busy while the meeting page loads
    }
    return errorsFromServer(r.error);
  }

  useEffect(() => {
    // Strict mode mounts twice in development; one admission per scan is enough.
    if (!initialCard || started.current) return;
    started.current = true;
    const joinCode = initialCode.replace(/\s+/g, '').toUpperCase();
    void enter({ via: 'card', cardToken: cardTokenFrom(initialCard), ...(CODE_PATTERN.test(joinCode) ? { joinCode } : {}) }, true).then((failed) => {
      if (!failed) return;
      setErrors(failed.cardToken ? { form: { key: failed.cardToken } } : failed);
      setScanning(false);
    });
  }, [initialCard, initialCode]); // eslint-disable-line react-hooks/exhaustive-deps

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const joinCode = code.replace(/\s+/g, '').toUpperCase();
    const entry = cardEntry(card);
    const local: FieldErrors = {};
    if (!joinCode) local.joinCode = 'join.error.codeRequired';
    else if (!CODE_PATTERN.test(joinCode)) local.joinCode = 'join.error.codeFormat';
    if (!card.trim()) local.cardToken = 'join.error.cardRequired';
    else if (entry.via === 'code' && !isShortCode(entry.shortCode)) local.cardToken = 'join.error.cardWrong';
    setErrors(local);
    if (local.joinCode || local.cardToken) {
      document.getElementById(local.joinCode ? `${id}-code` : `${id}-card`)?.focus();
      return;
    }
    setBusy(true);
    // Typed codes keep the explicit 签到 tap: only a scanned card stands for the member being in the hall.
    const server = await enter({ ...entry, joinCode }, false);
    if (!server) return;
    setBusy(false);
    setErrors(server);
    if (server.joinCode || server.cardToken) document.getElementById(server.joinCode ? `${id}-code` : `${id}-card`)?.focus();
  }

  if (scanning) {
    return (
      <p role="status" className="rounded-xl bg-civic-50 p-5 text-xl font-semibold text-ink">
        {t('join.scanning')}
      </p>
    );
  }

  const fieldError = (key: MessageKey | undefined, errId: string) =>
    key ? (
      <p id={errId} role="alert" className="mt-2 flex gap-2 rounded-lg bg-accent-50 p-3 text-lg font-semibold text-accent-800">
        <span aria-hidden="true">⚠</span>
        <span>{t(key)}</span>
      </p>
    ) : null;


  // The two code fields use the page's own typeface (bold, tabular figures) rather than a monospace one:
  // every typeface of the first frame is a font lookup before the join page can paint, and on the
  // bench's trace those lookups were most of the first layout (a monospace stack is three more).
  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-7">
      <div role="alert">
        {errors.form ? (
          <div className="rounded-xl border-2 border-accent-700 bg-accent-50 p-4 text-lg text-accent-900">
            <p className="font-bold">{t('join.error.title')}</p>
            <p className="mt-1">{t(errors.form.key, errors.form.params)}</p>
          </div>
        ) : null}
      </div>

      <div>
        <label htmlFor={`${id}-code`} className="block text-2xl font-bold text-ink">
          {t('join.codeLabel')}
        </label>
        <p id={`${id}-code-hint`} className="mt-1 text-lg text-ink-muted">
          {t('join.codeHint')}
        </p>
        <input
          id={`${id}-code`}
          name="joinCode"
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8))}
          inputMode="text"
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={8}
          aria-invalid={errors.joinCode ? true : undefined}
          aria-describedby={`${id}-code-hint${errors.joinCode ? ` ${id}-code-err` : ''}`}
          className={`mt-3 block w-full rounded-xl border-2 bg-white px-4 py-3 text-center text-4xl tabular-nums font-bold uppercase tracking-[0.3em] text-ink ${
            errors.joinCode ? 'border-accent-700' : 'border-ink/60'
          }`}
        />
        {fieldError(errors.joinCode, `${id}-code-err`)}
      </div>

      <div>
        <label htmlFor={`${id}-card`} className="block text-2xl font-bold text-ink">
          {t('join.cardLabel')}
        </label>
        <p id={`${id}-card-hint`} className="mt-1 text-lg text-ink-muted">
          {t('join.cardHint')}
        </p>
        <input
          id={`${id}-card`}
          name="cardToken"
          value={card}
          onChange={(e) => setCard(e.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          aria-invalid={errors.cardToken ? true : undefined}
          aria-describedby={`${id}-card-hint${errors.cardToken ? ` ${id}-card-err` : ''}`}
          className={`mt-3 block w-full rounded-xl border-2 bg-white px-4 py-3 text-center text-4xl tabular-nums font-bold uppercase tracking-[0.3em] text-ink ${
            errors.cardToken ? 'border-accent-700' : 'border-ink/60'
          }`}
        />
        {fieldError(errors.cardToken, `${id}-card-err`)}
      </div>

      <Button type="submit" size="large" className="w-full text-2xl" disabled={busy || !hydrated} aria-busy={busy}>
        {busy ? t('join.submitting') : t('join.submit')}
      </Button>
    </form>
  );
}
