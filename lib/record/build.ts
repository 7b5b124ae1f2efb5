import { firstNoticeAt } from '../meeting/notice-lead';
import type { MeetingState } from '../meeting/state';
import { keptProcedure, loadDefaultTemplates, stepProgress, templateFor } from '../planning/templates';
import type { SpeakRequest } from '../meeting/speaking-queue';
import type { Disclosure } from './disclosure';
import { decisionSentence } from '../voting/outcome';
import { RECORD_FORMAT, MeetingRecordV2, recordParts, type RecordSpeakerV2 } from './format';
import type { QuestionnaireRecordSource } from '../meeting/procedure/questionnaire/record';
import type { WrittenRecordSource } from '../meeting/procedure/written/record';
import type { VisitsRecordSource } from '../meeting/procedure/visits/record';
import type { EvaluationRecordSource } from '../meeting/procedure/evaluation/record';

/** Everything the record needs beyond the meeting's folded state, read by the caller. */
export type RecordSources = {
  recordId: string;
  state: MeetingState;
  community: { id: string; name: string; street: string; district: string };
  announcedAt: string | null;
  signers: MeetingRecordV2['signers'];
  /** named polls' ballots: pollId → seatId → choices */
  namedBallots: Map<string, Map<string, string[]>>;
  minutes: { html: string; markdown: string; yjsStateSha256: string };
  /** an open space's session notes as Markdown, by session (lib/minutes/breakouts.ts) */
  sessionNotes?: Record<string, string>;
  eventLog: MeetingRecordV2['eventLog'];
  chain: MeetingRecordV2['chain'];
  frozenAt: string;
  /** the files notices published or withdrew (lib/planning/notice-attachments.ts); absent: none */
  noticeFiles?: { noticeId: string | null; withdrawnNoticeId: string | null; fileName: string; size: number; sha256: string }[];
  /** a questionnaire's settings, versions and results (lib/questionnaire/service.ts `recordSource`) */
  questionnaire?: QuestionnaireRecordSource;
  /** a written consultation's document and final replies (lib/written/service.ts `recordSource`) */
  written?: WrittenRecordSource;
  /** a round of visits' plan and entries (lib/visits/service.ts `recordSource`) */
  visits?: VisitsRecordSource;
  /** a 民主评议's units with their aggregated ratings (lib/evaluation/service.ts `evaluationRecordSource`) */
  evaluation?: EvaluationRecordSource;
  /** a fresh disclosure of a personal value and its commitment (random salt: node-crypto `commitValue`) */
  commit: (value: string) => { commitment: string; disclosure: Disclosure };
};

function speakerLine(r: SpeakRequest): RecordSpeakerV2 | null {
  if (r.status !== 'done' || !r.startedAt || !r.endedAt) return null;
  const durationSec = Math.max(0, Math.round((Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000));
  return { seatId: r.seatId, stance: r.stance, startedAt: r.startedAt, endedAt: r.endedAt, durationSec };
}

/**
 * The record of a closed meeting (format 2), built from its authoritative (unprojected) state, and the
 * disclosures of its personal fields. Only speakers who had the floor and only polls that were opened
 * are part of it; drafts never happened. Residents appear only as seats: the roster commits to each
 * seat's name once, and attendance, speakers and named votes point at seats.
 */
export function buildRecord(src: RecordSources): { record: MeetingRecordV2; disclosures: Disclosure[] } {
  const s = src.state;
  if (s.status !== 'closed' || !s.closedAt) throw new Error('Only a closed meeting has a record');
  const spoke = (itemId: string | null) =>
    s.speakers.filter((r) => r.itemId === itemId).map(speakerLine).filter((x): x is RecordSpeakerV2 => x !== null);
  const polls = s.polls.filter((p) => p.status === 'closed');
  const disclosures: Disclosure[] = [];
  const commit = (value: string) => {
    const c = src.commit(value);
    disclosures.push(c.disclosure);
    return c.commitment;
  };
  // Seats are numbered in the order of their commitments, which is random: the meeting's seat order is
  // by name, so 成员 N in that order would give away names to anyone holding the council's member list,
  // and the same resident would carry the same number from record to record.
  const roster = s.seats
    .map((seat) => ({ seatId: seat.id, nameCommitment: commit(seat.name), kind: seat.kind, canVote: seat.canVote }))
    .sort((a, b) => a.nameCommitment.localeCompare(b.nameCommitment))
    .map(({ seatId, nameCommitment, kind, canVote }, i) => ({ seatId, member: i + 1, nameCommitment, kind, canVote }));
  const member = new Map(roster.map((seat) => [seat.seatId, seat.member]));

  const record = MeetingRecordV2.parse({
    format: RECORD_FORMAT,
    recordId: src.recordId,
    meetingId: s.meetingId,
    community: src.community,
    meeting: {
      title: s.title, level: s.level, type: s.type, form: s.form, venue: s.venue,
      convener: s.convenerName,
      recorders: src.signers.filter((x) => x.role === 'recorder').map((x) => x.name),
      scheduledAt: s.scheduledAt, announcedAt: src.announcedAt, startedAt: s.startedAt, closedAt: s.closedAt,
      quorumRule: s.quorumRule,
      ...planningFacts(s, src.noticeFiles ?? []),
    },
    roster,
    attendance: Object.entries(s.attendance)
      .map(([seatId, a]) => ({ seatId, mode: a.mode, checkedInAt: a.at, ...(a.by ? { checkedInBy: a.by } : {}) }))
      .sort((a, b) => a.checkedInAt.localeCompare(b.checkedInAt) || a.seatId.localeCompare(b.seatId)),
    ...(s.undoneCheckIns.length
      ? { undoneCheckIns: s.undoneCheckIns.map((u) => ({ seatId: u.seatId, by: u.by, at: u.at, reasonCommitment: commit(u.reason) })) }
      : {}),
    agenda: s.agenda.map((a) => ({
      id: a.id, title: a.title, notes: a.notes, status: a.status, ...(a.closeReason ? { closeReason: a.closeReason } : {}), speakers: spoke(a.id),
    })),
    otherSpeakers: spoke(null),
    polls: polls.map((p) => ({
      id: p.id, itemId: p.itemId, question: p.question, kind: p.kind, options: p.options, maxChoices: p.maxChoices,
      secret: p.secret, rule: p.rule, quorumAtOpen: p.quorumAtOpen, overrideReason: p.overrideReason,
      openedAt: p.openedAt, closedAt: p.closedAt, voted: p.voted, tally: p.tally ?? {}, outcome: p.outcome,
      ...(p.dropReason ? { dropReason: p.dropReason } : {}),
      ...(p.nonBinding ? { nonBinding: true } : {}),
      votes: p.secret
        ? null
        : [...(src.namedBallots.get(p.id) ?? new Map<string, string[]>())]
            .map(([seatId, choices]) => ({ seatId, choices, ...(p.staffEnteredSeatIds.includes(seatId) ? { staffEntered: true } : {}) }))
            // In roster order: sorting by name would leak the names' order to the public.
            .sort((a, b) => (member.get(a.seatId) ?? 0) - (member.get(b.seatId) ?? 0) || a.seatId.localeCompare(b.seatId)),
      ...(p.paper ? { paper: { ballots: p.paper.ballots, tellerCommitments: p.paper.tellers.map(commit) } } : {}),
    })),
    // A non-binding poll (意向性表决) sounds out opinion, walk-ins' too: it never makes a decision.
    decisions: polls
      .filter((p) => p.outcome?.result === 'passed' && !p.nonBinding)
      .map((p) => ({
        pollId: p.id, itemId: p.itemId, question: p.question, winners: p.outcome!.winners,
        ...(p.kind === 'motion' ? { decision: decisionSentence(p.question, p.decision) } : {}),
      })),
    minutes: { htmlCommitment: commit(src.minutes.html), markdownCommitment: commit(src.minutes.markdown), yjsStateSha256: src.minutes.yjsStateSha256 },
    ...Object.assign({}, ...recordParts.map((part) => part.section(s, { commit, sessionNotes: src.sessionNotes ?? {}, ...(src.questionnaire ? { questionnaire: src.questionnaire } : {}), ...(src.written ? { written: src.written } : {}), ...(src.visits ? { visits: src.visits } : {}), ...(src.evaluation ? { evaluation: src.evaluation } : {}) }))),
    eventLog: src.eventLog,
    signers: src.signers,
    chain: src.chain,
    frozenAt: src.frozenAt,
  });
  return { record, disclosures };
}

/**
 * What planning adds to the record, each part only when the meeting has it (so a meeting from before
 * planning makes the same record as before): the expected end, the invited categories, the notices, an
 * early start's reason, and the procedure checklist of a meeting that published a notice.
 */
function planningFacts(s: MeetingState, files: NonNullable<RecordSources['noticeFiles']>) {
  const filesOf = (noticeId: string, key: 'noticeId' | 'withdrawnNoticeId') =>
    files.filter((f) => f[key] === noticeId).map((f) => ({ name: f.fileName, size: f.size, sha256: f.sha256 }));
  // The procedure the meeting was planned with; a meeting from before template editions: the default's.
  const edition = s.procedure?.version ?? loadDefaultTemplates().version;
  const steps = s.notices.length
    ? stepProgress(s.procedure ? keptProcedure(s.procedure) : templateFor(loadDefaultTemplates(), s.form), {
      announcedAt: firstNoticeAt(s), startedAt: s.startedAt ? new Date(s.startedAt) : null, closedAt: s.closedAt ? new Date(s.closedAt) : null,
      filedAt: null, resultsPublishedAt: null, ticked: {},
    })
    : [];
  return {
    ...(s.endsAt ? { endsAt: s.endsAt } : {}),
    ...(s.invitedCategories.length ? { invitedCategories: s.invitedCategories } : {}),
    ...(s.notices.length ? {
      notices: s.notices.map((n) => {
        const attachments = filesOf(n.id, 'noticeId');
        const withdrawnAttachments = filesOf(n.id, 'withdrawnNoticeId');
        return {
          kind: n.kind, text: n.text, publishedAt: n.publishedAt, by: n.by,
          ...(attachments.length ? { attachments } : {}), ...(withdrawnAttachments.length ? { withdrawnAttachments } : {}),
        };
      }),
    } : {}),
    ...(s.statusReason && s.startedAt ? { startedEarlyBecause: s.statusReason } : {}),
    ...(steps.length ? {
      procedure: steps.map(({ step, doneAt }) => ({ step: step.id, name: step.name['zh-CN'], doneAt: doneAt?.toISOString() ?? null })),
      procedureEdition: edition,
    } : {}),
  };
}

