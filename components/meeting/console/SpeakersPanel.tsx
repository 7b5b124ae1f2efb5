'use client';

import { Button } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { Countdown } from '@/components/ui/Countdown';
import { formatDuration } from '@/components/ui/format';
import { useT } from '@/components/ui/I18nProvider';
import { queueOrder, speakingTimeBySeat, type SpeakRequest } from '@/lib/meeting/speaking-queue';
import type { MeetingState } from '@/lib/meeting/state';
import type { RunCommand } from './useCommandRunner';
import { useNow } from './useNow';

export function speakerEndsAt(r: SpeakRequest): string {
  return new Date(Date.parse(r.startedAt ?? '') + r.limitSec * 1000).toISOString();
}

const stanceClass: Record<SpeakRequest['stance'], string> = {
  support: 'border-ok-600 bg-white text-ok-600',
  oppose: 'border-accent-700 bg-white text-accent-700',
  neutral: 'border-ink/40 bg-white text-ink',
  procedural: 'border-civic-800 bg-civic-800 text-white',
};

export function StanceBadge({ stance }: { stance: SpeakRequest['stance'] }) {
  const t = useT();
  return <span className={`rounded-full border-2 px-2 text-sm font-semibold ${stanceClass[stance]}`}>{t(`meeting.stance.${stance}`)}</span>;
}

export function SpeakersPanel({ state, run, clockOffset }: { state: MeetingState; run: RunCommand; clockOffset: number }) {
  const t = useT();
  const now = useNow(clockOffset);
  const current = state.speakers.find((r) => r.status === 'speaking') ?? null;
  const queue = queueOrder(state.speakers, state.currentItemId);
  const seconds = speakingTimeBySeat(state.speakers, now);
  const names = new Map(state.seats.map((s) => [s.id, s.name]));
  const totals = Object.entries(seconds).filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]);
  const live = state.status === 'live';
  // The last finished turn of this item, to give the floor back (cut too early, a dropped connection).
  const lastTurn = state.speakers.filter((r) => r.status === 'done' && r.itemId === state.currentItemId)
    .reduce<SpeakRequest | null>((a, r) => (!a || (r.endedAt ?? '') >= (a.endedAt ?? '') ? r : a), null);

  return (
    <Card title={t('meeting.speakers')} className="!p-4">
      <div className="rounded-xl border border-ink/15 bg-civic-50 p-3">
        <h3 className="text-sm font-semibold text-ink-muted">{t('meeting.speakers.current')}</h3>
        {current ? (
          <div className="flex items-center gap-4">
            <div className="min-w-0 flex-1">
              <p className="text-2xl font-bold">{current.name}</p>
              <StanceBadge stance={current.stance} />
            </div>
            <Countdown endsAt={speakerEndsAt(current)} clockOffsetMs={clockOffset} className="[&>span:first-child]:text-4xl" />
            <Button variant="danger" onClick={() => void run('speaker.end', { id: current.id })}>{t('console.speakers.end')}</Button>
          </div>
        ) : null}
        {current && state.attendance[current.seatId]?.mode === 'remote' ? <RemoteVoiceStatus speaker={current} run={run} /> : null}
        {current ? null : lastTurn ? (
          <div className="flex items-center gap-2">
            <p className="min-w-0 flex-1 text-base text-ink-muted">{t('meeting.speakers.none')}</p>
            <Button variant="secondary" className="!min-h-8 !px-2 !py-0 text-sm" disabled={!live} aria-label={t('console.voice.regrantFor', { name: lastTurn.name })}
              onClick={() => void run('speaker.regrant', { id: lastTurn.id })}>{t('console.voice.regrant')}</Button>
          </div>
        ) : (
          <p className="text-base text-ink-muted">{t('meeting.speakers.none')}</p>
        )}
      </div>

      {live ? (
        <div className="mt-2 flex items-center gap-2 rounded-xl border border-ink/15 p-2">
          <p role="status" data-testid="hall-sound-status" className="min-w-0 flex-1 text-base">{t(state.hallAudio ? 'console.hallSound.on' : 'console.hallSound.off')}</p>
          <Button variant="secondary" className="!min-h-8 !px-2 !py-0 text-sm" aria-pressed={state.hallAudio}
            onClick={() => void run('speaker.hallAudio', { on: !state.hallAudio })}>{t(state.hallAudio ? 'console.hallSound.stop' : 'console.hallSound.start')}</Button>
        </div>
      ) : null}

      <h3 className="mt-3 text-base font-semibold">{t('meeting.speakers.queue')} <span className="text-ink-muted tabular-nums">({queue.length})</span></h3>
      {queue.length === 0 ? <p className="text-base text-ink-muted">{t('console.speakers.queueEmpty')}</p> : (
        <ol className="mt-1 space-y-1">
          {queue.map((r, i) => (
            <li key={r.id} className="flex items-center gap-2 rounded-lg border border-ink/15 px-2 py-1">
              <span className="w-5 text-right tabular-nums text-ink-muted">{i + 1}</span>
              <span className="min-w-0 flex-1 truncate font-medium">{r.name}</span>
              <StanceBadge stance={r.stance} />
              <Button className="!min-h-8 !px-2 !py-0 text-sm" disabled={!live} aria-label={t('console.speakers.grantFor', { name: r.name })}
                onClick={() => void run('speaker.grant', { id: r.id })}>{t('console.speakers.grant')}</Button>
              <Button variant="ghost" className="!min-h-8 !px-2 !py-0 text-sm" aria-label={t('console.speakers.skipFor', { name: r.name })}
                onClick={() => void run('speaker.skip', { id: r.id })}>{t('console.speakers.skip')}</Button>
            </li>
          ))}
        </ol>
      )}

      {totals.length > 0 ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-base font-semibold">{t('console.speakers.times')}</summary>
          <dl className="mt-1 grid grid-cols-[1fr_auto] gap-x-4 text-base">
            {totals.map(([seatId, s]) => (
              <div key={seatId} className="contents">
                <dt>{names.get(seatId) ?? seatId}</dt>
                <dd className="text-right tabular-nums">{formatDuration(s)}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </Card>
  );
}

/** A remote floor holder's voice as the facilitator needs it: connected or not, why not, muted, in writing. */
function RemoteVoiceStatus({ speaker, run }: { speaker: SpeakRequest; run: RunCommand }) {
  const t = useT();
  const v = speaker.voice;
  const muted = v?.muted ?? false;
  const status = v?.statement ? t('console.voice.statement', { text: v.statement })
    : v?.failure ? t('console.voice.failed', { reason: t(`meeting.voice.failure.${v.failure}`) })
    : v?.media === 'live' ? (muted ? t('console.voice.muted') : t('console.voice.live'))
    : v?.media === 'ended' ? t('console.voice.ended') : t('console.voice.waiting');
  return (
    <div className="mt-2 flex items-center gap-2 border-t border-ink/15 pt-2">
      <span className="rounded-full bg-civic-800 px-2 text-sm font-semibold text-white">{t('console.voice.remote')}</span>
      <p role="status" data-testid="voice-status" className={`min-w-0 flex-1 break-words text-base ${v?.failure && !v.statement ? 'font-semibold text-accent-700' : ''}`}>{status}</p>
      {v?.statement ? null : (
        <Button variant="secondary" className="!min-h-8 !px-2 !py-0 text-sm" aria-pressed={muted}
          aria-label={t(muted ? 'console.voice.unmuteFor' : 'console.voice.muteFor', { name: speaker.name })}
          onClick={() => void run('speaker.mute', { id: speaker.id, muted: !muted })}>{muted ? t('console.voice.unmute') : t('console.voice.mute')}</Button>
      )}
    </div>
  );
}
