import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { StaffIdentity } from '../auth/staff-session';
import type { MeetingHub } from '../meeting/hub';
import { staffRoleIn } from '../meeting/queries';
import type { Actor } from '../meeting/commands';
import { SUMMARY_MAX } from '../meeting/procedure/questionnaire/model';
import type { QuestionnaireRecordSource } from '../meeting/procedure/questionnaire/record';
import { t, type Locale } from '../i18n/locale';
import { csvDocument } from '../platform/csv';
import type { Db } from '../platform/db/client';
import { isUniqueViolation } from '../platform/db/errors';
import { AppError, parseOrThrow } from '../platform/errors';
import { newId } from '../platform/tokens';
import { canonicalJson } from '../record/canonical';
import type { ResidentIdentity } from '../residents/phone-identity';
import { aggregate, type QuestionResult, type VersionedAnswers, type VersionedDefinition } from './aggregate';
import { addToBox, AnswerBox, readBox, ResponseInput, validateAnswers, type Answers } from './answers';
import { parseDefinition, questionsOf, readDefinition, type Definition } from './definition';
import { definitionHash } from './hash';
import { mayQuestionnaire, type QuestionnaireAction } from './permissions';
import { answeringWindow, DEFAULT_SETTINGS, QuestionnaireSettings } from './settings';

/**
 * A questionnaire against the database and its meeting's hub. Staff edit a draft and its settings, open
 * it (the meeting goes live with version 1), revise it while open (each edit a new version), close it,
 * write and publish the result summary (the meeting closes; its record is frozen). Residents with a
 * confirmed phone answer once; results are aggregated from the stored answers on every read.
 */

export const SaveInput = z.strictObject({ definition: z.unknown().optional(), settings: QuestionnaireSettings.optional() })
  .refine((i) => i.definition !== undefined || i.settings !== undefined, 'Nothing to save');
export const OpenInput = z.strictObject({ overrideReason: z.string().trim().min(2).max(500).optional() });
export const SummaryInput = z.strictObject({ text: z.string().trim().max(SUMMARY_MAX) });
export const PublishInput = z.strictObject({ summary: z.string().trim().min(1).max(SUMMARY_MAX).optional() });

/**
 * Who closes a questionnaire at its closing time: nobody in particular but the settings staff gave it
 * (the close is the facilitator's command; the log and the record name the closing time as its author,
 * in the product's language like the staff names beside it).
 */
const CLOSING_TIME_ACTOR: Actor = { role: 'facilitator', label: '截止时间到，自动结束', seatId: null, mode: null };

const EMPTY_DRAFT: Definition = { title: '', intro: '', sections: [] };

/**
 * `phoneHash`: the keyed hash of a roster member's number (lib/residents/phone-identity), to check an
 * audience of roster categories; without it such an audience is not checked (the record service, which
 * only reads results, needs none).
 */
export function createQuestionnaires(db: Db, hub: MeetingHub, opts: { now?: () => Date; phoneHash?: (phone: string) => Promise<string> } = {}) {
  const now = opts.now ?? (() => new Date());
  /** Published versions never change: read once per process. */
  const versionCache = new Map<string, Definition>();
  /** Answers to one questionnaire are stored one after another in this process (see `answer`). */
  const answerQueues = new Map<string, Promise<unknown>>();

  async function questionnaireMeeting(meetingId: string) {
    const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { id: true, form: true, joinCode: true, title: true } });
    if (!meeting || meeting.form !== 'questionnaire') throw new AppError('NOT_FOUND', 'No such questionnaire');
    return meeting;
  }

  /** The staff member's role in the questionnaire's meeting, if it allows `action`; else FORBIDDEN. */
  async function authorise(staff: StaffIdentity, meetingId: string, action: QuestionnaireAction): Promise<Actor> {
    await questionnaireMeeting(meetingId);
    const role = await staffRoleIn(db, staff, meetingId);
    if (!mayQuestionnaire(role, action)) throw new AppError('FORBIDDEN', 'Not allowed for this questionnaire', { action });
    return { role, label: staff.displayName, seatId: null, mode: null };
  }

  async function row(meetingId: string) {
    return db.questionnaire.findUnique({ where: { meetingId } });
  }
  const settingsOf = (r: { settings: string } | null) => (r ? QuestionnaireSettings.parse(JSON.parse(r.settings)) : DEFAULT_SETTINGS);

  async function versionDefinition(meetingId: string, version: number): Promise<Definition | null> {
    const key = `${meetingId}:${version}`;
    const cached = versionCache.get(key);
    if (cached) return cached;
    const v = await db.questionnaireVersion.findUnique({ where: { meetingId_version: { meetingId, version } } });
    if (!v) return null;
    const d = readDefinition(v.definition);
    versionCache.set(key, d);
    return d;
  }

  async function versions(meetingId: string): Promise<(VersionedDefinition & { sha256: string })[]> {
    const rows = await db.questionnaireVersion.findMany({ where: { meetingId }, orderBy: { version: 'asc' } });
    return rows.map((v) => ({ version: v.version, sha256: v.sha256, definition: readDefinition(v.definition) }));
  }

  /**
   * Every stored answer set with its version, in no meaningful order: identified rows sorted by their
   * answers, anonymous boxes as stored (sorted). Never a phone.
   */
  async function storedAnswers(meetingId: string): Promise<VersionedAnswers[]> {
    const rows = await db.questionnaireResponse.findMany({ where: { meetingId }, select: { version: true, answers: true } });
    const boxes = await db.questionnaireAnswerBox.findMany({ where: { meetingId }, orderBy: { version: 'asc' } });
    return [
      ...rows.sort((a, b) => a.version - b.version || (a.answers < b.answers ? -1 : a.answers > b.answers ? 1 : 0))
        .map((r) => ({ version: r.version, answers: JSON.parse(r.answers) as Answers })),
      ...boxes.flatMap((b) => readBox(b.contents).map((answers) => ({ version: b.version, answers }))),
    ];
  }

  async function resultsOf(meetingId: string): Promise<{ responses: number; byVersion: Record<string, number>; questions: QuestionResult[] }> {
    const vs = await versions(meetingId);
    const answers = await storedAnswers(meetingId);
    const byVersion = Object.fromEntries(vs.map((v) => [String(v.version), answers.filter((a) => a.version === v.version).length]));
    return { responses: answers.length, byVersion, questions: aggregate(vs, answers) };
  }

  /** Which meeting a join code names, when it is a questionnaire that has opened (a draft is staff's only). */
  async function publishedByCode(joinCode: string) {
    const meeting = await db.meeting.findUnique({ where: { joinCode: joinCode.toUpperCase() }, select: { id: true, form: true, title: true, community: { select: { name: true } } } });
    const r = meeting?.form === 'questionnaire' ? await row(meeting.id) : null;
    if (!meeting || !r || r.status === 'draft') throw new AppError('NOT_FOUND', 'No such questionnaire');
    return { meeting, row: r };
  }

  /**
   * Whether a phone may answer for its audience. Roster categories: the phone must be an active roster
   * member's of one of them (the roster's numbers hashed with the same key). The whole community, grids
   * and compounds are not checked: a confirmed phone says nothing about where its owner lives (the
   * audience then says whom the questionnaire is addressed to, as the notice does).
   */
  async function inAudience(meetingId: string, audience: QuestionnaireSettings['audience'], phoneHash: string): Promise<boolean> {
    if (audience.kind !== 'categories' || !opts.phoneHash) return true;
    const { communityId } = await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { communityId: true } });
    const members = await db.rosterMember.findMany({ where: { communityId, retiredAt: null, phone: { not: null } }, select: { phone: true, categories: true } });
    for (const m of members) {
      const categories = z.array(z.string()).parse(JSON.parse(m.categories));
      if (audience.categories.some((c) => categories.includes(c)) && (await opts.phoneHash(m.phone!)) === phoneHash) return true;
    }
    return false;
  }

  /** An audience of grids or compounds names places of the questionnaire's own community. */
  async function checkAudiencePlaces(meetingId: string, audience: QuestionnaireSettings['audience']) {
    if (audience.kind !== 'grids' && audience.kind !== 'compounds') return;
    const { communityId } = await db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { communityId: true } });
    const ids = [...new Set(audience.ids)];
    const found = audience.kind === 'grids'
      ? await db.grid.count({ where: { id: { in: ids }, communityId } })
      : await db.compound.count({ where: { id: { in: ids }, grid: { communityId } } });
    if (found !== ids.length) throw new AppError('BAD_REQUEST', 'A place named is not in this community', { issues: [{ path: 'settings.audience.ids', message: 'Not a place of this community' }] });
  }

  async function closeAs(meetingId: string, actor: Actor) {
    const { seq } = await hub.execute(meetingId, 'questionnaire.close', {}, actor);
    return { seq, responses: (await row(meetingId))?.responses ?? 0 };
  }

  return {
    /** Everything staff see of it: settings, the draft, every version with its answers' count, the summary. */
    async get(staff: StaffIdentity, meetingId: string) {
      await authorise(staff, meetingId, 'questionnaire.readResults');
      const meeting = await questionnaireMeeting(meetingId);
      const r = await row(meetingId);
      const state = await hub.state(meetingId);
      const { byVersion, responses } = await resultsOf(meetingId);
      return {
        meetingId, title: meeting.title, joinCode: meeting.joinCode, meetingStatus: state.status,
        phase: state.questionnaire?.phase ?? 'draft',
        settings: settingsOf(r),
        draft: r ? (JSON.parse(r.draft) as Definition) : null,
        versions: (await versions(meetingId)).map((v) => ({
          version: v.version, sha256: v.sha256, definition: v.definition, responses: byVersion[String(v.version)] ?? 0,
          publishedAt: state.questionnaire?.versions.find((x) => x.version === v.version)?.at ?? null,
        })),
        currentVersion: r?.currentVersion ?? 0,
        responses,
        summaryDraft: r?.summaryDraft ?? '',
        summary: state.questionnaire?.summary ?? null,
      };
    },

    /**
     * Saves the builder's work. Before opening: the draft and the settings, as often as staff like. Once
     * open: the settings are fixed, and a changed definition becomes the next version (an unchanged one is
     * no new version). After closing, nothing changes.
     */
    async save(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'questionnaire.manage');
      const input = parseOrThrow(SaveInput, raw);
      const definition = input.definition === undefined ? undefined : parseDefinition(input.definition);
      const phase = (await hub.state(meetingId)).questionnaire?.phase ?? 'draft';
      if (input.settings) await checkAudiencePlaces(meetingId, input.settings.audience);
      if (phase === 'draft') {
        const current = await row(meetingId);
        const data = {
          ...(definition ? { draft: canonicalJson(definition) } : {}),
          ...(input.settings ? { settings: canonicalJson(input.settings) } : {}),
        };
        await db.questionnaire.upsert({
          where: { meetingId },
          create: { meetingId, settings: canonicalJson(input.settings ?? DEFAULT_SETTINGS), draft: canonicalJson(definition ?? EMPTY_DRAFT) },
          update: data,
        });
        return { phase, draft: definition ?? (current ? JSON.parse(current.draft) : EMPTY_DRAFT), settings: input.settings ?? settingsOf(current), version: null, changed: true };
      }
      if (phase === 'closed') throw new AppError('INVALID_STATE', 'The questionnaire is closed', { reason: 'closed' });
      if (input.settings) throw new AppError('INVALID_STATE', 'Who is asked, anonymity and the times are fixed once the questionnaire is open', { reason: 'settings_fixed', field: 'settings' });
      const latest = (await row(meetingId))!.currentVersion;
      const latestDefinition = await versionDefinition(meetingId, latest);
      if (latestDefinition && definitionHash(latestDefinition) === definitionHash(definition!)) {
        return { phase, draft: null, settings: settingsOf(await row(meetingId)), version: latest, changed: false };
      }
      await hub.execute(meetingId, 'questionnaire.revise', { definition: definition! }, actor);
      return { phase, draft: null, settings: settingsOf(await row(meetingId)), version: (await row(meetingId))!.currentVersion, changed: true };
    },

    /** Opens it for answers: the draft becomes version 1 and the meeting goes live (no agenda, no check-in). */
    async open(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'questionnaire.manage');
      const input = parseOrThrow(OpenInput, raw ?? {});
      const r = await row(meetingId);
      if (!r) throw new AppError('INVALID_STATE', 'Save the questionnaire before opening it', { reason: 'no_draft' });
      // The stored draft is checked again: an empty one (title only) cannot be answered.
      let definition: Definition;
      try {
        definition = parseDefinition(JSON.parse(r.draft));
      } catch {
        throw new AppError('INVALID_STATE', 'The draft is not a complete questionnaire yet', { reason: 'draft_incomplete' });
      }
      const settings = settingsOf(r);
      if (settings.closesAt && new Date(settings.closesAt) <= now()) throw new AppError('INVALID_STATE', 'Its closing time has passed', { reason: 'closes_in_past', field: 'settings.closesAt' });
      const { seq } = await hub.execute(meetingId, 'questionnaire.open', { definition, ...(input.overrideReason ? { overrideReason: input.overrideReason } : {}) }, actor);
      return { seq, version: 1 };
    },

    /** No more answers; the results are final. */
    async close(staff: StaffIdentity, meetingId: string) {
      return closeAs(meetingId, await authorise(staff, meetingId, 'questionnaire.manage'));
    },

    /**
     * Closes every open questionnaire whose closing time has passed, as staff's close does (the same
     * command, in the log as closed by its closing time). Answers are refused from that time on anyway
     * (`answeringWindow`); this makes the results final and the questionnaire ready to summarise without
     * anyone pressing 结束调查. Run by the server's sweep (server/questionnaire-sweep.ts). Returns the
     * meetings it closed.
     */
    async closeDue(): Promise<string[]> {
      const open = await db.questionnaire.findMany({ where: { status: 'open' }, select: { meetingId: true, settings: true } });
      const closed: string[] = [];
      for (const r of open) {
        if (answeringWindow(settingsOf(r), now()) !== 'after') continue;
        try {
          await closeAs(r.meetingId, CLOSING_TIME_ACTOR);
          closed.push(r.meetingId);
        } catch (err) {
          // Closed meanwhile by staff (INVALID_STATE): nothing to do; anything else is logged by the caller's next run.
          if (!(err instanceof AppError && err.code === 'INVALID_STATE')) throw err;
        }
      }
      return closed;
    },

    /** The summary staff are writing (kept until published; nobody else sees it). */
    async saveSummary(staff: StaffIdentity, meetingId: string, raw: unknown) {
      await authorise(staff, meetingId, 'questionnaire.manage');
      const { text } = parseOrThrow(SummaryInput, raw);
      const done = await db.questionnaire.updateMany({ where: { meetingId, status: { not: 'draft' } }, data: { summaryDraft: text } });
      if (done.count === 0) throw new AppError('INVALID_STATE', 'The questionnaire has not been opened', { reason: 'not_open' });
      return { summaryDraft: text };
    },

    /**
     * Publishes the result (公示结果): the summary (the body's, else the saved draft) goes into the log and
     * the meeting closes, so its record is frozen with the results; once signed and filed it is on the board.
     */
    async publish(staff: StaffIdentity, meetingId: string, raw: unknown) {
      const actor = await authorise(staff, meetingId, 'questionnaire.manage');
      const input = parseOrThrow(PublishInput, raw ?? {});
      const summary = input.summary ?? (await row(meetingId))?.summaryDraft.trim() ?? '';
      if (!summary) throw new AppError('BAD_REQUEST', 'Write the result summary first', { issues: [{ path: 'summary', message: 'Required' }] });
      const { seq } = await hub.execute(meetingId, 'questionnaire.publish', { summary }, actor);
      if (input.summary) await db.questionnaire.update({ where: { meetingId }, data: { summaryDraft: summary } });
      return { seq, summary };
    },

    async results(staff: StaffIdentity, meetingId: string) {
      await authorise(staff, meetingId, 'questionnaire.readResults');
      const state = await hub.state(meetingId);
      return { meetingId, phase: state.questionnaire?.phase ?? 'draft', ...(await resultsOf(meetingId)) };
    },

    /** Every response as one line (CSV or XLSX cells), in no order that follows who answered or when. */
    async exportLines(staff: StaffIdentity, meetingId: string, locale: Locale): Promise<string[][]> {
      await authorise(staff, meetingId, 'questionnaire.readResults');
      return exportLines(await versions(meetingId), await storedAnswers(meetingId), locale);
    },

    /** Public: the questionnaire to answer, by its meeting's join code (the board, the poster's QR, a link). */
    async forAnswering(joinCode: string) {
      const { meeting, row: r } = await publishedByCode(joinCode);
      const settings = settingsOf(r);
      const definition = await versionDefinition(meeting.id, r.currentVersion);
      return {
        meetingId: meeting.id, title: meeting.title, communityName: meeting.community.name,
        status: r.status as 'open' | 'closed', answering: r.status === 'open' ? answeringWindow(settings, now()) : 'after',
        anonymous: settings.anonymous, audience: settings.audience, opensAt: settings.opensAt, closesAt: settings.closesAt,
        version: r.currentVersion, definition,
      };
    },

    /**
     * One response per confirmed phone, checked against the version the phone showed. The participation
     * and the answer are written in one transaction, under the questionnaire row's lock (the conditional
     * update takes it), which also re-checks that it is open and still at that version: an answer lands
     * before the close or a new version, or not at all. The participation's unique key is the guarantee
     * against a second answer from any process. Anonymous answers go into the version's answer box.
     */
    async answer(resident: ResidentIdentity, joinCode: string, raw: unknown) {
      const input = parseOrThrow(ResponseInput, raw);
      const { meeting, row: r } = await publishedByCode(joinCode);
      const meetingId = meeting.id;
      const settings = settingsOf(r);
      const refuseState = (status: string, currentVersion: number) => {
        if (status !== 'open') return new AppError('INVALID_STATE', 'The questionnaire is closed', { reason: 'closed' });
        if (input.version < currentVersion) return new AppError('VERSION_SUPERSEDED', 'The questionnaire has changed; answer the current version', { version: input.version, currentVersion });
        return new AppError('BAD_REQUEST', 'No such version', { issues: [{ path: 'version', message: 'No such version' }] });
      };
      const window = answeringWindow(settings, now());
      if (window === 'before') throw new AppError('INVALID_STATE', 'The questionnaire is not open yet', { reason: 'not_yet_open', opensAt: settings.opensAt });
      if (window === 'after') throw new AppError('INVALID_STATE', 'The questionnaire is closed', { reason: 'closed', closesAt: settings.closesAt });
      if (r.status !== 'open' || input.version !== r.currentVersion) throw refuseState(r.status, r.currentVersion);
      const definition = await versionDefinition(meetingId, input.version);
      if (!definition) throw refuseState(r.status, r.currentVersion);
      const answers = validateAnswers(definition, input.answers);
      if (!(await inAudience(meetingId, settings.audience, resident.phoneHash))) {
        throw new AppError('FORBIDDEN', 'This questionnaire asks other residents', { reason: 'not_in_audience' });
      }

      // One at a time per questionnaire in this process: the row lock would queue them anyway, and this
      // keeps hundreds of simultaneous answers from each holding a pooled connection while they wait.
      const previous = answerQueues.get(meetingId) ?? Promise.resolve();
      const mine = previous.catch(() => {}).then(() => store());
      answerQueues.set(meetingId, mine);
      mine.finally(() => { if (answerQueues.get(meetingId) === mine) answerQueues.delete(meetingId); }).catch(() => {});

      async function store() {
        try {
          await db.$transaction(async (tx) => {
            const claimed = await tx.questionnaire.updateMany({ where: { meetingId, status: 'open', currentVersion: input.version }, data: { responses: { increment: 1 } } });
            if (claimed.count === 0) {
              const now = await tx.questionnaire.findUniqueOrThrow({ where: { meetingId } });
              throw refuseState(now.status, now.currentVersion);
            }
            await tx.questionnaireParticipation.create({ data: { id: newId(), meetingId, phoneHash: resident.phoneHash } });
            if (settings.anonymous) {
              const box = await tx.questionnaireAnswerBox.findUnique({ where: { meetingId_version: { meetingId, version: input.version } } });
              const contents = JSON.stringify(addToBox(box ? AnswerBox.parse(JSON.parse(box.contents)) : [], answers));
              await tx.questionnaireAnswerBox.upsert({
                where: { meetingId_version: { meetingId, version: input.version } },
                create: { meetingId, version: input.version, count: 1, contents },
                update: { count: { increment: 1 }, contents },
              });
            } else {
              await tx.questionnaireResponse.create({ data: { id: newId(), meetingId, version: input.version, answers: canonicalJson(answers), phoneHash: resident.phoneHash } });
            }
          }, { maxWait: 30_000, timeout: 30_000 });
        } catch (err) {
          if (isUniqueViolation(err)) throw new AppError('ALREADY_ANSWERED', 'You have already answered this questionnaire');
          throw err;
        }
      }
      await mine;
      return { ok: true, version: input.version, anonymous: settings.anonymous };
    },

    /**
     * What this phone gave: whether it answered, and for an identified questionnaire the answers and their
     * version. An anonymous answer cannot be given back: nothing links it to the phone.
     */
    async mine(resident: ResidentIdentity, joinCode: string) {
      const { meeting, row: r } = await publishedByCode(joinCode);
      const answered = !!(await db.questionnaireParticipation.findUnique({ where: { meetingId_phoneHash: { meetingId: meeting.id, phoneHash: resident.phoneHash } } }));
      if (settingsOf(r).anonymous || !answered) return { answered, anonymous: settingsOf(r).anonymous, version: null, answers: null };
      const response = await db.questionnaireResponse.findUnique({ where: { meetingId_phoneHash: { meetingId: meeting.id, phoneHash: resident.phoneHash } } });
      return { answered, anonymous: false, version: response?.version ?? null, answers: response ? (JSON.parse(response.answers) as Answers) : null };
    },

    /** What the record keeps of it (lib/record/build.ts): settings, versions, counts, results. */
    async recordSource(meetingId: string): Promise<QuestionnaireRecordSource | null> {
      const r = await row(meetingId);
      if (!r) return null;
      const vs = await versions(meetingId);
      const { byVersion, responses, questions } = await resultsOf(meetingId);
      return { settings: settingsOf(r), versions: vs.map((v) => ({ version: v.version, sha256: v.sha256, definition: v.definition, responses: byVersion[String(v.version)] ?? 0 })), responses, questions };
    },
  };
}

export type Questionnaires = ReturnType<typeof createQuestionnaires>;

/**
 * The export: a header (version, then one column per question form, as the results group them) and one
 * line per response. Choices are written as their labels, a ranking as "first > second > …".
 */
export function exportLines(vs: readonly VersionedDefinition[], answers: readonly VersionedAnswers[], locale: Locale): string[][] {
  const columns = aggregate(vs, []).map((q) => {
    const version = vs.find((v) => v.version === Math.max(...q.versions))!;
    const question = questionsOf(version.definition).find((x) => x.id === q.questionId)!;
    return { q, question };
  });
  const several = new Set(columns.map((c) => c.q.questionId).filter((id, i, all) => all.indexOf(id) !== i));
  const header = [t(locale, 'questionnaire.export.version'), ...columns.map((c) => c.q.title + (several.has(c.q.questionId) ? t(locale, 'questionnaire.export.versionsSuffix', { versions: c.q.versions.join(', ') }) : ''))];
  const label = (question: (typeof columns)[number]['question'], id: string) => ('options' in question ? question.options.find((o) => o.id === id)?.label ?? id : id);
  const lines = answers.map((a) => [String(a.version), ...columns.map(({ q, question }) => {
    if (!q.versions.includes(a.version)) return '';
    const v = a.answers[q.questionId];
    if (v === undefined) return '';
    if (Array.isArray(v)) return v.map((id) => label(question, id)).join(question.kind === 'ranking' ? ' > ' : '；');
    return typeof v === 'number' ? String(v) : question.kind === 'single' ? label(question, v) : v;
  })]);
  return [header, ...lines];
}

export async function exportXlsx(lines: string[][], locale: Locale): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(t(locale, 'questionnaire.export.sheet'));
  // Every value a string cell: nothing a resident typed can become a formula.
  for (const line of lines) sheet.addRow(line);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export function exportCsv(lines: string[][]): string {
  return csvDocument(lines);
}
