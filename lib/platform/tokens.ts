import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

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

// No 0/O/1/I/L: the code is read aloud in a hall and typed by elderly residents.
const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function newJoinCode(length = 6): string {
  let code = '';
  for (let i = 0; i < length; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** Short human-checkable receipt for a ballot: 10 characters from the same alphabet (~49 bits). */
export function newReceipt(): string {
  return newJoinCode(10);
}
