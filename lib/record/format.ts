import { z } from 'zod';
import { AttendanceMode, MeetingForm, MeetingLevel, MeetingType, Stance } from '../meeting/model';
import { QuorumRule } from '../meeting/quorum';
import { MajorityRule, PollKind } from '../voting/schemas';
import type { RecordPart } from '../meeting/procedure/documents';
import { hearingRecord, hearingRecordShape } from '../meeting/procedure/hearing/record';
import { openSpaceRecord, openSpaceRecordShape } from '../meeting/procedure/openspace/record';
import { qaRecord, qaRecordShape } from '../meeting/procedure/qa/record';
import { questionnaireRecord, questionnaireRecordShape } from '../meeting/procedure/questionnaire/record';
import { writtenRecord, writtenRecordShape } from '../meeting/procedure/written/record';
import { visitsRecord, visitsRecordShape } from '../meeting/procedure/visits/record';
import { evaluationRecord, evaluationRecordShape } from '../meeting/procedure/evaluation/record';
import { expertRecord, expertRecordShape } from '../meeting/procedure/expert/record';

/**
 * The frozen record of a closed meeting: the document the convener, the recorders and the platform
 * sign. Its bytes are the RFC 8785 canonical JSON of this object (`canonical.ts`), so anyone can
 * rebuild them from the parsed JSON and check the hash. A new field means a new format version.
 *
 * Format 2 (written since issue 9) keeps residents' names and the minutes' text out of the signed
 * bytes: each such field is a commitment, SHA-256 of the canonical JSON of `[salt, value]` with a
 * 128-bit random salt (`disclosure.ts`), and attendance, speakers and named votes point at roster seats.
 * Format 1 (names in clear) is still read and verified: records filed before keep their bytes.
 */
export const RECORD_FORMAT_V1 = 'yishi.meeting-record/1';
export const RECORD_FORMAT = 'yishi.meeting-record/2';
export const FILING_FORMAT = 'yishi.filing/1';

const Iso = z.string();
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
/** SHA-256 (hex) of the canonical JSON of a disclosure `[salt, value]`; the value itself is not in the record. */
const Commitment = Hex64;

export const SignerRole = z.enum(['convener', 'recorder']);
export type SignerRole = z.infer<typeof SignerRole>;

const RequiredSigner = z.object({ role: SignerRole, staffId: z.string(), name: z.string() });

const RecordSpeakerV1 = z.object({
  name: z.string(), stance: Stance, startedAt: Iso, endedAt: Iso, durationSec: z.number().int().min(0),
});
/** Format 2: the speaker is a roster seat; the name is the seat's, disclosed with the roster. */
const RecordSpeakerV2 = z.object({
  seatId: z.string(), stance: Stance, startedAt: Iso, endedAt: Iso, durationSec: z.number().int().min(0),
});

const PollBase = z.object({
  id: z.string(),
  itemId: z.string().nullable(),
  question: z.string(),
  kind: PollKind,
  options: z.array(z.string()),
  maxChoices: z.number().int(),
  secret: z.boolean(),
  rule: MajorityRule,
  quorumAtOpen: z.object({ present: z.number(), members: z.number(), required: z.number(), met: z.boolean() }).nullable(),
  overrideReason: z.string().nullable(),
  openedAt: Iso.nullable(),
  closedAt: Iso.nullable(),
  voted: z.number().int(),
  tally: z.record(z.string(), z.number()),
  outcome: z.object({
    result: z.enum(['passed', 'failed']), support: z.number(), denominator: z.number(), required: z.number(),
    winners: z.array(z.string()), reason: z.enum(['no_votes', 'tie']).optional(),
  }).nullable(),
  /** an open poll dropped at closing, uncounted: why */
  dropReason: z.string().optional(),
});
const RecordPollV1 = PollBase.extend({
  /** named polls only: who voted how; null for a secret poll */
  votes: z.array(z.object({ name: z.string(), choices: z.array(z.string()) })).nullable(),
});
const RecordPollV2 = PollBase.extend({
  /**
   * 意向性表决 (since issue 11; absent otherwise, so earlier records keep their bytes): the poll decided
   * nothing and is not among `decisions`; walk-ins (roster seats of kind `walk_in`) may have voted in it.
   */
  nonBinding: z.literal(true).optional(),
  /** named polls only: which seat voted how (`staffEntered`: the facilitator entered it for them); null for a secret poll */
  votes: z.array(z.object({ seatId: z.string(), choices: z.array(z.string()), staffEntered: z.literal(true).optional() })).nullable(),
  /**
   * Secret polls: paper ballots counted by tellers, included in `voted` and `tally`. The tellers may be
   * residents, so their names are commitments like the roster's. Optional (since issue 10): a record
   * without paper ballots has the same bytes as before. The paper ballots' own counts per option are not
   * written (`counts` is only read in records made before this rule): with them, the tally minus the
   * paper counts would be the phones' own tally, a smaller group whose choices the attendance narrows.
   */
  paper: z.object({ ballots: z.number().int().min(0), counts: z.record(z.string(), z.number()).optional(), tellerCommitments: z.array(Commitment) }).optional(),
});

/** A file published with a notice: its name, size in bytes and the SHA-256 of its bytes (hex). */
const NoticeFile = z.object({ name: z.string(), size: z.number().int().min(0), sha256: Hex64 });

/** What both formats share: meeting facts, agenda titles, tallies, outcomes, signers, chain. Staff names stay public. */
const RecordCommon = z.object({
  recordId: z.string(),
  meetingId: z.string(),
  community: z.object({ id: z.string(), name: z.string(), street: z.string(), district: z.string() }),
  meeting: z.object({
    title: z.string(), level: MeetingLevel, type: MeetingType, form: MeetingForm, venue: z.string(),
    convener: z.string(), recorders: z.array(z.string()),
    scheduledAt: Iso, announcedAt: Iso.nullable(), startedAt: Iso.nullable(), closedAt: Iso,
    quorumRule: QuorumRule,
    // Planning (since issue 11; optional, so earlier records keep their bytes): the expected end, the
    // categories invited, every notice as published, why the meeting started before its notice lead time,
    // and the form's procedure steps with when each was done at the time the record was frozen.
    endsAt: Iso.optional(),
    invitedCategories: z.array(z.string()).optional(),
    // A notice's files (attachments: what it published; withdrawnAttachments: what its correction took
    // down) by name, size and SHA-256 of the bytes; optional, absent from a notice without files.
    notices: z.array(z.object({
      kind: z.enum(['notice', 'revision', 'cancellation']), text: z.string(), publishedAt: Iso, by: z.string(),
      attachments: z.array(NoticeFile).optional(), withdrawnAttachments: z.array(NoticeFile).optional(),
    })).optional(),
    startedEarlyBecause: z.string().optional(),
    procedure: z.array(z.object({ step: z.string(), name: z.string(), doneAt: Iso.nullable() })).optional(),
    // The edition of the procedure templates the steps come from (the default catalogue's version, or a
    // district's saved edition such as "d2"); optional, absent from records made before it was named.
    procedureEdition: z.string().optional(),
  }),
  decisions: z.array(z.object({
    pollId: z.string(), itemId: z.string().nullable(), question: z.string(), winners: z.array(z.string()),
    /** a motion's decision sentence ("同意…"); absent in records made before it existed */
    decision: z.string().optional(),
  })),
  eventLog: z.object({ events: z.number().int(), lastSeq: z.number().int(), sha256: Hex64 }),
  signers: z.array(RequiredSigner).min(1),
  chain: z.object({ communityId: z.string(), seq: z.number().int().min(1), previousRecordHash: Hex64.nullable() }),
  frozenAt: Iso,
});

// deferred / dropped: what closing decided for an unfinished item (a record of a meeting closed since
// then never holds pending or active); closeReason is why a dropped item was dropped.
const AgendaItemBase = z.object({
  id: z.string(), title: z.string(), notes: z.string(), status: z.enum(['pending', 'active', 'done', 'deferred', 'dropped']),
  closeReason: z.string().optional(),
});

export const MeetingRecordV1 = RecordCommon.extend({
  format: z.literal(RECORD_FORMAT_V1),
  roster: z.array(z.object({ seatId: z.string(), name: z.string(), kind: z.string(), canVote: z.boolean() })),
  attendance: z.array(z.object({ seatId: z.string(), name: z.string(), mode: AttendanceMode, checkedInAt: Iso })),
  agenda: z.array(AgendaItemBase.extend({ speakers: z.array(RecordSpeakerV1) })),
  /** speakers given the floor outside any agenda item */
  otherSpeakers: z.array(RecordSpeakerV1),
  polls: z.array(RecordPollV1),
  minutes: z.object({ html: z.string(), markdown: z.string(), yjsStateSha256: Hex64 }),
});
export type MeetingRecordV1 = z.infer<typeof MeetingRecordV1>;

export const MeetingRecordV2 = RecordCommon.extend({
  format: z.literal(RECORD_FORMAT),
  /** `member` is the seat's public pseudonym (成员 7): its place in the roster, counted from 1 */
  roster: z.array(z.object({ seatId: z.string(), member: z.number().int().min(1), nameCommitment: Commitment, kind: z.string(), canVote: z.boolean() })),
  // `checkedInBy`: the staff member who checked the member in on their behalf (代签到). Optional fields
  // added in issue 10: absent from a record without them, so earlier records keep their bytes.
  attendance: z.array(z.object({ seatId: z.string(), mode: AttendanceMode, checkedInAt: Iso, checkedInBy: z.string().optional() })),
  /** 代签到 withdrawn before the first poll; the reason is free text that may name residents: committed */
  undoneCheckIns: z.array(z.object({ seatId: z.string(), by: z.string(), at: Iso, reasonCommitment: Commitment })).optional(),
  agenda: z.array(AgendaItemBase.extend({ speakers: z.array(RecordSpeakerV2) })),
  otherSpeakers: z.array(RecordSpeakerV2),
  polls: z.array(RecordPollV2),
  // The minutes are free text in which recorders and the server's fact blocks name residents: committed whole.
  minutes: z.object({ htmlCommitment: Commitment, markdownCommitment: Commitment, yjsStateSha256: Hex64 }),
  // The parts' own sections (lib/meeting/procedure/<part>/record.ts), each optional and absent from a
  // meeting without it, so earlier records keep their bytes: answered questions, an open space, a hearing,
  // a questionnaire, a written consultation, a round of visits, a 民主评议.
  ...qaRecordShape,
  ...openSpaceRecordShape,
  ...hearingRecordShape,
  ...questionnaireRecordShape,
  ...writtenRecordShape,
  ...visitsRecordShape,
  ...evaluationRecordShape,
  ...expertRecordShape,
}).superRefine((r, ctx) => {
  // Names live only in the roster: a seat reference outside it, or two seats with one number, would
  // show a reader a person the signed record does not vouch for.
  const seats = new Set(r.roster.map((s) => s.seatId));
  if (seats.size !== r.roster.length || r.roster.some((s, i) => s.member !== i + 1)) ctx.addIssue({ code: 'custom', message: 'roster seats must be distinct and numbered 1, 2, 3 … in order' });
  const refs = [
    ...r.attendance.map((a) => a.seatId),
    ...(r.undoneCheckIns ?? []).map((u) => u.seatId),
    ...[...r.agenda.flatMap((a) => a.speakers), ...r.otherSpeakers].map((s) => s.seatId),
    ...r.polls.flatMap((p) => p.votes ?? []).map((v) => v.seatId),
    ...recordParts.flatMap((part) => part.seatRefs(r)),
  ];
  if (refs.some((id) => !seats.has(id))) ctx.addIssue({ code: 'custom', message: 'a seat referred to is not in the roster' });
});
export type MeetingRecordV2 = z.infer<typeof MeetingRecordV2>;

/** The parts with their own sections of the record, for build.ts and the roster check above. */
export const recordParts = [qaRecord, openSpaceRecord, hearingRecord, questionnaireRecord, writtenRecord, visitsRecord, evaluationRecord, expertRecord] as RecordPart<Partial<MeetingRecordV2>>[];

/** A record of either format, told apart by `format`; verification accepts both. */
export const MeetingRecord = z.discriminatedUnion('format', [MeetingRecordV1, MeetingRecordV2]);
export type MeetingRecord = z.infer<typeof MeetingRecord>;

/**
 * A stored record's body read back, or null when it is not (any longer) a record of this format — a
 * tampered or corrupted body must show as unverified, not take a page down.
 */
export function parseStoredRecord(body: string): MeetingRecord | null {
  try {
    const parsed = MeetingRecord.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
export type RecordPollV1 = z.infer<typeof RecordPollV1>;
export type RecordSpeakerV1 = z.infer<typeof RecordSpeakerV1>;
export type RecordSpeakerV2 = z.infer<typeof RecordSpeakerV2>;

/** One entry of `signatures.json`: an SPKI PEM key and the base64 Ed25519 signature over record.json. */
export const SignatureEntry = z.object({
  role: z.enum(['convener', 'recorder', 'platform']),
  name: z.string(),
  publicKeyPem: z.string(),
  signature: z.string(),
});
export type SignatureEntry = z.infer<typeof SignatureEntry>;

/**
 * The platform's filing statement: which record (by hash), in which chain position, signed with which
 * keys. The platform signs its canonical bytes, which binds the signers' keys to the record: swapping
 * a key and a signature together still fails this check.
 */
export const FilingStatement = z.object({
  format: z.literal(FILING_FORMAT),
  recordId: z.string(),
  recordHash: Hex64,
  chain: z.object({ communityId: z.string(), seq: z.number().int().min(1), previousRecordHash: Hex64.nullable() }),
  signers: z.array(z.object({ role: SignatureEntry.shape.role, name: z.string(), keyFingerprint: Hex64 })),
  filedAt: Iso,
});
export type FilingStatement = z.infer<typeof FilingStatement>;

export const Filing = z.object({ statement: FilingStatement, signature: z.string() });
export type Filing = z.infer<typeof Filing>;

export const recordStatuses = ['closed', 'awaiting_signatures', 'signed', 'filed'] as const;
export type RecordStatus = (typeof recordStatuses)[number];
