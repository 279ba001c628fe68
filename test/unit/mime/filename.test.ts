/** Attachment names from a sender: shown and saved without bidi tricks, invisible characters or paths (issue 7). */
import { describe, expect, it } from 'vitest';
import { cleanFileName } from '../../../utils/mime/filename';

describe('cleanFileName', () => {
  it.each([
    ['a right-to-left override that makes an .exe look like a .pdf', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['every bidi control and isolate', '\u202Ar\u202Be\u202Cp\u202Do\u202Er\u2066t\u2067.\u2068p\u2069d\u200Ef\u200F\u061C', 'report.pdf'],
    ['zero-width characters and a BOM', 'lab\u200B\u200C\u200D\uFEFF.pdf', 'lab.pdf'],
    ['control characters and line breaks', 'a\u0000b\u0007c\r\nd\u0085\u2028e.txt', 'abcde.txt'],
    ['a Unix path that climbs out', '../../../home/pat/.bashrc', 'bashrc'],
    ['a Windows path', 'C:\\Users\\clinic\\Desktop\\results.pdf', 'results.pdf'],
    ['a path with a bidi control hiding a separator', 'evil\u202E/..\\..\\report.pdf', 'report.pdf'],
    ['only dots', '..', 'attachment'],
    ['characters Windows refuses', 'what?<now>:|"*.txt', 'what__now_____.txt'],
    ['trailing dots and spaces', 'scan.pdf. . ', 'scan.pdf'],
    ['nothing at all', undefined, 'attachment'],
    ['only invisible characters', '\u202E\u200B', 'attachment'],
  ])('removes %s', (_label, name, expected) => {
    expect(cleanFileName(name, 'attachment')).toBe(expected);
  });

  it('keeps ordinary names, accents and scripts written right to left', () => {
    expect(cleanFileName('Résultats 検査 (2026).pdf', 'x')).toBe('Résultats 検査 (2026).pdf');
    expect(cleanFileName('תוצאות.pdf', 'x')).toBe('תוצאות.pdf');
  });

  it('keeps the extension of a very long name', () => {
    const out = cleanFileName(`${'a'.repeat(500)}.pdf`, 'x');
    expect(out).toHaveLength(200);
    expect(out.endsWith('.pdf')).toBe(true);
  });
});
