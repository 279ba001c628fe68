/**
 * Certificate revocation lists (RFC 5280 section 5) read in bounded time and memory. A big CA's CRL holds a
 * million entries (23 MB); a general ASN.1 library builds several objects per entry (3.3 GB, 89 s for that
 * one). Here the list is only walked: the header fields are views of the DER, the entries are checked one at a
 * time as they are passed, and a lookup scans revokedCertificates for the serial's bytes.
 */
import { equalBytes } from '../bytes';
import { DirectSealError } from '../errors';
import { children, errorDetail, expectTag, readExact, readNode, readTime, value, wellFormed, type BerNode } from '../cms/ber';
import type { ParsedCert } from './cert';
import { verifiedBy } from './signature';

export interface CrlView {
  der: Uint8Array;
  /** The issuer Name, encoded. */
  issuerRaw: Uint8Array;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** The encoded tbsCertList: what the signature covers. */
  tbs: Uint8Array;
  signatureAlgorithm: BerNode;
  /** The signature BIT STRING's content, without its unused-bits octet. */
  signature: Uint8Array;
  /** revokedCertificates (SEQUENCE OF), absent when nothing is revoked. */
  revoked?: BerNode;
  entryCount: number;
}

const unreadable = (why: string, cause?: unknown) => new DirectSealError('CRL_UNREADABLE', why, cause ? { cause } : undefined);

/** Each DER is read once; validation and every later lookup share the view. */
const views = new WeakMap<Uint8Array, CrlView>();

/** The CRL in `der`, its whole structure checked (every entry too); CRL_UNREADABLE when it is not one. */
export function readCrl(der: Uint8Array): CrlView {
  const cached = views.get(der);
  if (cached) return cached;
  let view: CrlView;
  try {
    view = parse(der);
  } catch (e) {
    throw unreadable(`not a CRL: ${errorDetail(e)}`, e);
  }
  views.set(der, view);
  return view;
}

function parse(der: Uint8Array): CrlView {
  const root = expectTag(readExact(der), 0x30, 'CertificateList');
  const [tbsNode, sigAlg, sigValue, extra] = children(root);
  if (extra) throw new Error('CertificateList has more than three fields');
  const tbs = expectTag(tbsNode, 0x30, 'tbsCertList');
  expectTag(sigAlg, 0x30, 'signatureAlgorithm');
  wellFormed(sigAlg!);
  const sig = value(expectTag(sigValue, 0x03, 'signatureValue'));
  if (sig.length === 0) throw new Error('empty signature');

  const fields = children(tbs); // at most seven: the entries are one element among them
  let i = 0;
  if (fields[i]?.tag === 0x02) i++; // version v2
  wellFormed(expectTag(fields[i++], 0x30, 'signature'));
  const issuer = wellFormed(expectTag(fields[i++], 0x30, 'issuer'));
  const thisUpdate = readTime(expectTime(fields[i++], 'thisUpdate'));
  let nextUpdate: Date | undefined;
  if (fields[i]?.tag === 0x17 || fields[i]?.tag === 0x18) nextUpdate = readTime(fields[i++]!);
  let revoked: BerNode | undefined;
  let entryCount = 0;
  if (fields[i]?.tag === 0x30) {
    revoked = fields[i++]!;
    entryCount = checkEntries(revoked);
  }
  if (fields[i]?.tag === 0xa0) wellFormed(fields[i++]!);
  if (i !== fields.length) throw new Error('unexpected field in tbsCertList');
  return {
    der,
    issuerRaw: der.subarray(issuer.start, issuer.end),
    thisUpdate,
    nextUpdate,
    tbs: der.subarray(tbs.start, tbs.end),
    signatureAlgorithm: sigAlg!,
    signature: sig.subarray(1),
    revoked,
    entryCount,
  };
}

function expectTime(n: BerNode | undefined, what: string): BerNode {
  if (!n || (n.tag !== 0x17 && n.tag !== 0x18)) throw new Error(`expected ${what}`);
  return n;
}

/** Walks the entries one by one (no list of them is built): each a SEQUENCE of a serial, a time, extensions. */
function checkEntries(list: BerNode): number {
  let count = 0;
  for (let p = list.valueStart; p < list.valueEnd; ) {
    const entry = expectTag(readNode(list.bytes, p, list.depth + 1, list.valueEnd), 0x30, 'revoked certificate entry');
    const serial = expectTag(readNode(entry.bytes, entry.valueStart, entry.depth + 1, entry.valueEnd), 0x02, 'revoked serial');
    if (serial.end >= entry.valueEnd) throw new Error('revoked certificate entry without a date');
    const date = expectTime(readNode(entry.bytes, serial.end, entry.depth + 1, entry.valueEnd), 'revocationDate');
    if (date.end < entry.valueEnd) {
      const extensions = readNode(entry.bytes, date.end, entry.depth + 1, entry.valueEnd);
      if (extensions.end !== entry.valueEnd) throw new Error('unexpected field in a revoked certificate entry');
      wellFormed(expectTag(extensions, 0x30, 'entry extensions'));
    }
    p = entry.end;
    count++;
  }
  return count;
}

/** The serial's content octets without leading zero octets (peers pad the high bit differently). */
function serialValue(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

/** When the certificate with `serial` (INTEGER content octets) was revoked, or undefined when the CRL does not list it. */
export function revocationDate(crl: CrlView, serial: Uint8Array): Date | undefined {
  const list = crl.revoked;
  if (!list) return undefined;
  const wanted = serialValue(serial);
  const bytes = list.bytes;
  for (let p = list.valueStart; p < list.valueEnd; ) {
    const entry = readNode(bytes, p, list.depth + 1, list.valueEnd);
    const s = readNode(bytes, entry.valueStart, entry.depth + 1, entry.valueEnd);
    let v = s.valueStart;
    while (v < s.valueEnd - 1 && bytes[v] === 0) v++;
    if (s.valueEnd - v === wanted.length && equalBytes(bytes.subarray(v, s.valueEnd), wanted)) {
      return readTime(readNode(bytes, s.end, entry.depth + 1, entry.valueEnd));
    }
    p = entry.end;
  }
  return undefined;
}

/** True when `issuer`'s key signed the CRL. */
export function crlSignedBy(crl: CrlView, issuer: ParsedCert): Promise<boolean> {
  return verifiedBy(issuer, crl.signatureAlgorithm, crl.signature, crl.tbs);
}
