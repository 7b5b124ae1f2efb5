import { decisionSentence } from '../voting/outcome';
import { quorumStatus } from '../meeting/quorum';
import { spokenSeconds } from '../meeting/speaking-queue';
import { presentVoters, votingMembers, type MeetingState } from '../meeting/state';
import { hearingFacts } from '../meeting/procedure/hearing/minutes';
import { openSpaceFacts } from '../meeting/procedure/openspace/minutes';
import { answeredQuestionsFact } from '../meeting/procedure/qa/minutes';
import { expertFacts } from '../meeting/procedure/expert/minutes';
import type { Placed } from '../meeting/procedure/documents';
import type { FactData } from './facts';

/** Where a fact belongs: before everything, or at the end of an agenda item's section. */
export type PlacedFact = Placed<FactData>;

/**
 * The facts the minutes must hold for a meeting state, in their canonical document order (below). A pure
 * function of the state, so the server can restore the figures and their order whatever a client did.
 */
export function expectedFacts(s: MeetingState, recorders: readonly string[], now = new Date()): PlacedFact[] {
  const out: PlacedFact[] = [{
    section: 'top',
    fact: {
      kind: 'header', title: s.title, community: s.communityName, level: s.level, type: s.type, form: s.form,
      scheduledAt: s.scheduledAt, startedAt: s.startedAt, venue: s.venue, convener: s.convenerName, recorders: [...recorders],
    },
  }];
  if (s.status === 'live' || s.status === 'closed') {
    const voting = s.seats.filter((seat) => seat.canVote);
    const present = voting.map((seat) => s.attendance[seat.id]).filter((a) => !!a);
    const q = quorumStatus(s.quorumRule, presentVoters(s), votingMembers(s));
    out.push({
      section: 'top',
      fact: {
        kind: 'attendance', at: s.startedAt ?? now.toISOString(), members: voting.length,
        hall: present.filter((a) => a.mode === 'hall').length, remote: present.filter((a) => a.mode === 'remote').length,
        required: q.required, met: q.met,
      },
    });
  }
  // Canonical order (defined here, once; reconcile.ts keeps the document in it): the top facts, the polls
  // that belong to no item, then each agenda item in agenda order: its heading, its speakers, its polls
  // in the order they were opened.
  const inItem = (p: MeetingState['polls'][number]) => !!p.itemId && s.agenda.some((a) => a.id === p.itemId);
  const polls = s.polls
    .filter((p) => p.status === 'closed' && !!p.tally && !!p.outcome)
    .map((p, created) => ({ p, created }))
    .sort((a, b) => (a.p.openedAt ?? '').localeCompare(b.p.openedAt ?? '') || a.created - b.created)
    .map(({ p }) => p);
  const pollFact = (p: MeetingState['polls'][number], section: string): PlacedFact => ({
    section,
    fact: {
      kind: 'poll', pollId: p.id, question: p.question, pollKind: p.kind, secret: p.secret, rule: p.rule, options: p.options,
      tally: p.tally!, voted: p.voted, result: p.outcome!.result, support: p.outcome!.support, required: p.outcome!.required,
      denominator: p.outcome!.denominator, winners: p.outcome!.winners,
      ...(p.kind === 'motion' && p.outcome!.result === 'passed' ? { decision: decisionSentence(p.question, p.decision) } : {}),
      ...(p.paper?.ballots ? { paperBallots: p.paper.ballots } : {}),
      ...(p.staffEnteredSeatIds.length ? { staffEntered: p.staffEnteredSeatIds.length } : {}),
    },
  });
  // The parts' own facts at the top: an open space, a hearing's transcript, experts' written opinions.
  out.push(...openSpaceFacts(s.openSpace), ...hearingFacts(s.hearing), ...expertFacts(s.expert));
  for (const p of polls) if (!inItem(p)) out.push(pollFact(p, 'top'));
  // Answered questions follow the item they were asked under; those asked outside any item, the top.
  out.push(...answeredQuestionsFact(s, null));
  for (const [i, item] of s.agenda.entries()) {
    out.push({ section: item.id, fact: { kind: 'item', itemId: item.id, index: i + 1, title: item.title } });
    const done = s.speakers.filter((r) => r.itemId === item.id && r.status === 'done');
    if (done.length) {
      out.push({
        section: item.id,
        fact: { kind: 'speakers', itemId: item.id, speakers: done.map((r) => ({ name: r.name, stance: r.stance, seconds: spokenSeconds(r, now) })) },
      });
    }
    for (const p of polls) if (p.itemId === item.id) out.push(pollFact(p, item.id));
    out.push(...answeredQuestionsFact(s, item.id));
  }
  return out;
}
