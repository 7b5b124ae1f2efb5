// No 0/O/1/I/L: codes are read aloud in a hall and typed by elderly residents. Kept apart from
// tokens.ts (node:crypto) so the phone's join form can check a code's shape without it.
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
