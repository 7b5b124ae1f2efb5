import { z } from 'zod';
import { MeetingForm, MeetingLevel, MeetingType } from '../meeting/model';
import { periodInterval, type Period } from './period';

/**
 * What the scoring engine knows about a community: the input of `scoreCommunity`. The database layer
 * builds these; the engine never reads the database, so scores are pure functions of these facts.
 * Timestamps are ISO strings with an explicit offset (or Z), so they mean the same instant in any TZ.
 */

const Instant = z.iso.datetime({ offset: true });

/**
 * The eight intake paths for consultation topics (八条路径协调提出协商内容), in the seed's order.
 */
export const intakePaths = [
  'party_representative', // 党代表联系群众(“三联”“四定”)
  'council_member', // 社区议事会成员收集议题
  'grid_worker', // 网格员收集议题
  'social_organisation', // 社区社会组织提交议题
  'resident_unit', // 驻区单位(学校、医院、机关、企业)提交议题
  'joint_residents', // 10名以上年满18周岁居民联名提交
  'online_platform', // 网络平台(新媒体智慧平台)收集
  'deputy', // 辖区人大代表、政协委员提交
] as const;
export const IntakePath = z.enum(intakePaths);
export type IntakePath = z.infer<typeof IntakePath>;

export const FiledRecordFact = z.object({
  recordId: z.string(),
  meetingId: z.string(),
  form: MeetingForm,
  type: MeetingType,
  level: MeetingLevel,
  title: z.string(),
  scheduledAt: Instant,
  /** null if the record does not say (the record format allows it) */
  startedAt: Instant.nullable(),
  /** decides which period and quarter the meeting belongs to */
  closedAt: Instant,
  /** when the signed record was filed; a record filed after `asOf` is not yet evidence */
  filedAt: Instant,
  /** when the meeting was announced (公告), e.g. a hearing's notice; null if never announced */
  announcedAt: Instant.nullable(),
  /** when the results were published (公布结果); null while unpublished */
  resultsPublishedAt: Instant.nullable(),
  /** roster members (the people expected to attend) */
  members: z.number().int().min(0),
  /** members who attended, in the hall and remotely together */
  attended: z.number().int().min(0),
  /** of `attended`, those who joined remotely */
  remoteAttended: z.number().int().min(0),
  /** `decision`: the poll was put to decide (not to sound out opinion) */
  polls: z.array(z.object({ id: z.string(), passed: z.boolean(), decision: z.boolean() })),
  /** decisions the record lists, with the time their implementation follow-up (落实情况) was recorded */
  decisions: z.array(z.object({
    pollId: z.string(), followUpRecordedAt: Instant.nullable(),
    /** its implementation task (落实), whose page on the board an explanation links to; absent before it is tracked */
    id: z.string().optional(),
    /** what was decided (the decision sentence, else the question), so an explanation can name it */
    text: z.string().optional(),
    /** its implementation (落实): the deadline staff set and where it stands; absent before it is tracked */
    deadline: Instant.nullable().optional(),
    implementation: z.enum(['not_started', 'in_progress', 'done', 'impossible']).optional(),
    /** residents' ratings of the decision once done (评议), each with its time */
    ratings: z.array(z.object({ rating: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']), at: Instant })).optional(),
  })),
  /**
   * The registered topics (社区议题台账) the meeting took up: a matter of a 小区 or 网格 meeting is on the
   * community's register when it came in as a topic the community accepted.
   */
  topics: z.array(z.string()).optional(),
  /** the record's signatures verified; unverified records never count */
  verified: z.boolean(),
});
export type FiledRecordFact = z.infer<typeof FiledRecordFact>;

export const TopicFact = z.object({
  id: z.string(),
  intakePath: IntakePath,
  /** decides the period the topic counts in */
  createdAt: Instant,
  /** when it was escalated a level up (逐级上报), each with a reason on the topic's page */
  escalatedAt: z.array(Instant).optional(),
});
export type TopicFact = z.infer<typeof TopicFact>;

export const UploadStatus = z.enum(['pending', 'accepted', 'rejected']);
export type UploadStatus = z.infer<typeof UploadStatus>;

/** Material a community uploaded for an assessed indicator (佐证材料), and the assessor's review. */
export const UploadFact = z.object({
  id: z.string(),
  indicatorId: z.string(),
  status: UploadStatus,
  /** partial credit the assessor granted (0..1); absent means full credit */
  credit: z.number().min(0).max(1).optional(),
  /** the assessment year the material is for; without it, the year it was submitted in */
  year: z.number().int().optional(),
  /** decides the period the upload counts in when it names no year; never counted before it was submitted */
  submittedAt: Instant,
  /** when it was accepted or rejected; a review after `asOf` is treated as still pending */
  reviewedAt: Instant.nullable().optional(),
});
export type UploadFact = z.infer<typeof UploadFact>;

export const CommunityFacts = z.object({
  communityId: z.string(),
  communityName: z.string(),
  streetId: z.string(),
  records: z.array(FiledRecordFact),
  topics: z.array(TopicFact),
  uploads: z.array(UploadFact),
});
export type CommunityFacts = z.infer<typeof CommunityFacts>;

/**
 * Which filed records a rule or an indicator looks at. Each listed dimension must contain the record's
 * value; an omitted dimension accepts any value, so `{}` matches every record.
 */
export const RecordMatcher = z.strictObject({
  forms: z.array(MeetingForm).min(1).optional(),
  types: z.array(MeetingType).min(1).optional(),
  levels: z.array(MeetingLevel).min(1).optional(),
});
export type RecordMatcher = z.infer<typeof RecordMatcher>;

export function recordMatches(
  matcher: RecordMatcher,
  record: { form: MeetingForm; type: MeetingType; level: MeetingLevel },
): boolean {
  return (
    (!matcher.forms || matcher.forms.includes(record.form)) &&
    (!matcher.types || matcher.types.includes(record.type)) &&
    (!matcher.levels || matcher.levels.includes(record.level))
  );
}

/** A verified filed record as the rules read it: times parsed to epoch ms, later-than-`asOf` facts removed. */
export type RecordView = {
  recordId: string;
  form: MeetingForm;
  type: MeetingType;
  level: MeetingLevel;
  title: string;
  scheduled: number;
  closed: number;
  filed: number;
  announced: number | null;
  resultsPublished: number | null;
  members: number;
  attended: number;
  remoteAttended: number;
  polls: FiledRecordFact['polls'];
  decisions: {
    pollId: string; id: string | null; text: string | null; followUp: number | null; deadline: number | null; open: boolean;
    ratings: ('satisfied' | 'basically_satisfied' | 'dissatisfied')[];
  }[];
  topics: string[];
};

export type UploadView = {
  id: string;
  indicatorId: string;
  status: UploadStatus;
  credit: number;
  submitted: number;
};

/** The facts that count for one period as of one instant. */
export type FactsView = {
  records: RecordView[];
  /** closed in the period and filed, but their signatures did not verify: never evidence, only warned about */
  unverified: { recordId: string; title: string }[];
  topics: { id: string; intakePath: IntakePath; created: number }[];
  /** escalations (逐级上报) made in the period, of the community's accepted topics */
  escalations: { topicId: string; at: number }[];
  uploads: UploadView[];
};

/**
 * Narrows the facts to what counts for `period` as of `asOf`: scoring "as of" a past date gives the score
 * the community had then, so anything stamped after `asOf` is treated as not having happened yet.
 * Records belong to the period they closed in, topics to the one they were raised in, uploads to the one
 * they were submitted in.
 */
export function viewFacts(facts: CommunityFacts, period: Period, asOf: number): FactsView {
  const { start, end } = periodInterval(period);
  const inPeriod = (t: number) => t >= start && t < end && t <= asOf;
  const seen = (iso: string | null | undefined) => {
    if (!iso) return null;
    const t = Date.parse(iso);
    return t <= asOf ? t : null;
  };

  const view: FactsView = { records: [], unverified: [], topics: [], escalations: [], uploads: [] };
  for (const r of facts.records) {
    const closed = Date.parse(r.closedAt);
    const filed = Date.parse(r.filedAt);
    if (!inPeriod(closed) || filed > asOf) continue;
    if (!r.verified) {
      view.unverified.push({ recordId: r.recordId, title: r.title });
      continue;
    }
    view.records.push({
      recordId: r.recordId, form: r.form, type: r.type, level: r.level, title: r.title,
      scheduled: Date.parse(r.scheduledAt), closed, filed,
      announced: seen(r.announcedAt), resultsPublished: seen(r.resultsPublishedAt),
      members: r.members, attended: r.attended, remoteAttended: r.remoteAttended,
      polls: r.polls,
      decisions: r.decisions.map((d) => ({
        pollId: d.pollId, id: d.id ?? null, text: d.text ?? null,
        followUp: seen(d.followUpRecordedAt), deadline: d.deadline ? Date.parse(d.deadline) : null,
        open: d.implementation === 'not_started' || d.implementation === 'in_progress',
        ratings: (d.ratings ?? []).filter((x) => Date.parse(x.at) <= asOf).map((x) => x.rating),
      })),
      topics: r.topics ?? [],
    });
  }
  for (const t of facts.topics) {
    const created = Date.parse(t.createdAt);
    if (inPeriod(created)) view.topics.push({ id: t.id, intakePath: t.intakePath, created });
    for (const at of t.escalatedAt ?? []) if (inPeriod(Date.parse(at))) view.escalations.push({ topicId: t.id, at: Date.parse(at) });
  }
  for (const u of facts.uploads) {
    const submitted = Date.parse(u.submittedAt);
    // Material for a year is often handed in after it ends (the assessment runs into the next spring).
    if (u.year !== undefined ? u.year !== period.year || submitted > asOf : !inPeriod(submitted)) continue;
    const reviewedLater = u.status !== 'pending' && u.reviewedAt != null && Date.parse(u.reviewedAt) > asOf;
    view.uploads.push({
      id: u.id, indicatorId: u.indicatorId, submitted,
      status: reviewedLater ? 'pending' : u.status,
      credit: u.credit ?? 1,
    });
  }
  return view;
}
