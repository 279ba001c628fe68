/**
 * RSAES-PKCS1-v1_5 encryption (RFC 8017 7.2.1) of a content-encryption key to a recipient's public key, on
 * BigInt. WebCrypto has no PKCS#1 v1.5 encryption, and Direct peers expect it (it is the default key transport
 * of every S/MIME implementation). It is a public-key operation over public values and a random padding, so
 * nothing secret shapes its timing but the key being wrapped, as in any library that does it. Decryption, a
 * private-key operation, is not here (utils/legacy/forge-rsa.ts, with implicit rejection).
 */
import { randomBytes } from '../crypto';
import { DirectSealError } from '../errors';
import { children, expectTag, readExact, value } from './ber';

interface RsaPublicKey {
  n: bigint;
  e: bigint;
  /** The modulus length in bytes (k in RFC 8017). */
  size: number;
}

const toBigInt = (b: Uint8Array): bigint => {
  let hex = '0';
  for (const x of b) hex += x.toString(16).padStart(2, '0');
  return BigInt('0x' + hex);
};

function toBytes(x: bigint, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = size - 1; i >= 0 && x > 0n; i--, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
}

/** The modulus and exponent of an RSA SubjectPublicKeyInfo. */
function rsaPublicKey(spki: Uint8Array): RsaPublicKey {
  const [, bits] = children(expectTag(readExact(spki), 0x30, 'SubjectPublicKeyInfo'));
  const [nNode, eNode] = children(expectTag(readExact(value(expectTag(bits, 0x03, 'subjectPublicKey')).subarray(1)), 0x30, 'RSAPublicKey'));
  const n = toBigInt(value(expectTag(nNode, 0x02, 'modulus')));
  const e = toBigInt(value(expectTag(eNode, 0x02, 'publicExponent')));
  if (n <= 0n || e <= 1n) throw new DirectSealError('CERT_WEAK_KEY', 'the RSA public key has no usable modulus or exponent');
  return { n, e, size: Math.ceil(n.toString(16).length / 2) };
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  base %= modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * base) % modulus;
    base = (base * base) % modulus;
  }
  return result;
}

/** Random padding bytes, none of them zero (RFC 8017 7.2.1 step 2a). */
function nonZeroRandom(length: number): Uint8Array {
  const out = randomBytes(length);
  for (let i = 0; i < length; i++) {
    while (out[i] === 0) out[i] = randomBytes(1)[0]!;
  }
  return out;
}

export function rsaPkcs1v15Encrypt(spki: Uint8Array, message: Uint8Array): Uint8Array {
  const key = rsaPublicKey(spki);
  if (message.length > key.size - 11) {
    throw new DirectSealError('CERT_WEAK_KEY', `an RSA key of ${key.size * 8} bits cannot carry a ${message.length}-byte content key`);
  }
  const padded = new Uint8Array(key.size); // 0x00 0x02 PS 0x00 M
  padded[1] = 0x02;
  padded.set(nonZeroRandom(key.size - message.length - 3), 2);
  padded.set(message, key.size - message.length);
  return toBytes(modPow(toBigInt(padded), key.e, key.n), key.size);
}
