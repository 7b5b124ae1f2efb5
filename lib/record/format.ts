import { z } from 'zod';
import { AttendanceMode, MeetingForm, MeetingLevel, MeetingType, Stance } from '../meeting/model';
import { QuorumRule } from '../meeting/quorum';
import { MajorityRule, PollKind } from '../voting/outcome';

/**
 * The frozen record of a closed meeting: the document the convener, the recorders and the platform
 * sign. Its bytes are the RFC 8785 canonical JSON of this object (`canonical.ts`), so anyone can
 * rebuild them from the parsed JSON and check the hash. A new field means a new format version.
 */
export const RECORD_FORMAT = 'yishi.meeting-record/1';
export const FILING_FORMAT = 'yishi.filing/1';

const Iso = z.string();
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const SignerRole = z.enum(['convener', 'recorder']);
export type SignerRole = z.infer<typeof SignerRole>;

const RequiredSigner = z.object({ role: SignerRole, staffId: z.string(), name: z.string() });

const RecordSpeaker = z.object({
  name: z.string(), stance: Stance, startedAt: Iso, endedAt: Iso, durationSec: z.number().int().min(0),
});

const RecordPoll = z.object({
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
  /** named polls only: who voted how; null for a secret poll */
  votes: z.array(z.object({ name: z.string(), choices: z.array(z.string()) })).nullable(),
});

export const MeetingRecord = z.object({
  format: z.literal(RECORD_FORMAT),
  recordId: z.string(),
  meetingId: z.string(),
  community: z.object({ id: z.string(), name: z.string(), street: z.string(), district: z.string() }),
  meeting: z.object({
    title: z.string(), level: MeetingLevel, type: MeetingType, form: MeetingForm, venue: z.string(),
    convener: z.string(), recorders: z.array(z.string()),
    scheduledAt: Iso, announcedAt: Iso.nullable(), startedAt: Iso.nullable(), closedAt: Iso,
    quorumRule: QuorumRule,
  }),
  roster: z.array(z.object({ seatId: z.string(), name: z.string(), kind: z.string(), canVote: z.boolean() })),
  attendance: z.array(z.object({ seatId: z.string(), name: z.string(), mode: AttendanceMode, checkedInAt: Iso })),
  agenda: z.array(z.object({
    id: z.string(), title: z.string(), notes: z.string(), status: z.enum(['pending', 'active', 'done']),
    speakers: z.array(RecordSpeaker),
  })),
  /** speakers given the floor outside any agenda item */
  otherSpeakers: z.array(RecordSpeaker),
  polls: z.array(RecordPoll),
  decisions: z.array(z.object({ pollId: z.string(), itemId: z.string().nullable(), question: z.string(), winners: z.array(z.string()) })),
  minutes: z.object({ html: z.string(), markdown: z.string(), yjsStateSha256: Hex64 }),
  eventLog: z.object({ events: z.number().int(), lastSeq: z.number().int(), sha256: Hex64 }),
  signers: z.array(RequiredSigner).min(1),
  chain: z.object({ communityId: z.string(), seq: z.number().int().min(1), previousRecordHash: Hex64.nullable() }),
  frozenAt: Iso,
});
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
export type RecordPoll = z.infer<typeof RecordPoll>;
export type RecordSpeaker = z.infer<typeof RecordSpeaker>;

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
