/**
 * A minimal BER reader over one buffer: nodes are offsets, values are subarray views (no copies), and
 * indefinite lengths and constructed OCTET STRINGs (what streaming peers such as the Java RI write) are read.
 * Hostile input cannot make it allocate: it only walks the bytes it is given, with a depth limit.
 */
import { DirectSealError } from '../errors';
import { concat } from '../bytes';

export interface BerNode {
  readonly bytes: Uint8Array; // the whole buffer
  readonly tag: number; // first identifier octet (class + constructed bit + low tag number)
  readonly tagNumber: number;
  readonly constructed: boolean;
  readonly start: number; // offset of the identifier
  readonly valueStart: number;
  readonly valueEnd: number; // for indefinite length: where the end-of-contents octets start
  readonly end: number; // offset after the whole TLV
}

const MAX_DEPTH = 64;

const malformed = (why: string) => new DirectSealError('MESSAGE_MALFORMED', why);

export function readNode(bytes: Uint8Array, offset = 0, depth = 0): BerNode {
  if (depth > MAX_DEPTH) throw malformed('ASN.1 nesting too deep');
  let p = offset;
  if (p >= bytes.length) throw malformed('ASN.1 truncated at identifier');
  const tag = bytes[p++]!;
  let tagNumber = tag & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    let b: number;
    do {
      if (p >= bytes.length) throw malformed('ASN.1 truncated in tag');
      b = bytes[p++]!;
      tagNumber = tagNumber * 128 + (b & 0x7f);
    } while (b & 0x80);
  }
  const constructed = (tag & 0x20) !== 0;
  if (p >= bytes.length) throw malformed('ASN.1 truncated at length');
  const first = bytes[p++]!;
  if (first === 0x80) {
    if (!constructed) throw malformed('indefinite length on a primitive');
    let q = p;
    while (true) {
      if (q + 2 > bytes.length) throw malformed('ASN.1 truncated: no end-of-contents');
      if (bytes[q] === 0 && bytes[q + 1] === 0) break;
      q = readNode(bytes, q, depth + 1).end;
    }
    return { bytes, tag, tagNumber, constructed, start: offset, valueStart: p, valueEnd: q, end: q + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 6) throw malformed('ASN.1 length too large');
    length = 0;
    for (let i = 0; i < n; i++) {
      if (p >= bytes.length) throw malformed('ASN.1 truncated in length');
      length = length * 256 + bytes[p++]!;
    }
  }
  const end = p + length;
  if (end > bytes.length) throw malformed('ASN.1 truncated: content shorter than its length');
  return { bytes, tag, tagNumber, constructed, start: offset, valueStart: p, valueEnd: end, end };
}

/** Parses a whole buffer as one element; trailing bytes other than zero padding are refused. */
export function readRoot(bytes: Uint8Array): BerNode {
  const node = readNode(bytes, 0);
  for (let i = node.end; i < bytes.length; i++) if (bytes[i] !== 0) throw malformed('trailing bytes after ASN.1');
  return node;
}

export function children(node: BerNode): BerNode[] {
  if (!node.constructed) throw malformed('expected a constructed ASN.1 element');
  const out: BerNode[] = [];
  for (let p = node.valueStart; p < node.valueEnd; ) {
    const child = readNode(node.bytes, p, 1);
    out.push(child);
    p = child.end;
  }
  return out;
}

export const value = (node: BerNode): Uint8Array => node.bytes.subarray(node.valueStart, node.valueEnd);
export const encoded = (node: BerNode): Uint8Array => node.bytes.subarray(node.start, node.end);

export function expectTag(node: BerNode | undefined, tag: number, what: string): BerNode {
  if (!node || node.tag !== tag) throw malformed(`expected ${what}`);
  return node;
}

/**
 * The content of an OCTET STRING, primitive or constructed (BER chunks, possibly nested). A primitive one is a
 * view; a chunked one is joined once.
 */
export function octets(node: BerNode): Uint8Array {
  if (!node.constructed) return value(node);
  const parts: Uint8Array[] = [];
  const walk = (n: BerNode) => {
    for (const c of children(n)) {
      if (c.constructed) walk(c);
      else parts.push(value(c));
    }
  };
  walk(node);
  return parts.length === 1 ? parts[0]! : concat(parts);
}

export function readOid(node: BerNode): string {
  if (node.tag !== 0x06) throw malformed('expected an OBJECT IDENTIFIER');
  const v = value(node);
  if (v.length === 0) throw malformed('empty OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let acc = 0;
  for (const b of v) {
    acc = acc * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(acc);
      acc = 0;
    }
  }
  const first = arcs.shift()!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

export function readSmallInteger(node: BerNode): number {
  if (node.tag !== 0x02) throw malformed('expected an INTEGER');
  let n = 0;
  for (const b of value(node)) n = n * 256 + b;
  return n;
}

/** UTCTime or GeneralizedTime as a Date. */
export function readTime(node: BerNode): Date {
  const s = String.fromCharCode(...value(node));
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s);
  if (!m) throw malformed('bad time value');
  let year = Number(m[1]);
  if (node.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
}
