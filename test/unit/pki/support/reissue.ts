/**
 * A copy of a certificate with another public key (or a hostile exponent), re-signed by its real issuer: what a
 * CA that checks nothing would issue. Made with node:crypto, no openssl (openssl refuses to make such keys).
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { children, encoded, readExact, readOid, value, type BerNode } from '../../../../utils/cms/ber';

const equalOid = (n: BerNode, dotted: string) => readOid(n) === dotted;
import { algorithm, nullValue, octetString, oid, sequence, tlv } from '../../../../utils/cms/der';
import { OID } from '../../../../utils/cms/oids';
import { parseCertificate } from '../../../../utils/pki/cert';

/** An rsaEncryption SubjectPublicKeyInfo for modulus `n` and exponent `e` (big-endian magnitudes). */
export function rsaSpki(n: Uint8Array, e: Uint8Array): Uint8Array {
  const positive = (b: Uint8Array) => (b[0]! & 0x80 ? Uint8Array.of(0, ...b) : b);
  const key = sequence(tlv(0x02, positive(n)), tlv(0x02, positive(e)));
  return sequence(algorithm(OID.rsaEncryption, nullValue()), tlv(0x03, Uint8Array.of(0), key));
}

/** The modulus of a certificate's RSA key. */
export function modulusOf(cert: Uint8Array): Uint8Array {
  const key = readExact(parseCertificate(cert).publicKeyBits);
  const n = value(children(key)[0]!);
  return n[0] === 0 ? n.subarray(1) : n;
}

/** `cert` with its SubjectPublicKeyInfo replaced by `spki`, signed (SHA-256/RSA) with `issuerKeyPem`. */
export function reissue(cert: Uint8Array, spki: Uint8Array, issuerKeyPem: string): Uint8Array {
  return reissueWith(cert, { spki }, issuerKeyPem);
}

export interface Changes {
  spki?: Uint8Array;
  /** An encoded Name. */
  subject?: Uint8Array;
  /** rfc822Name values for a new subjectAltName extension (replacing the old one). */
  emails?: string[];
}

/** A Name of one RDN: organizationName as a UTF8String of `value`. */
export const nameOf = (value: string): Uint8Array => namesOf([value]);

/** A Name of one organizationalUnitName RDN per value (a long name of many elements). */
export const namesOf = (values: string[]): Uint8Array =>
  sequence(...values.map((v) => tlv(0x31, sequence(oid('2.5.4.11'), tlv(0x0c, new TextEncoder().encode(v))))));

export function reissueWith(cert: Uint8Array, changes: Changes, issuerKeyPem: string): Uint8Array {
  const tbs = children(readExact(cert))[0]!;
  const nodes = children(tbs);
  const fields = nodes.map(encoded);
  const v = fields[0]![0] === 0xa0 ? 1 : 0;
  const spkiIndex = v + 5;
  if (changes.spki) fields[spkiIndex] = changes.spki;
  if (changes.subject) fields[v + 4] = changes.subject;
  if (changes.emails) {
    const extIndex = nodes.findIndex((n) => n.tag === 0xa3);
    const list = children(children(nodes[extIndex]!)[0]!);
    const kept = list.filter((e) => !equalOid(children(e)[0]!, '2.5.29.17')).map(encoded);
    const san = sequence(oid('2.5.29.17'), octetString(sequence(...changes.emails.map((e) => tlv(0x81, new TextEncoder().encode(e))))));
    fields[extIndex] = tlv(0xa3, sequence(...kept, san));
  }
  // Keep the old inner signature AlgorithmIdentifier consistent with what we sign with.
  fields[spkiIndex - 4] = algorithm(OID.sha256WithRsa, nullValue());
  const newTbs = sequence(...fields);
  const signature = sign('sha256', newTbs, readFileSync(issuerKeyPem));
  return sequence(newTbs, algorithm(OID.sha256WithRsa, nullValue()), tlv(0x03, Uint8Array.of(0), signature));
}

/** A fresh RSA key of `bits` as an SPKI (node:crypto, fast for small sizes). */
export function freshRsaSpki(bits: number): Uint8Array {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
}

