import { consoleEn } from './console.en';
import { decisionsEn } from './decisions.en';
import { meetingEn } from './meeting.en';
import { minutesEn } from './minutes.en';
import { phoneEn } from './phone.en';
import { planningEn } from './planning.en';
import { recordEn } from './record.en';
import { scoringAreaEn } from './scoring.en';
import { topicReviewEn } from './topic-review.en';
import { topicsEn } from './topics.en';
import { questionnaireEn } from './questionnaire.en';
import { writtenEn } from './written.en';
import { visitsEn } from './visits.en';
import { evaluationEn } from './evaluation.en';
import { expertEn } from './expert.en';
import type { Messages } from './zh-CN';

/**
 * English catalogue. Typed as `Messages` (the zh-CN key set): a missing or extra key is a compile error.
 * Keep the same grouping and order as zh-CN.ts.
 */
export const en: Messages = {
  ...meetingEn,
  ...phoneEn,
  ...planningEn,
  ...consoleEn,
  ...minutesEn,
  ...recordEn,
  ...scoringAreaEn,
  ...topicsEn,
  ...topicReviewEn,
  ...decisionsEn,
  ...questionnaireEn,
  ...writtenEn,
  ...visitsEn,
  ...evaluationEn,
  ...expertEn,
  // ── app ──
  'app.name': 'Yishi',
  'app.tagline': 'Community consultation, in the hall and online at once',
  'app.description': 'Yishi: community consultation meetings. Join by QR code, check in, vote, speak and ask questions; every meeting ends in a signed record.',

  // ── common ──
  'common.login': 'Log in',
  'common.logout': 'Log out',
  'common.joinMeeting': 'Join a meeting',
  'common.back': 'Back',
  'common.backHome': 'Back to home',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.confirm': 'OK',
  'common.error': 'Error',
  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.language': 'Language',

  // ── connection (ConnectionBadge) ──
  'connection.connected': 'Connected',
  'connection.connecting': 'Connecting…',
  'connection.offline': 'Offline',
  'connection.pending': '{count} waiting to send',

  // ── ui (domain-free components) ──
  'ui.countdown.label': 'Time remaining',
  'ui.countdown.expired': 'Time is up',
  'ui.qrcode.label': 'QR code: {value}',
  'ui.progress.value': '{value} of {max}',

  // ── landing page (/) ──
  'landing.title': 'Community consultation, open to everyone',
  'landing.intro': 'Residents join a meeting by scanning a QR code with their phone: check in, vote, ask to speak, ask questions. Residents who cannot come can take part online. Afterwards the meeting record is signed and filed as evidence of the community’s consultation work.',
  'landing.joinHint': 'Residents, council members, remote participants',
  'landing.staffLogin': 'Staff login',
  'landing.staffHint': 'Facilitators, recorders, community staff, assessors',
  'landing.stepsTitle': 'How to take part',
  'landing.step1': 'Scan the QR code in the hall, or open the meeting link',
  'landing.step2': 'Check in, then vote, speak and ask questions',
  'landing.step3': 'Read the signed meeting record afterwards',
  'landing.footer': 'Community consultation · Yishi',

  // ── not found (404) ──
  'notFound.title': 'Page not found',
  'notFound.body': 'The link may have expired, or the meeting has ended. Check the link, or go back to the home page.',
};
