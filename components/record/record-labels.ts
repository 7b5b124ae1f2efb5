import type { Translate } from '@/lib/i18n/locale';
import type { SignatureEntry } from '@/lib/record/format';

/**
 * Display words for records, shared by the console panel and the public page. Labels only: what makes
 * a record valid lives in lib/record/verify.ts.
 */
export function roleLabel(t: Translate, role: SignatureEntry['role']): string {
  return t(`record.role.${role}`);
}

/** The first 16 hex digits in groups of four: enough to compare by eye, short enough to read aloud. */
export function shortFingerprint(hex: string): string {
  return (hex.slice(0, 16).match(/.{1,4}/g) ?? []).join(' ');
}

/** A whole fingerprint in groups of four, for reading it aloud or comparing it with the printed one. */
export function groupedFingerprint(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

/** A check's subject is "<role> <name>" (lib/record/verify.ts); shown as "召集人 王书记". */
export function subjectLabel(t: Translate, subject: string | undefined): string {
  if (!subject) return '';
  const space = subject.indexOf(' ');
  const role = subject.slice(0, space);
  if (role === 'convener' || role === 'recorder' || role === 'platform') return `${roleLabel(t, role)} ${subject.slice(space + 1)}`;
  return subject;
}
