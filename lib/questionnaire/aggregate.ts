import type { Answers } from './answers';
import { questionIdentity, questionsOf, type Definition, type Question } from './definition';

/**
 * The results of a questionnaire, per question, over all its versions. A question counts across
 * versions by its id while it is unchanged (same kind, wording, options and limits: `questionIdentity`). When
 * a later version changed it, each form of the question is its own result with the versions it was asked
 * in: answers to differently worded questions or options are never added up (the newest form first, in
 * the newest version's order; forms no longer asked follow).
 */

type Base = { questionId: string; title: string; required: boolean; versions: number[]; respondents: number; answered: number };
export type QuestionResult = Base & (
  | { kind: 'single' | 'multiple'; options: { id: string; label: string; count: number }[] }
  | { kind: 'rating'; distribution: Record<'1' | '2' | '3' | '4' | '5', number>; mean: number | null }
  /**
   * Each option's mean position (1 = first) and Borda points (n−1 for a first place … 0 for the last),
   * with how often it was put at each place; ordered by points, then mean position, then the options' order.
   */
  | { kind: 'ranking'; options: { id: string; label: string; borda: number; meanRank: number | null; places: number[] }[] }
  /** the answers in sorted order: their order says nothing about who wrote them or when */
  | { kind: 'text'; answers: string[] }
);

export type VersionedDefinition = { version: number; definition: Definition };
export type VersionedAnswers = { version: number; answers: Answers };

const round2 = (x: number) => Math.round(x * 100) / 100;

export function aggregate(versions: readonly VersionedDefinition[], responses: readonly VersionedAnswers[]): QuestionResult[] {
  const ordered = [...versions].sort((a, b) => b.version - a.version);
  // One group per (question id, form): the versions asking that form.
  const groups = new Map<string, { question: Question; versions: number[] }>();
  for (const v of ordered) {
    for (const q of questionsOf(v.definition)) {
      const key = questionIdentity(q);
      const g = groups.get(key) ?? { question: q, versions: [] };
      g.versions.push(v.version);
      groups.set(key, g);
    }
  }
  return [...groups.values()].map(({ question: q, versions: vs }) => {
    const asked = responses.filter((r) => vs.includes(r.version));
    const given = asked.map((r) => r.answers[q.id]).filter((a) => a !== undefined);
    const base: Base = { questionId: q.id, title: q.title, required: q.required, versions: [...vs].sort((a, b) => a - b), respondents: asked.length, answered: given.length };
    switch (q.kind) {
      case 'single':
      case 'multiple':
        return {
          ...base, kind: q.kind,
          options: q.options.map((o) => ({ id: o.id, label: o.label, count: given.filter((a) => a === o.id || (Array.isArray(a) && a.includes(o.id))).length })),
        };
      case 'rating': {
        const scores = given.filter((a): a is number => typeof a === 'number');
        const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<'1' | '2' | '3' | '4' | '5', number>;
        for (const s of scores) distribution[String(s) as '1']++;
        return { ...base, kind: 'rating', distribution, mean: scores.length ? round2(scores.reduce((x, y) => x + y, 0) / scores.length) : null };
      }
      case 'ranking': {
        const orders = given.filter((a): a is string[] => Array.isArray(a));
        const n = q.options.length;
        const options = q.options.map((o, index) => {
          const places = Array.from({ length: n }, () => 0);
          for (const order of orders) {
            const at = order.indexOf(o.id);
            if (at >= 0) places[at]!++;
          }
          const borda = places.reduce((sum, count, at) => sum + count * (n - 1 - at), 0);
          const ranked = places.reduce((x, y) => x + y, 0);
          const meanRank = ranked ? round2(places.reduce((sum, count, at) => sum + count * (at + 1), 0) / ranked) : null;
          return { id: o.id, label: o.label, borda, meanRank, places, index };
        });
        options.sort((a, b) => b.borda - a.borda || (a.meanRank ?? Infinity) - (b.meanRank ?? Infinity) || a.index - b.index);
        return { ...base, kind: 'ranking', options: options.map(({ index: _i, ...o }) => o) };
      }
      case 'text':
        return { ...base, kind: 'text', answers: given.filter((a): a is string => typeof a === 'string').sort() };
    }
  });
}
