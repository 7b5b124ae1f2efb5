import { describe, expect, it } from 'vitest';
import { sanitiseFileName } from './notice-attachments';

describe('sanitiseFileName', () => {
  it('keeps a plain name', () => {
    expect(sanitiseFileName('电梯加装方案.pdf', 'application/pdf')).toBe('电梯加装方案.pdf');
    expect(sanitiseFileName('现场照片.JPEG', 'image/jpeg')).toBe('现场照片.jpeg');
  });
  it('drops folders, control and reserved characters', () => {
    expect(sanitiseFileName('C:\\Users\\王\\预算.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('预算.xlsx');
    expect(sanitiseFileName('../../etc/passwd.pdf', 'application/pdf')).toBe('passwd.pdf');
    expect(sanitiseFileName('a\u0000b\u202e"<x>|?*.pdf', 'application/pdf')).toBe('abx.pdf');
    expect(sanitiseFileName('  many   spaces .pdf', 'application/pdf')).toBe('many spaces.pdf');
  });
  it('gives the extension of the type the bytes are, whatever the name said', () => {
    expect(sanitiseFileName('plan.exe', 'application/pdf')).toBe('plan.pdf');
    expect(sanitiseFileName('photo.pdf', 'image/png')).toBe('photo.png');
    expect(sanitiseFileName('noext', 'image/png')).toBe('noext.png');
  });
  it('names a nameless file and bounds a long one', () => {
    expect(sanitiseFileName('', 'application/pdf')).toBe('附件.pdf');
    expect(sanitiseFileName('...', 'application/pdf')).toBe('附件.pdf');
    const long = sanitiseFileName(`${'长'.repeat(300)}.pdf`, 'application/pdf');
    expect([...long]).toHaveLength(104);
  });
});
