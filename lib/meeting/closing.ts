import { z } from 'zod';
import type { MeetingState } from './state';

// Closing a meeting honestly: what is still unfinished and what may become of it. Apart from commands.ts
// so the console's closing dialog can list the same things the server will insist on.

/**
 * What closing does with one unfinished thing: finish it (an item is marked done, a speaker's turn ends,
 * an open poll is closed and counted), defer it to a later meeting (items and waiting speakers), or drop
 * it — which needs a reason, because the record shows it.
 */
export const CloseDecision = z.strictObject({
  kind: z.enum(['item', 'speaker', 'poll']),
  id: z.string().min(1).max(100),
  action: z.enum(['finish', 'defer', 'drop']),
  reason: z.string().trim().max(500).optional(),
});
export type CloseDecision = z.infer<typeof CloseDecision>;

export type UnfinishedWork = { kind: CloseDecision['kind']; id: string; actions: CloseDecision['action'][] };

/**
 * What a meeting still has open when it closes, and what may be done with each: agenda items not done,
 * speakers waiting or speaking, and open polls. A poll cannot be deferred (its ballots belong to this
 * meeting), and only the speaker who has the floor can finish.
 */
export function unfinishedWork(s: MeetingState): UnfinishedWork[] {
  return [
    ...s.agenda.filter((a) => a.status === 'pending' || a.status === 'active')
      .map((a) => ({ kind: 'item' as const, id: a.id, actions: ['finish', 'defer', 'drop'] as CloseDecision['action'][] })),
    ...s.speakers.filter((r) => r.status === 'queued' || r.status === 'speaking')
      .map((r) => ({ kind: 'speaker' as const, id: r.id, actions: (r.status === 'speaking' ? ['finish', 'defer', 'drop'] : ['defer', 'drop']) as CloseDecision['action'][] })),
    ...s.polls.filter((p) => p.status === 'open')
      .map((p) => ({ kind: 'poll' as const, id: p.id, actions: ['finish', 'drop'] as CloseDecision['action'][] })),
  ];
}
