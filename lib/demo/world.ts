import { hashPassword } from '../auth/password';
import type { StaffIdentity } from '../auth/staff-session';
import type { StaffRole } from '../meeting/permissions';
import type { MeetingForm, MeetingLevel, MeetingType } from '../meeting/model';
import type { Db } from '../platform/db/client';
import { newId, newToken } from '../platform/tokens';
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { assessedIndicators, loadDefaultCatalogue } from '../scoring/catalogue';
import { intakePaths } from '../scoring/facts';
import { yearOf } from '../scoring/period';
import { runPastMeetings, type PastMeeting } from './history';
import { createImplementation } from '../topics/implementation';
import { createPublicity } from '../topics/publicity';
import { createIntake } from '../topics/intake';
import { putOnAgenda } from '../topics/agenda';
import { escalateTopic } from '../topics/escalation';
import { JOINT_THRESHOLD } from '../topics/model';
import { reviewTopic } from '../topics/review';
import { seededRandom } from './random';
import { DEMO_PASSWORD } from './seed';

/**
 * The demo district beyond the first community: more streets and communities, each with its own
 * council, facilitator and recorder, and a history of filed meeting records, topics and follow-ups over
 * the previous and the current assessment year, so the scores, grades, warnings and the district
 * overview show real figures on first start. Communities differ in how actively they consult.
 */
const NEIGHBOURS = [
  { street: '新都街道', name: '龙桥社区', code: 'longqiao', activity: 0.75 },
  { street: '新都街道', name: '正因社区', code: 'zhengyin', activity: 0.45 },
  { street: '大丰街道', name: '大丰社区', code: 'dafeng', activity: 0.95 },
  { street: '大丰街道', name: '南丰社区', code: 'nanfeng', activity: 0.6 },
  { street: '三河街道', name: '三河社区', code: 'sanhe', activity: 0.3 },
  { street: '三河街道', name: '五龙社区', code: 'wulong', activity: 0.85 },
];

const SURNAMES = '张王李刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = ['秀英', '建国', '桂兰', '志强', '淑华', '光明', '玉兰', '德明', '丽娟', '国庆', '凤英', '立新', '秀珍', '永红', '建华', '美玲', '文斌', '春梅', '俊杰', '翠花', '宏伟', '金凤', '家豪', '婉如', '德胜', '子涵', '浩然', '雨桐', '思远', '静怡'];

const TOPICS = [
  '老旧小区加装电梯', '小区停车位规划', '垃圾分类投放点调整', '社区养老服务站运营', '背街小巷路灯维修',
  '公共绿地改造', '物业服务费调整', '社区微基金使用', '儿童游乐设施更新', '农贸市场周边秩序', '雨污分流改造', '充电桩安装',
];
const FORMS: { form: MeetingForm; type: MeetingType; level: MeetingLevel }[] = [
  { form: 'council', type: 'decision', level: 'community' },
  { form: 'council', type: 'decision', level: 'community' },
  { form: 'hearing', type: 'decision', level: 'community' },
  { form: 'open_space', type: 'advisory', level: 'grid' },
  { form: 'dialogue', type: 'coordination', level: 'compound' },
  { form: 'evaluation', type: 'supervision', level: 'community' },
  { form: 'expert', type: 'advisory', level: 'community' },
  { form: 'visit', type: 'coordination', level: 'compound' },
  { form: 'open_space', type: 'advisory', level: 'community' },
  { form: 'new_media', type: 'advisory', level: 'grid' },
  { form: 'questionnaire', type: 'advisory', level: 'compound' },
  { form: 'written', type: 'supervision', level: 'community' },
];

function identity(u: { id: string; username: string; displayName: string; role: string; districtId: string; streetId: string | null; communityId: string | null }): StaffIdentity {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role as StaffRole, scope: { districtId: u.districtId, streetId: u.streetId, communityId: u.communityId } };
}

/** Adds the neighbouring communities and the history of every community; `now` bounds the history. */
export async function seedDemoWorld(db: Db, now = new Date()): Promise<{ records: number }> {
  const random = seededRandom(2026);
  const district = await db.district.findFirstOrThrow();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const streets = new Map((await db.street.findMany()).map((s) => [s.name, s.id]));
  const communities: { id: string; activity: number; convener: StaffIdentity; recorders: StaffIdentity[]; gridId: string; compoundId: string }[] = [];

  // The first community (from seedDemo) with its demo staff.
  const first = await db.community.findFirstOrThrow({ orderBy: { name: 'asc' }, where: { roster: { some: {} } } });
  const firstStaff = await db.staffUser.findMany({ where: { communityId: first.id } });
  const firstCompound = await db.compound.findFirstOrThrow({ where: { grid: { communityId: first.id } } });
  communities.push({
    id: first.id, activity: 0.8,
    convener: identity(firstStaff.find((u) => u.role === 'facilitator')!),
    recorders: firstStaff.filter((u) => u.role === 'recorder').map(identity),
    gridId: firstCompound.gridId, compoundId: firstCompound.id,
  });

  for (const [i, n] of NEIGHBOURS.entries()) {
    let streetId = streets.get(n.street);
    if (!streetId) {
      streetId = newId();
      await db.street.create({ data: { id: streetId, districtId: district.id, name: n.street } });
      streets.set(n.street, streetId);
    }
    const communityId = newId();
    await db.community.create({ data: { id: communityId, streetId, name: n.name, code: n.code } });
    // One grid with one compound: where the history's 网格 and 小区 meetings are held.
    const gridId = newId();
    const compoundId = newId();
    await db.grid.create({ data: { id: gridId, communityId, name: '第一网格' } });
    await db.compound.create({ data: { id: compoundId, gridId, name: `${n.name.slice(0, 2)}小区` } });
    const size = 15 + Math.floor(random() * 10);
    await db.rosterMember.createMany({
      data: Array.from({ length: size }, (_, k) => ({
        id: newId(), communityId, kind: 'council', categories: '["council_member"]', joinToken: newToken(),
        name: SURNAMES[Math.floor(random() * SURNAMES.length)]! + GIVEN[(k * 7 + i) % GIVEN.length]!,
      })),
    });
    const staff = [
      { role: 'facilitator', username: `c${i + 2}-facilitator`, displayName: `${n.name.slice(0, 2)}社区书记` },
      { role: 'recorder', username: `c${i + 2}-recorder`, displayName: `${n.name.slice(0, 2)}记录员` },
    ].map((u) => ({ id: newId(), ...u, passwordHash, districtId: district.id, streetId, communityId }));
    await db.staffUser.createMany({ data: staff });
    communities.push({ id: communityId, activity: n.activity, convener: identity(staff[0]!), recorders: [identity(staff[1]!)], gridId, compoundId });
  }

  // Meetings of last year and of this year up to a week ago, in date order per community.
  const past: PastMeeting[] = [];
  const thisYear = yearOf(now);
  const until = now.getTime() - 7 * 86400_000;
  for (const c of communities) {
    for (const year of [thisYear - 1, thisYear]) {
      for (let month = 0; month < 12; month++) {
        // An active community meets about monthly; a quiet one every few months.
        if (random() > c.activity * (year === thisYear ? 1.15 : 0.8)) continue;
        const day = 5 + Math.floor(random() * 20);
        const scheduledAt = new Date(Date.UTC(year, month, day, 11, 0)); // 19:00 in Asia/Shanghai
        if (scheduledAt.getTime() > until) continue;
        const shape = FORMS[Math.floor(random() * FORMS.length)]!;
        const topic = TOPICS[Math.floor(random() * TOPICS.length)]!;
        past.push({
          communityId: c.id, convener: c.convener, recorders: c.recorders, ...shape,
          title: `${topic}${shape.form === 'hearing' ? '听证会' : '协商会'}`,
          venue: shape.level === 'community' ? '社区党群服务中心议事厅' : shape.level === 'grid' ? '网格议事角' : '小区议事长廊',
          scheduledAt,
          announcedDaysAhead: shape.form === 'hearing' ? (random() < c.activity ? 10 : 3) : 3,
          attendance: 0.45 + c.activity * 0.5,
          remoteShare: random() < c.activity ? 0.25 : 0,
          agenda: [
            { title: topic, motion: shape.type === 'decision' ? `同意${topic}方案` : undefined, support: 0.55 + random() * 0.4 },
            { title: '其他事项', support: 0 },
          ],
        });
      }
    }
  }
  past.sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime());
  // The matters of 小区 and 网格 meetings come in as topics (a council member or the grid worker raises
  // them) and are accepted at that level before the meeting — in an active community nearly always, in a
  // quiet one less often: what the register (备案登记) then shows. A separate random stream, so the rest
  // of the history stays as it was.
  const topicRandom = seededRandom(2027);
  const communityOf = new Map(communities.map((c) => [c.id, c]));
  const meetingTopics = new Map<number, string>();
  for (const [k, m] of past.entries()) {
    const c = communityOf.get(m.communityId)!;
    if (m.level === 'community' || topicRandom() > c.activity + 0.1) continue;
    const raised = new Date(m.scheduledAt.getTime() - 20 * 86400_000);
    const topicId = await demoTopic(db, c, m.level === 'grid' ? 'grid_worker' : 'council_member', m.agenda[0]!.title, raised, `${c.id}-meeting-${k}`);
    await reviewTopic(db, c.convener, topicId, {
      decision: 'accept', level: m.level, placeId: m.level === 'grid' ? c.gridId : c.compoundId, type: m.type,
    }, new Date(raised.getTime() + 2 * 86400_000));
    meetingTopics.set(k, topicId);
  }
  const runs = await runPastMeetings(db, past, random);
  for (const [k, topicId] of meetingTopics) {
    const m = past[k]!;
    await putOnAgenda(db, topicId, runs[k]!.meetingId, m.title, m.convener.displayName, new Date(m.scheduledAt.getTime() - (m.announcedDaysAhead + 3) * 86400_000));
    // Now and then a 小区 meeting cannot settle its matter (it concerns the neighbours too): its convener
    // escalates it to the grid, where it is accepted again (逐级上报).
    if (m.level === 'compound' && topicRandom() < 0.3) {
      const c = communityOf.get(m.communityId)!;
      await escalateTopic(db, c.convener, topicId, { reason: '涉及相邻小区和公共区域，小区议事会无法单独决定，提请网格协调。' }, new Date(m.scheduledAt.getTime() + 2 * 86400_000));
      await reviewTopic(db, c.convener, topicId, { decision: 'accept', level: 'grid', placeId: c.gridId, type: m.type }, new Date(m.scheduledAt.getTime() + 4 * 86400_000));
    }
  }

  // Decisions carried out (more often in active communities), through the implementation workflow on the
  // history's dates: owner and deadline after 3 days, in progress after 14, done after 40 with residents'
  // ratings — the more recent ones still open, as in a real community.
  const activityOf = new Map(communities.map((c) => [c.id, c.activity]));
  for (const [k, run] of runs.entries()) {
    const m = past[k]!;
    for (const d of run.decisions) {
      if (random() > activityOf.get(m.communityId)!) continue;
      const task = await db.decisionTask.findUnique({ where: { recordId_pollId: { recordId: run.recordId, pollId: d.pollId } } });
      if (!task) continue;
      const day = (n: number) => new Date(m.scheduledAt.getTime() + n * 86400_000);
      await createImplementation(db, { now: () => day(3) }).plan(m.convener, task.id, { owner: '社区物业服务中心', deadline: day(45).toISOString() });
      if (day(14).getTime() > until) continue;
      await createImplementation(db, { now: () => day(14) }).update(m.convener, task.id, { status: 'in_progress', note: '已交物业公司落实，社区跟进中。' });
      if (day(40).getTime() > until) continue;
      const done = createImplementation(db, { now: () => day(40) });
      await done.update(m.convener, task.id, { status: 'done', note: '已按决议完成，经居民代表验收。' });
      const raters = 3 + Math.floor(random() * 6);
      for (let i = 0; i < raters; i++) {
        const r = random();
        const resident = { phoneHash: createHash('sha256').update(`demo-rater:${task.id}:${i}`).digest('base64url'), phoneMasked: '139****0000', expiresAt: day(41) };
        await done.rate(resident, task.id, { rating: r < 0.6 ? 'satisfied' : r < 0.9 ? 'basically_satisfied' : 'dissatisfied', comment: '' });
      }
    }
  }
  // Now and then a resident objects to published results (异议) during the publicity period, and the
  // convener answers the next day — the public trail a board shows.
  const publicity = createPublicity(db);
  for (const [k, run] of runs.entries()) {
    if (run.decisions.length === 0 || topicRandom() > 0.25) continue;
    const published = await db.resultPublication.findUnique({ where: { recordId: run.recordId } });
    if (!published || published.publishedAt.getTime() + 2 * 86400_000 > until) continue;
    const at = (days: number) => new Date(published.publishedAt.getTime() + days * 86400_000);
    const resident = { phoneHash: createHash('sha256').update(`demo-objector:${run.recordId}`).digest('base64url'), phoneMasked: '137****0000', expiresAt: at(1) };
    const { objectionId } = await publicity.object(resident, run.recordId, { text: OBJECTIONS[k % OBJECTIONS.length]!.text }, at(1));
    await publicity.answer(past[k]!.convener, objectionId, { answer: OBJECTIONS[k % OBJECTIONS.length]!.answer }, at(2));
  }
  // Topics from the intake paths, through the same workflows as the product (on their own dates): staff
  // register the other paths' topics, residents propose and co-sign joint ones; each is accepted in review.
  for (const c of communities) {
    for (const year of [thisYear - 1, thisYear]) {
      const paths = intakePaths.filter(() => random() < c.activity);
      for (const [k, path] of paths.entries()) {
        const createdAt = new Date(Date.UTC(year, (k * 3) % 12, 3 + k, 2, 0));
        if (createdAt.getTime() > until) continue;
        const title = TOPICS[(k + year) % TOPICS.length]!;
        const topicId = await demoTopic(db, c, path, title, createdAt, `${c.id}-${year}-${k}`);
        await reviewTopic(db, c.convener, topicId, { decision: 'accept', level: 'community', placeId: null, type: 'coordination' }, new Date(createdAt.getTime() + 2 * 86400_000));
      }
    }
  }
  // Materials for the assessed indicators: most accepted in active communities, some awaiting review,
  // a few refused with a reason — what an assessor's queue looks like in November.
  const assessed = assessedIndicators(loadDefaultCatalogue());
  const uploader = new Map(communities.map((c) => [c.id, c.convener]));
  for (const c of communities) {
    for (const year of [thisYear - 1, thisYear]) {
      for (const [k, indicator] of assessed.entries()) {
        const r = random();
        if (r > c.activity + 0.15) continue;
        const createdAt = new Date(Date.UTC(year, (k * 5) % 11, 10 + (k % 15), 3, 0));
        if (createdAt.getTime() > until) continue;
        const decided = year < thisYear || r < c.activity * 0.85;
        const status = !decided ? 'pending' : r < c.activity * 0.95 ? 'accepted' : 'rejected';
        const partial = indicator.method.partial;
        const title = `${indicator.text['zh-CN'].slice(0, 24)}（佐证材料）`;
        const data = await evidencePdf(`Evidence ${indicator.id} ${year}`);
        await db.evidenceUpload.create({
          data: {
            id: newId(), communityId: c.id, indicatorId: indicator.id, year, title, fileName: `${indicator.id}.pdf`, mimeType: 'application/pdf',
            size: data.length, sha256: createHash('sha256').update(data).digest('hex'), data: new Uint8Array(data), status,
            credit: status === 'accepted' ? (partial && r > c.activity * 0.6 ? 0.6 : 1) : null,
            reviewReason: status === 'rejected' ? '材料与指标要求不符，请补充会议照片和签到表。' : null,
            reviewerId: null, reviewedAt: status === 'pending' ? null : new Date(createdAt.getTime() + 5 * 86400_000),
            uploadedById: uploader.get(c.id)!.id, createdAt,
          },
        });
      }
    }
  }
  return { records: runs.length };
}

/** A small real PDF standing in for a scanned photo or sign-in sheet. */
function evidencePdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: text } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(text);
    doc.end();
  });
}

/**
 * One demo topic through the intake workflow at `at`: a joint one is proposed by a resident and co-signed
 * by nine neighbours (ten in all: the standard's threshold); any other is registered by the convener.
 * Residents are made-up confirmed phones (their keyed hashes stand for numbers nobody owns).
 */
async function demoTopic(db: Db, c: { id: string; convener: StaffIdentity }, path: (typeof intakePaths)[number], title: string, at: Date, seed: string): Promise<string> {
  const intake = createIntake(db, { now: () => at });
  const description = `居民反映${title}问题，希望社区组织协商解决。`;
  if (path !== 'joint_residents') {
    return (await intake.register(c.convener, { communityId: c.id, intakePath: path, title, description, submitter: SUBMITTERS[path] })).topicId;
  }
  const resident = (i: number) => ({ phoneHash: createHash('sha256').update(`demo-resident:${seed}:${i}`).digest('base64url'), phoneMasked: `139****${String(1000 + i).slice(-4)}`, expiresAt: at });
  const declaration = (i: number) => ({ name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`, building: `${(i % 8) + 1} 号楼`, adult: true as const });
  const { topicId } = await intake.propose(resident(0), c.id, { title, description, place: '', declaration: declaration(0) });
  for (let i = 1; i < JOINT_THRESHOLD; i++) await intake.coSign(resident(i), topicId, declaration(i));
  return topicId;
}

const OBJECTIONS = [
  { text: '费用分摊没有考虑一楼住户，希望重新核算。', answer: '已请物业按楼层重新核算，结果在下次议事会上说明。' },
  { text: '施工时间安排在午休时段，影响老人休息。', answer: '已与施工方商定，午间12点至14点不施工。' },
  { text: '公示的方案和会上讨论的不一致，请核实。', answer: '经核对会议记录，公示内容与决议一致；补充说明已张贴在公告栏。' },
];

const SUBMITTERS: Record<Exclude<(typeof intakePaths)[number], 'joint_residents'>, string> = {
  party_representative: '社区党代表工作室', council_member: '居民议事会成员', grid_worker: '网格员', social_organisation: '社区志愿者协会',
  resident_unit: '辖区中心小学', online_platform: '社区微信群', deputy: '区人大代表联络站',
};
