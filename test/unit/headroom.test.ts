import { describe, expect, it } from 'vitest';
import { prepend, withHeadroom } from '../../utils/headroom';
import { toCrlf } from '../../utils/mime/canonical';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('prepend', () => {
  it('writes into the headroom of a buffer made with it: a view, no copy', () => {
    const data = withHeadroom(5, 8);
    data.set(bytes('world'));
    const whole = prepend(bytes('hello '), data);
    expect(text(whole)).toBe('hello world');
    expect(whole.buffer).toBe(data.buffer);
    expect(whole.byteOffset).toBe(2);
  });

  it('copies when the headroom is too small, keeping that headroom for the next prefix; the headroom is used once', () => {
    const data = withHeadroom(5, 3);
    data.set(bytes('world'));
    const copied = prepend(bytes('hello '), data);
    expect(text(copied)).toBe('hello world');
    expect(copied.buffer).not.toBe(data.buffer);
    const next = prepend(bytes('oh '), copied); // as the wrap header after an added Date and Message-ID
    expect(text(next)).toBe('oh hello world');
    expect(next.buffer).toBe(copied.buffer);

    const roomy = withHeadroom(1, 4);
    roomy.set(bytes('x'));
    const first = prepend(bytes('ab'), roomy);
    const second = prepend(bytes('cd'), roomy);
    expect(text(second)).toBe('cdx');
    expect(second.buffer).not.toBe(roomy.buffer);
    expect(text(first)).toBe('abx'); // the first view is not overwritten by the second prefix
  });

  it('never writes before a view it did not make, though the bytes are there (a pooled Buffer)', () => {
    const pool = bytes('SECRET--world');
    const data = pool.subarray(8);
    const whole = prepend(bytes('hello '), data);
    expect(text(whole)).toBe('hello world');
    expect(text(pool)).toBe('SECRET--world');
  });

  it('survives line-ending canonicalization: an LF message made CRLF keeps the room, so its wrap header is no copy', () => {
    const lf = withHeadroom(11, 10);
    lf.set(bytes('To: a\n\nHi.\n'));
    const crlf = toCrlf(lf);
    expect(text(crlf)).toBe('To: a\r\n\r\nHi.\r\n');
    const whole = prepend(bytes('Wrap: 1\r\n'), crlf);
    expect(text(whole)).toBe('Wrap: 1\r\nTo: a\r\n\r\nHi.\r\n');
    expect(whole.buffer).toBe(crlf.buffer);
  });
});
