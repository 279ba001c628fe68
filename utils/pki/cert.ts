/**
 * Internal: one parse of a DER certificate into what the rest of the layer needs, from our own BER walk so the
 * raw fields (names, serial, extensions) are byte-exact; signatures are checked on WebCrypto (./signature.ts).
 * Reading a certificate does not start @peculiar/x509 (it does start-up work a CLI run would feel; it stays the
 * generator of certificates and requests, ./ca.ts and ./csr.ts).
 */
import { latin1, toHex } from '../bytes';
import { DirectSealError } from '../errors';
import { child, children, encoded, errorDetail, expectTag, isContext, readWhole, readOid, readText, readTime, value, type BerNode } from '../cms/ber';
import { OID } from '../cms/oids';
import { nameText } from './name-text';
import { verifiedBy } from './signature';

export const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_NAMES)[number];

export interface Extension {
  critical: boolean;
  value: Uint8Array;
}

export interface ParsedCert {
  der: Uint8Array;
  /** The subject and issuer names as text (./name-text.ts), for people and messages; compare with sameName. */
  subject: string;
  issuer: string;
  serial: Uint8Array;
  /** Uppercase hex without leading zero octets (as `openssl x509 -serial` prints it). */
  serialHex: string;
  issuerRaw: Uint8Array;
  subjectRaw: Uint8Array;
  spkiRaw: Uint8Array;
  spkiAlgorithm: string;
  /** The named curve of an EC key. */
  spkiParameter?: string;
  /** The SubjectPublicKeyInfo's BIT STRING content (without the unused-bits octet). */
  publicKeyBits: Uint8Array;
  signatureAlgorithm: string;
  notBefore: Date;
  notAfter: Date;
  extensions: Map<string, Extension>;
  basicConstraints?: { ca: boolean; pathLen?: number };
  keyUsage?: Set<KeyUsageName>;
  extKeyUsage?: string[];
  emails: string[];
  dnsNames: string[];
  subjectKeyId?: string;
  authorityKeyId?: string;
}

/**
 * What one certificate may cost to read. Real ones are a few kB; a certificate naming 10,000 addresses or with a
 * 1 MB name is odd but readable, and gets a verdict. The BER walk builds no tree (utils/cms/ber.ts), so the size
 * is the bound.
 */
export const MAX_CERTIFICATE_BYTES = 2 * 1024 * 1024;

export function parseCertificate(der: Uint8Array): ParsedCert {
  if (der.length > MAX_CERTIFICATE_BYTES) {
    throw new DirectSealError('NOT_A_CERTIFICATE', `a certificate of ${der.length} bytes is larger than DirectSeal reads (${MAX_CERTIFICATE_BYTES})`);
  }
  try {
    return fromNodes(der, readWhole(der));
  } catch (e) {
    throw new DirectSealError('NOT_A_CERTIFICATE', errorDetail(e), { cause: e });
  }
}

function fromNodes(der: Uint8Array, root: BerNode): ParsedCert {
  expectTag(root, 0x30, 'Certificate');
  const tbs = expectTag(child(root, 0, 'Certificate'), 0x30, 'TBSCertificate');
  const sigAlg = expectTag(child(root, 1, 'Certificate'), 0x30, 'signatureAlgorithm');
  const fields = children(tbs);
  let i = isContext(fields[0], 0) ? 1 : 0;
  const serialNode = expectTag(fields[i++], 0x02, 'serialNumber');
  i++; // inner signature AlgorithmIdentifier
  const issuer = expectTag(fields[i++], 0x30, 'issuer');
  const validity = children(expectTag(fields[i++], 0x30, 'validity'));
  const subject = expectTag(fields[i++], 0x30, 'subject');
  const spki = expectTag(fields[i++], 0x30, 'subjectPublicKeyInfo');
  const spkiAlg = expectTag(child(spki, 0, 'spki'), 0x30, 'spki algorithm');
  const keyBits = expectTag(child(spki, 1, 'spki'), 0x03, 'spki key');

  const serial = value(serialNode);
  let s = 0;
  while (s < serial.length - 1 && serial[s] === 0) s++;
  const serialHex = toHex(serial.subarray(s)).toUpperCase();

  const extensions = new Map<string, Extension>();
  const extWrap = fields.find((c) => isContext(c, 3));
  if (extWrap) {
    const list = expectTag(child(extWrap, 0, 'extensions'), 0x30, 'extensions');
    for (const e of children(list)) {
      const parts = children(e);
      const id = readOid(expectTag(parts[0], 0x06, 'extnID'));
      const flag = parts[1];
      const critical = flag !== undefined && flag.tag === 0x01 && value(flag)[0] !== 0;
      const extnValue = value(expectTag(parts[parts.length - 1], 0x04, 'extnValue'));
      if (extensions.has(id)) throw new Error(`duplicate certificate extension ${id}`);
      extensions.set(id, { critical, value: extnValue });
    }
  }

  const parameter = children(spkiAlg)[1];
  const cert: ParsedCert = {
    der,
    subject: nameText(encoded(subject)),
    issuer: nameText(encoded(issuer)),
    serial,
    serialHex,
    issuerRaw: encoded(issuer),
    subjectRaw: encoded(subject),
    spkiRaw: encoded(spki),
    spkiAlgorithm: readOid(child(spkiAlg, 0, 'spki algorithm')),
    publicKeyBits: value(keyBits).subarray(1),
    signatureAlgorithm: readOid(child(sigAlg, 0, 'signatureAlgorithm')),
    notBefore: readTime(validity[0]),
    notAfter: readTime(validity[1]),
    extensions,
    emails: [],
    dnsNames: [],
  };
  if (parameter?.tag === 0x06) cert.spkiParameter = readOid(parameter);

  const bc = extensions.get(OID.basicConstraints);
  if (bc) {
    const items = children(expectTag(readWhole(bc.value), 0x30, 'basicConstraints'));
    const first = items[0];
    const ca = first !== undefined && first.tag === 0x01 && value(first)[0] !== 0;
    const lenNode = items.find((c) => c.tag === 0x02);
    cert.basicConstraints = lenNode ? { ca, pathLen: smallNonNegative(lenNode) } : { ca };
  }
  const ku = extensions.get(OID.keyUsage);
  if (ku) {
    const bits = value(expectTag(readWhole(ku.value), 0x03, 'keyUsage'));
    const set = new Set<KeyUsageName>();
    KEY_USAGE_NAMES.forEach((name, bit) => {
      const byte = bits[1 + (bit >> 3)];
      if (byte !== undefined && byte & (0x80 >> (bit & 7))) set.add(name);
    });
    cert.keyUsage = set;
  }
  const eku = extensions.get(OID.extKeyUsage);
  if (eku) cert.extKeyUsage = children(expectTag(readWhole(eku.value), 0x30, 'extKeyUsage')).map(readOid);
  const san = extensions.get(OID.subjectAltName);
  if (san) {
    for (const g of children(expectTag(readWhole(san.value), 0x30, 'subjectAltName'))) {
      if (isContext(g, 1)) cert.emails.push(ascii(value(g)).toLowerCase());
      else if (isContext(g, 2)) cert.dnsNames.push(ascii(value(g)).toLowerCase());
    }
  }
  const ski = extensions.get(OID.subjectKeyIdentifier);
  if (ski) cert.subjectKeyId = toHex(value(expectTag(readWhole(ski.value), 0x04, 'subjectKeyIdentifier')));
  const aki = extensions.get(OID.authorityKeyIdentifier);
  if (aki) {
    const keyId = children(expectTag(readWhole(aki.value), 0x30, 'authorityKeyIdentifier')).find((c) => isContext(c, 0));
    if (keyId) cert.authorityKeyId = toHex(value(keyId));
  }
  return cert;
}

function smallNonNegative(n: BerNode): number {
  const v = value(n);
  if (v.length === 0 || v[0]! & 0x80) throw new Error('negative INTEGER');
  let x = 0;
  for (const b of v) x = Math.min(x * 256 + b, 1_000_000);
  return x;
}

const ascii = (b: Uint8Array): string => latin1(b); // no spread: a value can be longer than the argument limit

// ---- Names ----

/**
 * A comparison key for a DER Name: attribute types and values in order, values trimmed, inner whitespace
 * collapsed and case folded (a simplification of RFC 5280 section 7.1 that real issuers' names survive).
 */
export function nameKey(raw: Uint8Array): string {
  return children(readWhole(raw))
    .map((rdn) =>
      children(rdn)
        .map((atv) => {
          const type = readOid(child(atv, 0, 'AttributeTypeAndValue'));
          const v = child(atv, 1, 'AttributeTypeAndValue');
          const text = (v.tag & 0xe0) === 0 ? readText(v) : toHex(encoded(v));
          return `${type}=${text.trim().replace(/\s+/g, ' ').toLowerCase()}`;
        })
        .sort()
        .join('+'),
    )
    .join(',');
}

export function sameName(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length === b.length && a.every((x, i) => x === b[i])) return true;
  try {
    return nameKey(a) === nameKey(b);
  } catch {
    return false;
  }
}

/** True when `issuer`'s key made `cert`'s signature (WebCrypto; false for anything it cannot check). */
export async function signedBy(cert: ParsedCert, issuer: ParsedCert): Promise<boolean> {
  try {
    const root = readWhole(cert.der);
    const signature = value(expectTag(child(root, 2, 'Certificate'), 0x03, 'signatureValue')).subarray(1);
    return await verifiedBy(issuer, child(root, 1, 'Certificate'), signature, encoded(child(root, 0, 'Certificate')));
  } catch {
    return false;
  }
}
