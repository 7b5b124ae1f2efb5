import type { Translate } from '@/lib/i18n/locale';
import type { ErrorCode } from '@/lib/platform/errors';

/**
 * Reading the API's error answers ({ error: { code, message, details } }) in the browser. The field a
 * failure is about comes either as details.field (domain checks) or as the first zod issue's path.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** the server's own words (English, for developers and support), or null when it gave none */
    readonly serverMessage: string | null,
    readonly field: string | null = null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(serverMessage ?? (status === 0 ? 'network error' : `HTTP ${status}`));
    this.name = 'ApiError';
  }
}

export function apiErrorOf(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const details = (error?.details && typeof error.details === 'object' ? error.details : {}) as Record<string, unknown>;
  const issues = Array.isArray(details.issues) ? (details.issues as { path?: unknown }[]) : [];
  const field = typeof details.field === 'string' ? details.field : typeof issues[0]?.path === 'string' ? issues[0].path : null;
  // Without a JSON error (a proxy's page, a crash) the status says what kind of failure it was.
  const code = typeof error?.code === 'string' ? error.code : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  return new ApiError(status, code, typeof error?.message === 'string' && error.message ? error.message : null, field, details);
}

/** Status 0: the request never got an answer (offline, server down). */
export const networkError = () => new ApiError(0, 'NETWORK', null);

/** POST a JSON body; resolves to the parsed answer, or throws an ApiError. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw networkError();
  }
  const payload: unknown = await res.json().catch(() => null);
  if (!res.ok) throw apiErrorOf(res.status, payload);
  return payload as T;
}

/** What a form shows for a failure: a sentence in the reader's language, and the server's words as a detail. */
export type ErrorText = { message: string; detail: string | null };

// The codes the API answers with (lib/platform/errors.ts) that a scoring form can meet, and NETWORK.
const KNOWN = ['BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INVALID_STATE', 'RATE_LIMITED', 'INTERNAL', 'NETWORK'] as const satisfies readonly (ErrorCode | 'NETWORK')[];
const isKnown = (code: string): code is (typeof KNOWN)[number] => (KNOWN as readonly string[]).includes(code);

/**
 * Any failure in words, by its code: the server's message is English and written for developers, so
 * it is never the main text, only a secondary detail line. An unknown code reads as a server problem.
 */
export function errorText(t: Translate, e: ApiError): ErrorText {
  return { message: t(`scoring.error.${isKnown(e.code) ? e.code : 'INTERNAL'}`), detail: e.serverMessage };
}
