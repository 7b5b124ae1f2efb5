'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { RetryAlert } from '@/components/ui/RetryAlert';
import { formatDateTime, formatNumber, type MessageKey } from '@/lib/i18n/format';
import { readableRecord } from '@/lib/record/readable';
import { keyFingerprint, verifyBundle, type Check, type VerifyResult } from '@/lib/record/verify';
import { CheckTable } from './CheckTable';
import { createBrowserCrypto } from './browser-crypto';
import { PublicSignatures, type SignatureRow } from './PublicSignatures';
import { ApiRefusal, recordUrls, requestJson, type RecordBundleView, type ServerVerifyView } from './record-api';
import { RecordDownloads } from './RecordDownloads';
import { groupedFingerprint } from './record-labels';
import { RecordSummary } from './RecordSummary';
import { verdictOf, type Verdict } from './verdict';
import { VerdictBanner } from './VerdictBanner';

const serverVerdictMessage: Record<Verdict['kind'], MessageKey> = {
  valid: 'record.verdict.serverValid',
  pending: 'record.verdict.serverPending',
  invalid: 'record.verdict.serverInvalid',
};

type Loaded = {
  bundle: RecordBundleView;
  server: ServerVerifyView | null;
  mine: VerifyResult;
  engine: 'webcrypto' | 'javascript';
  /** "role:name" → SHA-256 of the signer's key, computed here */
  fingerprints: Record<string, string>;
};
type State = { kind: 'loading' } | { kind: 'notFound' } | { kind: 'error' } | { kind: 'ready'; data: Loaded };

/** The community the record names (the previous record must be of the same one); null if unreadable. */
function communityOf(recordJson: string): string | null {
  try {
    const id = (JSON.parse(recordJson) as { chain?: { communityId?: unknown } }).chain?.communityId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * This browser's own check, with the same rules as the server and the CLI (lib/record/verify.ts),
 * against the district's published platform key fingerprint — never the key the bundle brings.
 */
async function checkHere(bundle: RecordBundleView, platformFingerprint: string): Promise<Omit<Loaded, 'bundle' | 'server'>> {
  const crypto = createBrowserCrypto();
  const communityId = communityOf(bundle.recordJson);
  const prev = bundle.chain.previous;
  const mine = await verifyBundle(
    { recordBytes: new TextEncoder().encode(bundle.recordJson), signatures: bundle.signatures, filing: bundle.filing },
    crypto,
    {
      trust: { platformFingerprint },
      previous: prev && communityId ? { recordHash: prev.hash, seq: prev.seq, communityId } : null,
      stored: { seq: bundle.chain.seq, previousMissing: bundle.chain.seq > 1 && !prev },
    },
  );
  const fingerprints = Object.fromEntries(await Promise.all(
    bundle.signatures.map(async (s) => [`${s.role}:${s.name}`, await keyFingerprint(crypto, s.publicKeyPem).catch(() => '')] as const),
  ));
  return { mine, engine: crypto.engine(), fingerprints };
}

function signatureRows(d: Loaded): SignatureRow[] {
  const required = d.mine.record?.signers ?? d.bundle.signers;
  const people = [...required.map((s) => ({ role: s.role, name: s.name })), ...d.bundle.signatures.filter((s) => s.role === 'platform')];
  return people.map(({ role, name }) => {
    const entry = d.bundle.signatures.find((s) => s.role === role && s.name === name);
    const check: Check | undefined = d.mine.checks.find((c) => c.id === 'signature' && c.subject === `${role} ${name}`);
    return {
      role, name,
      at: role === 'platform' ? d.bundle.filedAt : (d.bundle.signedAt[`${role}:${name}`] ?? null),
      fingerprint: d.fingerprints[`${role}:${name}`] || null,
      status: entry ? (check?.status ?? 'fail') : null,
    };
  });
}

/**
 * /v/<recordId>: anyone holding the link (or the PDF's QR code) checks the record here, without an
 * account. The verdict is computed in this browser from the files themselves; the server's own check
 * is shown beside it, so a server that lied about its records would be caught by its readers.
 */
export function PublicRecord({ recordId, platformFingerprint }: { recordId: string; platformFingerprint: string }) {
  const t = useT();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let stopped = false;
    (async () => {
      try {
        const [bundle, server] = await Promise.all([
          requestJson<RecordBundleView>(recordUrls.bundle(recordId)),
          requestJson<ServerVerifyView>(recordUrls.verify(recordId)).catch(() => null),
        ]);
        const here = await checkHere(bundle, platformFingerprint);
        if (!stopped) setState({ kind: 'ready', data: { bundle, server, ...here } });
      } catch (err) {
        if (!stopped) setState({ kind: err instanceof ApiRefusal && (err.status === 404 || err.status === 400) ? 'notFound' : 'error' });
      }
    })();
    return () => { stopped = true; };
  }, [recordId, platformFingerprint, attempt]);

  if (state.kind === 'loading') return <VerdictBanner verdict={null} missing={[]} engine={null} />;
  if (state.kind === 'notFound') return <p role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-4 text-lg text-accent-800">{t('record.public.notFound')}</p>;
  if (state.kind === 'error') {
    return <RetryAlert message={t('record.load.failed')} onRetry={() => { setState({ kind: 'loading' }); setAttempt((n) => n + 1); }} />;
  }
  return <VerifiedRecord data={state.data} platformFingerprint={platformFingerprint} />;
}

function VerifiedRecord({ data, platformFingerprint }: { data: Loaded; platformFingerprint: string }) {
  const t = useT();
  const locale = useLocale();
  const { bundle, server, mine } = data;
  const verdict = verdictOf(bundle.status, mine);
  // The server's answer read by the same rule, so "awaiting signatures" is not shown as its "invalid".
  const serverVerdict = server ? verdictOf(bundle.status, server).kind : null;
  const missing = bundle.signers.filter((s) => !s.signedAt).map((s) => s.name);
  const chain = bundle.chain;
  // The public never gets names: a record of format 2 shows seats as 成员 N and no minutes.
  const readable = mine.record ? readableRecord(mine.record, null, (n) => t('record.member', { n: formatNumber(locale, n) })) : null;

  return (
    <div className="space-y-6">
      <VerdictBanner verdict={verdict} missing={missing} engine={data.engine} />
      {serverVerdict ? (
        <p className="text-base text-ink-muted">
          {t(serverVerdictMessage[serverVerdict])}
          {serverVerdict !== verdict.kind ? <strong className="ml-2 text-accent-800">{t('record.verdict.disagree')}</strong> : null}
        </p>
      ) : null}

      <PublicSection id="signatures" title={t('record.signatures.title')}>
        <PublicSignatures rows={signatureRows(data)} />
      </PublicSection>

      <PublicSection id="record-facts" title={t('record.facts.title')}>
        <dl className="grid gap-x-6 gap-y-2 text-base sm:grid-cols-[auto_minmax(0,1fr)]">
          <dt className="font-semibold text-ink-muted">{t('record.facts.status')}</dt>
          <dd>{t(`record.status.${bundle.status}`)}{bundle.filedAt ? ` · ${formatDateTime(locale, bundle.filedAt)}` : ''}</dd>
          <dt className="font-semibold text-ink-muted">{t('record.facts.chain')}</dt>
          <dd>{t('record.facts.chainSeq', { seq: formatNumber(locale, chain.seq) })}</dd>
          {mine.record ? (
            <>
              <dt className="font-semibold text-ink-muted">{t('record.facts.frozenAt')}</dt>
              <dd>{formatDateTime(locale, mine.record.frozenAt)}</dd>
              <dt className="font-semibold text-ink-muted">{t('record.facts.eventLog')}</dt>
              <dd>{t('record.facts.eventLogValue', { events: formatNumber(locale, mine.record.eventLog.events) })}</dd>
            </>
          ) : null}
        </dl>
        <div className="mt-4 flex flex-wrap items-start justify-between gap-4 print:hidden">
          <RecordDownloads recordId={bundle.recordId} status={bundle.status} showPublicLink={false} />
          <Button variant="secondary" onClick={() => window.print()}>{t('record.public.print')}</Button>
        </div>
      </PublicSection>

      {readable ? (
        <div className="rounded-2xl border border-ink/15 bg-white p-4 shadow-sm sm:p-6 print:border-0 print:p-0 print:shadow-none">
          {readable.names === 'pseudonyms' ? <p className="mb-4 rounded-xl bg-civic-50 p-3 text-base text-ink">{t('record.names.public')}</p> : null}
          <RecordSummary record={readable} headingLevel={2} />
        </div>
      ) : null}

      {/* What a resident or a party secretary needs is above; hashes, keys and the checks one by one are for
          whoever wants to check further, folded, in Chinese. */}
      <details className="break-inside-avoid rounded-2xl border border-ink/15 bg-white p-4 shadow-sm sm:p-6 print:border-0 print:p-0 print:shadow-none">
        <summary className="cursor-pointer text-2xl font-bold text-ink">{t('record.techInfo')}</summary>
        <p className="mt-2 text-base text-ink-muted">{t('record.techInfo.intro')}</p>
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-base sm:grid-cols-[auto_minmax(0,1fr)]">
          <dt className="font-semibold text-ink-muted">{t('record.hash')}</dt>
          <dd className="break-all font-mono text-sm">{mine.recordHash}</dd>
          <dt className="font-semibold text-ink-muted">{t('record.facts.recordId')}</dt>
          <dd className="break-all font-mono text-sm">{bundle.recordId}</dd>
          <dt className="font-semibold text-ink-muted">{t('record.facts.chain')}</dt>
          {/* The link to the previous record is its hash: enough to check the chain, no way to fetch it. */}
          <dd className="text-ink-muted">
            {chain.previous
              ? <>{t('record.facts.previous', { seq: formatNumber(locale, chain.previous.seq) })} <span className="break-all font-mono text-sm">{chain.previous.hash}</span></>
              : t('record.facts.first')}
          </dd>
        </dl>
        <p className="mt-3 text-base text-ink-muted">
          {t('record.trust.public')}
          <span className="ml-1 break-all font-mono text-sm text-ink" data-testid="platform-fingerprint">{groupedFingerprint(platformFingerprint)}</span>
        </p>
        <h2 id="checks" className="mt-4 mb-2 text-xl font-bold text-ink">{t('record.checks.title')}</h2>
        <p className="mb-2 text-base text-ink-muted">{t('record.checks.intro')}</p>
        <CheckTable mine={mine.checks} server={server?.checks ?? null} />
      </details>
    </div>
  );
}

function PublicSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="break-inside-avoid rounded-2xl border border-ink/15 bg-white p-4 shadow-sm sm:p-6 print:border-0 print:p-0 print:shadow-none">
      <h2 id={id} className="mb-3 text-2xl font-bold text-ink">{title}</h2>
      {children}
    </section>
  );
}
