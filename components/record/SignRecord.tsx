'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import type { MessageKey } from '@/lib/i18n/locale';
import { toHex } from '@/lib/record/keys';
import { keyFingerprint } from '@/lib/record/verify';
import { createBrowserCrypto } from './browser-crypto';
import { deviceKey, signRecord, type DeviceKey } from './device-key';
import { ApiRefusal, recordUrls, requestJson, type RecordBundleView, type RecordStatusView } from './record-api';
import { shortFingerprint } from './record-labels';

type Phase =
  | { kind: 'idle' }
  | { kind: 'preparing' }
  | { kind: 'confirm'; key: DeviceKey; fingerprint: string }
  | { kind: 'working'; step: 'sign' | 'send'; key: DeviceKey; fingerprint: string }
  | { kind: 'error'; message: string; detail?: string };

const refusals: Record<string, MessageKey> = {
  UNAUTHENTICATED: 'record.sign.error.UNAUTHENTICATED',
  FORBIDDEN: 'record.sign.error.FORBIDDEN',
  BAD_REQUEST: 'record.sign.error.BAD_REQUEST',
  INVALID_STATE: 'record.sign.error.INVALID_STATE',
  NOT_FOUND: 'record.sign.error.NOT_FOUND',
};

/**
 * 签署记录 for a required signer who has not signed: a confirm step shows what is signed (the record's
 * hash) and with which key (this device's, by fingerprint); then the device signs the exact bytes of
 * record.json and the server checks the signature before it counts it.
 */
export function SignRecord({ record, staffId, onSigned }: {
  record: RecordStatusView;
  staffId: string;
  onSigned: (status: RecordStatusView, key: DeviceKey) => void;
}) {
  const t = useT();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  function fail(err: unknown) {
    if (err instanceof ApiRefusal) {
      const key = refusals[err.code];
      setPhase({ kind: 'error', message: key ? t(key) : t('record.sign.error.other', { code: err.code }), detail: err.message });
    } else if (err instanceof TypeError) {
      setPhase({ kind: 'error', message: t('record.sign.error.network') });
    } else {
      setPhase({ kind: 'error', message: t('record.sign.error.device'), detail: err instanceof Error ? err.message : String(err) });
    }
  }

  async function prepare() {
    setPhase({ kind: 'preparing' });
    try {
      const key = await deviceKey(staffId);
      setPhase({ kind: 'confirm', key, fingerprint: await keyFingerprint(createBrowserCrypto(), key.publicKeyPem) });
    } catch (err) {
      fail(err);
    }
  }

  async function sign(key: DeviceKey, fingerprint: string) {
    setPhase({ kind: 'working', step: 'sign', key, fingerprint });
    try {
      // The exact text the server froze, fetched now; it must hash to what the signer was shown.
      const bundle = await requestJson<RecordBundleView>(recordUrls.bundle(record.recordId));
      const bytes = new TextEncoder().encode(bundle.recordJson);
      if (toHex(await createBrowserCrypto().sha256(bytes)) !== record.hash) {
        setPhase({ kind: 'error', message: t('record.sign.error.mismatch') });
        return;
      }
      const signed = await signRecord(staffId, bytes);
      setPhase({ kind: 'working', step: 'send', key, fingerprint });
      const status = await requestJson<RecordStatusView>(recordUrls.signatures(record.recordId), {
        method: 'POST',
        body: { publicKeyPem: signed.publicKeyPem, signature: signed.signature },
      });
      setPhase({ kind: 'idle' });
      onSigned(status, key);
    } catch (err) {
      fail(err);
    }
  }

  if (phase.kind === 'idle' || phase.kind === 'preparing') {
    return (
      <div>
        <Button size="large" className="w-full" onClick={() => void prepare()} disabled={phase.kind === 'preparing'}>
          {t('record.sign.button')}
        </Button>
        {phase.kind === 'preparing' ? <p role="status" className="mt-2 text-base text-ink-muted">{t('record.sign.preparing')}</p> : null}
      </div>
    );
  }

  if (phase.kind === 'error') {
    return (
      <div role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-4">
        <p className="text-lg font-semibold text-accent-800">{phase.message}</p>
        {phase.detail ? <p className="mt-1 text-sm text-ink-muted">{t('record.sign.error.detail', { detail: phase.detail })}</p> : null}
        <div className="mt-3 flex flex-wrap gap-3">
          <Button onClick={() => void prepare()}>{t('common.retry')}</Button>
          <Button variant="secondary" onClick={() => setPhase({ kind: 'idle' })}>{t('common.cancel')}</Button>
        </div>
      </div>
    );
  }

  const working = phase.kind === 'working';
  return (
    <section aria-labelledby="sign-confirm" className="rounded-xl border-2 border-civic-800 bg-civic-50 p-4">
      <h3 id="sign-confirm" className="text-lg font-bold text-ink">{t('record.sign.confirmTitle')}</h3>
      <p className="mt-1 text-base">{t('record.sign.confirmIntro')}</p>
      <dl className="mt-3 space-y-2 text-base">
        <div>
          <dt className="font-semibold">{t('record.hash')}</dt>
          <dd className="break-all font-mono text-sm">{record.hash}</dd>
        </div>
        <div>
          <dt className="font-semibold">{t('record.sign.deviceKey')}</dt>
          <dd className="font-mono text-sm">{shortFingerprint(phase.fingerprint)}</dd>
        </div>
      </dl>
      {phase.key.software ? <SoftwareKeyNote /> : null}
      {working ? (
        <p role="status" className="mt-3 text-base font-semibold text-civic-900">
          {t(phase.step === 'sign' ? 'record.sign.signing' : 'record.sign.sending')}
        </p>
      ) : null}
      <div className="mt-4 flex flex-wrap gap-3">
        <Button size="large" disabled={working} onClick={() => void sign(phase.key, phase.fingerprint)}>{t('record.sign.confirm')}</Button>
        <Button variant="secondary" size="large" disabled={working} onClick={() => setPhase({ kind: 'idle' })}>{t('common.cancel')}</Button>
      </div>
    </section>
  );
}

/** Said wherever a software-held key signs (see device-key.ts for why it is weaker). */
export function SoftwareKeyNote() {
  const t = useT();
  return <p className="mt-3 rounded-lg border border-warn-500 bg-white px-3 py-2 text-sm text-ink">{t('record.sign.softwareKey')}</p>;
}
