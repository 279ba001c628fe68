/**
 * A small BER reader for the few structures this layer walks by hand (PKCS#12, PKCS#8,
 * certs-only PKCS#7, the raw names and OIDs of a certificate). Working on byte views keeps every certificate
 * exactly as it was encoded (a re-encoded certificate may no longer match its signature).
 *
 * The reader takes hostile input: every length is checked against its parent, nesting depth and node count are
 * bounded, and failures throw Asn1Error.
 */
import { concat } from '../bytes';

export class Asn1Error extends Error {
  override name = 'Asn1Error';
}

export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x10,
  SET: 0x11,
  BMP_STRING: 0x1e,
} as const;

export interface Node {
  /** 0 universal, 1 application, 2 context-specific, 3 private. */
  cls: number;
  tag: number;
  constructed: boolean;
  /** The whole encoding (identifier, length, content, end-of-contents if indefinite). */
  raw: Uint8Array;
  /** The content octets (without end-of-contents). */
  value: Uint8Array;
  children: Node[];
}

const MAX_DEPTH = 40;

interface Budget {
  nodes: number;
}

/** Parses one BER element at the start of `bytes`. With `exact`, nothing may follow it. */
export function parse(bytes: Uint8Array, exact = true): Node {
  const budget: Budget = { nodes: Math.max(10_000, bytes.length >> 1) };
  const node = readNode(bytes, 0, bytes.length, 0, budget);
  if (exact && node.raw.length !== bytes.length) throw new Asn1Error('trailing data after ASN.1 element');
  return node;
}

function readNode(buf: Uint8Array, pos: number, limit: number, depth: number, budget: Budget): Node {
  if (depth > MAX_DEPTH) throw new Asn1Error('ASN.1 nesting too deep');
  if (--budget.nodes < 0) throw new Asn1Error('too many ASN.1 elements');
  const start = pos;
  if (pos >= limit) throw new Asn1Error('truncated ASN.1 identifier');
  const id = buf[pos++]!;
  const cls = id >> 6;
  const constructed = (id & 0x20) !== 0;
  let tag = id & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    for (let i = 0; ; i++) {
      if (pos >= limit || i > 3) throw new Asn1Error('bad ASN.1 tag');
      const b = buf[pos++]!;
      tag = (tag << 7) | (b & 0x7f);
      if (!(b & 0x80)) break;
    }
  }
  if (pos >= limit) throw new Asn1Error('truncated ASN.1 length');
  const lb = buf[pos++]!;
  const children: Node[] = [];
  if (lb === 0x80) {
    if (!constructed) throw new Asn1Error('indefinite length on a primitive ASN.1 element');
    const contentStart = pos;
    for (;;) {
      if (pos + 2 > limit) throw new Asn1Error('missing ASN.1 end-of-contents');
      if (buf[pos] === 0 && buf[pos + 1] === 0) break;
      const child = readNode(buf, pos, limit, depth + 1, budget);
      children.push(child);
      pos += child.raw.length;
    }
    return { cls, tag, constructed, raw: buf.subarray(start, pos + 2), value: buf.subarray(contentStart, pos), children };
  }
  let len = lb;
  if (lb & 0x80) {
    const n = lb & 0x7f;
    if (n > 4 || pos + n > limit) throw new Asn1Error('bad ASN.1 length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos++]!;
  }
  if (len > limit - pos) throw new Asn1Error('ASN.1 length exceeds its container');
  const end = pos + len;
  const value = buf.subarray(pos, end);
  if (constructed) {
    let p = pos;
    while (p < end) {
      const child = readNode(buf, p, end, depth + 1, budget);
      children.push(child);
      p += child.raw.length;
    }
  }
  return { cls, tag, constructed, raw: buf.subarray(start, end), value, children };
}

export const isUniversal = (n: Node | undefined, tag: number): boolean => !!n && n.cls === 0 && n.tag === tag;
export const isContext = (n: Node | undefined, tag: number): boolean => !!n && n.cls === 2 && n.tag === tag;

/** The node, checked to be the universal type `tag`; `what` names it in the error. */
export function expect(n: Node | undefined, tag: number, what: string): Node {
  if (!n || !isUniversal(n, tag)) throw new Asn1Error(`${what}: unexpected ASN.1 structure`);
  return n;
}

/** The child at `i`, or an error naming `what`. */
export function child(n: Node, i: number, what: string): Node {
  const c = n.children[i];
  if (!c) throw new Asn1Error(`${what}: missing element`);
  return c;
}

/** Content of an OCTET STRING, joining the pieces of a constructed (BER) one. */
export function octets(n: Node): Uint8Array {
  if (!n.constructed) return n.value;
  return concat(n.children.map(octets));
}

export function oidString(n: Node): string {
  const v = n.value;
  if (n.constructed || v.length === 0) throw new Asn1Error('bad OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let acc = 0;
  for (let i = 0; i < v.length; i++) {
    acc = acc * 128 + (v[i]! & 0x7f);
    if (acc > Number.MAX_SAFE_INTEGER / 256) throw new Asn1Error('OBJECT IDENTIFIER arc too large');
    if (!(v[i]! & 0x80)) {
      if (arcs.length === 0) {
        const first = acc < 40 ? 0 : acc < 80 ? 1 : 2;
        arcs.push(first, acc - first * 40);
      } else arcs.push(acc);
      acc = 0;
    } else if (i === v.length - 1) throw new Asn1Error('truncated OBJECT IDENTIFIER');
  }
  return arcs.join('.');
}

/** A non-negative INTEGER as a number (iteration counts, versions). */
export function smallInt(n: Node): number {
  const v = n.value;
  if (v.length === 0 || v.length > 6 || v[0]! & 0x80) throw new Asn1Error('INTEGER out of range');
  let x = 0;
  for (const b of v) x = x * 256 + b;
  return x;
}

/** Reads a BMPString (friendlyName) or any UTF-8/printable string type. */
export function readString(n: Node): string {
  if (n.cls === 0 && n.tag === Tag.BMP_STRING) {
    let s = '';
    for (let i = 0; i + 1 < n.value.length; i += 2) s += String.fromCharCode((n.value[i]! << 8) | n.value[i + 1]!);
    return s;
  }
  return new TextDecoder().decode(n.value);
}
