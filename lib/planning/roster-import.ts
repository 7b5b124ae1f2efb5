import { z } from 'zod';
import { ParticipantCategory, participantCategories, type ParticipantCategory as Category } from './categories';

/**
 * Roster import: the rows of a CSV or XLSX sheet (already read into strings by the file's reader) become
 * roster members, or a list of errors by line and field — and then nothing is imported. Staff fill sheets
 * in Chinese, so headers and category names are read in Chinese and English.
 */

/** Header names accepted per field (trimmed, case-insensitive for English). */
const headers = {
  name: ['姓名', 'name'],
  categories: ['类别', '身份', 'categories', 'category'],
  building: ['楼栋', '住址', 'building', 'address'],
  phone: ['手机', '手机号', '电话', 'phone'],
} as const;
export type RosterField = keyof typeof headers;

/** Category names as a sheet writes them (the standard's words), and our ids. */
const categoryNames: Record<string, Category> = {
  党组织成员: 'party_committee',
  居委会成员: 'residents_committee',
  居务监督委员会成员: 'supervisory_committee',
  议事协商委员会成员: 'council_member',
  议事会成员: 'council_member',
  居民代表: 'resident_representative',
  业主委员会代表: 'owners_committee',
  辖区单位代表: 'local_unit',
  党代表: 'deputy',
  人大代表: 'deputy',
  政协委员: 'deputy',
  专家: 'expert',
  利益相关方: 'stakeholder',
  群众: 'resident',
  居民: 'resident',
  ...Object.fromEntries(participantCategories.map((c) => [c, c])),
};

export const ImportedMember = z.strictObject({
  name: z.string().trim().min(1, 'required').max(50, 'too long'),
  categories: z.array(ParticipantCategory).min(1, 'required'),
  building: z.string().trim().max(100, 'too long'),
  /** mainland mobile numbers; optional */
  phone: z.union([z.literal(''), z.string().regex(/^1[3-9]\d{9}$/, 'not a mobile number')]),
});
export type ImportedMember = z.infer<typeof ImportedMember>;

/** `line` counts as the sheet does: the header is line 1. `field` is null for a problem with the sheet as a whole. */
export type RosterImportError = { line: number; field: RosterField | null; code: 'required' | 'too_long' | 'invalid' | 'duplicate' | 'unknown_category' | 'missing_column' | 'empty'; value?: string };

export type RosterImport = { ok: true; members: ImportedMember[] } | { ok: false; errors: RosterImportError[] };

export const ROSTER_IMPORT_MAX_ROWS = 5_000;

export function parseRosterRows(rows: readonly (readonly string[])[]): RosterImport {
  const [head, ...body] = rows;
  if (!head) return { ok: false, errors: [{ line: 1, field: null, code: 'empty' }] };
  const column = {} as Record<RosterField, number>;
  const errors: RosterImportError[] = [];
  for (const field of Object.keys(headers) as RosterField[]) {
    column[field] = head.findIndex((h) => (headers[field] as readonly string[]).includes(h.trim().toLowerCase()));
    if (column[field] < 0 && (field === 'name' || field === 'categories')) errors.push({ line: 1, field, code: 'missing_column' });
  }
  if (errors.length) return { ok: false, errors };
  if (body.length > ROSTER_IMPORT_MAX_ROWS) return { ok: false, errors: [{ line: ROSTER_IMPORT_MAX_ROWS + 2, field: null, code: 'too_long' }] };

  const members: ImportedMember[] = [];
  const seen = new Map<string, number>();
  body.forEach((row, i) => {
    const line = i + 2;
    const cell = (f: RosterField) => (column[f] >= 0 ? (row[column[f]] ?? '').trim() : '');
    if (row.every((c) => c.trim() === '')) return; // blank lines between blocks are common in sheets
    const names = cell('categories').split(/[、,，;；/\s]+/).filter(Boolean);
    const unknown = names.filter((n) => !categoryNames[n]);
    for (const value of unknown) errors.push({ line, field: 'categories', code: 'unknown_category', value });
    const parsed = ImportedMember.safeParse({
      name: cell('name'),
      categories: [...new Set(names.map((n) => categoryNames[n]).filter((c): c is Category => !!c))],
      building: cell('building'),
      phone: cell('phone').replace(/[\s-]/g, ''),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as RosterField;
        if (field === 'categories' && unknown.length) continue; // already reported by name
        const code = issue.message === 'required' ? 'required' : issue.message === 'too long' ? 'too_long' : 'invalid';
        errors.push({ line, field, code, value: cell(field) || undefined });
      }
      return;
    }
    // The same person twice (name + building) is a copy-paste slip, not two members.
    const key = `${parsed.data.name}\u0000${parsed.data.building}`;
    if (seen.has(key)) errors.push({ line, field: 'name', code: 'duplicate', value: parsed.data.name });
    seen.set(key, line);
    if (!unknown.length) members.push(parsed.data);
  });
  return errors.length ? { ok: false, errors } : { ok: true, members };
}
