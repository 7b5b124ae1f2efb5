import { describe, expect, it } from 'vitest';
import { csvDocument } from './csv';

describe('csvDocument', () => {
  it('starts with a BOM, ends lines with CRLF and quotes what needs quoting', () => {
    expect(csvDocument([['议题', 'a,b'], ['说 "好"', '两\n行']])).toBe('\uFEFF议题,"a,b"\r\n"说 ""好""","两\n行"\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas, also after spaces, tabs and CRs', () => {
    const out = csvDocument([['=HYPERLINK("http://x","y")', ' +1', '-2', '@SUM(A1)', '\tcmd', '\rcmd', '3-2', 'a=b']]);
    expect(out).toBe(`\uFEFF"'=HYPERLINK(""http://x"",""y"")","' +1","'-2","'@SUM(A1)","'\tcmd","'\rcmd",3-2,a=b\r\n`);
  });
});
