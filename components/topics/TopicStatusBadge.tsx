import type { Translate } from '@/lib/i18n/format';

export type TopicStatusName = 'submitted' | 'accepted' | 'merged' | 'referred' | 'rejected';

const statusClass: Record<TopicStatusName, string> = {
  submitted: 'border-civic-700 bg-civic-50 text-civic-900',
  accepted: 'border-ok-600 bg-ok-600 text-white',
  merged: 'border-ink/30 bg-ink/5 text-ink',
  referred: 'border-ink/30 bg-ink/5 text-ink',
  rejected: 'border-accent-700 bg-accent-50 text-accent-800',
};

/** A topic's status as a badge (server-rendered: the board and the topic page). */
export function TopicStatusBadge({ status, t }: { status: TopicStatusName; t: Translate }) {
  return (
    <span className={`shrink-0 rounded-full border-2 px-3 py-0.5 text-base font-semibold ${statusClass[status]}`}>
      {t(`topic.status.${status}`)}
    </span>
  );
}
