// Which message areas (the part of a key before its first dot) each kind of page gives its client
// components; components/ui/Messages hands them out, lib/i18n/client-bundle.test.ts checks they cover
// the catalogue.

/**
 * The message areas (the part of a key before its first dot) that every page's client components may
 * use: the resident's phone pages (with the minutes they may open), the projector, login and the
 * landing page. Staff pages and the public record add theirs with <Messages areas={…}>.
 */
export const BASE_AREAS = [
  'app', 'common', 'connection', 'ui', 'notFound', 'landing', 'login', 'join', 'phone', 'meeting', 'remote', 'projector', 'board', 'cards', 'minutes', 'topic',
] as const;

/** The staff console's areas: with BASE_AREAS, everything in the catalogue. */
export const CONSOLE_AREAS = ['attachments', 'console', 'decisions', 'evaluation', 'expert', 'planning', 'questionnaire', 'questionnairePhone', 'record', 'scoring', 'templates', 'topicReview', 'visits', 'written'] as const;

/** The public record page (/v/<id>): the record and the planning lines it shows (a written consultation's answers). */
export const RECORD_AREAS = ['console', 'evaluation', 'expert', 'planning', 'record', 'visits', 'written'] as const;
