import type { ApiError } from '@/components/scoring/api-error';
import type { MessageKey } from '@/lib/i18n/format';

/**
 * What a resident reads when a topic request fails: one sentence per cause, in the reader's language.
 * The field comes from the server (details.field or the first zod issue's path).
 */
const fieldKeys: Record<string, MessageKey> = {
  phone: 'topic.error.phone',
  code: 'topic.error.code',
  title: 'topic.error.title',
  description: 'topic.error.description',
  place: 'topic.error.place',
  name: 'topic.error.name',
  'declaration.name': 'topic.error.name',
  building: 'topic.error.building',
  'declaration.building': 'topic.error.building',
  adult: 'topic.error.adult',
  'declaration.adult': 'topic.error.adult',
  photo: 'topic.error.photo',
};

export function topicErrorKey(e: ApiError): MessageKey {
  if (e.code === 'NETWORK') return 'topic.error.network';
  if (e.code === 'RATE_LIMITED') return 'topic.error.rateLimited';
  if (e.code === 'UNAVAILABLE') return 'topic.error.smsUnavailable';
  if (e.code === 'UNAUTHENTICATED') return 'topic.error.sessionExpired';
  if (e.code === 'INVALID_STATE') return 'topic.error.reviewed';
  if (e.code === 'CONFLICT') return e.field === 'photo' ? 'topic.error.tooManyPhotos' : 'topic.error.alreadySigned';
  if (e.code === 'BAD_REQUEST' && e.field && fieldKeys[e.field]) return fieldKeys[e.field]!;
  return 'topic.error.generic';
}

/** The resident's confirmed phone, as the server tells it (null: none, or the session ended). */
export type ResidentView = { phoneMasked: string; expiresAt: string } | null;
