/**
 * A written consultation's lifecycle as the log folds it: sent (replies taken until the deadline) →
 * closed (with the conclusion; the meeting closes). Before it is sent it has no lifecycle (null in the
 * state): the document, addressees and deadline are a draft in its row (lib/written).
 */
export type WrittenLifecycle = {
  phase: 'sent' | 'closed';
  documentSha256: string;
  title: string;
  deadline: string;
  addressees: number;
  sentAt: string;
  closedAt: string | null;
  conclusion: string | null;
};

export const CONCLUSION_MAX = 4000;
