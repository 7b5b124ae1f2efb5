import { apiErrorOf, networkError } from '@/components/scoring/api-error';

export { ApiError, postJson } from '@/components/scoring/api-error';

/** GET a JSON answer; throws an ApiError (status 0 / NETWORK when no answer came). */
export async function getJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw networkError();
  }
  const payload: unknown = await res.json().catch(() => null);
  if (!res.ok) throw apiErrorOf(res.status, payload);
  return payload as T;
}
