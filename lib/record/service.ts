import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import type { MeetingHub } from '../meeting/hub';
import { can } from '../meeting/permissions';
import { meetingRecorders, staffRoleIn } from '../meeting/queries';
import { publishResults } from '../topics/publicity';
import type { Db } from '../platform/db/client';
import { isUniqueViolation } from '../platform/db/errors';
import { AppError } from '../platform/errors';
import { newId } from '../platform/tokens';
import { buildRecord } from './build';
import { publishedAttachments } from '../planning/notice-attachments';
import { createQuestionnaires } from '../questionnaire/service';
import { writtenRecordSource } from '../written/service';
import { visitsRecordSource } from '../visits/service';
import { evaluationRecordSource } from '../evaluation/service';
import { canonicalBytes, canonicalJson } from './canonical';
import { FILING_FORMAT, parseStoredRecord, type Filing, type FilingStatement, type MeetingRecord, type RecordStatus, type SignatureEntry } from './format';
import { ed25519RawFromSpki, spkiPemToDer } from './keys';
import { Disclosures, type Disclosure } from './disclosure';
import { commitValue, nodeCrypto, sha256Hex, signEd25519 } from './node-crypto';
import { platformKey } from './platform-key';
import { keyFingerprint, verifyBundle, verifyChain, type VerifyResult } from './verify';
import { PLATFORM_SIGNER_NAME, storedRecordInclude, storedSignatures, verifyStoredRecord } from './verify-stored';

/** What the record needs of the minutes: their final text once every pending fact is written. */
export type FinalMinutes = (meetingId: string) => Promise<{ html: string; markdown: string; yjsState: Uint8Array; notes?: Record<string, string> }>;

export const SignRecordInput = z.object({
  publicKeyPem: z.string().min(1).max(2000),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'base64 of a 64-byte Ed25519 signature'),
});
export type SignRecordInput = z.infer<typeof SignRecordInput>;

const utf8 = new TextEncoder();

function storedRecord(body: string): MeetingRecord {
  const record = parseStoredRecord(body);
  if (!record) throw new AppError('INVALID_STATE', 'The stored record cannot be read; it fails verification');
  return record;
}

export type RecordServiceOptions = {
  /** told after a record is filed (scores change) */
  onFiled?: (recordId: string, communityId: string) => void;
  /** the clock; the demo history runs past meetings on its own */
  now?: () => Date;
};

/**
 * The life of a meeting's record: frozen when the meeting closes (awaiting signatures), signed on the
 * convener's and recorders' own devices, then countersigned by the platform and filed. The record's
 * bytes never change after freezing; everything later is a signature over them.
 */
export function createRecordService(db: Db, hub: MeetingHub, finalMinutes: FinalMinutes, opts: RecordServiceOptions = {}) {
  const now = opts.now ?? (() => new Date());
  const freezing = new Map<string, Promise<string>>();

  /** Freeze the record of a closed meeting; idempotent, returns the record id. */
  function freeze(meetingId: string): Promise<string> {
    let p = freezing.get(meetingId);
    if (!p) {
      p = freezeOnce(meetingId).finally(() => freezing.delete(meetingId));
      freezing.set(meetingId, p);
    }
    return p;
  }

  async function freezeOnce(meetingId: string): Promise<string> {
    const existing = await db.meetingRecord.findUnique({ where: { meetingId }, select: { id: true } });
    if (existing) return existing.id;
    const state = await hub.state(meetingId);
    if (state.status !== 'closed') throw new AppError('INVALID_STATE', 'Only a closed meeting has a record');
    const meeting = await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, include: { community: { include: { street: { include: { district: true } } } } } });
    const convener = await db.staffUser.findUniqueOrThrow({ where: { id: meeting.convenerId } });
    const recorders = await meetingRecorders(db, meetingId);
    const events = await hub.eventsSince(meetingId, 0);
    const announced = events.find((e) => e.type === 'meeting.statusChanged' && e.data.status === 'announced');
    const ballots = await db.ballot.findMany({ where: { pollId: { in: state.polls.filter((p) => !p.secret).map((p) => p.id) }, seatId: { not: null } } });
    const namedBallots = new Map<string, Map<string, string[]>>();
    for (const b of ballots) {
      const byPoll = namedBallots.get(b.pollId) ?? new Map<string, string[]>();
      byPoll.set(b.seatId!, z.array(z.string()).parse(JSON.parse(b.choices)));
      namedBallots.set(b.pollId, byPoll);
    }
    const minutes = await finalMinutes(meetingId);
    // An opened questionnaire's results, from its answers (closed before the meeting closed: final).
    const questionnaire = state.questionnaire ? await createQuestionnaires(db, hub).recordSource(meetingId) : null;
    // A sent written consultation's document and its addressees' final replies.
    const written = state.written ? await writtenRecordSource(db, meetingId) : null;
    // A started round of visits' plan and entries (finished before the meeting closed: final).
    const visits = state.visits ? await visitsRecordSource(db, meetingId) : null;
    // An opened 民主评议's plan and its units' aggregated boxes.
    const evaluation = state.evaluation ? await evaluationRecordSource(db, meetingId) : null;
    const recordId = newId();

    // No transaction is needed for the chain position: a concurrent freeze in the same community that
    // read the same last record loses on the (communityId, chainSeq) unique key and tries the next one.
    for (let attempt = 0; attempt < 5; attempt++) {
      const last = await db.meetingRecord.findFirst({ where: { communityId: meeting.communityId }, orderBy: { chainSeq: 'desc' } });
      const { record, disclosures } = buildRecord({
        recordId, state, commit: commitValue,
        community: { id: meeting.communityId, name: meeting.community.name, street: meeting.community.street.name, district: meeting.community.street.district.name },
        announcedAt: announced?.at ?? null,
        signers: [
          { role: 'convener', staffId: convener.id, name: convener.displayName },
          ...recorders.map((r) => ({ role: 'recorder' as const, staffId: r.id, name: r.displayName })),
        ],
        namedBallots,
        noticeFiles: await publishedAttachments(db, [meetingId]),
        minutes: { html: minutes.html, markdown: minutes.markdown, yjsStateSha256: sha256Hex(minutes.yjsState) },
        ...(minutes.notes ? { sessionNotes: minutes.notes } : {}),
        ...(questionnaire ? { questionnaire } : {}),
        ...(written ? { written } : {}),
        ...(visits ? { visits } : {}),
        ...(evaluation ? { evaluation } : {}),
        eventLog: {
          events: events.length,
          lastSeq: events.at(-1)?.seq ?? 0,
          sha256: sha256Hex(canonicalJson(events.map(({ seq, type, data, at, actor }) => ({ seq, type, data, at, actor })))),
        },
        chain: { communityId: meeting.communityId, seq: (last?.chainSeq ?? 0) + 1, previousRecordHash: last ? sha256Hex(last.body) : null },
        frozenAt: now().toISOString(),
      });
      const body = canonicalJson(record);
      try {
        // One transaction: a record whose disclosures were lost would name nobody, ever.
        await db.$transaction([
          db.meetingRecord.create({
            data: {
              id: recordId, meetingId, communityId: meeting.communityId, chainSeq: record.chain.seq,
              previousHash: record.chain.previousRecordHash, hash: sha256Hex(body), body,
              status: 'awaiting_signatures' satisfies RecordStatus, frozenAt: new Date(record.frozenAt),
            },
          }),
          db.recordDisclosure.create({ data: { recordId, body: canonicalJson(disclosures), createdAt: now() } }),
        ]);
        return recordId;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const again = await db.meetingRecord.findUnique({ where: { meetingId }, select: { id: true } });
        if (again) return again.id;
      }
    }
    throw new AppError('CONFLICT', 'Could not take a chain position for the record');
  }

  async function load(recordId: string) {
    const row = await db.meetingRecord.findUnique({ where: { id: recordId }, include: storedRecordInclude });
    if (!row) throw new AppError('NOT_FOUND', 'No such record');
    return row;
  }

  /** A signature made on the signer's device; its key is registered to the signer on first use. */
  async function sign(recordId: string, staff: StaffIdentity, input: SignRecordInput) {
    const row = await load(recordId);
    if (row.status !== 'awaiting_signatures') throw new AppError('INVALID_STATE', 'The record is not awaiting signatures');
    const record = storedRecord(row.body);
    const roles = record.signers.filter((s) => s.staffId === staff.id);
    if (!roles.length) throw new AppError('FORBIDDEN', 'You are not a signer of this record');
    let der: Uint8Array;
    try {
      der = spkiPemToDer(input.publicKeyPem);
    } catch {
      throw new AppError('BAD_REQUEST', 'publicKeyPem is not a PEM public key');
    }
    if (!ed25519RawFromSpki(der)) throw new AppError('BAD_REQUEST', 'Only Ed25519 public keys are accepted');
    const bytes = utf8.encode(row.body);
    const ok = await nodeCrypto.verifyEd25519(der, bytes, Buffer.from(input.signature, 'base64'));
    if (!ok) throw new AppError('BAD_REQUEST', 'The signature does not verify over the record with this key');

    const fingerprint = sha256Hex(der);
    let key = await db.signingKey.findUnique({ where: { fingerprint } });
    if (key && key.staffUserId !== staff.id) throw new AppError('FORBIDDEN', 'This key belongs to someone else');
    if (!key) {
      try {
        key = await db.signingKey.create({ data: { id: newId(), staffUserId: staff.id, publicKeyPem: input.publicKeyPem, fingerprint, createdAt: now() } });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        key = await db.signingKey.findUniqueOrThrow({ where: { fingerprint } });
        if (key.staffUserId !== staff.id) throw new AppError('FORBIDDEN', 'This key belongs to someone else');
      }
    }
    // A convener who is also a recorder signs once for both roles.
    for (const r of roles) {
      try {
        await db.recordSignature.create({
          data: { id: newId(), recordId, role: r.role, staffUserId: staff.id, name: r.name, keyId: key.id, signature: input.signature, signedAt: now() },
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err; // signed before: a retry after a lost reply
      }
    }
    await fileIfComplete(recordId);
    return status(recordId);
  }

  /** When every required signer has signed: verify them all again, countersign, file. */
  async function fileIfComplete(recordId: string) {
    const row = await load(recordId);
    if (row.status === 'filed') return;
    const record = storedRecord(row.body);
    const missing = record.signers.filter((s) => !row.signatures.some((x) => x.staffUserId === s.staffId && x.role === s.role));
    if (missing.length) return;
    if (row.status === 'awaiting_signatures') {
      const moved = await db.meetingRecord.updateMany({ where: { id: recordId, status: 'awaiting_signatures' }, data: { status: 'signed', signedAt: now() } });
      if (moved.count === 0) return; // another request is filing it
    }
    const platform = await platformKey(db);
    const bytes = utf8.encode(row.body);
    const entries: SignatureEntry[] = storedSignatures({ ...row, filing: null }, new Map()).signatures;
    const platformEntry: SignatureEntry = { role: 'platform', name: PLATFORM_SIGNER_NAME, publicKeyPem: platform.publicKeyPem, signature: signEd25519(platform.privateKeyPem, bytes) };
    const statement: FilingStatement = {
      format: FILING_FORMAT,
      recordId,
      recordHash: sha256Hex(bytes),
      chain: record.chain,
      signers: await Promise.all([...entries, platformEntry].map(async (e) => ({ role: e.role, name: e.name, keyFingerprint: await keyFingerprint(nodeCrypto, e.publicKeyPem) }))),
      filedAt: now().toISOString(),
    };
    const filing: Filing = { statement, signature: signEd25519(platform.privateKeyPem, canonicalBytes(statement)) };
    const check = await verifyBundle({ recordBytes: bytes, signatures: [...entries, platformEntry], filing }, nodeCrypto, { trust: { platformKeyPem: platform.publicKeyPem } });
    const failed = check.checks.filter((c) => c.status === 'fail');
    if (failed.length) throw new AppError('INVALID_STATE', `The record does not verify: ${failed.map((c) => c.detail).join('; ')}`);
    // Only one request files: a second one that read the row as `signed` finds it filed and stops here.
    const filed = await db.meetingRecord.updateMany({
      where: { id: recordId, status: 'signed' },
      data: {
        status: 'filed', filedAt: new Date(statement.filedAt), filing: canonicalJson(statement), filingSignature: filing.signature,
        platformSignature: platformEntry.signature, platformKeyId: platform.id,
      },
    });
    if (filed.count === 1) {
      // Filed means public: its results go on the board now, for the form's publicity period. The filing
      // stands if this fails; the publication is then missing (the index says so) and is logged.
      await publishResults(db, recordId, new Date(statement.filedAt)).catch((err) => console.error('[publicity] publishing failed', recordId, err));
      opts.onFiled?.(recordId, row.communityId);
    }
  }

  /**
   * The bundle as stored: exactly what `record:export` writes and the public page verifies. Public by
   * the record's unguessable id, so it names no other record: the link to the previous one is that
   * record's hash (enough to check the chain), never its id, and there is no "next" — one known id must
   * not lead through a community's whole history.
   */
  async function bundle(recordId: string) {
    const row = await load(recordId);
    const platformKeys = new Map((await db.platformKey.findMany()).map((k) => [k.id, k.publicKeyPem]));
    const { signatures, filing } = storedSignatures(row, platformKeys);
    const previous = row.chainSeq > 1
      ? await db.meetingRecord.findUnique({ where: { communityId_chainSeq: { communityId: row.communityId, chainSeq: row.chainSeq - 1 } }, select: { body: true, chainSeq: true } })
      : null;
    return {
      recordId: row.id,
      meetingId: row.meetingId,
      status: row.status as RecordStatus,
      recordJson: row.body,
      signatures,
      filing,
      signedAt: Object.fromEntries(row.signatures.map((s) => [`${s.role}:${s.name}`, s.signedAt.toISOString()])),
      filedAt: row.filedAt?.toISOString() ?? null,
      chain: {
        seq: row.chainSeq,
        previous: previous ? { seq: previous.chainSeq, hash: sha256Hex(previous.body) } : null,
      },
    };
  }

  /**
   * The disclosures of a record's personal fields, for staff who may read the meeting's minutes (which
   * name the same people): staff of the record's community and of the street and district above it.
   * A record of format 1 has none — its names are in the record itself.
   */
  async function disclosures(recordId: string, staff: StaffIdentity): Promise<{ recordId: string; disclosures: Disclosure[] }> {
    const row = await db.meetingRecord.findUnique({ where: { id: recordId }, select: { meetingId: true } });
    if (!row) throw new AppError('NOT_FOUND', 'No such record');
    if (!can(await staffRoleIn(db, staff, row.meetingId), 'minutes.read')) throw new AppError('FORBIDDEN', 'Not allowed for this meeting');
    const stored = await db.recordDisclosure.findUnique({ where: { recordId } });
    const parsed = stored ? Disclosures.safeParse(JSON.parse(stored.body)) : null;
    if (parsed && !parsed.success) throw new AppError('INVALID_STATE', 'The stored disclosures cannot be read');
    return { recordId, disclosures: parsed?.data ?? [] };
  }

  async function verifyStored(recordId: string): Promise<VerifyResult> {
    const result = await verifyStoredRecord(db, recordId);
    if (!result) throw new AppError('NOT_FOUND', 'No such record');
    return result;
  }

  /** Every record of a community in stored order, checked as a chain (a dropped or reordered record shows). */
  async function verifyCommunityChain(communityId: string) {
    const rows = await db.meetingRecord.findMany({ where: { communityId }, orderBy: { chainSeq: 'asc' }, select: { id: true, body: true, chainSeq: true } });
    const links = rows.map((r) => {
      const chain = parseStoredRecord(r.body)?.chain ?? { communityId: '', seq: -1, previousRecordHash: null };
      // The seq inside the signed body, not the row's column: swapping two rows' columns shows as a gap.
      return { recordId: r.id, communityId: chain.communityId, seq: r.chainSeq === chain.seq ? chain.seq : -1, hash: sha256Hex(r.body), previousRecordHash: chain.previousRecordHash };
    });
    return { records: rows.length, problems: verifyChain(links) };
  }

  async function status(recordId: string) {
    const row = await load(recordId);
    const record = storedRecord(row.body);
    return {
      recordId: row.id,
      meetingId: row.meetingId,
      status: row.status as RecordStatus,
      hash: row.hash,
      chainSeq: row.chainSeq,
      signers: record.signers.map((s) => {
        const sig = row.signatures.find((x) => x.staffUserId === s.staffId && x.role === s.role);
        return { role: s.role, staffId: s.staffId, name: s.name, signedAt: sig?.signedAt.toISOString() ?? null, keyFingerprint: sig?.key.fingerprint ?? null };
      }),
      filedAt: row.filedAt?.toISOString() ?? null,
    };
  }

  async function recordIdOfMeeting(meetingId: string): Promise<string | null> {
    return (await db.meetingRecord.findUnique({ where: { meetingId }, select: { id: true } }))?.id ?? null;
  }

  /**
   * What a crash or a failed write left undone: freeze closed meetings without a record, file records
   * whose signatures are complete. Run at start and then now and again (server/app.ts). A meeting is
   * frozen only where `mayAct` allows it (hub.adopt: with several nodes, not while another node decides
   * it); filing is safe anywhere (its writes are conditional).
   */
  async function recover(mayAct: (meetingId: string) => Promise<boolean>) {
    // In closing order, so the chain numbers follow the meetings as they happened.
    const closed = await db.meeting.findMany({ where: { status: 'closed' }, select: { id: true }, orderBy: { scheduledAt: 'asc' } });
    const frozen = new Set((await db.meetingRecord.findMany({ select: { meetingId: true } })).map((r) => r.meetingId));
    for (const m of closed.filter((c) => !frozen.has(c.id))) {
      await mayAct(m.id)
        .then((may) => (may ? freeze(m.id) : null))
        .catch((err) => console.error('[record] freeze failed', m.id, err));
    }
    const signed = await db.meetingRecord.findMany({ where: { status: 'signed' }, select: { id: true } });
    for (const r of signed) await fileIfComplete(r.id).catch((err) => console.error('[record] filing failed', r.id, err));
  }

  return { freeze, sign, fileIfComplete, bundle, disclosures, status, verifyStored, verifyCommunityChain, recordIdOfMeeting, recover };
}

export type RecordService = ReturnType<typeof createRecordService>;
