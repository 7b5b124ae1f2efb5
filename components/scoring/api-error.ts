/**
 * Reading the API's error answers ({ error: { code, message, details } }) in the browser. The field a
 * failure is about comes either as details.field (domain checks) or as the first zod issue's path.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function apiErrorOf(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const details = (error?.details && typeof error.details === 'object' ? error.details : {}) as Record<string, unknown>;
  const issues = Array.isArray(details.issues) ? (details.issues as { path?: unknown }[]) : [];
  const field = typeof details.field === 'string' ? details.field : typeof issues[0]?.path === 'string' ? issues[0].path : null;
  const code = typeof error?.code === 'string' ? error.code : status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  return new ApiError(status, code, typeof error?.message === 'string' ? error.message : `HTTP ${status}`, field, details);
}

/** Status 0: the request never got an answer (offline, server down). */
export const networkError = () => new ApiError(0, 'NETWORK', 'network');

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
