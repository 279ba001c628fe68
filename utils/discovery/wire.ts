/**
 * DNS messages on the wire (RFC 1035 section 4), as much as certificate discovery needs: one query, and an
 * answer's header, records and CERT RDATA (RFC 4398 section 2). Pure bytes: the same code runs in the
 * extension's background (DNS-over-HTTPS) and in the CLI (UDP/TCP). Node's `dns` module knows no CERT type.
 */
import { DirectSealError } from '../errors';
import { utf8 } from '../bytes';

export const TYPE_CERT = 37;
export const TYPE_CNAME = 5;
const TYPE_OPT = 41;
const CLASS_IN = 1;

/** CERT certificate types (RFC 4398 section 2.1) that Direct uses. */
export const CERT_PKIX = 1;
export const CERT_IPKIX = 4;

export interface QueryOptions {
  /** 0 for DNS-over-HTTPS (RFC 8484 section 4.1: cache friendly); random over UDP/TCP. */
  id?: number;
  /** Advertise this UDP payload size with EDNS(0) (RFC 6891); absent: plain 512-byte DNS. */
  udpPayloadSize?: number;
}

/** A standard query with recursion desired, for `name` and `type` in class IN. */
export function encodeQuery(name: string, type: number, options: QueryOptions = {}): Uint8Array {
  const qname = encodeName(name);
  const opt = options.udpPayloadSize ? 11 : 0;
  const out = new Uint8Array(12 + qname.length + 4 + opt);
  const v = new DataView(out.buffer);
  v.setUint16(0, options.id ?? 0);
  v.setUint16(2, 0x0100); // RD
  v.setUint16(4, 1); // QDCOUNT
  v.setUint16(10, opt ? 1 : 0); // ARCOUNT
  out.set(qname, 12);
  let at = 12 + qname.length;
  v.setUint16(at, type);
  v.setUint16(at + 2, CLASS_IN);
  at += 4;
  if (opt) {
    // OPT pseudo-record: root name, type 41, class = payload size, TTL 0, no RDATA.
    out[at] = 0;
    v.setUint16(at + 1, TYPE_OPT);
    v.setUint16(at + 3, options.udpPayloadSize!);
  }
  return out;
}

/** A domain name as labels; each label 1-63 octets, the whole at most 255 (RFC 1035 section 2.3.4). */
export function encodeName(name: string): Uint8Array {
  const labels = name.replace(/\.$/, '').split('.');
  const parts: number[] = [];
  for (const label of labels) {
    const bytes = utf8(label);
    if (bytes.length === 0 || bytes.length > 63) throw new DirectSealError('DISCOVERY_ADDRESS', `"${name}" is not a DNS name (a label is empty or longer than 63 octets)`);
    parts.push(bytes.length, ...bytes);
  }
  parts.push(0);
  if (parts.length > 255) throw new DirectSealError('DISCOVERY_ADDRESS', `"${name}" is longer than a DNS name may be`);
  return new Uint8Array(parts);
}

export interface ResourceRecord {
  /** Lower-case, without the trailing dot. */
  name: string;
  type: number;
  class: number;
  ttl: number;
  rdata: Uint8Array;
}

export interface DnsMessage {
  id: number;
  /** The answer did not fit (TC): ask again over TCP. */
  truncated: boolean;
  /** 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED... */
  rcode: number;
  answers: ResourceRecord[];
}

/** Reads a response; anything that runs past the end or loops is refused as malformed. */
export function decodeMessage(bytes: Uint8Array): DnsMessage {
  const bad = (why: string) => new DirectSealError('DISCOVERY_FAILED', `malformed DNS answer: ${why}`);
  if (bytes.length < 12) throw bad('shorter than a header');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = v.getUint16(2);
  if (!(flags & 0x8000)) throw bad('not a response');
  const qd = v.getUint16(4);
  const an = v.getUint16(6);
  let at = 12;
  for (let i = 0; i < qd; i++) {
    at = readName(bytes, at, bad).next + 4;
    if (at > bytes.length) throw bad('question runs past the end');
  }
  const answers: ResourceRecord[] = [];
  for (let i = 0; i < an; i++) {
    const { name, next } = readName(bytes, at, bad);
    if (next + 10 > bytes.length) throw bad('record header runs past the end');
    const length = v.getUint16(next + 8);
    const start = next + 10;
    if (start + length > bytes.length) throw bad('record data runs past the end');
    answers.push({ name, type: v.getUint16(next), class: v.getUint16(next + 2), ttl: v.getUint32(next + 4), rdata: bytes.subarray(start, start + length) });
    at = start + length;
  }
  return { id: v.getUint16(0), truncated: (flags & 0x0200) !== 0, rcode: flags & 0x000f, answers };
}

/** A possibly compressed name (RFC 1035 section 4.1.4): where it starts, and where the data after it starts. */
function readName(bytes: Uint8Array, start: number, bad: (why: string) => Error): { name: string; next: number } {
  const labels: string[] = [];
  let at = start;
  let next = -1;
  let jumps = 0;
  for (;;) {
    if (at >= bytes.length) throw bad('name runs past the end');
    const len = bytes[at]!;
    if (len === 0) {
      at += 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (at + 1 >= bytes.length) throw bad('pointer runs past the end');
      if (++jumps > 64) throw bad('compression loop');
      if (next < 0) next = at + 2;
      at = ((len & 0x3f) << 8) | bytes[at + 1]!;
      continue;
    }
    if (len & 0xc0) throw bad('unknown label type');
    if (at + 1 + len > bytes.length) throw bad('label runs past the end');
    labels.push(new TextDecoder().decode(bytes.subarray(at + 1, at + 1 + len)));
    at += 1 + len;
  }
  return { name: labels.join('.').toLowerCase(), next: next < 0 ? at : next };
}

export interface CertRecord {
  /** 1 PKIX (an X.509 certificate, DER), 4 IPKIX (the URL of one); others are not used by Direct. */
  certType: number;
  keyTag: number;
  algorithm: number;
  /** The certificate's DER, or for IPKIX the URL's text as bytes. */
  data: Uint8Array;
}

/** CERT RDATA: type u16, key tag u16, algorithm u8, then the certificate or URL. */
export function parseCertRdata(rdata: Uint8Array): CertRecord {
  if (rdata.length < 5) throw new DirectSealError('DISCOVERY_FAILED', 'malformed DNS answer: CERT record shorter than its header');
  const v = new DataView(rdata.buffer, rdata.byteOffset, rdata.byteLength);
  return { certType: v.getUint16(0), keyTag: v.getUint16(2), algorithm: rdata[4]!, data: rdata.subarray(5) };
}

/** RFC 4648 base64url without padding, as the `dns` parameter of a DoH GET wants it (RFC 8484 section 4.1). */
export function base64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
