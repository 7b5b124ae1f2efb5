import { hashPassword } from '../auth/password';
import type { StaffIdentity } from '../auth/staff-session';
import { MeetingHub } from '../meeting/hub';
import { planMeeting } from '../planning/plan-meeting';
import { loadDefaultTemplates } from '../planning/templates';
import type { Db } from '../platform/db/client';
import { newId, newToken } from '../platform/tokens';

/**
 * Demo data for a first start: one district → street → community with a 25-member council, a
 * facilitator and a recorder, and one scheduled council session with an agenda. Card tokens are random
 * like real ones; the facilitator console prints them as QR cards.
 */
export const DEMO_PASSWORD = 'yishi-demo';
export const DEMO_USERS = [
  { username: 'facilitator', displayName: '王书记', role: 'facilitator' },
  { username: 'recorder', displayName: '李记录', role: 'recorder' },
  { username: 'assessor', displayName: '区考核员', role: 'assessor' },
  { username: 'admin', displayName: '区民政局管理员', role: 'district_admin' },
] as const;
export const DEMO_JOIN_CODE = 'XD2688';

const COUNCIL = [
  '张秀英', '王建国', '李桂兰', '刘志强', '陈淑华', '杨光明', '赵玉兰', '黄德明', '周丽娟', '吴国庆',
  '徐凤英', '孙立新', '胡秀珍', '朱永红', '高建华', '林美玲', '何文斌', '郭春梅', '马俊杰', '罗翠花',
  '梁宏伟', '宋金凤', '郑家豪', '谢婉如', '韩德胜',
];

export async function isSeeded(db: Db): Promise<boolean> {
  return (await db.district.count()) > 0;
}

export async function seedDemo(db: Db, now = new Date()): Promise<{ meetingId: string; joinCode: string }> {
  const districtId = newId();
  const streetId = newId();
  const communityId = newId();
  const gridId = newId();
  await db.$transaction([
    db.district.create({ data: { id: districtId, name: '新都区' } }),
    db.street.create({ data: { id: streetId, districtId, name: '新都街道' } }),
    db.community.create({ data: { id: communityId, streetId, name: '桂湖社区', code: 'guihu' } }),
    db.grid.create({ data: { id: gridId, communityId, name: '第一网格' } }),
    db.compound.create({ data: { id: newId(), gridId, name: '桂湖花园小区' } }),
  ]);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = DEMO_USERS.map((u) => ({
    id: newId(), username: u.username, displayName: u.displayName, role: u.role, passwordHash, districtId,
    // District staff see the whole district; community staff their own community.
    ...(u.role === 'assessor' || u.role === 'district_admin' ? { streetId: null, communityId: null } : { streetId, communityId }),
    // 王书记 is the community's party secretary: the default convener of its community-level meetings.
    ...(u.role === 'facilitator' ? { post: 'party_secretary', postPlaceId: communityId } : {}),
  }));
  await db.staffUser.createMany({ data: users });
  await db.rosterMember.createMany({
    data: COUNCIL.map((name) => ({ id: newId(), communityId, name, kind: 'council', categories: '["council_member"]', joinToken: newToken() })),
  });
  const tomorrow = new Date(now.getTime() + 86400_000);
  tomorrow.setUTCHours(11, 30, 0, 0); // 19:30 in Asia/Shanghai
  // The demo meeting is planned and announced through the services the console drives; its notice went
  // up four days ago, past the council's three-day lead time, so the demo can start it right away.
  const convener = users[0]!;
  const planner: StaffIdentity = {
    id: convener.id, username: convener.username, displayName: convener.displayName, role: 'facilitator',
    scope: { districtId, streetId, communityId },
  };
  const meeting = await planMeeting(db, planner, {
    communityId, form: 'council', level: 'community', type: 'decision',
    title: '桂湖社区2026年第四季度居民议事会',
    venue: '桂湖社区党群服务中心议事厅',
    scheduledAt: tomorrow.toISOString(), endsAt: new Date(tomorrow.getTime() + 2 * 3600_000).toISOString(),
    recorderIds: [users[1]!.id],
    invitedCategories: ['council_member'],
    agenda: [
      { title: '老旧小区加装电梯费用分摊方案', notes: '3号楼、5号楼加装电梯，按楼层分摊。' },
      { title: '小区公共区域停车管理办法' },
      { title: '社区微基金使用情况通报' },
    ],
  }, loadDefaultTemplates(), { joinCode: DEMO_JOIN_CODE });
  const noticeAt = new Date(now.getTime() - 4 * 86400_000);
  await new MeetingHub(db, () => noticeAt).execute(meeting.id, 'meeting.announce', {
    text: '桂湖社区定于明晚19:30在社区党群服务中心议事厅召开2026年第四季度居民议事会。\n议程：1. 老旧小区加装电梯费用分摊方案；2. 小区公共区域停车管理办法；3. 社区微基金使用情况通报。\n参加人员：议事协商委员会成员。不能到场的成员可通过会议邀请链接远程参加。',
  }, { role: 'facilitator', label: convener.displayName, seatId: null, mode: null });
  return { meetingId: meeting.id, joinCode: meeting.joinCode };
}
