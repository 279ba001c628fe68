/**
 * A minimal DER writer. CMS structures are built from these so the bulk content (tens of MB) is copied once,
 * into the final buffer, instead of through an object tree (FACTS.md: PKI.js spent seconds on copies there).
 */
import { concat } from '../bytes';

export type Der = Uint8Array;

export function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Uint8Array.of(0x80 | out.length, ...out);
}

/** One TLV: tag byte, definite length, then the parts written once into one buffer. */
export function tlv(tag: number, ...parts: Uint8Array[]): Der {
  let n = 0;
  for (const p of parts) n += p.length;
  return concat([Uint8Array.of(tag), lengthBytes(n), ...parts]);
}

export const sequence = (...parts: Uint8Array[]): Der => tlv(0x30, ...parts);
export const set = (...parts: Uint8Array[]): Der => tlv(0x31, ...parts);
export const octetString = (b: Uint8Array): Der => tlv(0x04, b);
export const nullValue = (): Der => Uint8Array.of(0x05, 0x00);
/** [n] EXPLICIT: a constructed context tag around a whole TLV. */
export const explicit = (n: number, ...parts: Uint8Array[]): Der => tlv(0xa0 | n, ...parts);
/** [n] IMPLICIT for a constructed type (SET, SEQUENCE): the context tag replaces the universal one. */
export const implicitConstructed = (n: number, ...parts: Uint8Array[]): Der => tlv(0xa0 | n, ...parts);
/** [n] IMPLICIT for a primitive type (OCTET STRING). */
export const implicitPrimitive = (n: number, b: Uint8Array): Der => tlv(0x80 | n, b);

/** DER SET OF: elements sorted by their encodings (X.690 11.6), as signed attributes require. */
export function setOf(elements: Uint8Array[]): Der {
  const sorted = [...elements].sort(compareBytes);
  return set(...sorted);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export function integer(value: number | Uint8Array): Der {
  if (typeof value === 'number') {
    const bytes: number[] = [];
    let v = value;
    do {
      bytes.unshift(v & 0xff);
      v = Math.floor(v / 256);
    } while (v > 0);
    if (bytes[0]! & 0x80) bytes.unshift(0);
    return tlv(0x02, Uint8Array.from(bytes));
  }
  return tlv(0x02, value); // already a two's-complement encoding (a serial number copied from a certificate)
}

export function oid(dotted: string): Der {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [];
    let v = arc;
    do {
      chunk.unshift((v & 0x7f) | (chunk.length ? 0x80 : 0));
      v = Math.floor(v / 128);
    } while (v > 0);
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** UTCTime for 1950-2049 (RFC 5280 4.1.2.5), GeneralizedTime otherwise. */
export function time(d: Date): Der {
  const p = (n: number) => String(n).padStart(2, '0');
  const y = d.getUTCFullYear();
  const body = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
  return y >= 1950 && y < 2050 ? tlv(0x17, ascii(p(y % 100) + body)) : tlv(0x18, ascii(String(y) + body));
}

export const algorithm = (oidDotted: string, params?: Uint8Array): Der =>
  params ? sequence(oid(oidDotted), params) : sequence(oid(oidDotted));

/**
 * A TLV whose parts are written only once, at `serialize`: for structures that wrap tens of MB of content
 * (EnvelopedData around its ciphertext), so each nesting level adds a header instead of another full copy.
 */
export interface LazyTlv {
  tag: number;
  parts: Piece[];
  length: number;
}

/**
 * Bytes not at hand when the DER is laid out, only their length (ciphertext still to be made, chunk by chunk):
 * `serializeAround` writes everything around them.
 */
export interface Placeholder {
  placeholder: number;
}

type Piece = Uint8Array | LazyTlv | Placeholder;

export const placeholder = (length: number): Placeholder => ({ placeholder: length });

const pieceSize = (p: Piece): number =>
  p instanceof Uint8Array ? p.length : 'placeholder' in p ? p.placeholder : 1 + lengthBytes(p.length).length + p.length;

export function lazy(tag: number, ...parts: Piece[]): LazyTlv {
  let length = 0;
  for (const p of parts) length += pieceSize(p);
  return { tag, parts, length };
}

/** Total length of the placeholders under `p`. */
const placeholderBytes = (p: Piece): number =>
  p instanceof Uint8Array ? 0 : 'placeholder' in p ? p.placeholder : p.parts.reduce((n, q) => n + placeholderBytes(q), 0);

/** Writes `root` into one buffer, leaving out a placeholder's bytes; `at` is where they belong (-1: none). */
function layout(root: LazyTlv): { bytes: Uint8Array; at: number } {
  const out = new Uint8Array(pieceSize(root) - placeholderBytes(root));
  let o = 0;
  let at = -1;
  const write = (p: Piece): void => {
    if (p instanceof Uint8Array) {
      out.set(p, o);
      o += p.length;
    } else if ('placeholder' in p) {
      if (at !== -1) throw new Error('DER layout with more than one placeholder');
      at = o;
    } else {
      out[o++] = p.tag;
      const len = lengthBytes(p.length);
      out.set(len, o);
      o += len.length;
      for (const part of p.parts) write(part);
    }
  };
  write(root);
  return { bytes: out, at };
}

export function serialize(root: LazyTlv): Uint8Array {
  const { bytes, at } = layout(root);
  if (at !== -1) throw new Error('serialize: the DER has a placeholder (use serializeAround)');
  return bytes;
}

/** The DER of `root` around its one placeholder: the bytes before it (`head`) and after it (`tail`). */
export function serializeAround(root: LazyTlv): { head: Uint8Array; tail: Uint8Array } {
  const { bytes, at } = layout(root);
  if (at === -1) throw new Error('serializeAround: the DER has no placeholder');
  return { head: bytes.subarray(0, at), tail: bytes.subarray(at) };
}

/** Where a DER encoding is streamed to: told its total length first, then given the bytes in order to copy. */
export interface DerSink {
  begin(length: number): void;
  write(bytes: Uint8Array): void;
}

/** A DerSink that collects the encoding into one buffer of the announced length. */
export function bufferSink(): DerSink & { bytes(): Uint8Array } {
  let out = new Uint8Array(0);
  let o = 0;
  return {
    begin(length) {
      out = new Uint8Array(length);
    },
    write(bytes) {
      out.set(bytes, o);
      o += bytes.length;
    },
    bytes() {
      if (o !== out.length) throw new Error(`DER sink: ${o} of ${out.length} bytes written`);
      return out;
    },
  };
}
