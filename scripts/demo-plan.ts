// Plans and announces a hearing through the real HTTP API of a running server, as the console does:
//   npm run demo:plan                                  # against http://localhost:3000 (npm start)
//   npm run demo:plan -- --url http://host:3000
// Logs in as the demo convener, creates a 决策听证 ten days ahead (the template fills in the quorum rule,
// the invited categories and the 7-day notice lead time), attaches a small PDF, publishes its notice, checks
// that the public community board (/c/<community code>) shows it with the file, and prints
// { meetingId, joinCode, boardUrl, noticeId, attachmentUrl } as JSON.
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_USERS } from '../lib/demo/seed';
import { boardPath } from '../lib/planning/board-path';
import { postJson } from './protocol-client';

const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://localhost:3000' } } });
const base = values.url!.replace(/\/$/, '');
const fail = (what: string, detail: unknown) => {
  console.error(`[demo:plan] ${what}: ${JSON.stringify(detail)}`);
  process.exit(1);
};

const convener = DEMO_USERS.find((u) => u.role === 'facilitator')!.username;
const login = await postJson(`${base}/api/auth/login`, { username: convener, password: DEMO_PASSWORD }).catch((e: Error) => fail(`no server at ${base}`, e.message));
if (login.status !== 200 || !login.cookie) fail('login failed', login.body);
const cookie = login.cookie!.split(';')[0]!;
const communityId: string | null = login.body.user.scope.communityId;
if (!communityId) fail('the demo convener has no community', login.body.user);

// Ten days ahead, 19:00–21:00 Shanghai time: past the hearing's 7-day notice lead time.
const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
const created = await postJson(`${base}/api/meetings`, {
  communityId, form: 'hearing', level: 'community', type: 'decision',
  title: '老旧小区加装电梯费用分摊听证会', venue: '社区党群服务中心二楼议事厅',
  scheduledAt: `${day}T19:00:00+08:00`, endsAt: `${day}T21:00:00+08:00`,
  agenda: [{ title: '听取加装电梯费用分摊方案说明' }, { title: '利害关系人陈述意见' }, { title: '听证代表质询与辩论' }],
}, { cookie });
if (created.status !== 200) fail('creating the meeting failed', created.body);
const { meetingId, joinCode } = created.body as { meetingId: string; joinCode: string };

// A small attachment for the notice: the cost-sharing plan as a one-page PDF. It waits until the notice
// is published, which carries it onto the board.
const plan = new TextEncoder().encode('%PDF-1.4\n% 老旧小区加装电梯费用分摊方案（征求意见稿）\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const uploaded = await fetch(`${base}/api/attachments?meetingId=${meetingId}&name=${encodeURIComponent('加装电梯费用分摊方案.pdf')}`, {
  method: 'POST', body: plan, headers: { cookie, origin: base, 'content-type': 'application/pdf' },
});
const attachment = await uploaded.json() as { id: string; fileName: string };
if (!uploaded.ok) fail('uploading the attachment failed', attachment);

const text = `本社区定于${day} 19:00在社区党群服务中心二楼议事厅举行老旧小区加装电梯费用分摊听证会。\n欢迎利害关系人、居民代表报名参加，不能到场的可通过会议邀请链接远程参加。`;
const notice = await postJson(`${base}/api/meetings/${meetingId}/notice`, { text }, { cookie });
if (notice.status !== 200) fail('publishing the notice failed', notice.body);

// The board's address is the community's short code (/c/<code>), which staff may change in the console.
const options = await (await fetch(`${base}/api/communities/${communityId}/planning`, { headers: { cookie } })).json() as { community: { code: string } };
const code = options.community.code;
const board = await (await fetch(`${base}/api/board/${encodeURIComponent(code)}`)).json() as { upcoming: { id: string; notices: { id: string; attachments: { id: string }[] }[] }[] };
const shown = board.upcoming.find((m) => m.id === meetingId)?.notices.find((n) => n.id === notice.body.notice.id);
if (!shown) fail('the board does not show the notice', board);
if (!shown!.attachments.some((f) => f.id === attachment.id)) fail('the board does not list the attachment', shown);

console.log(JSON.stringify({
  meetingId, joinCode, boardUrl: `${base}${boardPath(code)}`, noticeId: notice.body.notice.id,
  attachmentUrl: `${base}/api/attachments/${attachment.id}`,
}, null, 2));
