'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ButtonLink } from '@/components/ui/ButtonLink';
import { useT } from '@/components/ui/I18nProvider';
import type { MessageKey } from '@/lib/i18n/format';
import { errorMessageKey } from './error-message';
import { requestAdmission, storeParticipantToken } from './participant-session';

/**
 * The remote invitation (/r/<token>) and observer (/o/<token>) links: admit this browser with the
 * token in the link, keep the participant token, and open the meeting.
 */
export function LinkJoin({ via, token }: { via: 'remote' | 'observer'; token: string }) {
  const t = useT();
  const router = useRouter();
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(true);
  const started = useRef(false);

  const run = useCallback(async () => {
    setBusy(true);
    setError(null);
    const r = await requestAdmission(via === 'remote' ? { via, inviteToken: token } : { via, observerToken: token });
    if (r.ok) {
      storeParticipantToken(r.admission.joinCode, r.admission.participantToken);
      router.replace(via === 'remote' ? `/m/${r.admission.joinCode}?remote=1` : `/m/${r.admission.joinCode}`);
      return;
    }
    setBusy(false);
    const e = r.error;
    if (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST') setError('join.link.invalid');
    else if (e.code === 'INVALID_STATE') setError('join.error.ended');
    else setError(errorMessageKey(e));
  }, [via, token, router]);

  useEffect(() => {
    // Strict mode mounts twice in development; one admission per visit is enough.
    if (started.current) return;
    started.current = true;
    void run();
  }, [run]);

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-ink">{t(via === 'remote' ? 'join.link.remoteTitle' : 'join.link.observerTitle')}</h1>
      <div role="status" aria-live="polite" className="text-xl">
        {busy ? <p className="text-ink">{t('join.link.working')}</p> : null}
      </div>
      <div role="alert">
        {error ? (
          <div className="rounded-xl border-2 border-accent-700 bg-accent-50 p-4 text-lg text-accent-900">
            <p className="font-bold">{t('join.error.title')}</p>
            <p className="mt-1">{t(error)}</p>
          </div>
        ) : null}
      </div>
      {error ? (
        <div className="flex flex-col gap-3">
          {error !== 'join.link.invalid' && error !== 'join.error.ended' ? (
            <Button size="large" onClick={() => void run()}>
              {t('join.link.retry')}
            </Button>
          ) : null}
          <ButtonLink href="/" variant="secondary" size="large">
            {t('common.backHome')}
          </ButtonLink>
        </div>
      ) : null}
    </div>
  );
}
