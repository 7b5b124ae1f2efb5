import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { StaffIdentity } from '../auth/staff-session';
import type { Db } from '../platform/db/client';
import { AppError } from '../platform/errors';
import { plannableCommunity } from './access';
import { importMembers } from './roster';
import { parseRosterRows } from './roster-import';

/**
 * Reading a roster sheet into rows of strings for parseRosterRows: CSV (UTF-8, with or without BOM, or
 * GB18030 as Excel on a Chinese Windows saves it) and XLSX (the first worksheet). The kind is decided by
 * the file's first bytes, not by its name: an XLSX is a ZIP ("PK\x03\x04"). Kept apart from roster.ts
 * so the console's pages do not load the spreadsheet libraries.
 */
export const ROSTER_FILE_MAX_BYTES = 2 * 1024 * 1024;

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** UTF-8 when the bytes are valid UTF-8; otherwise GB18030 (a superset of GBK and GB2312). */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export async function readRosterFile(bytes: Uint8Array): Promise<string[][]> {
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', 'The file is empty', { field: 'file' });
  if (bytes.length > ROSTER_FILE_MAX_BYTES) throw new AppError('BAD_REQUEST', 'The file is too large', { field: 'file', maxBytes: ROSTER_FILE_MAX_BYTES });
  if (isZip(bytes)) return readXlsx(bytes);
  const text = decodeText(bytes);
  if (text.includes('\u0000')) throw new AppError('BAD_REQUEST', 'Not a CSV or XLSX file', { field: 'file' });
  try {
    return parseCsv(text, { bom: true, relax_column_count: true, trim: true }) as string[][];
  } catch {
    throw new AppError('BAD_REQUEST', 'The CSV file cannot be read', { field: 'file' });
  }
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('BAD_REQUEST', 'The XLSX file cannot be read', { field: 'file' });
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('BAD_REQUEST', 'The workbook has no sheet', { field: 'file' });
  const rows: string[][] = [];
  // Row numbers are kept (empty rows as empty arrays) so an error's line is the line the sheet shows.
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text.trim());
    rows.push(cells);
  }
  return rows;
}

/**
 * A CSV or XLSX sheet into the roster: read, checked row by row, and imported only when every row is
 * right; otherwise BAD_REQUEST with `details.errors` ({ line, field, code, value }) and nothing imported.
 */
export async function importRosterFile(db: Db, staff: StaffIdentity, communityId: string, bytes: Uint8Array) {
  await plannableCommunity(db, staff, communityId);
  const result = parseRosterRows(await readRosterFile(bytes));
  if (!result.ok) throw new AppError('BAD_REQUEST', 'The roster sheet has errors; nothing was imported', { field: 'file', errors: result.errors });
  return importMembers(db, staff, communityId, result.members);
}
