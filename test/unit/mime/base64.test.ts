import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, encodeBase64String } from '../../../utils/mime';
import { isDirectSealError } from '../../../utils/errors';

const ascii = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const wrap = (s: string, n: number) => (n > 0 ? (s.match(new RegExp(`.{1,${n}}`, 'g')) ?? ['']).join('\r\n') : s);

function pseudoRandom(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 255;
  }
  return out;
}

describe('base64', () => {
  it('matches Buffer for every length 0..300 (wrapped at 76, unwrapped, odd widths) and round-trips', () => {
    for (let n = 0; n <= 300; n++) {
      const data = pseudoRandom(n, n + 1);
      const ref = Buffer.from(data).toString('base64');
      expect(encodeBase64String(data)).toBe(ref);
      for (const width of [76, 0, 64, 10, 7]) {
        const enc = encodeBase64(data, width);
        expect(ascii(enc)).toBe(wrap(ref, width));
        expect(Buffer.from(decodeBase64(enc)).equals(Buffer.from(data))).toBe(true);
      }
      expect(Buffer.from(decodeBase64(ref)).equals(Buffer.from(data))).toBe(true);
    }
  });

  it('round-trips 1 MB of random data and decodes Buffer output', () => {
    const data = crypto.getRandomValues(new Uint8Array(65536));
    const big = new Uint8Array(1 << 20);
    for (let i = 0; i < 16; i++) big.set(data, i * 65536);
    const enc = encodeBase64(big);
    expect(ascii(enc)).toBe(wrap(Buffer.from(big).toString('base64'), 76));
    expect(Buffer.from(decodeBase64(enc)).equals(Buffer.from(big))).toBe(true);
  });

  it('tolerates CRLF, LF, spaces, tabs and missing padding', () => {
    const cases: [string, string][] = [
      ['SGVs\r\nbG8=', 'Hello'],
      ['SGVs\nbG8=\n', 'Hello'],
      ['  SG Vs\tbG 8 = \r\n', 'Hello'],
      ['SGVsbG8', 'Hello'],
      ['SGVsbA', 'Hell'],
      ['SGVsbA==', 'Hell'],
      ['SGVsbA=\r\n=', 'Hell'],
      ['', ''],
      ['\r\n', ''],
    ];
    for (const [input, expected] of cases) {
      expect(Buffer.from(decodeBase64(input)).toString('latin1')).toBe(expected);
      expect(Buffer.from(decodeBase64(Buffer.from(input, 'latin1'))).toString('latin1')).toBe(expected);
    }
  });

  it('throws MESSAGE_MALFORMED on invalid characters, bad padding and bad length', () => {
    const bad = ['SGVs*G8=', 'SGVsbG8=QUJD', 'SGVsb', 'S===', '=AAA', 'SGVsbA===', 'SG-s', 'SGVs_G8=', 'SGVsbG8é', 'A', 'AAAAA'];
    for (const input of bad) {
      let caught: unknown;
      try {
        decodeBase64(input);
      } catch (e) {
        caught = e;
      }
      expect(isDirectSealError(caught, 'MESSAGE_MALFORMED'), input).toBe(true);
    }
  });
});
