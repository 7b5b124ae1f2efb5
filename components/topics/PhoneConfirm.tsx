'use client';

import { useEffect, useState } from 'react';
import { ApiError, postJson } from '@/components/scoring/api-error';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { topicErrorKey, type ResidentView } from './resident-api';

const RESEND_AFTER_SEC = 60;
const field = 'mt-1 block w-full rounded-xl border-2 border-ink/30 bg-white px-3 py-2 text-xl text-ink focus:border-civic-700';

/**
 * Confirming a phone number with a one-time code: the resident's identity for proposing, co-signing and
 * rating (no account, no password). In demo mode the server returns the code and it is shown here.
 */
export function PhoneConfirm({ onConfirmed }: { onConfirmed: (resident: NonNullable<ResidentView>) => void }) {
  const t = useT();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [demoCode, setDemoCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [wait, setWait] = useState(0);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  async function send() {
    setBusy(true);
    setError(null);
    try {
      const r = await postJson<{ demoCode?: string }>('/api/residents/code', { phone });
      setSent(true);
      setDemoCode(r.demoCode ?? null);
      setWait(RESEND_AFTER_SEC);
    } catch (e) {
      setError(t(topicErrorKey(e as ApiError)));
    } finally {
      setBusy(false);
    }
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const r = await postJson<{ resident: NonNullable<ResidentView> }>('/api/residents/confirm', { phone, code });
      onConfirmed(r.resident);
    } catch (e) {
      setError(t(topicErrorKey(e as ApiError)));
      setBusy(false);
    }
  }

  return (
    <form
      className="space-y-4 rounded-2xl border border-ink/15 bg-white p-4"
      aria-labelledby="phone-confirm-title"
      onSubmit={(e) => { e.preventDefault(); void (sent ? confirm() : send()); }}
    >
      <div>
        <h2 id="phone-confirm-title" className="text-xl font-semibold text-ink">{t('topic.phone.title')}</h2>
        <p className="mt-1 text-base text-ink-muted">{t('topic.phone.why')}</p>
      </div>
      <label className="block text-lg font-medium">
        {t('topic.phone.number')}
        <input
          className={field} type="tel" inputMode="numeric" autoComplete="tel" maxLength={20} required
          value={phone} onChange={(e) => setPhone(e.target.value)} readOnly={sent} aria-describedby="phone-confirm-error"
        />
      </label>
      {sent ? (
        <>
          <label className="block text-lg font-medium">
            {t('topic.phone.code')}
            <input
              className={`${field} tracking-[0.3em]`} inputMode="numeric" autoComplete="one-time-code" maxLength={6} pattern="[0-9]{6}" required autoFocus
              value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} aria-describedby="phone-confirm-error"
            />
          </label>
          <p className="text-base text-ink-muted" role="status">{t('topic.phone.sent')}</p>
          {demoCode ? <p className="rounded-xl bg-civic-50 border border-civic-700 px-3 py-2 text-lg" data-testid="demo-code">{t('topic.phone.demoCode', { code: demoCode })}</p> : null}
        </>
      ) : null}
      <p id="phone-confirm-error" role="alert" className="text-lg font-semibold text-accent-800">{error ?? ''}</p>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" size="large" disabled={busy}>{sent ? t('topic.phone.confirm') : t('topic.phone.send')}</Button>
        {sent ? (
          <Button type="button" variant="secondary" size="large" disabled={busy || wait > 0} onClick={() => { setCode(''); void send(); }}>
            {wait > 0 ? t('topic.phone.resendIn', { seconds: wait }) : t('topic.phone.resend')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
