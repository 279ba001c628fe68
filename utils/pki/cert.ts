/**
 * Internal: one parse of a DER certificate into what the rest of the layer needs. The raw fields (names,
 * serial, extensions) come from our own BER walk so they are byte-exact; signatures are checked with
 * @peculiar/x509 on the WebCrypto from utils/crypto.ts.
 */
import { toHex } from '../bytes';
import { getCrypto } from '../crypto';
import { DirectSealError } from '../errors';
import { child, expect, isContext, isUniversal, oidString, parse, readString, Tag, type Node } from './asn1';
import { OID } from '../cms/oids';
import { x509 } from './x509';

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
  x: x509.X509Certificate;
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

export function parseCertificate(der: Uint8Array): ParsedCert {
  let root: Node;
  let x: x509.X509Certificate;
  try {
    root = parse(der);
    x = new x509.X509Certificate(der.slice());
  } catch (e) {
    throw new DirectSealError('NOT_A_CERTIFICATE', e instanceof Error ? e.message : String(e), { cause: e });
  }
  try {
    return fromNodes(der, root, x);
  } catch (e) {
    throw new DirectSealError('NOT_A_CERTIFICATE', e instanceof Error ? e.message : String(e), { cause: e });
  }
}

function fromNodes(der: Uint8Array, root: Node, x: x509.X509Certificate): ParsedCert {
  expect(root, Tag.SEQUENCE, 'Certificate');
  const tbs = expect(child(root, 0, 'Certificate'), Tag.SEQUENCE, 'TBSCertificate');
  const sigAlg = expect(child(root, 1, 'Certificate'), Tag.SEQUENCE, 'signatureAlgorithm');
  let i = isContext(tbs.children[0], 0) ? 1 : 0;
  const serialNode = expect(child(tbs, i++, 'serialNumber'), Tag.INTEGER, 'serialNumber');
  i++; // inner signature AlgorithmIdentifier
  const issuer = expect(child(tbs, i++, 'issuer'), Tag.SEQUENCE, 'issuer');
  i++; // validity (x509 reads the dates)
  const subject = expect(child(tbs, i++, 'subject'), Tag.SEQUENCE, 'subject');
  const spki = expect(child(tbs, i++, 'subjectPublicKeyInfo'), Tag.SEQUENCE, 'subjectPublicKeyInfo');
  const spkiAlg = expect(child(spki, 0, 'spki'), Tag.SEQUENCE, 'spki algorithm');
  const keyBits = expect(child(spki, 1, 'spki'), Tag.BIT_STRING, 'spki key');

  const serial = serialNode.value;
  let s = 0;
  while (s < serial.length - 1 && serial[s] === 0) s++;
  const serialHex = toHex(serial.subarray(s)).toUpperCase();

  const extensions = new Map<string, Extension>();
  const extWrap = tbs.children.find((c) => isContext(c, 3));
  if (extWrap) {
    const list = expect(child(extWrap, 0, 'extensions'), Tag.SEQUENCE, 'extensions');
    for (const e of list.children) {
      const id = oidString(expect(child(e, 0, 'extension'), Tag.OID, 'extnID'));
      const flag = e.children[1];
      const critical = flag !== undefined && isUniversal(flag, Tag.BOOLEAN) && flag.value[0] !== 0;
      const value = expect(e.children[e.children.length - 1], Tag.OCTET_STRING, 'extnValue').value;
      if (extensions.has(id)) throw new Error(`duplicate certificate extension ${id}`);
      extensions.set(id, { critical, value });
    }
  }

  const parameter = spkiAlg.children[1];
  const cert: ParsedCert = {
    der,
    x,
    serial,
    serialHex,
    issuerRaw: issuer.raw,
    subjectRaw: subject.raw,
    spkiRaw: spki.raw,
    spkiAlgorithm: oidString(child(spkiAlg, 0, 'spki algorithm')),
    publicKeyBits: keyBits.value.subarray(1),
    signatureAlgorithm: oidString(child(sigAlg, 0, 'signatureAlgorithm')),
    notBefore: x.notBefore,
    notAfter: x.notAfter,
    extensions,
    emails: [],
    dnsNames: [],
  };
  if (parameter && isUniversal(parameter, Tag.OID)) cert.spkiParameter = oidString(parameter);

  const bc = extensions.get(OID.basicConstraints);
  if (bc) {
    const n = expect(parse(bc.value), Tag.SEQUENCE, 'basicConstraints');
    const first = n.children[0];
    const ca = first !== undefined && isUniversal(first, Tag.BOOLEAN) && first.value[0] !== 0;
    const lenNode = n.children.find((c) => isUniversal(c, Tag.INTEGER));
    cert.basicConstraints = lenNode ? { ca, pathLen: smallNonNegative(lenNode) } : { ca };
  }
  const ku = extensions.get(OID.keyUsage);
  if (ku) {
    const bits = expect(parse(ku.value), Tag.BIT_STRING, 'keyUsage').value;
    const set = new Set<KeyUsageName>();
    KEY_USAGE_NAMES.forEach((name, bit) => {
      const byte = bits[1 + (bit >> 3)];
      if (byte !== undefined && byte & (0x80 >> (bit & 7))) set.add(name);
    });
    cert.keyUsage = set;
  }
  const eku = extensions.get(OID.extKeyUsage);
  if (eku) cert.extKeyUsage = expect(parse(eku.value), Tag.SEQUENCE, 'extKeyUsage').children.map(oidString);
  const san = extensions.get(OID.subjectAltName);
  if (san) {
    for (const g of expect(parse(san.value), Tag.SEQUENCE, 'subjectAltName').children) {
      if (isContext(g, 1)) cert.emails.push(ascii(g.value).toLowerCase());
      else if (isContext(g, 2)) cert.dnsNames.push(ascii(g.value).toLowerCase());
    }
  }
  const ski = extensions.get(OID.subjectKeyIdentifier);
  if (ski) cert.subjectKeyId = toHex(expect(parse(ski.value), Tag.OCTET_STRING, 'subjectKeyIdentifier').value);
  const aki = extensions.get(OID.authorityKeyIdentifier);
  if (aki) {
    const keyId = expect(parse(aki.value), Tag.SEQUENCE, 'authorityKeyIdentifier').children.find((c) => isContext(c, 0));
    if (keyId) cert.authorityKeyId = toHex(keyId.value);
  }
  return cert;
}

function smallNonNegative(n: Node): number {
  const v = n.value;
  if (v.length === 0 || v[0]! & 0x80) throw new Error('negative INTEGER');
  let x = 0;
  for (const b of v) x = Math.min(x * 256 + b, 1_000_000);
  return x;
}

const ascii = (b: Uint8Array): string => String.fromCharCode(...b);

// ---- Names ----

/**
 * A comparison key for a DER Name: attribute types and values in order, values trimmed, inner whitespace
 * collapsed and case folded (a simplification of RFC 5280 section 7.1 that real issuers' names survive).
 */
export function nameKey(raw: Uint8Array): string {
  const name = parse(raw);
  return name.children
    .map((rdn) =>
      rdn.children
        .map((atv) => {
          const type = oidString(child(atv, 0, 'AttributeTypeAndValue'));
          const v = child(atv, 1, 'AttributeTypeAndValue');
          const text = v.cls === 0 && !v.constructed ? readString(v) : toHex(v.raw);
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
    return await cert.x.verify({ publicKey: issuer.x.publicKey, signatureOnly: true }, getCrypto());
  } catch {
    return false;
  }
}
