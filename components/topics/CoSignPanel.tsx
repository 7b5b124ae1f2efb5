'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiError, postJson } from '@/components/scoring/api-error';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { DeclarationFields, emptyDeclaration } from './DeclarationFields';
import { PhoneConfirm } from './PhoneConfirm';
import { topicErrorKey, type ResidentView } from './resident-api';

/**
 * Co-signing (居民联名) on a proposal's page: confirm the phone, declare, sign; a co-signer may withdraw
 * until review. The page's counts come from the server (refreshed after each change), never from here.
 */
export function CoSignPanel({ topicId, resident, mine }: {
  topicId: string; resident: ResidentView; mine: { signed: boolean; proposer: boolean } | null;
}) {
  const t = useT();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [declaration, setDeclaration] = useState(emptyDeclaration);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function run(url: string, body: unknown, doneKey: 'topic.cosign.done' | 'topic.cosign.withdrawn') {
    setBusy(true);
    setError(null);
    try {
      await postJson(url, body);
      setDone(t(doneKey));
      router.refresh();
    } catch (e) {
      const err = e as ApiError;
      setError(t(topicErrorKey(err)));
      if (err.code === 'UNAUTHENTICATED') router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const base = `/api/topics/${encodeURIComponent(topicId)}/cosign`;
  let body;
  if (resident && mine?.signed) {
    body = (
      <>
        <p className="text-xl font-semibold text-ok-600">{mine.proposer ? t('topic.cosign.youProposed') : t('topic.cosign.youSigned')}</p>
        {!mine.proposer ? (
          <Button variant="secondary" size="large" disabled={busy} onClick={() => void run(`${base}/withdraw`, {}, 'topic.cosign.withdrawn')}>{t('topic.cosign.withdraw')}</Button>
        ) : null}
      </>
    );
  } else if (!asking && !resident) {
    body = <Button size="large" className="w-full" onClick={() => setAsking(true)}>{t('topic.cosign.start')}</Button>;
  } else if (!resident) {
    body = <PhoneConfirm onConfirmed={() => router.refresh()} />;
  } else {
    body = (
      <form className="space-y-4" onSubmit={(e) => { e.preventDefault(); void run(base, declaration, 'topic.cosign.done'); }}>
        <p className="rounded-xl bg-civic-50 px-3 py-2 text-base">{t('topic.phone.confirmedAs', { phone: resident.phoneMasked })}</p>
        <DeclarationFields value={declaration} onChange={setDeclaration} />
        <Button type="submit" size="large" className="w-full" disabled={busy}>{t('topic.cosign.submit')}</Button>
      </form>
    );
  }
  return (
    <section aria-labelledby="cosign-title" className="space-y-3 rounded-2xl border-2 border-civic-700 bg-white p-4">
      <h2 id="cosign-title" className="text-xl font-semibold">{t('topic.cosign.title')}</h2>
      {body}
      <p role="status" className="text-lg text-ok-600">{done ?? ''}</p>
      <p role="alert" className="text-lg font-semibold text-accent-800">{error ?? ''}</p>
    </section>
  );
}
