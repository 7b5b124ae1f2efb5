import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { JOIN_CODE_ALPHABET } from './code-alphabet';

/** A bearer token with 256 bits of randomness (the brief asks for at least 128). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored hashed, so a copy of the database does not hand out live credentials. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function newId(): string {
  return randomUUID();
}

/** An id as it arrives in a URL: the shape of ids we mint (and of the demo's), nothing that could be a path. */
export const IdParam = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'not an id');


export function newJoinCode(length = 6): string {
  let code = '';
  for (let i = 0; i < length; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** Short human-checkable receipt for a ballot: 10 characters from the same alphabet (~49 bits). */
export function newReceipt(): string {
  return newJoinCode(10);
}
