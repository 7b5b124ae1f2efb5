/**
 * A decision (落实 task) as the console's page shows it: what communityTasks returns, with times already
 * written out in the reader's language on the server, so the browser needs neither the catalogue's
 * formats nor the time zone. Statuses are spelled out here rather than imported from lib/topics, which
 * carries zod into the client bundle.
 */
export const taskStatuses = ['not_started', 'in_progress', 'done', 'impossible'] as const;
export type TaskStatusName = (typeof taskStatuses)[number];
export const ratingNames = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type RatingName = (typeof ratingNames)[number];

export type ConsoleDecision = {
  id: string;
  recordId: string;
  /** the meeting the decision was taken in, its day written for the reader */
  meeting: { title: string; day: string } | null;
  title: string;
  /** null until named (the database keeps an empty string) */
  owner: string | null;
  /** the deadline's day as written for the reader, and as YYYY-MM-DD (Beijing time) for the date picker */
  deadline: string | null;
  deadlineDay: string | null;
  status: TaskStatusName;
  reason: string | null;
  doneAt: string | null;
  overdue: boolean;
  /** the history: progress updates, and each naming of the owner and deadline (status 'planned', with both) */
  updates: { id: string; at: string; by: string; status: TaskStatusName | 'planned'; note: string; owner: string | null; deadline: string | null; hasPhoto: boolean }[];
  ratings: Record<RatingName, number>;
  comments: { rating: RatingName; comment: string; at: string }[];
};
