/** Byte helpers shared by the core. Plain Uint8Array everywhere: Node Buffers are Uint8Arrays too. */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const utf8 = (s: string): Uint8Array => encoder.encode(s);
export const fromUtf8 = (b: Uint8Array): string => decoder.decode(b);

/** Latin-1 view of bytes: one char per byte, so header and boundary scans keep exact byte offsets. */
export function latin1(b: Uint8Array, start = 0, end = b.length): string {
  let s = '';
  const CHUNK = 0x8000;
  for (let i = start; i < end; i += CHUNK) {
    s += String.fromCharCode.apply(null, b.subarray(i, Math.min(i + CHUNK, end)) as unknown as number[]);
  }
  return s;
}

export function fromLatin1(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  return concatInto(new Uint8Array(totalLength(parts)), parts);
}

export const totalLength = (parts: readonly { length: number }[]): number => parts.reduce((n, p) => n + p.length, 0);

/** `parts` one after the other from the start of `out` (at least their total length); returns `out`. */
export function concatInto(out: Uint8Array, parts: readonly Uint8Array[]): Uint8Array {
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(h: string): Uint8Array {
  const clean = h.replace(/[^0-9a-fA-F]/g, '');
  const out = new Uint8Array(clean.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}

/** An ArrayBuffer holding exactly these bytes (WebCrypto and pkijs want ArrayBuffers, not views). */
export function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer) return b.buffer;
  return b.slice().buffer as ArrayBuffer;
}

/** Index of `needle` in `hay` from `from`, or -1. */
export function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const n = needle.length;
  if (n === 0) return from;
  const first = needle[0]!;
  for (let i = hay.indexOf(first, from); i !== -1 && i <= hay.length - n; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < n && hay[i + j] === needle[j]) j++;
    if (j === n) return i;
  }
  return -1;
}

/** Overwrites secret material once it has served its one use. */
export function zeroize(b: Uint8Array | ArrayBuffer): void {
  (b instanceof ArrayBuffer ? new Uint8Array(b) : b).fill(0);
}
