'use client';

import { useCallback, useEffect, useState } from 'react';
import { useT } from '@/components/ui/I18nProvider';
import { RetryAlert } from '@/components/ui/RetryAlert';
import { MeetingRecord } from '@/lib/record/format';
import { recordUrls, requestJson, type RecordBundleView, type RecordStatusView } from './record-api';
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

/** The record's frozen content, read once (it never changes after the meeting closes); `retry` reads it again after a failure. */
function useFrozenRecord(recordId: string | null) {
  const [record, setRecord] = useState<MeetingRecord | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!recordId) return;
    let stopped = false;
    requestJson<RecordBundleView>(recordUrls.bundle(recordId))
      .then((b) => { if (!stopped) setRecord(MeetingRecord.parse(JSON.parse(b.recordJson))); })
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
export function RecordWorkspace({ meetingId, staffId, meetingClosed }: { meetingId: string; staffId: string; meetingClosed: boolean }) {
  const t = useT();
  const status = useRecordStatus(meetingId);
  const frozen = useFrozenRecord(status.record?.recordId ?? null);

  if (!status.loaded) return <p role="status" className="m-4 text-lg text-ink-muted">{t('common.loading')}</p>;

  return (
    <div className="grid items-start gap-4 p-4 lg:grid-cols-[minmax(0,1fr)_26rem]">
      <div className="lg:sticky lg:top-4 lg:col-start-2 lg:row-start-1">
        <RecordPanel record={status.record} meetingClosed={meetingClosed || status.record !== null} staffId={staffId} offline={status.offline} onStatus={status.replace} />
      </div>
      <div className="min-w-0 lg:col-start-1 lg:row-start-1">
        {frozen.record ? (
          <div className="rounded-2xl border border-ink/15 bg-white p-5 shadow-sm sm:p-6">
            <RecordSummary record={frozen.record} headingLevel={2} />
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
