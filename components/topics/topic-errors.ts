import type { MessageKey, MessageParams } from '@/lib/i18n/format';

type Translate = (key: MessageKey, params?: MessageParams) => string;
export type ApiError = { code: string; message?: string; details?: { field?: string; issues?: { path: string; message: string }[] } };

/**
 * The topic routes' errors in the reader's words, keyed by the form field they concern so each form can
 * show them next to that field: zod issues name the field by `path`, the review and intake rules by
 * `details.field`. `sent` is what the form sent (an empty field reads as "please fill in").
 */
export function topicFieldErrors(t: Translate, err: ApiError, labels: Record<string, MessageKey>, sent: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const label = (field: string) => t(labels[field] ?? 'topicReview.form.topicTitle');
  const say = (field: string) => {
    const value = sent[field];
    const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (field === 'placeId') return t(empty ? 'topicReview.error.choose' : 'topicReview.error.place', { field: label(field) });
    if (field === 'intoTopicId') return t(empty ? 'topicReview.error.choose' : 'topicReview.error.intoTopic', { field: label(field) });
    if (field === 'file') return t('topicReview.error.file');
    if (empty) return t(field === 'intakePath' || field === 'level' || field === 'type' ? 'topicReview.error.choose' : 'topicReview.error.required', { field: label(field) });
    if (field === 'title') return t('topicReview.error.titleShort', { field: label(field) });
    return t('topicReview.error.invalid', { field: label(field) });
  };
  for (const issue of err.details?.issues ?? []) {
    const field = issue.path.split('.')[0] ?? '';
    if (field in labels && !out[field]) out[field] = say(field);
  }
  const field = err.details?.field;
  if (field && field in labels && !out[field]) out[field] = say(field);
  return out;
}

/** What to say when the error names no field of the form. */
export function topicGeneralError(t: Translate, err: ApiError): string {
  if (err.code === 'INVALID_STATE') return t('topicReview.error.reviewed');
  if (err.code === 'FORBIDDEN') return t('planning.error.forbidden');
  return t(`meeting.error.${err.code as 'BAD_REQUEST'}`);
}

/** POST JSON to a topic route: the answer's body, or its error (a failed connection is INTERNAL with no response). */
export async function postTopicJson<T>(url: string, body: unknown): Promise<{ ok: true; data: T } | { ok: false; error: ApiError | null }> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json().catch(() => ({}))) as T & { error?: ApiError };
    return res.ok ? { ok: true, data: json } : { ok: false, error: json.error ?? { code: 'INTERNAL' } };
  } catch {
    return { ok: false, error: null };
  }
}
