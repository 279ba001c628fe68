/**
 * The few certificate fields CMS needs (RFC 5280 4.1), read straight from the DER: issuer and serial number
 * (IssuerAndSerialNumber), the public key, the subject key identifier. Full certificate handling is in utils/pki.
 */
import { children, encoded, expectTag, readNode, readOid, value, type BerNode } from './ber';
import { equalBytes } from '../bytes';
import { OID } from './oids';

export interface CertificateFields {
  der: Uint8Array;
  serial: Uint8Array; // INTEGER content octets
  issuer: Uint8Array; // Name, encoded
  subject: Uint8Array; // Name, encoded
  spki: Uint8Array; // SubjectPublicKeyInfo, encoded
  publicKeyAlgorithm: string; // OID
  subjectKeyIdentifier?: Uint8Array;
}


export function certificateFields(der: Uint8Array): CertificateFields {
  const cert = expectTag(readNode(der), 0x30, 'a certificate');
  const tbs = expectTag(children(cert)[0], 0x30, 'a TBSCertificate');
  const f = children(tbs);
  const i = f[0]?.tag === 0xa0 ? 1 : 0; // [0] EXPLICIT version is optional (v1)
  const serial = expectTag(f[i], 0x02, 'a serial number');
  const issuer = expectTag(f[i + 2], 0x30, 'an issuer name');
  const subject = expectTag(f[i + 4], 0x30, 'a subject name');
  const spki = expectTag(f[i + 5], 0x30, 'a public key');
  const alg = children(expectTag(children(spki)[0], 0x30, 'a key algorithm'))[0]!;
  const extensions = f.find((n) => n.tag === 0xa3);
  return {
    der,
    serial: value(serial),
    issuer: encoded(issuer),
    subject: encoded(subject),
    spki: encoded(spki),
    publicKeyAlgorithm: readOid(alg),
    subjectKeyIdentifier: extensions ? findSki(extensions) : undefined,
  };
}

function findSki(extensionsTag: BerNode): Uint8Array | undefined {
  const list = children(extensionsTag)[0];
  if (!list) return undefined;
  for (const ext of children(list)) {
    const parts = children(ext);
    if (parts[0] && readOid(parts[0]) === OID.subjectKeyIdentifier) {
      const octets = parts[parts.length - 1]!;
      return value(readNode(value(octets))); // extnValue wraps a KeyIdentifier OCTET STRING
    }
  }
  return undefined;
}

/** Strips leading zero octets so serials compare by value, as some peers pad differently. */
function serialValue(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

export function sameIssuerAndSerial(c: CertificateFields, issuer: Uint8Array, serial: Uint8Array): boolean {
  return equalBytes(c.issuer, issuer) && equalBytes(serialValue(c.serial), serialValue(serial));
}
