/** Line-ending canonicalization (RFC 5751 section 3.1.1): bare LF becomes CRLF, existing CRLF stays. */
import { headroomOf, withHeadroom } from '../headroom';

/**
 * Returns `bytes` itself when it has no bare LF, otherwise a new array with every bare LF turned into CRLF (with
 * the headroom `bytes` had, so a message read with room for its wrap header keeps it). Bare CR is left alone.
 */
export function toCrlf(bytes: Uint8Array): Uint8Array {
  let bare = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) {
    if (i === 0 || bytes[i - 1] !== 13) bare++;
  }
  if (bare === 0) return bytes;
  const out = withHeadroom(bytes.length + bare, headroomOf(bytes));
  let o = 0;
  let from = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) {
    if (i > 0 && bytes[i - 1] === 13) continue;
    out.set(bytes.subarray(from, i), o);
    o += i - from;
    out[o++] = 13;
    out[o++] = 10;
    from = i + 1;
  }
  out.set(bytes.subarray(from), o);
  return out;
}

/** True when every LF is preceded by CR. */
export function isCrlf(bytes: Uint8Array): boolean {
  return toCrlf(bytes) === bytes;
}
