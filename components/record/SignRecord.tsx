'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import type { MessageKey } from '@/lib/i18n/format';
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
  /** `detail`: the server's or the browser's own words (English), shown only as a technical detail */
  | { kind: 'error'; message: MessageKey; detail?: string };

// The codes of lib/platform/errors.ts the signatures endpoint can answer with; anything else is `other`.
const refusals: Record<string, MessageKey> = {
  UNAUTHENTICATED: 'record.sign.error.UNAUTHENTICATED',
  FORBIDDEN: 'record.sign.error.FORBIDDEN',
  BAD_REQUEST: 'record.sign.error.BAD_REQUEST',
  INVALID_STATE: 'record.sign.error.INVALID_STATE',
  NOT_FOUND: 'record.sign.error.NOT_FOUND',
  CONFLICT: 'record.sign.error.CONFLICT',
  RATE_LIMITED: 'record.sign.error.RATE_LIMITED',
  INTERNAL: 'record.sign.error.INTERNAL',
};

function errorPhase(err: unknown): Phase {
  if (err instanceof ApiRefusal) {
    const message = Object.hasOwn(refusals, err.code) ? refusals[err.code] : 'record.sign.error.other';
    return { kind: 'error', message, detail: `${err.code} (HTTP ${err.status}): ${err.message}` };
  }
  if (err instanceof TypeError) return { kind: 'error', message: 'record.sign.error.network' };
  return { kind: 'error', message: 'record.sign.error.device', detail: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
}

/**
 * 签署记录 for a required signer who has not signed: a confirm step shows what is signed (the record's
 * hash) and with which key (this device's, by fingerprint); then the device signs the exact bytes of
 * record.json and the server checks the signature before it counts it.
 *
 * Each step replaces the one before, and with it the button that had focus; so focus follows: to the
 * confirm step's heading when it opens, to the alert when something fails, back to the sign button
 * after a cancel. (After a signature the panel takes focus to its "signed" note.)
 */
export function SignRecord({ record, staffId, onSigned }: {
  record: RecordStatusView;
  staffId: string;
  onSigned: (status: RecordStatusView, key: DeviceKey) => void;
}) {
  const t = useT();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const startRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const shownKind = useRef<Phase['kind']>('idle');

  useEffect(() => {
    const before = shownKind.current;
    shownKind.current = phase.kind;
    if (before === phase.kind) return;
    if (phase.kind === 'confirm') headingRef.current?.focus();
    else if (phase.kind === 'error') alertRef.current?.focus();
    else if (phase.kind === 'idle' && (before === 'confirm' || before === 'error')) startRef.current?.querySelector('button')?.focus();
  }, [phase.kind]);

  async function prepare() {
    setPhase({ kind: 'preparing' });
    try {
      const key = await deviceKey(staffId);
      setPhase({ kind: 'confirm', key, fingerprint: await keyFingerprint(createBrowserCrypto(), key.publicKeyPem) });
    } catch (err) {
      setPhase(errorPhase(err));
    }
  }

  async function sign(key: DeviceKey, fingerprint: string) {
    setPhase({ kind: 'working', step: 'sign', key, fingerprint });
    try {
      // The exact text the server froze, fetched now; it must hash to what the signer was shown.
      const bundle = await requestJson<RecordBundleView>(recordUrls.bundle(record.recordId));
      const bytes = new TextEncoder().encode(bundle.recordJson);
      if (toHex(await createBrowserCrypto().sha256(bytes)) !== record.hash) {
        setPhase({ kind: 'error', message: 'record.sign.error.mismatch' });
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
      setPhase(errorPhase(err));
    }
  }

  if (phase.kind === 'idle' || phase.kind === 'preparing') {
    return (
      <div ref={startRef}>
        <Button size="large" className="w-full" onClick={() => void prepare()} disabled={phase.kind === 'preparing'}>
          {t('record.sign.button')}
        </Button>
        {phase.kind === 'preparing' ? <p role="status" className="mt-2 text-base text-ink-muted">{t('record.sign.preparing')}</p> : null}
      </div>
    );
  }

  if (phase.kind === 'error') {
    return (
      <div ref={alertRef} tabIndex={-1} role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-4">
        <p className="text-lg font-semibold text-accent-800">{t(phase.message)}</p>
        {phase.detail ? (
          <details className="mt-2 text-sm text-ink-muted">
            <summary className="cursor-pointer">{t('record.sign.error.details')}</summary>
            <p lang="en" className="mt-1 break-words font-mono text-xs">{phase.detail}</p>
          </details>
        ) : null}
        <div className="mt-3 flex flex-wrap gap-3">
          <Button onClick={() => void prepare()}>{t('common.retry')}</Button>
          <Button variant="secondary" onClick={() => setPhase({ kind: 'idle' })}>{t('common.cancel')}</Button>
        </div>
      </div>
    );
  }

  // While signing, the buttons are aria-disabled rather than disabled: a disabled button would drop the
  // focus that the signer's click (or Enter) put on it.
  const working = phase.kind === 'working';
  return (
    <section aria-labelledby="sign-confirm" className="rounded-xl border-2 border-civic-800 bg-civic-50 p-4">
      <h3 id="sign-confirm" ref={headingRef} tabIndex={-1} className="text-lg font-bold text-ink">{t('record.sign.confirmTitle')}</h3>
      <p className="mt-1 text-base">{t('record.sign.confirmIntro')}</p>
      {/* The hash and the key say exactly what is signed with what; they matter to whoever checks later,
          not to the signer deciding now: folded. */}
      <details className="mt-3 text-base">
        <summary className="cursor-pointer font-semibold text-civic-800">{t('record.techInfo')}</summary>
        <dl className="mt-2 space-y-2">
          <div>
            <dt className="font-semibold">{t('record.hash')}</dt>
            <dd className="break-all font-mono text-sm">{record.hash}</dd>
          </div>
          <div>
            <dt className="font-semibold">{t('record.sign.deviceKey')}</dt>
            <dd className="font-mono text-sm">{shortFingerprint(phase.fingerprint)}</dd>
          </div>
        </dl>
      </details>
      {phase.key.software ? <SoftwareKeyNote /> : null}
      {working ? (
        <p role="status" className="mt-3 text-base font-semibold text-civic-900">
          {t(phase.step === 'sign' ? 'record.sign.signing' : 'record.sign.sending')}
        </p>
      ) : null}
      <div className="mt-4 flex flex-wrap gap-3">
        <Button size="large" aria-disabled={working} onClick={() => { if (!working) void sign(phase.key, phase.fingerprint); }}>{t('record.sign.confirm')}</Button>
        <Button variant="secondary" size="large" aria-disabled={working} onClick={() => { if (!working) setPhase({ kind: 'idle' }); }}>{t('common.cancel')}</Button>
      </div>
    </section>
  );
}

/** Said wherever a software-held key signs (see device-key.ts for why it is weaker). */
export function SoftwareKeyNote() {
  const t = useT();
  return <p className="mt-3 rounded-lg border border-warn-500 bg-white px-3 py-2 text-sm text-ink">{t('record.sign.softwareKey')}</p>;
}
