/** Reading certificates (PEM, DER, .p7b bundles), CRLs, and describing a certificate for people. */
import { equalBytes, latin1, toHex } from '../bytes';
import { subtle } from '../crypto';
import { DirectSealError } from '../errors';
import { child, children, encoded, errorDetail, expectTag, isContext, readNode, readOid, readWhole, wellFormed, type BerNode } from '../cms/ber';
import { nameKey, parseCertificate, signedBy, type KeyUsageName, type ParsedCert } from './cert';
import { OID } from '../cms/oids';
import { CURVE_NAMES, SIGNATURE_ALGORITHM_NAMES } from './oids';
import { base64Bytes, isPem, pemBlocks } from './pem';
import { readCrl } from './crl';
import { rsaKeyFacts } from './key-policy';

const CERT_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);
const PKCS7_LABELS = new Set(['PKCS7', 'PKCS #7 SIGNED DATA', 'CMS']);
const CRL_LABELS = new Set(['X509 CRL', 'CRL']);

/**
 * Every certificate in `bytes`, as DER, in file order, duplicates removed: PEM (CERTIFICATE blocks and PKCS7
 * blocks, other text ignored), a DER certificate, a DER or PEM certs-only PKCS#7 (.p7b, DirectTrust bundles),
 * or bare base64 of either. Throws NOT_A_CERTIFICATE when there is none (a key file, garbage).
 */
export function readCertificates(bytes: Uint8Array): Uint8Array[] {
  const found: Uint8Array[] = [];
  if (isPem(bytes)) {
    const blocks = pemBlocks(latin1(bytes));
    for (const b of blocks) {
      if (CERT_LABELS.has(b.label)) found.push(firstElement(b.der));
      else if (PKCS7_LABELS.has(b.label)) found.push(...pkcs7Certificates(b.der));
    }
    if (found.length === 0) {
      const labels = blocks.map((b) => b.label).join(', ');
      throw new DirectSealError('NOT_A_CERTIFICATE', labels ? `the PEM file holds ${labels}` : 'no readable PEM block');
    }
  } else {
    const der = derOrBase64(bytes);
    if (!der) throw new DirectSealError('NOT_A_CERTIFICATE', 'neither PEM nor DER');
    found.push(...(looksLikePkcs7(der) ? pkcs7Certificates(der) : [der]));
  }
  const out: Uint8Array[] = [];
  for (const der of found) {
    parseCertificate(der); // throws NOT_A_CERTIFICATE
    if (!out.some((o) => equalBytes(o, der))) out.push(der);
  }
  if (out.length === 0) throw new DirectSealError('NOT_A_CERTIFICATE', 'the bundle holds no certificate');
  return out;
}

/**
 * Every CRL in `bytes` (PEM X509 CRL blocks or one DER CRL), as DER, each checked whole (bounded: see ./crl.ts).
 * CRL_UNREADABLE when there is none or one is damaged.
 */
export function readCrls(bytes: Uint8Array): Uint8Array[] {
  let found: Uint8Array[];
  if (isPem(bytes)) {
    found = pemBlocks(latin1(bytes))
      .filter((b) => CRL_LABELS.has(b.label))
      .map((b) => b.der);
  } else {
    const der = derOrBase64(bytes);
    found = der ? [der] : [];
  }
  for (const der of found) readCrl(der);
  if (found.length === 0) throw new DirectSealError('CRL_UNREADABLE', 'the file holds no CRL');
  return found;
}

function derOrBase64(bytes: Uint8Array): Uint8Array | null {
  if (bytes[0] === 0x30) return bytes;
  const text = latin1(bytes).trim();
  const der = text.length > 0 ? base64Bytes(text) : null;
  return der && der[0] === 0x30 ? der : null;
}

/** The first element only: an OpenSSL "TRUSTED CERTIFICATE" carries trust settings after the certificate. */
function firstElement(der: Uint8Array): Uint8Array {
  try {
    return encoded(wellFormed(readNode(der)));
  } catch {
    return der;
  }
}

function looksLikePkcs7(der: Uint8Array): boolean {
  try {
    return children(readWhole(der))[0]?.tag === 0x06;
  } catch {
    return false;
  }
}

/** Certificates of a PKCS#7/CMS SignedData (certs-only bundle or signed message), byte-exact. */
function pkcs7Certificates(der: Uint8Array): Uint8Array[] {
  let root: BerNode;
  try {
    root = readWhole(der);
  } catch (e) {
    throw new DirectSealError('NOT_A_CERTIFICATE', `damaged PKCS#7: ${errorDetail(e)}`);
  }
  try {
    const type = readOid(expectTag(child(root, 0, 'ContentInfo'), 0x06, 'contentType'));
    if (type !== OID.signedData) throw new Error(`PKCS#7 content ${type} is not SignedData`);
    const wrapper = child(root, 1, 'ContentInfo');
    if (!isContext(wrapper, 0)) throw new Error('ContentInfo content is not [0]');
    const sd = expectTag(child(wrapper, 0, 'SignedData'), 0x30, 'SignedData');
    const certs = children(sd).find((c) => c.tag === 0xa0);
    return (certs ? children(certs) : []).filter((c) => c.tag === 0x30).map(encoded);
  } catch (e) {
    throw new DirectSealError('NOT_A_CERTIFICATE', errorDetail(e));
  }
}

export interface CertificateInfo {
  /** RFC 4514-style, in the order of the encoding, e.g. "E=a@b.org, CN=Greg Meyer, C=US". */
  subject: string;
  issuer: string;
  /** Uppercase hex, no leading zero octets (as `openssl x509 -serial` prints it). */
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER, uppercase hex pairs joined by colons. */
  fingerprintSha256: string;
  /** subjectAltName rfc822Name values, lowercased. */
  emailAddresses: string[];
  /** subjectAltName dNSName values, lowercased. */
  dnsNames: string[];
  isCa: boolean;
  /** Key usage names (digitalSignature, keyEncipherment, ...), absent when the certificate has no keyUsage. */
  keyUsage?: KeyUsageName[];
  /** Subject equals issuer and the certificate's own key verifies its signature. */
  selfSigned: boolean;
  /** "RSA 2048", "EC P-256", "Ed25519"... */
  publicKeyAlgorithm: string;
  /** As OpenSSL names it: "sha256WithRSAEncryption", "sha1WithRSAEncryption", "ecdsa-with-SHA256"... */
  signatureAlgorithm: string;
}

/** What a person needs to recognise a certificate. Async: the fingerprint and self-signature use WebCrypto. */
export async function certificateInfo(der: Uint8Array): Promise<CertificateInfo> {
  const c = parseCertificate(der);
  const digest = new Uint8Array(await subtle().digest('SHA-256', der.slice()));
  let selfSigned = false;
  try {
    selfSigned = nameKey(c.subjectRaw) === nameKey(c.issuerRaw) && (await signedBy(c, c));
  } catch {
    selfSigned = false;
  }
  const info: CertificateInfo = {
    subject: c.subject,
    issuer: c.issuer,
    serialNumber: c.serialHex,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    fingerprintSha256: fingerprintHex(digest),
    emailAddresses: [...c.emails],
    dnsNames: [...c.dnsNames],
    isCa: c.basicConstraints?.ca ?? false,
    selfSigned,
    publicKeyAlgorithm: publicKeyAlgorithm(c),
    signatureAlgorithm: SIGNATURE_ALGORITHM_NAMES[c.signatureAlgorithm] ?? c.signatureAlgorithm,
  };
  if (c.keyUsage) info.keyUsage = [...c.keyUsage];
  return info;
}

export const fingerprintHex = (digest: Uint8Array): string =>
  toHex(digest)
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');

function publicKeyAlgorithm(c: ParsedCert): string {
  switch (c.spkiAlgorithm) {
    case OID.rsaEncryption:
    case OID.rsassaPss: {
      const label = c.spkiAlgorithm === OID.rsassaPss ? 'RSA-PSS' : 'RSA';
      // Our own reading of the key: @peculiar/x509's throws a plain Error for a damaged one (found by fuzzing).
      let bits: number | undefined;
      try {
        bits = rsaKeyFacts(c)?.modulusBits;
      } catch {
        return `${label} (unreadable key)`;
      }
      return bits ? `${label} ${bits}` : label;
    }
    case OID.ecPublicKey:
      return `EC ${(c.spkiParameter && CURVE_NAMES[c.spkiParameter]) ?? c.spkiParameter ?? ''}`.trim();
    case OID.ed25519:
      return 'Ed25519';
    case OID.ed448:
      return 'Ed448';
    default:
      return c.spkiAlgorithm;
  }
}
