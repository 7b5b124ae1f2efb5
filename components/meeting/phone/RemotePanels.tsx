'use client';

import { buttonClassName } from '@/components/ui/Button';
import { useT } from '@/components/ui/I18nProvider';
import { queueOrder } from '@/lib/meeting/speaking-queue';
import type { MeetingState } from '@/lib/meeting/state';
import { embeddableUrl, openableUrl } from './livestream-embed';

const statusStyle = {
  active: 'border-civic-800 bg-civic-50',
  done: 'border-ink/15 bg-white',
  pending: 'border-ink/15 bg-white',
  deferred: 'border-ink/15 bg-white',
  dropped: 'border-ink/15 bg-white',
} as const;

/** The whole agenda with each item's status; the item in progress is marked as the current step. */
export function AgendaList({ state }: { state: MeetingState }) {
  const t = useT();
  if (state.agenda.length === 0) return <p className="text-xl text-ink-muted">{t('remote.agenda.empty')}</p>;
  return (
    <ol className="space-y-3">
      {state.agenda.map((item, i) => (
        <li
          key={item.id}
          aria-current={item.status === 'active' ? 'step' : undefined}
          className={`flex items-start gap-3 rounded-xl border-2 p-3 ${statusStyle[item.status]}`}
        >
          <span aria-hidden="true" className={`grid size-9 shrink-0 place-items-center rounded-full text-lg font-bold ${item.status === 'active' ? 'bg-civic-800 text-white' : 'bg-civic-100 text-ink'}`}>
            {i + 1}
          </span>
          <div className="min-w-0 flex-1">
            <p className={`break-words text-xl ${item.status === 'active' ? 'font-bold' : 'font-medium'} text-ink`}>{item.title}</p>
            <p className={`text-lg ${item.status === 'active' ? 'font-semibold text-civic-800' : 'text-ink-muted'}`}>{t(`meeting.agenda.${item.status}`)}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}

/** Who is speaking and who waits, in the order the chair will call them. */
export function SpeakersList({ state, mySeatId }: { state: MeetingState; mySeatId: string | null }) {
  const t = useT();
  const speaking = state.speakers.find((r) => r.status === 'speaking');
  const queue = queueOrder(state.speakers, state.currentItemId);
  return (
    <div className="space-y-4">
      <div>
        <p className="text-lg font-semibold text-civic-800">{t('meeting.speakers.current')}</p>
        <p className="text-2xl font-bold text-ink">
          {speaking ? `${speaking.name} · ${t(`meeting.stance.${speaking.stance}`)}` : t('meeting.speakers.none')}
        </p>
      </div>
      <div>
        <p className="text-lg font-semibold text-civic-800">{t('remote.speakers.waiting')}</p>
        {queue.length === 0 ? (
          <p className="text-xl text-ink-muted">{t('remote.speakers.none')}</p>
        ) : (
          <ol className="mt-2 space-y-2">
            {queue.map((r, i) => (
              <li key={r.id} className={`flex items-baseline gap-3 rounded-lg px-3 py-2 text-xl ${r.seatId === mySeatId ? 'bg-civic-50 font-bold' : ''}`}>
                <span className="shrink-0 tabular-nums text-ink-muted">{t('remote.speakers.place', { place: i + 1 })}</span>
                <span className="min-w-0 flex-1 break-words text-ink">{r.name}</span>
                <span className="shrink-0 text-lg text-ink-muted">{t(`meeting.stance.${r.stance}`)}</span>
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}

/** The livestream or video-meeting link: embedded when it is a known player, otherwise a big button. */
export function Livestream({ url }: { url: string | null }) {
  const t = useT();
  const embed = embeddableUrl(url);
  const open = openableUrl(url);
  if (!open) return <p className="text-xl text-ink-muted">{t('remote.live.none')}</p>;
  return (
    <div className="space-y-3">
      {embed ? (
        <div className="aspect-video w-full overflow-hidden rounded-xl bg-ink">
          <iframe
            src={embed}
            title={t('remote.live.frame')}
            className="size-full border-0"
            allow="autoplay; encrypted-media; fullscreen; picture-in-picture"
            allowFullScreen
            referrerPolicy="strict-origin-when-cross-origin"
            loading="lazy"
          />
        </div>
      ) : null}
      <a
        href={open}
        target="_blank"
        rel="noopener noreferrer"
        className={buttonClassName({ variant: embed ? 'secondary' : 'primary', size: 'large', className: 'w-full text-2xl' })}
      >
        <span aria-hidden="true">▶</span>
        {t('remote.live.open')}
        <span className="sr-only">{t('remote.live.openHint')}</span>
      </a>
    </div>
  );
}
