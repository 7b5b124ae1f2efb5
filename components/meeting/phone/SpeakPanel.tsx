'use client';

import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { Countdown } from '@/components/ui/Countdown';
import { useT } from '@/components/ui/I18nProvider';
import type { MessageKey } from '@/lib/i18n/format';
import { stances } from '@/lib/meeting/vocabulary';
import { queueOrder, type SpeakRequest } from '@/lib/meeting/speaking-queue';
import type { MeetingState } from '@/lib/meeting/state';
import type { MeetingConnection } from '../useMeeting';
import { bringIntoView } from './bring-into-view';
import { errorMessageKey } from './error-message';


export function speakingEndsAt(r: SpeakRequest): string | null {
  if (!r.startedAt) return null;
  return new Date(Date.parse(r.startedAt) + r.limitSec * 1000).toISOString();
}

/** Who is speaking now, with the time left on their speaking limit. */
export function CurrentSpeaker({ speaker, isMe, clockOffset }: { speaker: SpeakRequest; isMe: boolean; clockOffset: number }) {
  const t = useT();
  const endsAt = speakingEndsAt(speaker);
  return (
    <div className="flex flex-wrap items-center justify-between gap-4">
      <div className="min-w-0">
        {isMe ? <p className="text-2xl font-bold text-civic-800">{t('phone.speaker.you')}</p> : null}
        <p className="break-words text-3xl font-bold text-ink">{speaker.name}</p>
        <p className="text-xl text-ink-muted">{t('phone.speaker.stance', { stance: t(`meeting.stance.${speaker.stance}`) })}</p>
      </div>
      {endsAt ? <Countdown endsAt={endsAt} clockOffsetMs={clockOffset} label={t('phone.speaker.timer', { name: speaker.name })} /> : null}
    </div>
  );
}

/** 申请发言: choose a stance, then see one's place in the queue and withdraw if needed. */
export function SpeakPanel({
  state,
  seatId,
  checkedIn,
  send,
}: {
  state: MeetingState;
  seatId: string;
  checkedIn: boolean;
  send: MeetingConnection['send'];
}) {
  const t = useT();
  const [choosing, setChoosing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const [note, setNote] = useState<MessageKey | null>(null);
  const inFlight = useRef(false);
  const pickerRef = useRef<HTMLFieldSetElement>(null);

  // The four stances open below the button; on a small phone they would be off screen.
  useEffect(() => {
    if (choosing) bringIntoView(pickerRef.current, { focus: pickerRef.current?.querySelector<HTMLElement>('button') });
  }, [choosing]);

  const mine = state.speakers.find(
    (r) => r.seatId === seatId && r.itemId === state.currentItemId && (r.status === 'queued' || r.status === 'speaking'),
  );
  const place = mine && mine.status === 'queued' ? queueOrder(state.speakers, state.currentItemId).findIndex((r) => r.id === mine.id) + 1 : 0;

  async function run(action: () => ReturnType<MeetingConnection['send']>, done?: MessageKey) {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const r = await action();
      if (r.ok) {
        setChoosing(false);
        if (done) setNote(done);
      } else setError(errorMessageKey(r.error));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  let body: React.ReactNode;
  if (state.status !== 'live') body = <p className="text-xl text-ink-muted">{t('phone.speak.notLive')}</p>;
  else if (!checkedIn) body = <p className="text-xl font-semibold text-accent-700">{t('phone.speak.checkInFirst')}</p>;
  else if (mine?.status === 'speaking') body = <p className="text-2xl font-bold text-civic-800">{t('phone.speaker.you')}</p>;
  else if (mine) {
    body = (
      <div className="space-y-4">
        <div className="rounded-2xl border-2 border-civic-800 bg-civic-50 p-5">
          <p className="text-2xl font-bold text-ink">{t('phone.speak.queued', { place })}</p>
          <p className="mt-1 text-xl text-ink">{t('phone.speak.queuedStance', { stance: t(`meeting.stance.${mine.stance}`) })}</p>
        </div>
        <Button size="large" variant="secondary" className="w-full" disabled={busy} onClick={() => void run(() => send('speaker.withdraw', { id: mine.id }), 'phone.speak.withdrawn')}>
          {t('phone.speak.withdraw')}
        </Button>
      </div>
    );
  } else if (choosing) {
    body = (
      <fieldset ref={pickerRef}>
        <legend className="mb-3 text-xl font-semibold text-ink">{t('phone.speak.chooseStance')}</legend>
        <div className="grid grid-cols-2 gap-3">
          {stances.map((stance) => (
            <Button key={stance} size="large" variant="secondary" className="min-h-16 text-2xl" disabled={busy} onClick={() => void run(() => send('speaker.request', { stance }))}>
              {t(`meeting.stance.${stance}`)}
            </Button>
          ))}
        </div>
        <Button size="large" variant="ghost" className="mt-3 w-full" disabled={busy} onClick={() => setChoosing(false)}>
          {t('common.cancel')}
        </Button>
      </fieldset>
    );
  } else {
    body = (
      <Button size="large" className="w-full text-2xl" onClick={() => setChoosing(true)}>
        {t('phone.speak.request')}
      </Button>
    );
  }

  return (
    <div className="space-y-3">
      {body}
      <div role="status" aria-live="polite">
        {busy ? <p className="text-lg text-ink-muted">{t('phone.speak.sending')}</p> : null}
        {note ? <p className="text-lg font-semibold text-ink">{t(note)}</p> : null}
      </div>
      {error ? (
        <p role="alert" className="rounded-xl border-2 border-accent-700 bg-accent-50 p-3 text-lg font-semibold text-accent-900">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
