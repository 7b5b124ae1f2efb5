import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { docxBytes, pdfBytes, pngBytes, storedZip } from '../../tests/support/zip';
import { sniffFileType } from './file-type';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('sniffFileType: the type from the bytes, not the name', () => {
  it('knows PDF, JPEG, PNG and WebP by their first bytes', () => {
    expect(sniffFileType(pdfBytes())).toBe('application/pdf');
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(sniffFileType(pngBytes())).toBe('image/png');
    expect(sniffFileType(new TextEncoder().encode('RIFF\x24\x00\x00\x00WEBPVP8 '))).toBe('image/webp');
  });

  it('refuses a RIFF that is not WebP, HTML, an executable, text and nothing', () => {
    expect(sniffFileType(new TextEncoder().encode('RIFF\x24\x00\x00\x00WAVEfmt '))).toBeNull();
    expect(sniffFileType(new TextEncoder().encode('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniffFileType(bytes(0x4d, 0x5a, 0x90, 0x00))).toBeNull(); // MZ: a Windows executable
    expect(sniffFileType(new TextEncoder().encode('姓名,类别\n'))).toBeNull();
    expect(sniffFileType(new Uint8Array())).toBeNull();
  });

  it('tells a DOCX from an XLSX by the parts inside the zip, and refuses any other zip', async () => {
    expect(sniffFileType(docxBytes())).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('预算').addRow(['项目', '金额']);
    const xlsx = new Uint8Array(await book.xlsx.writeBuffer());
    expect(sniffFileType(xlsx)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(sniffFileType(storedZip([{ name: 'payload.exe', data: 'MZ' }]))).toBeNull();
    // A zip's signature with no central directory (truncated, or not a zip at all).
    expect(sniffFileType(bytes(0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0))).toBeNull();
  });
});
