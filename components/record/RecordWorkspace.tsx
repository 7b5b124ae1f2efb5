'use client';

import { useCallback, useEffect, useState } from 'react';
import { useLocale, useT } from '@/components/ui/I18nProvider';
import { RetryAlert } from '@/components/ui/RetryAlert';
import { formatNumber } from '@/lib/i18n/format';
import { openCommitments } from '@/lib/record/disclosure';
import { MeetingRecord } from '@/lib/record/format';
import { readableRecord } from '@/lib/record/readable';
import { createBrowserCrypto } from './browser-crypto';
import { recordUrls, requestJson, type DisclosuresView, type RecordBundleView, type RecordStatusView } from './record-api';
import { RecordPanel } from './RecordPanel';
import { RecordSummary } from './RecordSummary';

/** Signatures arrive from other people's devices: the page asks again this often until the record is filed. */
const POLL_MS = 3_000;

/** The record's status, polled until it is filed; `replace` puts in a fresher one (the answer to a signature). */
function useRecordStatus(meetingId: string) {
  const [record, setRecord] = useState<RecordStatusView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [offline, setOffline] = useState(false);
  const filed = record?.status === 'filed';

  useEffect(() => {
    if (filed) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      try {
        const body = await requestJson<{ record: RecordStatusView | null }>(recordUrls.ofMeeting(meetingId));
        if (stopped) return;
        // A status older than the one already shown (a poll that crossed a signature) is ignored.
        setRecord((shown) => (body.record && shown && signedCount(shown) > signedCount(body.record) ? shown : body.record));
        setOffline(false);
      } catch {
        if (!stopped) setOffline(true);
      }
      if (!stopped) {
        setLoaded(true);
        timer = setTimeout(() => void poll(), POLL_MS);
      }
    }
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [meetingId, filed]);

  const replace = useCallback((next: RecordStatusView) => setRecord(next), []);
  return { record, loaded, offline, replace };
}

const signedCount = (r: RecordStatusView) => r.signers.filter((s) => s.signedAt).length + (r.status === 'filed' ? 1 : 0);

/** How the residents' names came out: how many disclosures matched, how many did not, or none could be read. */
type Names = { kind: 'clear' } | { kind: 'disclosed'; matched: number; unmatched: number } | { kind: 'failed' };

/**
 * The record's frozen content, read once (it never changes after the meeting closes), with residents'
 * names: the disclosures are fetched (the server lets only staff of the area have them) and each is
 * checked here against its commitment in the signed record, so a name shown is the one that was signed.
 * `retry` reads it again after a failure.
 */
function useFrozenRecord(recordId: string | null) {
  const [record, setRecord] = useState<{ parsed: MeetingRecord; opened: ReadonlyMap<string, string> | null; names: Names } | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!recordId) return;
    let stopped = false;
    (async () => {
      const b = await requestJson<RecordBundleView>(recordUrls.bundle(recordId));
      const parsed = MeetingRecord.parse(JSON.parse(b.recordJson));
      if (parsed.format === 'yishi.meeting-record/1') return { parsed, opened: null, names: { kind: 'clear' } as const };
      try {
        const { disclosures } = await requestJson<DisclosuresView>(recordUrls.disclosures(recordId));
        const { values, unmatched } = await openCommitments(createBrowserCrypto(), parsed, disclosures);
        return { parsed, opened: values, names: { kind: 'disclosed', matched: values.size, unmatched } as const };
      } catch {
        // The record itself is readable without names: show it with 成员 N and say the names are missing.
        return { parsed, opened: null, names: { kind: 'failed' } as const };
      }
    })()
      .then((r) => { if (!stopped) setRecord(r); })
      .catch(() => { if (!stopped) setFailed(true); });
    return () => { stopped = true; };
  }, [recordId, attempt]);
  const retry = useCallback(() => {
    setFailed(false);
    setAttempt((n) => n + 1);
  }, []);
  return { record, failed, retry };
}

/**
 * The record page of the console (laptop, 1366×768): the signing panel beside the record in human
 * form. Convener and recorders sign here, each on their own device.
 */
export function RecordWorkspace({ meetingId, staffId, meetingClosed, platformFingerprint }: {
  meetingId: string; staffId: string; meetingClosed: boolean;
  /** the district's platform key fingerprint, shown for assessors to verify against */
  platformFingerprint: string;
}) {
  const t = useT();
  const locale = useLocale();
  const status = useRecordStatus(meetingId);
  const frozen = useFrozenRecord(status.record?.recordId ?? null);
  const names = frozen.record?.names;
  const readable = frozen.record ? readableRecord(frozen.record.parsed, frozen.record.opened, (n) => t('record.member', { n: formatNumber(locale, n) })) : null;

  if (!status.loaded) return <p role="status" className="m-4 text-lg text-ink-muted">{t('common.loading')}</p>;

  return (
    <div className="grid items-start gap-4 p-4 lg:grid-cols-[minmax(0,1fr)_26rem]">
      <div className="lg:sticky lg:top-4 lg:col-start-2 lg:row-start-1">
        <RecordPanel record={status.record} meetingClosed={meetingClosed || status.record !== null} staffId={staffId} offline={status.offline} onStatus={status.replace} platformFingerprint={platformFingerprint} />
      </div>
      <div className="min-w-0 lg:col-start-1 lg:row-start-1">
        {readable ? (
          <div className="rounded-2xl border border-ink/15 bg-white p-5 shadow-sm sm:p-6">
            {names?.kind === 'disclosed' ? (
              <p className="mb-4 text-base text-ink-muted">
                {t('record.names.disclosed', { count: formatNumber(locale, names.matched) })}
                {names.unmatched ? <strong className="ml-2 text-accent-800">{t('record.names.unmatched', { count: formatNumber(locale, names.unmatched) })}</strong> : null}
              </p>
            ) : names?.kind === 'failed' ? <p role="alert" className="mb-4 text-base text-accent-800">{t('record.names.failed')}</p> : null}
            <RecordSummary record={readable} headingLevel={2} />
          </div>
        ) : frozen.failed ? (
          <RetryAlert message={t('record.load.failed')} onRetry={frozen.retry} />
        ) : status.record ? (
          <p role="status" className="text-lg text-ink-muted">{t('common.loading')}</p>
        ) : null}
      </div>
    </div>
  );
}
