'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import type { ErrorPayload } from '@/lib/platform/errors';

/** Username + password → POST /api/auth/login (sets the session cookie) → the console. */
export function LoginForm() {
  const t = useT();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Until the form is hydrated a submit would be a native GET with the password in the URL: wait for it.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  function messageFor(err: ErrorPayload | undefined): string {
    if (!err) return t('meeting.error.INTERNAL');
    if (err.code === 'UNAUTHENTICATED') return t('login.error.wrong');
    if (err.code === 'RATE_LIMITED') {
      const sec = Number(err.details?.retryAfterSec ?? 0);
      return sec > 0 ? t('login.error.rateLimited', { minutes: Math.max(1, Math.ceil(sec / 60)) }) : t('meeting.error.RATE_LIMITED');
    }
    if (err.code === 'BAD_REQUEST') return t('login.error.missing');
    return t('meeting.error.INTERNAL');
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!username || !password) return setError(t('login.error.missing'));
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.ok) {
        router.replace('/console');
        router.refresh();
        return;
      }
      const body = (await res.json().catch(() => null)) as { error?: ErrorPayload } | null;
      setError(messageFor(body?.error));
    } catch {
      setError(t('meeting.error.INTERNAL'));
    }
    setBusy(false);
  }

  const field = 'mt-1 block w-full rounded-lg border-2 border-ink/30 bg-white px-3 py-2 text-lg text-ink focus:border-civic-700';
  return (
    <form method="post" onSubmit={submit} noValidate className="mt-8 space-y-5" aria-describedby={error ? 'login-error' : undefined}>
      <div>
        <label htmlFor="login-username" className="text-base font-semibold text-ink">{t('login.username')}</label>
        <input id="login-username" name="username" autoComplete="username" required autoFocus className={field} aria-invalid={!!error} />
      </div>
      <div>
        <label htmlFor="login-password" className="text-base font-semibold text-ink">{t('login.password')}</label>
        <input id="login-password" name="password" type="password" autoComplete="current-password" required className={field} aria-invalid={!!error} />
      </div>
      {error ? (
        <p id="login-error" role="alert" className="rounded-lg border-2 border-accent-700 bg-accent-50 px-3 py-2 text-base font-medium text-accent-800">
          {error}
        </p>
      ) : null}
      <Button type="submit" size="large" className="w-full" disabled={busy || !hydrated} aria-busy={busy}>
        {busy ? t('login.submitting') : t('login.submit')}
      </Button>
    </form>
  );
}
