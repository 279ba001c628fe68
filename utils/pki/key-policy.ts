/**
 * Which public keys DirectSeal will encrypt to or accept signatures from. An RSA key with public exponent 1 makes
 * "encryption" the identity (anyone reads the content key) and lets anyone make a signature that verifies; an
 * even exponent is no RSA key at all; a modulus under 2048 bits is below what NIST SP 800-131A and the Direct
 * community (DirectTrust) allow; a huge modulus or exponent only costs the reader time.
 */
import { DirectSealError } from '../errors';
import { children, errorDetail, expectTag, readExact, value } from '../cms/ber';
import { OID } from '../cms/oids';
import { parseCertificate, type ParsedCert } from './cert';
import { checkEncryptionKeyUsage } from './binding';

export const MIN_RSA_BITS = 2048;
/** Larger than any key a CA issues (16384 is OpenSSL's own limit); keeps a hostile key from costing seconds. */
export const MAX_RSA_BITS = 16384;
/** FIPS 186-5 allows exponents below 2^256; 65537 is what every real key uses. */
const MAX_EXPONENT_BITS = 256;

export interface RsaKeyFacts {
  modulusBits: number;
  exponent: bigint;
}

export interface KeyProblem {
  /** Anyone can make signatures that verify under this key (or read what is encrypted to it). */
  forgeable: boolean;
  detail: string;
}

/** The size and exponent of an RSA certificate's key; undefined for other key types. */
export function rsaKeyFacts(cert: ParsedCert): RsaKeyFacts | undefined {
  if (cert.spkiAlgorithm !== OID.rsaEncryption && cert.spkiAlgorithm !== OID.rsassaPss) return undefined;
  const [n, e] = children(expectTag(readExact(cert.publicKeyBits), 0x30, 'RSAPublicKey')).map((x) => value(expectTag(x, 0x02, 'RSA INTEGER')));
  if (!n || !e) throw new DirectSealError('NOT_A_CERTIFICATE', 'RSAPublicKey needs a modulus and an exponent');
  return { modulusBits: bitLength(n), exponent: e.length * 8 > MAX_EXPONENT_BITS + 8 ? -1n : toBigInt(e) };
}

function bitLength(b: Uint8Array): number {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  if (i === b.length) return 0;
  return (b.length - i - 1) * 8 + (32 - Math.clz32(b[i]!));
}

function toBigInt(b: Uint8Array): bigint {
  if (b.length && b[0]! & 0x80) return -1n; // negative
  let x = 0n;
  for (const byte of b) x = (x << 8n) | BigInt(byte);
  return x;
}

/** What is wrong with the certificate's key, or undefined when it is fit (or not RSA: other checks handle those). */
export function keyProblem(cert: ParsedCert): KeyProblem | undefined {
  let facts: RsaKeyFacts | undefined;
  try {
    facts = rsaKeyFacts(cert);
  } catch (e) {
    return { forgeable: true, detail: `"${cert.subject}" has an RSA key that cannot be read (${errorDetail(e)})` };
  }
  if (!facts) return undefined;
  const { modulusBits, exponent } = facts;
  const who = `"${cert.subject}"`;
  if (exponent < 3n || exponent % 2n === 0n || bitLength(bigIntBytes(exponent)) > MAX_EXPONENT_BITS) {
    const shown = exponent < 0n ? 'out of range' : exponent.toString();
    return { forgeable: true, detail: `${who} has an RSA public exponent of ${shown} (it must be odd and at least 3; 65537 is usual)` };
  }
  if (modulusBits < MIN_RSA_BITS) return { forgeable: false, detail: `${who} has an RSA key of ${modulusBits} bits (at least ${MIN_RSA_BITS} are needed)` };
  if (modulusBits > MAX_RSA_BITS) return { forgeable: false, detail: `${who} has an RSA key of ${modulusBits} bits (at most ${MAX_RSA_BITS} are read)` };
  return undefined;
}

function bigIntBytes(x: bigint): Uint8Array {
  const hex = x.toString(16);
  return Uint8Array.from((hex.length % 2 ? '0' + hex : hex).match(/../g)!.map((h) => parseInt(h, 16)));
}

/**
 * Refuses a certificate to encrypt to: CERT_KEY_USAGE when its keyUsage (where present) lacks keyEncipherment or
 * its extended key usage excludes e-mail; CERT_WEAK_KEY for an RSA key too small or with a bad exponent.
 */
export function checkRecipientCertificate(der: Uint8Array): void {
  const cert = parseCertificate(der);
  if (!checkEncryptionKeyUsage(cert)) {
    const usage = cert.keyUsage ? [...cert.keyUsage].join(', ') || 'none' : 'any';
    throw new DirectSealError('CERT_KEY_USAGE', `"${cert.subject}" may not receive encrypted mail (key usage: ${usage})`);
  }
  checkKeyStrength(cert);
}

/** CERT_WEAK_KEY for an RSA key too small or with a bad exponent. */
export function checkKeyStrength(cert: Uint8Array | ParsedCert): void {
  const problem = keyProblem(cert instanceof Uint8Array ? parseCertificate(cert) : cert);
  if (problem) throw new DirectSealError('CERT_WEAK_KEY', problem.detail);
}
