/**
 * Base64 (RFC 4648 alphabet, RFC 2045 line wrapping) for 50-70 MB payloads: table driven, one preallocated
 * output buffer, no regex and no per-byte string building.
 */
import { DirectSealError } from '../errors';
import { fromUtf8, utf8 } from '../bytes';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ENC = new Uint8Array(64);
for (let i = 0; i < 64; i++) ENC[i] = ALPHABET.charCodeAt(i);

const INVALID = -1;
const SKIP = -2; // CR, LF, space, tab: tolerated anywhere
const PAD = -3;
const DEC = new Int8Array(256).fill(INVALID);
for (let i = 0; i < 64; i++) DEC[ALPHABET.charCodeAt(i)] = i;
for (const c of [9, 10, 13, 32]) DEC[c] = SKIP;
DEC[61] = PAD;

/** Encodes `src` into `out` from `o` without line breaks; returns the new offset. */
function encodeInto(src: Uint8Array, out: Uint8Array, o: number, start: number, end: number): number {
  let i = start;
  const full = start + Math.floor((end - start) / 3) * 3;
  for (; i < full; i += 3) {
    const n = (src[i]! << 16) | (src[i + 1]! << 8) | src[i + 2]!;
    out[o] = ENC[n >>> 18]!;
    out[o + 1] = ENC[(n >>> 12) & 63]!;
    out[o + 2] = ENC[(n >>> 6) & 63]!;
    out[o + 3] = ENC[n & 63]!;
    o += 4;
  }
  const rest = end - i;
  if (rest === 1) {
    const n = src[i]!;
    out[o] = ENC[n >>> 2]!;
    out[o + 1] = ENC[(n & 3) << 4]!;
    out[o + 2] = 61;
    out[o + 3] = 61;
    o += 4;
  } else if (rest === 2) {
    const n = (src[i]! << 8) | src[i + 1]!;
    out[o] = ENC[n >>> 10]!;
    out[o + 1] = ENC[(n >>> 4) & 63]!;
    out[o + 2] = ENC[(n & 15) << 2]!;
    out[o + 3] = 61;
    o += 4;
  }
  return o;
}

/** Length of encodeBase64(data of `n` bytes, lineLength). */
export function base64Length(n: number, lineLength = 76): number {
  const encodedLength = Math.ceil(n / 3) * 4;
  if (lineLength <= 0 || encodedLength <= lineLength) return encodedLength;
  return encodedLength + 2 * (Math.ceil(encodedLength / lineLength) - 1);
}

/**
 * Base64 of data that arrives in chunks, written into `out` from `offset`: exactly the bytes encodeBase64 gives
 * for the chunks joined (lines of `lineLength` characters, a multiple of 4, or 0 for one line; CRLF between
 * lines), without joining them. `end` writes the last group and returns the offset after it.
 */
export class Base64Writer {
  private readonly lineLength: number;
  private readonly carry = new Uint8Array(3); // bytes of an unfinished 3-byte group
  private carried = 0;
  private column = 0;

  constructor(private readonly out: Uint8Array, private offset: number, lineLength = 76) {
    if (lineLength > 0 && lineLength % 4 !== 0) throw new Error('Base64Writer: the line length must be a multiple of 4');
    this.lineLength = lineLength <= 0 ? Infinity : lineLength;
  }

  write(chunk: Uint8Array): void {
    let i = 0;
    if (this.carried > 0) {
      while (this.carried < 3 && i < chunk.length) this.carry[this.carried++] = chunk[i++]!;
      if (this.carried < 3) return;
      this.groups(this.carry, 0, 3);
      this.carried = 0;
    }
    const whole = i + Math.floor((chunk.length - i) / 3) * 3;
    this.groups(chunk, i, whole);
    for (i = whole; i < chunk.length; i++) this.carry[this.carried++] = chunk[i]!;
  }

  end(): number {
    if (this.carried > 0) {
      this.lineBreakIfFull();
      this.offset = encodeInto(this.carry, this.out, this.offset, 0, this.carried);
      this.carried = 0;
    }
    return this.offset;
  }

  /** Encodes whole 3-byte groups src[start, end), breaking lines as they fill. */
  private groups(src: Uint8Array, start: number, end: number): void {
    while (start < end) {
      this.lineBreakIfFull();
      const n = Math.min((this.lineLength - this.column) / 4, (end - start) / 3);
      this.offset = encodeInto(src, this.out, this.offset, start, start + n * 3);
      start += n * 3;
      this.column += n * 4;
    }
  }

  private lineBreakIfFull(): void {
    if (this.column < this.lineLength) return;
    this.out[this.offset++] = 13;
    this.out[this.offset++] = 10;
    this.column = 0;
  }
}

/**
 * Base64 as ASCII bytes, lines of `lineLength` characters separated by CRLF (no CRLF after the last line);
 * `lineLength` 0 means one unbroken line.
 */
export function encodeBase64(data: Uint8Array, lineLength = 76): Uint8Array {
  const out = new Uint8Array(base64Length(data.length, lineLength));
  if (lineLength <= 0 || lineLength % 4 === 0) {
    // Each line is a whole number of 3-byte groups: encoded straight into place.
    const writer = new Base64Writer(out, 0, lineLength);
    writer.write(data);
    writer.end();
    return out;
  }
  // Odd line length: encode flat once, then lay the lines out with CRLF between them.
  const encodedLength = Math.ceil(data.length / 3) * 4;
  const flat = new Uint8Array(encodedLength);
  encodeInto(data, flat, 0, 0, data.length);
  let o = 0;
  for (let i = 0; i < encodedLength; i += lineLength) {
    if (i > 0) {
      out[o++] = 13;
      out[o++] = 10;
    }
    const line = flat.subarray(i, Math.min(encodedLength, i + lineLength));
    out.set(line, o);
    o += line.length;
  }
  return out;
}

/** Base64 as one unbroken string. */
export function encodeBase64String(data: Uint8Array): string {
  return fromUtf8(encodeBase64(data, 0));
}

function malformed(detail: string): DirectSealError {
  return new DirectSealError('MESSAGE_MALFORMED', `base64: ${detail}`);
}

/**
 * Decodes base64, ignoring CR, LF, space and tab anywhere. Padding may be omitted when the last group has 2 or 3
 * characters. Throws MESSAGE_MALFORMED on any other character, data after padding, or a dangling single character.
 * `inPlace` decodes over the input's own bytes (every group of 4 characters is read before its 3 bytes are
 * written, always at or before them) and returns a view at its start: no new buffer, but the input is
 * overwritten, also when decoding fails. Ignored for a string.
 */
export function decodeBase64(input: Uint8Array | string, inPlace = false): Uint8Array {
  const src = typeof input === 'string' ? utf8(input) : input;
  const len = src.length;
  const out = inPlace && typeof input !== 'string' ? src : new Uint8Array(Math.floor((len * 3) / 4) + 3);
  let o = 0;
  let acc = 0;
  let n = 0;
  let i = 0;
  for (; i < len; i++) {
    if (n === 0) {
      // Fast path: four alphabet characters in a row (the whole of every line but its CRLF).
      while (i + 3 < len) {
        const a = DEC[src[i]!]!;
        const b = DEC[src[i + 1]!]!;
        const c = DEC[src[i + 2]!]!;
        const d = DEC[src[i + 3]!]!;
        if ((a | b | c | d) < 0) break;
        const v = (a << 18) | (b << 12) | (c << 6) | d;
        out[o] = v >>> 16;
        out[o + 1] = (v >>> 8) & 255;
        out[o + 2] = v & 255;
        o += 3;
        i += 4;
      }
      if (i >= len) break;
    }
    const c = DEC[src[i]!]!;
    if (c >= 0) {
      acc = (acc << 6) | c;
      if (++n === 4) {
        out[o] = acc >>> 16;
        out[o + 1] = (acc >>> 8) & 255;
        out[o + 2] = acc & 255;
        o += 3;
        acc = 0;
        n = 0;
      }
    } else if (c === SKIP) {
      continue;
    } else if (c === PAD) {
      break;
    } else {
      throw malformed(`invalid character 0x${src[i]!.toString(16).padStart(2, '0')} at offset ${i}`);
    }
  }
  if (i < len) {
    // Padding: '=' completes a group of 3, '==' a group of 2; only whitespace may follow.
    let pads = 0;
    for (; i < len; i++) {
      const c = DEC[src[i]!]!;
      if (c === PAD) pads++;
      else if (c !== SKIP) throw malformed(`data after padding at offset ${i}`);
    }
    if (n + pads !== 4 || n < 2) throw malformed('misplaced padding');
  }
  if (n === 1) throw malformed('truncated input (dangling character)');
  if (n === 2) {
    out[o++] = (acc >>> 4) & 255;
  } else if (n === 3) {
    out[o] = (acc >>> 10) & 255;
    out[o + 1] = (acc >>> 2) & 255;
    o += 2;
  }
  return out.subarray(0, o);
}
