/**
 * Message catalogue — Simplified Chinese, the default and the source of truth for keys.
 *
 * Conventions (read before adding keys):
 * - One flat object. Keys are `<page-or-area>.<name>` in camelCase, e.g. `console.title`,
 *   `join.codeLabel`, `vote.openButton`. Shared words live under `common.*`, connection states under
 *   `connection.*`, domain-free UI components under `ui.*`.
 * - Group keys by page/area with a `// ── area ──` comment; keep each group together.
 * - Interpolation uses `{name}` placeholders: `t(locale, 'connection.pending', { count: 3 })`.
 *   Use the same placeholder names in every language.
 *
 * Glossary — one term per concept on every page (console, phone, projector, record):
 * - 会议码 (meeting code): the meeting's 6-character code shown in the hall. Never 入会码.
 * - 参会卡 / 参会卡代码 (member card / card code): a member's printed card; its QR admits and checks in,
 *   the 6-character 参会卡代码 under it is what is typed when a phone cannot scan.
 * - 入会二维码 (admission QR): the one-device QR the console shows for a member without a card
 *   (button 显示入会二维码). Never 发入会码.
 * - 主持人 (facilitator): whoever runs the meeting in the hall (the staff role facilitator).
 *   召集人 (convener) is the role in planning and in the record: who convenes the meeting and signs it.
 * - 签到 (check in), 代签到 (checked in by staff), 表决/投票 (poll/vote), 赞成/反对/弃权 (yes/no/abstain).
 * - 离线 (offline): the phone has no connection (browser network or socket), shown with N 条待发送.
 * - Add every key here first, then to `en.ts`: en.ts is typed against this file, so a key missing
 *   there (or a key that exists only there) is a compile error.
 */
import { consoleZhCN } from './console.zh-CN';
import { decisionsZhCN } from './decisions.zh-CN';
import { meetingZhCN } from './meeting.zh-CN';
import { minutesZhCN } from './minutes.zh-CN';
import { phoneZhCN } from './phone.zh-CN';
import { planningZhCN } from './planning.zh-CN';
import { recordZhCN } from './record.zh-CN';
import { scoringAreaZhCN } from './scoring.zh-CN';
import { topicReviewZhCN } from './topic-review.zh-CN';
import { topicsZhCN } from './topics.zh-CN';
import { questionnaireZhCN } from './questionnaire.zh-CN';
import { writtenZhCN } from './written.zh-CN';
import { visitsZhCN } from './visits.zh-CN';
import { evaluationZhCN } from './evaluation.zh-CN';
import { expertZhCN } from './expert.zh-CN';

// Areas with many keys live in their own files (<area>.zh-CN.ts / <area>.en.ts) and are spread in here.
export const zhCN = {
  ...meetingZhCN,
  ...phoneZhCN,
  ...planningZhCN,
  ...consoleZhCN,
  ...minutesZhCN,
  ...recordZhCN,
  ...scoringAreaZhCN,
  ...topicsZhCN,
  ...topicReviewZhCN,
  ...decisionsZhCN,
  ...questionnaireZhCN,
  ...writtenZhCN,
  ...visitsZhCN,
  ...evaluationZhCN,
  ...expertZhCN,
  // ── app ──
  'app.name': '议事',
  'app.tagline': '社区民主协商，现场与线上同步进行',
  'app.description': '议事：社区民主协商会议平台。扫码入会、签到表决、发言提问，会后形成签名存证的会议记录。',

  // ── common ──
  'common.login': '登录',
  'common.logout': '退出',
  'common.joinMeeting': '加入会议',
  'common.back': '返回',
  'common.backHome': '返回首页',
  'common.save': '保存',
  'common.cancel': '取消',
  'common.confirm': '确定',
  'common.error': '错误',
  'common.loading': '加载中…',
  'common.retry': '重试',
  'common.language': '语言',

  // ── connection (ConnectionBadge) ──
  'connection.connected': '已连接',
  'connection.connecting': '连接中…',
  'connection.offline': '离线',
  'connection.pending': '{count} 条待发送',

  // ── ui (domain-free components) ──
  'ui.countdown.label': '剩余时间',
  'ui.countdown.expired': '时间到',
  'ui.qrcode.label': '二维码：{value}',
  'ui.progress.value': '{value} / {max}',

  // ── landing page (/) ──
  'landing.title': '社区议事，人人可参与',
  'landing.intro': '居民用手机扫码即可加入会议：签到、表决、申请发言、提出问题。不在现场的居民也能在线参加。会后，会议记录经签名存档，作为社区协商的佐证材料。',
  'landing.joinHint': '居民、议事会成员、线上参会人员',
  'landing.staffLogin': '工作人员登录',
  'landing.staffHint': '主持人、记录员、社区工作人员、考核人员',
  'landing.stepsTitle': '怎样参加',
  'landing.step1': '扫描会场二维码，或打开会议链接',
  'landing.step2': '签到后参与表决、发言、提问',
  'landing.step3': '会后查看签名存证的会议记录',
  'landing.footer': '社区民主协商 · 议事平台',

  // ── not found (404) ──
  'notFound.title': '找不到这个页面',
  'notFound.body': '链接可能已失效，或会议已经结束。请检查链接，或返回首页。',
} satisfies Record<string, string>;

export type MessageKey = keyof typeof zhCN;
export type Messages = Record<MessageKey, string>;
