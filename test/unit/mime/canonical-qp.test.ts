import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable, encodeQuotedPrintable, isCrlf, toCrlf } from '../../../utils/mime';

const b = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const s = (u: Uint8Array) => Buffer.from(u).toString('latin1');

describe('toCrlf', () => {
  it.each([
    ['a\nb\n', 'a\r\nb\r\n'],
    ['\n\n', '\r\n\r\n'],
    ['a\r\nb\nc', 'a\r\nb\r\nc'],
    ['bare\rcr\n', 'bare\rcr\r\n'],
    ['', ''],
  ])('%j', (input, expected) => {
    expect(s(toCrlf(b(input)))).toBe(expected);
  });

  it('returns the very same array when already canonical', () => {
    const canonical = b('a\r\nb\r\n');
    expect(toCrlf(canonical)).toBe(canonical);
    expect(isCrlf(canonical)).toBe(true);
    expect(isCrlf(b('a\nb'))).toBe(false);
  });
});

describe('quoted-printable', () => {
  const samples = [
    'Bonjour,\nvoici les résultats du laboratoire.\n',
    'trailing space \nand tab\t\nend ',
    'From the lab\nFrom here\n',
    '=3D equals = sign\n',
    'x'.repeat(300) + '\n' + 'é'.repeat(100),
    '検査結果のお知らせ',
    '\u0000\u0001 control and \r bare CR',
    'line exactly seventy-five characters long...............................75\nnext',
  ];
  it.each(samples)('round-trips %j with 7-bit lines of at most 76 characters', (text) => {
    const bytes = toCrlf(new TextEncoder().encode(text));
    const enc = encodeQuotedPrintable(bytes);
    const str = s(enc);
    expect(str).toMatch(/^[\t\r\n\x20-\x7e]*$/);
    expect(str.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of str.split('\r\n')) {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(line).not.toMatch(/[ \t]$/);
      expect(line.startsWith('From ')).toBe(false);
    }
    expect(Buffer.from(decodeQuotedPrintable(enc)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('decodes leniently: lowercase hex, soft breaks with blanks, LF-only, bad escapes kept', () => {
    expect(s(decodeQuotedPrintable(b('caf=c3=a9=  \r\nx=\ny  \nz=G1=')))).toBe('caf\xc3\xa9xy\nz=G1');
  });
});
