/** Quoted-printable (RFC 2045 section 6.7) on bytes. */

const HEX = '0123456789ABCDEF';
const HEX_CODES = Uint8Array.from(HEX, (c) => c.charCodeAt(0));

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * Encodes bytes as quoted-printable with CRLF line ends and lines of at most 76 characters. CRLF and bare LF in
 * the input are hard line breaks (written as CRLF); a bare CR is encoded as =0D. A line starting with "From " gets
 * its F encoded so mbox tools cannot mangle it.
 */
export function encodeQuotedPrintable(data: Uint8Array): Uint8Array {
  // Worst case: every byte as =XX, plus a soft break (3 bytes) per 25 output bytes or so.
  const out = new Uint8Array(data.length * 3 + Math.ceil((data.length * 3) / 72) * 3 + 2);
  let o = 0;
  let col = 0;
  const MAX = 76;
  const n = data.length;
  for (let i = 0; i < n; i++) {
    const b = data[i]!;
    if (b === 10 || (b === 13 && data[i + 1] === 10)) {
      if (b === 13) i++;
      out[o++] = 13;
      out[o++] = 10;
      col = 0;
      continue;
    }
    const next = data[i + 1];
    const atLineEnd = next === undefined || next === 10 || (next === 13 && data[i + 2] === 10);
    let literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !atLineEnd);
    if (literal && col === 0 && b === 70 && data[i + 1] === 114 && data[i + 2] === 111 && data[i + 3] === 109 && data[i + 4] === 32) {
      literal = false; // "From "
    }
    const width = literal ? 1 : 3;
    // Keep room for the soft-break '=' unless this is the last char of the line and fits exactly.
    const limit = atLineEnd ? MAX : MAX - 1;
    if (col + width > limit) {
      out[o++] = 61;
      out[o++] = 13;
      out[o++] = 10;
      col = 0;
    }
    if (literal) {
      out[o++] = b;
    } else {
      out[o++] = 61;
      out[o++] = HEX_CODES[b >> 4]!;
      out[o++] = HEX_CODES[b & 15]!;
    }
    col += width;
  }
  return out.slice(0, o);
}

/**
 * Decodes quoted-printable leniently: soft breaks (= before CRLF or LF, trailing blanks allowed) vanish, trailing
 * blanks before a line break are dropped, a malformed =X sequence is kept literally. Line breaks are kept as they are.
 */
export function decodeQuotedPrintable(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  let o = 0;
  const n = data.length;
  let i = 0;
  while (i < n) {
    const b = data[i]!;
    if (b === 61) {
      const h = hexValue(data[i + 1] ?? -1);
      const l = hexValue(data[i + 2] ?? -1);
      if (h >= 0 && l >= 0) {
        out[o++] = (h << 4) | l;
        i += 3;
        continue;
      }
      // Soft line break: '=' then optional blanks then CRLF / LF / end of input.
      let j = i + 1;
      while (j < n && (data[j] === 32 || data[j] === 9)) j++;
      if (j >= n) {
        i = n;
        continue;
      }
      if (data[j] === 10) {
        i = j + 1;
        continue;
      }
      if (data[j] === 13 && data[j + 1] === 10) {
        i = j + 2;
        continue;
      }
      out[o++] = b;
      i++;
      continue;
    }
    if (b === 32 || b === 9) {
      // Blanks at the end of a line were added in transport (RFC 2045): drop them.
      let j = i;
      while (j < n && (data[j] === 32 || data[j] === 9)) j++;
      if (j >= n || data[j] === 10 || (data[j] === 13 && data[j + 1] === 10)) {
        i = j;
        continue;
      }
      while (i < j) out[o++] = data[i++]!;
      continue;
    }
    out[o++] = b;
    i++;
  }
  return out.slice(0, o);
}
