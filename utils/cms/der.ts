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
  parts: (Uint8Array | LazyTlv)[];
  length: number;
}

const pieceSize = (p: Uint8Array | LazyTlv): number =>
  p instanceof Uint8Array ? p.length : 1 + lengthBytes(p.length).length + p.length;

export function lazy(tag: number, ...parts: (Uint8Array | LazyTlv)[]): LazyTlv {
  let length = 0;
  for (const p of parts) length += pieceSize(p);
  return { tag, parts, length };
}

export function serialize(root: LazyTlv): Uint8Array {
  const out = new Uint8Array(pieceSize(root));
  let o = 0;
  const write = (p: Uint8Array | LazyTlv): void => {
    if (p instanceof Uint8Array) {
      out.set(p, o);
      o += p.length;
      return;
    }
    out[o++] = p.tag;
    const len = lengthBytes(p.length);
    out.set(len, o);
    o += len.length;
    for (const part of p.parts) write(part);
  };
  write(root);
  return out;
}
