import type { MessageKey } from '@/lib/i18n/locale';
import type { ErrorPayload } from '@/lib/platform/errors';

/** The catalogue key for an error from a command ack or the join API; never the server's own text. */
export function errorMessageKey(error: ErrorPayload): MessageKey {
  if (error.code === 'INTERNAL' && error.message === 'offline') return 'phone.error.offline';
  return `meeting.error.${error.code}`;
}
