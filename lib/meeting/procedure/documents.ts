import { z } from 'zod';
import type { MeetingState } from '../state';
import type { QuestionnaireRecordSource } from './questionnaire/record';
import type { WrittenRecordSource } from './written/record';
import type { VisitsRecordSource } from './visits/record';
import type { EvaluationRecordSource } from './evaluation/record';

/**
 * What a part of the meeting writes into the minutes and the record, and the few words and schemas
 * they share. A part with minutes facts exports their zod schemas (each with a literal `kind`) and a
 * `MinutesPart` (lib/minutes/facts.ts composes them; lib/minutes/expected-facts.ts places them); a part
 * with a record section exports its schema's shape and a `RecordPart` (lib/record/format.ts and
 * build.ts compose them). Pure and browser-safe: the minutes editor renders facts in the browser.
 */

/** A fact as a title and lines of text: the one rendering that HTML, Markdown and the editor's view share. */
export type FactText = { title: string; lines: string[] };

export type MinutesPart<F extends { kind: string }> = {
  kinds: readonly F['kind'][];
  /** the fact's stable id in the document (one block per id) */
  id(f: F): string;
  /** its text; the minutes are a Chinese document of record, so its fixed words are zh-CN */
  text(f: F): FactText;
};

/** Where a fact goes: before everything, or at the end of an agenda item's section (its id). */
export type Placed<F> = { section: 'top' | string; fact: F };

export type RecordContext = {
  /** a fresh commitment to a personal value (its disclosure is kept apart from the record) */
  commit(value: string): string;
  /** an open space's session notes as Markdown, by session */
  sessionNotes: Record<string, string>;
  /** a questionnaire's settings, versions and results, from its tables (lib/questionnaire/service.ts) */
  questionnaire?: QuestionnaireRecordSource;
  /** a written consultation's document and addressees with their final replies (lib/written/service.ts) */
  written?: WrittenRecordSource;
  /** a round of visits' plan and entries, from its tables (lib/visits/service.ts) */
  visits?: VisitsRecordSource;
  /** a 民主评议's period, units with their aggregated ratings, evaluator counts (lib/evaluation/service.ts) */
  evaluation?: EvaluationRecordSource;
};

export type RecordPart<S> = {
  /** the part's fields of the record; each only when the meeting has some (earlier records keep their bytes) */
  section(s: MeetingState, ctx: RecordContext): Partial<S>;
  /** the roster seats the part's fields point at (each must be in the roster) */
  seatRefs(r: Partial<S>): string[];
};

export const Iso = z.string();
/** SHA-256 (hex) of the canonical JSON of a disclosure `[salt, value]` (lib/record/disclosure.ts). */
export const Commitment = z.string().regex(/^[0-9a-f]{64}$/);

export const zhTime = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
export const zhDuration = (s: number) => `${Math.floor(s / 60)}分${String(s % 60).padStart(2, '0')}秒`;
