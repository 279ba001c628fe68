/**
 * A minimal BER reader over one buffer: nodes are offsets, values are subarray views (no copies), and
 * indefinite lengths and constructed OCTET STRINGs (what streaming peers such as the Java RI write) are read.
 * Hostile input cannot make it allocate: it only walks the bytes it is given. Every length is checked against
 * the element that contains it, and nesting depth is bounded (also across children() calls), so a walk down any
 * path is at most MAX_DEPTH deep. No tree is built: children() reads one level, in time linear in that element's
 * bytes, so no node budget is needed (walking every element costs at most MAX_DEPTH passes over the input).
 */
import { DirectSealError } from '../errors';

export interface BerNode {
  readonly bytes: Uint8Array; // the whole buffer
  readonly tag: number; // first identifier octet (class + constructed bit + low tag number)
  readonly tagNumber: number;
  readonly constructed: boolean;
  readonly start: number; // offset of the identifier
  readonly valueStart: number;
  readonly valueEnd: number; // for indefinite length: where the end-of-contents octets start
  readonly end: number; // offset after the whole TLV
  readonly depth: number; // nesting level: 0 for a root
}

const MAX_DEPTH = 64;

const malformed = (why: string) => new DirectSealError('MESSAGE_MALFORMED', why);

/** True for the error every function here throws on malformed input (for callers that report it as their own). */
export const isMalformed = (e: unknown): boolean => e instanceof DirectSealError && e.code === 'MESSAGE_MALFORMED';

/**
 * The technical reason of an error (a DirectSealError's detail, without its sentence, also when it crossed from the
 * background as a refusal carrying code and detail), for callers that report it under their own code.
 */
export const errorDetail = (e: unknown): string => {
  const detail = (e as { detail?: unknown } | null | undefined)?.detail;
  return typeof detail === 'string' ? detail : e instanceof Error ? e.message : String(e);
};

/**
 * The element at `offset`; what follows it is not looked at. `limit` is where its container ends (by default the
 * buffer's end): the element may not run past it.
 */
export function readNode(bytes: Uint8Array, offset = 0, depth = 0, limit = bytes.length): BerNode {
  if (depth > MAX_DEPTH) throw malformed('ASN.1 nesting too deep');
  let p = offset;
  if (p >= limit) throw malformed('ASN.1 truncated at identifier');
  const tag = bytes[p++]!;
  let tagNumber = tag & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    let b: number;
    do {
      if (p >= limit) throw malformed('ASN.1 truncated in tag');
      b = bytes[p++]!;
      tagNumber = tagNumber * 128 + (b & 0x7f);
    } while (b & 0x80);
  }
  const constructed = (tag & 0x20) !== 0;
  if (p >= limit) throw malformed('ASN.1 truncated at length');
  const first = bytes[p++]!;
  if (first === 0x80) {
    if (!constructed) throw malformed('indefinite length on a primitive');
    let q = p;
    while (true) {
      if (q + 2 > limit) throw malformed('ASN.1 truncated: no end-of-contents');
      if (bytes[q] === 0 && bytes[q + 1] === 0) break;
      q = readNode(bytes, q, depth + 1, limit).end;
    }
    return { bytes, tag, tagNumber, constructed, start: offset, valueStart: p, valueEnd: q, end: q + 2, depth };
  }
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 6) throw malformed('ASN.1 length too large');
    length = 0;
    for (let i = 0; i < n; i++) {
      if (p >= limit) throw malformed('ASN.1 truncated in length');
      length = length * 256 + bytes[p++]!;
    }
  }
  const end = p + length;
  if (end > limit) throw malformed('ASN.1 truncated: content shorter than its length');
  return { bytes, tag, tagNumber, constructed, start: offset, valueStart: p, valueEnd: end, end, depth };
}

/** Parses a whole buffer as one element; trailing bytes other than zero padding are refused. */
export function readRoot(bytes: Uint8Array): BerNode {
  const node = readNode(bytes, 0);
  for (let i = node.end; i < bytes.length; i++) if (bytes[i] !== 0) throw malformed('trailing bytes after ASN.1');
  return node;
}

/** Parses a whole buffer as one element; nothing may follow it (not even the zero padding readRoot allows). */
export function readExact(bytes: Uint8Array): BerNode {
  const node = readNode(bytes, 0);
  if (node.end !== bytes.length) throw malformed('trailing bytes after ASN.1');
  return node;
}

/**
 * Walks every constructed element below `node` and returns it: the whole encoding is well-formed BER (each
 * constructed element filled exactly by its children, within the depth bound), not only the parts a caller goes
 * on to read. For input that is checked once and then kept or handed on (certificates, keys, PKCS#12 files).
 */
export function wellFormed(node: BerNode): BerNode {
  if (node.constructed) for (const c of children(node)) wellFormed(c);
  return node;
}

/** readExact, then wellFormed: one well-formed element filling the whole buffer. */
export const readWhole = (bytes: Uint8Array): BerNode => wellFormed(readExact(bytes));

/**
 * Elements one children() call may list. Every list a reader of Direct files meets is short (fields, a few
 * certificates, recipients, signers); the long ones (a CRL's entries, the segments of a constructed string) are
 * walked without a list. A list is an object per element (about 150 bytes): two bytes of input each ("30 00"),
 * so without a bound a 50 MB message could ask for gigabytes.
 */
export const MAX_CHILDREN = 100_000;

/**
 * The readers below take `BerNode | undefined`: callers index into children() (`fields[2]!`), and a damaged
 * input can end a list early. A missing element is then MESSAGE_MALFORMED, never a TypeError.
 */
function present(node: BerNode | undefined, what: string): BerNode {
  if (!node) throw malformed(`expected ${what}, found nothing`);
  return node;
}

export function children(node: BerNode | undefined): BerNode[] {
  if (!present(node, 'an ASN.1 element').constructed) throw malformed('expected a constructed ASN.1 element');
  node = node!;
  const out: BerNode[] = [];
  for (let p = node.valueStart; p < node.valueEnd; ) {
    if (out.length === MAX_CHILDREN) throw malformed(`more than ${MAX_CHILDREN} elements in one ASN.1 SEQUENCE or SET`);
    const child = readNode(node.bytes, p, node.depth + 1, node.valueEnd);
    out.push(child);
    p = child.end;
  }
  return out;
}

/** The child at `index`; MESSAGE_MALFORMED naming `what` when there is none. */
export function child(node: BerNode, index: number, what: string): BerNode {
  const c = children(node)[index];
  if (!c) throw malformed(`${what}: missing element`);
  return c;
}

/** True for a context-specific [n], primitive or constructed (an IMPLICIT or EXPLICIT tag). */
export const isContext = (node: BerNode | undefined, n: number): boolean => !!node && (node.tag & 0xdf) === (0x80 | n);

export const value = (node: BerNode | undefined): Uint8Array => {
  const n = present(node, 'an ASN.1 value');
  return n.bytes.subarray(n.valueStart, n.valueEnd);
};
export const encoded = (node: BerNode | undefined): Uint8Array => {
  const n = present(node, 'an ASN.1 element');
  return n.bytes.subarray(n.start, n.end);
};

export function expectTag(node: BerNode | undefined, tag: number, what: string): BerNode {
  if (!node || node.tag !== tag) throw malformed(`expected ${what}`);
  return node;
}

/**
 * The content of an OCTET STRING, primitive or constructed (BER chunks, possibly nested). A primitive one is a
 * view; a chunked one is joined once. Two passes over the chunks, neither keeping an object per chunk: a million
 * one-byte segments cost their joined bytes, not a list of a million nodes and views (450 MB for 2.7 MB before).
 */
export function octets(node: BerNode | undefined): Uint8Array {
  node = present(node, 'an OCTET STRING');
  if (!node.constructed) return value(node);
  let total = 0;
  let count = 0;
  let first: BerNode | undefined;
  forEachSegment(node, (segment) => {
    total += segment.valueEnd - segment.valueStart;
    if (count++ === 0) first = segment;
  });
  if (count === 1) return value(first!);
  const out = new Uint8Array(total);
  let at = 0;
  const bytes = node.bytes;
  forEachSegment(node, (segment) => {
    const length = segment.valueEnd - segment.valueStart;
    if (length > 64) out.set(bytes.subarray(segment.valueStart, segment.valueEnd), at);
    else for (let p = segment.valueStart; p < segment.valueEnd; p++) out[at + p - segment.valueStart] = bytes[p]!;
    at += length;
  });
  return out;
}

/** Calls `visit` with each primitive segment below a constructed string, in order; nothing is kept. */
function forEachSegment(node: BerNode, visit: (segment: BerNode) => void): void {
  for (let p = node.valueStart; p < node.valueEnd; ) {
    const c = readNode(node.bytes, p, node.depth + 1, node.valueEnd);
    if (c.constructed) forEachSegment(c, visit);
    else visit(c);
    p = c.end;
  }
}

export function readOid(node: BerNode | undefined): string {
  if (present(node, 'an OBJECT IDENTIFIER').tag !== 0x06) throw malformed('expected an OBJECT IDENTIFIER');
  const v = value(node);
  if (v.length === 0) throw malformed('empty OBJECT IDENTIFIER');
  if (v[v.length - 1]! & 0x80) throw malformed('truncated OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let acc = 0;
  for (const b of v) {
    acc = acc * 128 + (b & 0x7f);
    if (acc > Number.MAX_SAFE_INTEGER / 256) throw malformed('OBJECT IDENTIFIER arc too large');
    if (!(b & 0x80)) {
      arcs.push(acc);
      acc = 0;
    }
  }
  const first = arcs.shift()!;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** A non-negative INTEGER below 2^48 (versions, iteration counts, lengths); anything else is malformed here. */
export function readSmallInteger(node: BerNode | undefined): number {
  if (present(node, 'an INTEGER').tag !== 0x02) throw malformed('expected an INTEGER');
  const v = value(node);
  if (v.length === 0 || v.length > 6 || v[0]! & 0x80) throw malformed('INTEGER out of range');
  let n = 0;
  for (const b of v) n = n * 256 + b;
  return n;
}

/** A BMPString (UTF-16BE, as PKCS#12 friendlyName) as text; any other string type is read as UTF-8. */
export function readText(node: BerNode | undefined): string {
  node = present(node, 'a string');
  const v = value(node);
  if (node.tag !== 0x1e) return new TextDecoder().decode(v);
  let s = '';
  for (let i = 0; i + 1 < v.length; i += 2) s += String.fromCharCode((v[i]! << 8) | v[i + 1]!);
  return s;
}

/** UTCTime or GeneralizedTime as a Date. */
export function readTime(node: BerNode | undefined): Date {
  node = present(node, 'a time');
  if (node.valueEnd - node.valueStart > 32) throw malformed('bad time value');
  const s = String.fromCharCode(...value(node));
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s);
  if (!m) throw malformed('bad time value');
  let year = Number(m[1]);
  if (node.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
}
