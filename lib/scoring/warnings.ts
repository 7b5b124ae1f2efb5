import type { Catalogue } from './catalogue';
import { recordMatches, type FactsView, type RecordMatcher } from './facts';
import type { ScoringMessageKey, MessageParams } from './messages';
import { daysLeft, elapsedShare, quarterOf, shanghaiDate, shanghaiDay, windowsOf, type Period } from './period';

/**
 * Shortfall warnings (短板预警): what will cost the community points unless someone acts, and what to do.
 * Every threshold comes from the catalogue's `warnings` section; the deadlines reuse the params of the
 * indicator a section points at, so a warning and its indicator can never disagree.
 */

export const warningKinds = [
  'record_unverified',
  'no_session_this_quarter',
  'results_due',
  'follow_up_overdue',
  'decision_overdue',
  'evidence_pending',
  'low_score',
] as const;
export type WarningKind = (typeof warningKinds)[number];

export type Warning = {
  kind: WarningKind;
  indicatorId?: string;
  recordId?: string;
  severity: 'high' | 'medium';
  messageKey: ScoringMessageKey;
  params: MessageParams;
  nextStepKey: ScoringMessageKey;
};

/** What the engine already worked out that the warnings need. */
export type WarningInput = {
  catalogue: Catalogue;
  facts: FactsView;
  period: Period;
  asOf: number;
  scores: { id: string; points: number; earned: number; automatic: boolean }[];
  /** parsed params of the automatic indicators, by indicator id */
  params: Map<string, Record<string, unknown>>;
};

export function shortfallWarnings({ catalogue, facts, period, asOf, scores, params }: WarningInput): Warning[] {
  const config = catalogue.warnings;
  const today = shanghaiDay(asOf);
  const out: Warning[] = [];
  const matching = (indicatorId: string) => {
    const match = params.get(indicatorId)?.match as RecordMatcher | undefined;
    return match ? facts.records.filter((r) => recordMatches(match, r)) : facts.records;
  };

  for (const r of facts.unverified) {
    out.push({
      kind: 'record_unverified', recordId: r.recordId, severity: 'high',
      messageKey: 'scoring.warning.recordUnverified', params: { title: r.title, recordId: r.recordId },
      nextStepKey: 'scoring.next.checkRecord',
    });
  }

  if (config.quarterlySession) {
    const { indicator, mediumWhenDaysLeft, highWhenDaysLeft } = config.quarterlySession;
    const quarter = quarterOf(period, asOf);
    const atLeast = (params.get(indicator)?.atLeast as number | undefined) ?? 1;
    if (quarter !== null) {
      const window = windowsOf(period, 'quarter')[quarter - 1]!;
      const held = matching(indicator).filter((r) => r.closed >= window.start && r.closed < window.end).length;
      const left = daysLeft(window, asOf);
      if (held < atLeast && left <= mediumWhenDaysLeft) {
        out.push({
          kind: 'no_session_this_quarter', indicatorId: indicator, severity: left <= highWhenDaysLeft ? 'high' : 'medium',
          messageKey: 'scoring.warning.noSessionThisQuarter', params: { indicator, quarter, daysLeft: left },
          nextStepKey: 'scoring.next.scheduleSession',
        });
      }
    }
  }

  if (config.resultsDue) {
    const { indicator, nearDays } = config.resultsDue;
    const withinDays = params.get(indicator)?.withinDays as number;
    for (const r of matching(indicator)) {
      if (r.resultsPublished !== null) continue;
      const deadline = shanghaiDay(r.closed) + withinDays;
      const base = { kind: 'results_due' as const, indicatorId: indicator, recordId: r.recordId, nextStepKey: 'scoring.next.publishResults' as const };
      const shown = { title: r.title, recordId: r.recordId, deadline: shanghaiDate(deadline) };
      if (today > deadline) {
        out.push({ ...base, severity: 'high', messageKey: 'scoring.warning.resultsOverdue', params: shown });
      } else if (deadline - today <= nearDays) {
        out.push({ ...base, severity: 'medium', messageKey: 'scoring.warning.resultsDueSoon', params: { ...shown, daysLeft: deadline - today } });
      }
    }
  }

  if (config.followUp) {
    const { indicator } = config.followUp;
    const dueDays = params.get(indicator)?.dueDays as number;
    for (const r of matching(indicator)) {
      if (today - shanghaiDay(r.closed) <= dueDays) continue;
      for (const d of r.decisions) {
        if (d.followUp !== null) continue;
        out.push({
          kind: 'follow_up_overdue', indicatorId: indicator, recordId: r.recordId, severity: 'high',
          messageKey: 'scoring.warning.followUpOverdue', params: { title: r.title, recordId: r.recordId, pollId: d.pollId, days: dueDays },
          nextStepKey: 'scoring.next.recordFollowUp',
        });
      }
    }
  }

  // A decision past the deadline staff set for it and still not carried out (or declared impossible): it
  // goes with the follow-up section (same indicator), as the standard's 落实 is one obligation.
  if (config.followUp) {
    for (const r of matching(config.followUp.indicator)) {
      for (const d of r.decisions) {
        if (!d.open || d.deadline === null || shanghaiDay(d.deadline) >= today) continue;
        out.push({
          kind: 'decision_overdue', indicatorId: config.followUp.indicator, recordId: r.recordId, severity: 'high',
          messageKey: 'scoring.warning.decisionOverdue', params: { title: r.title, recordId: r.recordId, pollId: d.pollId, deadline: shanghaiDate(shanghaiDay(d.deadline)) },
          nextStepKey: 'scoring.next.recordFollowUp',
        });
      }
    }
  }

  if (config.pendingReview) {
    const oldestPending = new Map<string, { count: number; oldest: number }>();
    for (const u of facts.uploads) {
      if (u.status !== 'pending') continue;
      const seen = oldestPending.get(u.indicatorId);
      oldestPending.set(u.indicatorId, { count: (seen?.count ?? 0) + 1, oldest: Math.min(seen?.oldest ?? Infinity, u.submitted) });
    }
    for (const s of scores) {
      const pending = oldestPending.get(s.id);
      if (!pending) continue;
      const days = today - shanghaiDay(pending.oldest);
      out.push({
        kind: 'evidence_pending', indicatorId: s.id, severity: days >= config.pendingReview.highAfterDays ? 'high' : 'medium',
        messageKey: 'scoring.warning.evidencePending', params: { indicator: s.id, count: pending.count, days },
        nextStepKey: 'scoring.next.askReview',
      });
    }
  }

  // Only once enough of the year is gone: early in the year every indicator is "low".
  if (config.lowScore && elapsedShare(period, asOf) > config.lowScore.afterElapsed) {
    const elapsed = Math.floor(elapsedShare(period, asOf) * 100);
    for (const s of scores) {
      if (s.earned >= s.points * config.lowScore.below) continue;
      out.push({
        kind: 'low_score', indicatorId: s.id, severity: s.earned === 0 ? 'high' : 'medium',
        messageKey: 'scoring.warning.lowScore', params: { indicator: s.id, earned: s.earned, points: s.points, elapsed },
        nextStepKey: s.automatic ? 'scoring.next.lowScore.automatic' : 'scoring.next.lowScore.assessed',
      });
    }
  }

  // High first, then by kind in the order above; the stable sort keeps catalogue and record order within.
  const rank = (w: Warning) => (w.severity === 'high' ? 0 : 100) + warningKinds.indexOf(w.kind);
  return out.sort((a, b) => rank(a) - rank(b));
}
