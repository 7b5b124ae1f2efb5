/**
 * A CSV document for spreadsheet programs: UTF-8 with a BOM (so Excel reads Chinese), CRLF lines, and
 * every cell safe from formula injection — spreadsheets run a cell as a formula when it starts with
 * = + - @ (also after leading spaces, " =1+1") or with a tab or CR; a leading ' makes them show it as text.
 */
export function csvDocument(lines: string[][]): string {
  const cell = (raw: string) => {
    const v = /^[\t\r]|^\s*[=+\-@]/.test(raw) ? `'${raw}` : raw;
    return v !== raw || /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}
