import type { TopicStatus } from '@/lib/topics/model';

/**
 * A topic as the console's review queue and register show it: what staffTopics returns, with times
 * already written out in the reader's language and the ids it names (place, merged-into topic, meetings)
 * resolved to names on the server, so the browser needs neither the catalogue's formats nor more queries.
 */
export type ConsoleTopic = {
  id: string;
  title: string;
  description: string;
  place: string;
  intakePath: string;
  status: TopicStatus;
  submitter: string;
  /** a resident's proposal from the board (co-signed there) rather than one staff registered */
  proposal: boolean;
  created: string;
  reviewed: string | null;
  level: string | null;
  type: string | null;
  /** the grid's or compound's name (the community's for a community topic) */
  placeName: string | null;
  /** the staff member it was routed to when accepted (the level's convener), if the post is held */
  convener: string | null;
  mergedInto: { id: string; title: string } | null;
  referredTo: string | null;
  reason: string | null;
  coSign: { have: number; missing: number; reached: boolean };
  coSigners: { name: string; building: string; phoneMasked: string; time: string }[];
  files: { id: string; kind: string; fileName: string; size: number }[];
  meetings: { id: string; title: string }[];
  /** the last escalation (逐级上报) that brought it to this level */
  escalation: { from: string; to: string; reason: string; by: string; time: string } | null;
};

export type GridOption = { id: string; name: string; compounds: { id: string; name: string }[] };
