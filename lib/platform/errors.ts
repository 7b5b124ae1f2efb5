import type { z } from 'zod';

/**
 * The one error type the product throws on purpose. Every transport (HTTP route, socket handler, CLI)
 * maps an AppError to its own shape through `httpStatusOf` / `toErrorPayload`; anything else is a bug
 * and is reported as INTERNAL without leaking its message.
 */
export const errorCodes = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  QUORUM_NOT_MET: 409,
  NOTICE_LEAD_NOT_MET: 409,
  ALREADY_VOTED: 409,
  // a second response to a questionnaire from the same confirmed phone
  ALREADY_ANSWERED: 409,
  // answers to a questionnaire version that a newer one has replaced (details.currentVersion)
  VERSION_SUPERSEDED: 409,
  // closing a meeting that still has an item, speaker or open poll with no decision on what becomes of it
  UNFINISHED_WORK: 409,
  // admitting a walk-in to a form that is for its roster only (议事会 …; see the form's template)
  WALK_INS_NOT_ALLOWED: 409,
  // a walk-in's ballot in a binding poll: binding votes are the roster's
  BINDING_POLL_ROSTER_ONLY: 403,
  RATE_LIMITED: 429,
  // a service the product relies on (the SMS provider) did not answer
  UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function httpStatusOf(code: ErrorCode): number {
  return errorCodes[code];
}

export type ErrorPayload = { code: ErrorCode; message: string; details?: Record<string, unknown> };

export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof AppError) return { code: err.code, message: err.message, details: err.details };
  return { code: 'INTERNAL', message: 'Internal error' };
}

/** Parse with a zod schema and turn a failure into BAD_REQUEST with the issues listed. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new AppError('BAD_REQUEST', 'Invalid input', {
    issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  });
}
