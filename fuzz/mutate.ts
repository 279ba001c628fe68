/**
 * Mutations of an input, driven by a list of numbers (so fast-check can shrink them and the fuzzer can draw them
 * from its own random source): byte flips and sets, inserts and deletes, truncation, splices of another input,
 * and ASN.1-aware ones (length octets set to edge values, a tag changed, an element duplicated), which reach past
 * the first length check far more often than random bytes do.
 */
import { readNode, type BerNode } from '../utils/cms/ber';

export interface Edit {
  op: number;
  at: number;
  value: number;
}

const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0xff, 0x30, 0x31, 0x04, 0x24, 0xa0, 0x02, 0x06, 0x03];

/** Every element's offsets (up to `max`), walking the BER tree as far as it parses. */
export function elements(bytes: Uint8Array, max = 4000): BerNode[] {
  const out: BerNode[] = [];
  const walk = (start: number, end: number, depth: number) => {
    for (let p = start; p < end && out.length < max; ) {
      let n: BerNode;
      try {
        n = readNode(bytes, p, depth, end);
      } catch {
        return;
      }
      out.push(n);
      if (n.constructed) walk(n.valueStart, n.valueEnd, depth + 1);
      p = n.end;
    }
  };
  walk(0, bytes.length, 0);
  return out;
}

export function applyEdits(seed: Uint8Array, edits: Edit[], other?: Uint8Array): Uint8Array {
  let b: Uint8Array = seed.slice();
  for (const { op, at, value } of edits) {
    const n = b.length;
    const i = n ? at % n : 0;
    switch (op % 10) {
      case 0: // flip a bit
        if (n) b[i] = b[i]! ^ (1 << (value & 7));
        break;
      case 1: // set an interesting byte
        if (n) b[i] = INTERESTING[value % INTERESTING.length]!;
        break;
      case 2: { // insert bytes
        const ins = new Uint8Array((value % 8) + 1).fill(value & 0xff);
        b = concat(b.subarray(0, i), ins, b.subarray(i));
        break;
      }
      case 3: // delete a run
        b = concat(b.subarray(0, i), b.subarray(Math.min(n, i + (value % 64) + 1)));
        break;
      case 4: // truncate
        b = b.subarray(0, i);
        break;
      case 5: // splice in a piece of another input
        if (other?.length) {
          const from = value % other.length;
          b = concat(b.subarray(0, i), other.subarray(from, from + ((value >> 8) % 256) + 1), b.subarray(i));
        }
        break;
      default: { // ASN.1-aware
        const els = elements(b);
        if (!els.length) {
          if (n) b[i] = value & 0xff;
          break;
        }
        const e = els[at % els.length]!;
        const kind = op % 10;
        if (kind === 6) b = setLength(b, e, [0, 1, 0x7f, 0x80, 0xffff, 0x7fffffff, e.valueEnd - e.valueStart + 1, e.valueEnd - e.valueStart - 1][value % 8]!);
        else if (kind === 7) b[e.start] = INTERESTING[value % INTERESTING.length]!;
        else if (kind === 8) b = concat(b.subarray(0, e.end), b.subarray(e.start, e.end), b.subarray(e.end)); // duplicate (parents' lengths now wrong, often enough)
        else b = concat(b.subarray(0, e.start), b.subarray(e.end)); // remove
      }
    }
  }
  return b;
}

/** The element's length octets rewritten to `length` (as long form when needed). */
function setLength(b: Uint8Array, e: BerNode, length: number): Uint8Array {
  let p = e.start + 1;
  if ((b[e.start]! & 0x1f) === 0x1f) while (p < b.length && b[p++]! & 0x80);
  const first = b[p]!;
  const oldLen = first & 0x80 ? 1 + (first & 0x7f) : 1;
  const enc: number[] = [];
  if (length < 0x80) enc.push(length);
  else {
    const bytes: number[] = [];
    for (let v = length; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    enc.push(0x80 | bytes.length, ...bytes);
  }
  return concat(b.subarray(0, p), Uint8Array.from(enc), b.subarray(p + oldLen));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
