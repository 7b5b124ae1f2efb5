// Which message areas (the part of a key before its first dot) each kind of page gives its client
// components; components/ui/Messages hands them out, lib/i18n/client-bundle.test.ts checks they cover
// the catalogue.

/** The areas every page's client components get (app/layout.tsx): the frame, buttons, the connection badge. */
export const CORE_AREAS = ['app', 'common', 'connection', 'ui', 'notFound'] as const;

/**
 * What the resident's phone pages add (/m, /r, /o: the live meeting, joining by link, the minutes it
 * may open). Only these: the messages travel in every phone page's HTML and are parsed before the page
 * responds, on a weak network and an old phone (issue 10's benchmark).
 */
export const PHONE_AREAS = ['join', 'phone', 'meeting', 'remote', 'minutes'] as const;

/**
 * What the join pages add (/j, /join: the first page a resident's phone opens, from a QR code): the join
 * form's messages and the errors it can show, not the live meeting's (the meeting page brings those).
 */
export const JOIN_AREAS = ['join', 'phone.error', 'meeting.error'] as const;

/**
 * What every other page adds (the landing page, login, the community board, the projector and the
 * console, the record and the token pages): the phone's areas and the public site's.
 */
export const SITE_AREAS = [...PHONE_AREAS, 'landing', 'login', 'projector', 'board', 'cards', 'topic'] as const;

/** The staff console's areas: with CORE_AREAS and SITE_AREAS, everything in the catalogue. */
export const CONSOLE_AREAS = ['attachments', 'console', 'decisions', 'evaluation', 'expert', 'planning', 'questionnaire', 'questionnairePhone', 'record', 'scoring', 'templates', 'topicReview', 'visits', 'written'] as const;

/** The public record page (/v/<id>): the record and the planning lines it shows (a written consultation's answers). */
export const RECORD_AREAS = ['console', 'evaluation', 'expert', 'planning', 'record', 'visits', 'written'] as const;
