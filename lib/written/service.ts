import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import type { MeetingHub } from '../meeting/hub';
import type { Actor } from '../meeting/commands';
import { staffRoleIn } from '../meeting/queries';
import type { WrittenRecordSource } from '../meeting/procedure/written/record';
import { sanitiseFileName } from '../planning/notice-attachments';
import type { Db } from '../platform/db/client';
import { isUniqueViolation } from '../platform/db/errors';
import { AppError, parseOrThrow } from '../platform/errors';
import { MAX_UPLOAD_BYTES, sniffFileType } from '../platform/file-type';
import { hashToken, newId, newToken } from '../platform/tokens';
import type { WrittenAnswer } from './answers';
import { documentHash, type WrittenDocument } from './hash';
import { AddresseesInput, CloseInput, ConclusionInput, DraftInput, FileQuery, MAX_ADDRESSEES, ReplyInput, SendInput } from './inputs';
import { linkPhase, TOKEN_SHAPE } from './links';
import { mayWritten, type WrittenAction } from './permissions';
import { reminderDue } from './reminders';

/**
 * A written consultation (书面征询协商) against the database and its meeting's hub. Staff write the
 * document, attach a file, set the deadline and choose the addressees (a draft, as often as they like),
 * then send it: every addressee gets a personal link whose token is returned once and stored only
 * hashed, and the meeting goes live. Addressees answer through their link until the deadline, each change
 * a new revision; staff follow who answered what, mark reminders, write the conclusion and close, which
 * closes the meeting; the record service then freezes its record with `writtenRecordSource`.
 */

type Row = { id: string; position: number; kind: string; name: string; unit: string; rosterMemberId: string | null; tokenHash: string | null; remindedAt: Date | null; reminders: number };
type Reply = { id: string; addresseeId: string; revision: number; answer: string; text: string; fileId: string | null; createdAt: Date };

/** A link to hand out: the path only (the console and the demo put their own origin before it). */
export const linkPath = (token: string) => `/w/${token}`;

/** The same answer for a token that never existed, was replaced, or has expired: nothing tells them apart. */
const noSuchLink = () => new AppError('NOT_FOUND', 'No such link');

const fileMeta = { id: true, fileName: true, mimeType: true, size: true, sha256: true } as const;

function checkUpload(rawName: unknown, bytes: Uint8Array) {
  const { name } = parseOrThrow(FileQuery, rawName);
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', 'The file is empty', { field: 'file', reason: 'empty' });
  if (bytes.length > MAX_UPLOAD_BYTES) throw new AppError('BAD_REQUEST', 'The file is larger than 10 MB', { field: 'file', reason: 'too_large', limit: MAX_UPLOAD_BYTES });
  const mime = sniffFileType(bytes);
  if (!mime) throw new AppError('BAD_REQUEST', 'Only PDF, JPEG, PNG, WebP, DOCX and XLSX files are accepted', { field: 'file', reason: 'unsupported_type' });
  return { fileName: sanitiseFileName(name, mime), mimeType: mime, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), data: Buffer.from(bytes) };
}

/** Each addressee's latest reply (the one that counts) and how many revisions they made. */
function latestReplies(replies: readonly Reply[]): Map<string, { latest: Reply; revisions: number }> {
  const out = new Map<string, { latest: Reply; revisions: number }>();
  for (const r of replies) {
    const cur = out.get(r.addresseeId);
    out.set(r.addresseeId, { latest: !cur || r.revision > cur.latest.revision ? r : cur.latest, revisions: Math.max(cur?.revisions ?? 0, r.revision) });
  }
  return out;
}

export function createWritten(db: Db, hub: MeetingHub, opts: { now?: () => Date } = {}) {
  const now = opts.now ?? (() => new Date());

  async function writtenMeeting(meetingId: string) {
    const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { id: true, form: true, title: true, communityId: true } });
    if (!meeting || meeting.form !== 'written') throw new AppError('NOT_FOUND', 'No such written consultation');
    return meeting;
  }

  async function authorise(staff: StaffIdentity, meetingId: string, action: WrittenAction): Promise<Actor> {
    await writtenMeeting(meetingId);
    const role = await staffRoleIn(db, staff, meetingId);
    if (!mayWritten(role, action)) throw new AppError('FORBIDDEN', 'Not allowed for this written consultation', { action });
    return { role, label: staff.displayName, seatId: null, mode: null };
  }

  async function row(meetingId: string) {
    return db.writtenConsultation.findUnique({ where: { meetingId }, select: { meetingId: true, title: true, text: true, deadline: true, status: true, conclusionDraft: true, fileName: true, mimeType: true, size: true, sha256: true } });
  }

  const documentOf = (r: NonNullable<Awaited<ReturnType<typeof row>>>): WrittenDocument => ({
    title: r.title, text: r.text,
    attachment: r.fileName && r.sha256 ? { fileName: r.fileName, mimeType: r.mimeType!, size: r.size!, sha256: r.sha256 } : null,
  });

  async function requireDraft(meetingId: string) {
    const r = await row(meetingId);
    if (r && r.status !== 'draft') throw new AppError('INVALID_STATE', 'The consultation has been sent; its document, addressees and deadline are fixed', { reason: 'sent' });
    // A written meeting held as a sitting (as before issue 14), or cancelled, is no consultation to write.
    const { status } = await hub.state(meetingId);
    if (status !== 'draft' && status !== 'announced') throw new AppError('INVALID_STATE', 'This meeting can no longer be sent as a written consultation', { reason: 'not_sendable', status });
    return r;
  }

  /** Roster categories and members resolved against the community's active roster, and the typed-in others. */
  async function resolveAddressees(communityId: string, input: AddresseesInput) {
    const roster = await db.rosterMember.findMany({ where: { communityId, retiredAt: null }, select: { id: true, name: true, categories: true }, orderBy: { name: 'asc' } });
    const unknown = input.memberIds.filter((id) => !roster.some((m) => m.id === id));
    if (unknown.length) throw new AppError('BAD_REQUEST', 'A member named is not on this community’s roster', { issues: [{ path: 'addressees.memberIds', message: 'Not an active member of this community' }] });
    const people = roster.filter((m) => input.memberIds.includes(m.id) || z.array(z.string()).parse(JSON.parse(m.categories)).some((c) => (input.categories as string[]).includes(c)));
    const seen = new Set<string>();
    const others = input.others.filter((o) => {
      const key = `${o.kind}\u0000${o.name}\u0000${o.unit}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const rows = [
      ...people.map((m) => ({ kind: 'person', name: m.name, unit: '', rosterMemberId: m.id })),
      ...others.map((o) => ({ kind: o.kind, name: o.name, unit: o.unit, rosterMemberId: null })),
    ];
    if (rows.length > MAX_ADDRESSEES) throw new AppError('BAD_REQUEST', `At most ${MAX_ADDRESSEES} addressees`, { issues: [{ path: 'addressees', message: 'Too many addressees' }] });
    return rows;
  }

  async function addresseeByToken(token: string) {
    if (!TOKEN_SHAPE.test(token)) throw noSuchLink();
    const a = await db.writtenAddressee.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!a) throw noSuchLink();
    const r = await row(a.meetingId);
    if (!r) throw noSuchLink();
    const state = await hub.state(a.meetingId);
    const closedAt = state.written?.closedAt ? new Date(state.written.closedAt) : null;
    const phase = linkPhase(now(), { status: r.status, deadline: r.deadline, closedAt });
    if (phase === 'expired') throw noSuchLink();
    return { addressee: a, consultation: r, phase };
  }

  async function repliesOf(meetingId: string): Promise<Reply[]> {
    return db.writtenReply.findMany({ where: { meetingId }, orderBy: [{ addresseeId: 'asc' }, { revision: 'asc' }] });
  }

  async function fileMetas(ids: readonly string[]) {
    const files = ids.length ? await db.writtenReplyFile.findMany({ where: { id: { in: [...ids] } }, select: fileMeta }) : [];
    return new Map(files.map((f) => [f.id, f]));
  }

  return {
    /** Everything staff see: the document, deadline, addressees with their latest reply, reminders due, counts. */
    async get(staff: StaffIdentity, meetingId: string) {
      const actor = await authorise(staff, meetingId, 'written.read');
      const meeting = await writtenMeeting(meetingId);
      const r = await row(meetingId);
      const state = await hub.state(meetingId);
      const addressees = await db.writtenAddressee.findMany({ where: { meetingId }, orderBy: { position: 'asc' } });
      const replies = await repliesOf(meetingId);
      const latest = latestReplies(replies);
      const files = await fileMetas(replies.flatMap((x) => (x.fileId ? [x.fileId] : [])));
      const t = now();
      const answering = state.written?.phase === 'sent' && !!r?.deadline && t < r.deadline;
      const counts = { agree: 0, amend: 0, disagree: 0, none: 0 };
      const list = addressees.map((a) => {
        const l = latest.get(a.id);
        counts[(l?.latest.answer as WrittenAnswer | undefined) ?? 'none']++;
        return {
          id: a.id, kind: a.kind as 'person' | 'unit', name: a.name, unit: a.unit, rosterMemberId: a.rosterMemberId, hasLink: !!a.tokenHash,
          answer: (l?.latest.answer ?? null) as WrittenAnswer | null, text: l?.latest.text ?? null, answeredAt: l?.latest.createdAt.toISOString() ?? null,
          revisions: l?.revisions ?? 0, file: l?.latest.fileId ? files.get(l.latest.fileId) ?? null : null,
          remindedAt: a.remindedAt?.toISOString() ?? null, reminders: a.reminders,
          reminderDue: state.written && r?.deadline ? reminderDue(t, { sentAt: new Date(state.written.sentAt), deadline: r.deadline, answering }, { answered: !!l, remindedAt: a.remindedAt }) : false,
        };
      });
      return {
        meetingId, meetingTitle: meeting.title, meetingStatus: state.status, canManage: mayWritten(actor.role, 'written.manage'),
        phase: state.written?.phase ?? 'draft', answering,
        document: r ? documentOf(r) : { title: '', text: '', attachment: null },
        documentSha256: state.written?.documentSha256 ?? null,
        deadline: r?.deadline?.toISOString() ?? null, sentAt: state.written?.sentAt ?? null,
        addressees: list, counts, conclusionDraft: r?.conclusionDraft ?? '', conclusion: state.written?.conclusion ?? null,
      };
    },

    /** Saves the draft (title, text, deadline, addressees), as often as staff like until it is sent. */
    async saveDraft(staff: StaffIdentity, meetingId: string, raw: unknown) {
      await authorise(staff, meetingId, 'written.manage');
      const input = parseOrThrow(DraftInput, raw);
      await requireDraft(meetingId);
      const { communityId } = await writtenMeeting(meetingId);
      const rows = input.addressees ? await resolveAddressees(communityId, input.addressees) : null;
      const data = {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.text !== undefined ? { text: input.text } : {}),
        ...(input.deadline !== undefined ? { deadline: input.deadline === null ? null : new Date(input.deadline) } : {}),
      };
      await db.$transaction([
        db.writtenConsultation.upsert({ where: { meetingId }, create: { meetingId, ...data }, update: data }),
        ...(rows ? [
          db.writtenAddressee.deleteMany({ where: { meetingId } }),
          db.writtenAddressee.createMany({ data: rows.map((a, i) => ({ id: newId(), meetingId, position: i + 1, ...a })) }),
        ] : []),
      ]);
      return { saved: true, addressees: rows?.length ?? (await db.writtenAddressee.count({ where: { meetingId } })) };
    },

    /** The document's one attachment (replacing any), before sending; checked as notices' files are. */
    async uploadDocumentFile(staff: StaffIdentity, meetingId: string, rawQuery: unknown, bytes: Uint8Array) {
      await authorise(staff, meetingId, 'written.manage');
      await requireDraft(meetingId);
      const { data, ...meta } = checkUpload(rawQuery, bytes);
      await db.writtenConsultation.upsert({ where: { meetingId }, create: { meetingId, ...meta, data }, update: { ...meta, data } });
      return meta;
    },

    async removeDocumentFile(staff: StaffIdentity, meetingId: string) {
      await authorise(staff, meetingId, 'written.manage');
      if (await requireDraft(meetingId)) {
        await db.writtenConsultation.update({ where: { meetingId }, data: { fileName: null, mimeType: null, size: null, sha256: null, data: null } });
      }
      return { removed: true };
    },

    async documentFile(staff: StaffIdentity, meetingId: string) {
      await authorise(staff, meetingId, 'written.read');
      return documentFileOf(meetingId);
    },

    /**
     * Sends it: the document is fixed (its hash goes into the log), every addressee gets a fresh token —
     * returned here, once, and stored only hashed — and the meeting goes live. Tokens are written before
     * the command: if the command is refused, the consultation is still a draft and no link answers.
     */
    async send(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'written.manage');
      const input = parseOrThrow(SendInput, raw ?? {});
      const r = await requireDraft(meetingId);
      const problems: { path: string; message: string }[] = [];
      if (!r?.title.trim()) problems.push({ path: 'title', message: 'Required' });
      if (!r?.text.trim()) problems.push({ path: 'text', message: 'Required' });
      if (!r?.deadline) problems.push({ path: 'deadline', message: 'Required' });
      else if (r.deadline <= now()) problems.push({ path: 'deadline', message: 'The deadline must be in the future' });
      const addressees = await db.writtenAddressee.findMany({ where: { meetingId }, orderBy: { position: 'asc' } });
      if (addressees.length === 0) problems.push({ path: 'addressees', message: 'Choose at least one addressee' });
      if (problems.length) throw new AppError('BAD_REQUEST', 'The consultation is not complete', { issues: problems });
      const links = addressees.map((a) => ({ addresseeId: a.id, name: a.name, unit: a.unit, token: newToken() }));
      await db.$transaction(links.map((l) => db.writtenAddressee.update({ where: { id: l.addresseeId }, data: { tokenHash: hashToken(l.token) } })));
      const document = documentOf(r!);
      const { seq } = await hub.execute(meetingId, 'written.send', {
        documentSha256: documentHash(document), title: document.title, deadline: r!.deadline!.toISOString(), addressees: addressees.length,
        ...(input.overrideReason ? { overrideReason: input.overrideReason } : {}),
      }, actor);
      return { seq, links: links.map(({ token, ...l }) => ({ ...l, path: linkPath(token) })) };
    },

    /** A new link for one addressee (lost, or handed to the wrong person): the old one stops working. */
    async reissueLink(staff: StaffIdentity, meetingId: string, addresseeId: string) {
      await authorise(staff, meetingId, 'written.manage');
      const r = await row(meetingId);
      if (r?.status !== 'sent') throw new AppError('INVALID_STATE', 'Links are issued while the consultation is sent', { reason: 'not_sent' });
      const token = newToken();
      const done = await db.writtenAddressee.updateMany({ where: { id: addresseeId, meetingId }, data: { tokenHash: hashToken(token) } });
      if (done.count === 0) throw new AppError('NOT_FOUND', 'No such addressee');
      return { addresseeId, path: linkPath(token) };
    },

    /** Staff reminded this addressee (by phone, in person, or through the sender): when, and how often. */
    async markReminded(staff: StaffIdentity, meetingId: string, addresseeId: string) {
      await authorise(staff, meetingId, 'written.manage');
      const r = await row(meetingId);
      if (r?.status !== 'sent') throw new AppError('INVALID_STATE', 'Reminders are for a sent consultation', { reason: 'not_sent' });
      const at = now();
      const done = await db.writtenAddressee.updateMany({ where: { id: addresseeId, meetingId }, data: { remindedAt: at, reminders: { increment: 1 } } });
      if (done.count === 0) throw new AppError('NOT_FOUND', 'No such addressee');
      return { addresseeId, remindedAt: at.toISOString() };
    },

    async replyFile(staff: StaffIdentity, meetingId: string, fileId: string) {
      await authorise(staff, meetingId, 'written.read');
      const f = await db.writtenReplyFile.findFirst({ where: { id: fileId, meetingId } });
      if (!f) throw new AppError('NOT_FOUND', 'No such file');
      return f;
    },

    /** The conclusion staff are writing (kept until they close; nobody else sees it). */
    async saveConclusion(staff: StaffIdentity, meetingId: string, raw: unknown) {
      await authorise(staff, meetingId, 'written.manage');
      const { text } = parseOrThrow(ConclusionInput, raw);
      const done = await db.writtenConsultation.updateMany({ where: { meetingId, status: 'sent' }, data: { conclusionDraft: text } });
      if (done.count === 0) throw new AppError('INVALID_STATE', 'The consultation is not sent', { reason: 'not_sent' });
      return { conclusionDraft: text };
    },

    /**
     * Closes it with the conclusion (the body's, else the saved draft): no more replies, the meeting closes
     * and its record is frozen with every addressee's final answer. Allowed before the deadline too.
     */
    async close(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'written.manage');
      const input = parseOrThrow(CloseInput, raw ?? {});
      const conclusion = input.conclusion ?? (await row(meetingId))?.conclusionDraft.trim() ?? '';
      if (!conclusion) throw new AppError('BAD_REQUEST', 'Write the conclusion first', { issues: [{ path: 'conclusion', message: 'Required' }] });
      const { seq } = await hub.execute(meetingId, 'written.close', { conclusion }, actor);
      if (input.conclusion) await db.writtenConsultation.update({ where: { meetingId }, data: { conclusionDraft: conclusion } });
      return { seq, conclusion };
    },

    /** Whether a link may upload now (server/http-api.ts reads a file body only then). */
    async linkAnswering(token: string): Promise<boolean> {
      try {
        return (await addresseeByToken(token)).phase === 'answering';
      } catch {
        return false;
      }
    },

    /** The addressee's page: the document, the deadline, whether they may still answer, their latest answer. */
    async forAddressee(token: string) {
      const { addressee: a, consultation: r, phase } = await addresseeByToken(token);
      const meeting = await db.meeting.findUniqueOrThrow({ where: { id: a.meetingId }, select: { community: { select: { name: true } } } });
      const mine = await db.writtenReply.findMany({ where: { addresseeId: a.id }, orderBy: { revision: 'desc' } });
      const latest = mine[0];
      const file = latest?.fileId ? (await fileMetas([latest.fileId])).get(latest.fileId) ?? null : null;
      return {
        communityName: meeting.community.name, addressee: { name: a.name, unit: a.unit },
        document: documentOf(r), deadline: r.deadline!.toISOString(), answering: phase === 'answering',
        closed: r.status === 'closed',
        reply: latest ? { answer: latest.answer as WrittenAnswer, text: latest.text, file, revision: latest.revision, at: latest.createdAt.toISOString() } : null,
      };
    },

    async documentFileByToken(token: string) {
      const { addressee } = await addresseeByToken(token);
      return documentFileOf(addressee.meetingId);
    },

    /** A file for the addressee's next reply; only while they may answer. */
    async uploadReplyFile(token: string, rawQuery: unknown, bytes: Uint8Array) {
      const { addressee: a, phase } = await addresseeByToken(token);
      if (phase !== 'answering') throw new AppError('INVALID_STATE', 'The deadline has passed', { reason: 'deadline_passed' });
      const meta = checkUpload(rawQuery, bytes);
      const id = newId();
      await db.writtenReplyFile.create({ data: { id, meetingId: a.meetingId, addresseeId: a.id, ...meta, createdAt: now() } });
      return { id, fileName: meta.fileName, mimeType: meta.mimeType, size: meta.size, sha256: meta.sha256 };
    },

    /** One of the addressee's own files. */
    async ownFile(token: string, fileId: string) {
      const { addressee: a } = await addresseeByToken(token);
      const f = await db.writtenReplyFile.findFirst({ where: { id: fileId, addresseeId: a.id } });
      if (!f) throw new AppError('NOT_FOUND', 'No such file');
      return f;
    },

    /**
     * A reply: a new revision (the latest counts). Written in a transaction that first re-checks, under the
     * consultation row's lock (the conditional update takes it), that it is still sent and before its
     * deadline: a reply lands before the close or the deadline, or not at all. Two replies at once from
     * the same link: the unique (addressee, revision) key lets one win; the other is told to reload.
     */
    async reply(token: string, raw: unknown) {
      const input = parseOrThrow(ReplyInput, raw);
      const { addressee: a } = await addresseeByToken(token);
      if (input.fileId && !(await db.writtenReplyFile.findFirst({ where: { id: input.fileId, addresseeId: a.id }, select: { id: true } }))) {
        throw new AppError('BAD_REQUEST', 'No such file', { issues: [{ path: 'fileId', message: 'Not a file of yours' }] });
      }
      const at = now();
      try {
        const revision = await db.$transaction(async (tx) => {
          const open = await tx.writtenConsultation.updateMany({ where: { meetingId: a.meetingId, status: 'sent', deadline: { gt: at } }, data: { status: 'sent' } });
          if (open.count === 0) throw new AppError('INVALID_STATE', 'The deadline has passed or the consultation is closed', { reason: 'deadline_passed' });
          const last = await tx.writtenReply.findFirst({ where: { addresseeId: a.id }, orderBy: { revision: 'desc' }, select: { revision: true } });
          const revision = (last?.revision ?? 0) + 1;
          await tx.writtenReply.create({ data: { id: newId(), meetingId: a.meetingId, addresseeId: a.id, revision, answer: input.answer, text: input.text.trim(), fileId: input.fileId, createdAt: at } });
          return revision;
        });
        return { revision, answer: input.answer };
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'Another change to your answer arrived at the same time; reload', { reason: 'concurrent_reply' });
        throw err;
      }
    },
  };

  async function documentFileOf(meetingId: string) {
    const f = await db.writtenConsultation.findUnique({ where: { meetingId }, select: { fileName: true, mimeType: true, data: true } });
    if (!f?.fileName || !f.data) throw new AppError('NOT_FOUND', 'No such file');
    return { fileName: f.fileName, mimeType: f.mimeType!, data: f.data };
  }
}

export type Written = ReturnType<typeof createWritten>;

/** What the record keeps of a written consultation (lib/record/service.ts): the document and each addressee's final reply. */
export async function writtenRecordSource(db: Db, meetingId: string): Promise<WrittenRecordSource | null> {
  const r = await db.writtenConsultation.findUnique({ where: { meetingId } });
  if (!r) return null;
  const addressees = await db.writtenAddressee.findMany({ where: { meetingId }, orderBy: { position: 'asc' } });
  const replies = await db.writtenReply.findMany({ where: { meetingId } });
  const latest = latestReplies(replies);
  const fileIds = [...latest.values()].flatMap((l) => (l.latest.fileId ? [l.latest.fileId] : []));
  const files = new Map((fileIds.length ? await db.writtenReplyFile.findMany({ where: { id: { in: fileIds } }, select: fileMeta }) : []).map((f) => [f.id, f]));
  const fileRef = (f: { fileName: string; mimeType: string; size: number; sha256: string } | undefined | null) => (f ? { fileName: f.fileName, mimeType: f.mimeType, size: f.size, sha256: f.sha256 } : null);
  return {
    document: {
      title: r.title, text: r.text, sha256: documentHash({ title: r.title, text: r.text, attachment: r.fileName && r.sha256 ? { fileName: r.fileName, mimeType: r.mimeType!, size: r.size!, sha256: r.sha256 } : null }),
      attachment: r.fileName && r.sha256 ? { fileName: r.fileName, mimeType: r.mimeType!, size: r.size!, sha256: r.sha256 } : null,
    },
    addressees: addressees.map((a) => {
      const l = latest.get(a.id);
      return {
        name: a.name, unit: a.unit, kind: a.kind as 'person' | 'unit',
        answer: (l?.latest.answer ?? null) as WrittenAnswer | null, text: l?.latest.text ?? null,
        attachment: fileRef(l?.latest.fileId ? files.get(l.latest.fileId) : null),
        answeredAt: l?.latest.createdAt.toISOString() ?? null, revisions: l?.revisions ?? 0,
      };
    }),
  };
}
