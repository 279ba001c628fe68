/**
 * The one place that uses node-forge: what WebCrypto lacks (RSAES-PKCS1-v1_5, 3DES/RC2 in legacy PKCS#12).
 * Kept in one module so it is easy to drop when browsers catch up (see DESIGN.md section 4).
 */
import forge from 'node-forge';
import { fromLatin1, latin1, zeroize } from '../bytes';
import { randomBytes } from '../crypto';

const toBinary = (b: Uint8Array): string => latin1(b);

/** RSAES-PKCS1-v1_5 encryption to a SubjectPublicKeyInfo (a public-key operation: sealing). */
export function rsaPkcs1v15Encrypt(spkiDer: Uint8Array, data: Uint8Array): Uint8Array {
  const key = forge.pki.publicKeyFromAsn1(forge.asn1.fromDer(toBinary(spkiDer))) as forge.pki.rsa.PublicKey;
  return fromLatin1(key.encrypt(toBinary(data), 'RSAES-PKCS1-V1_5'));
}

/**
 * RSAES-PKCS1-v1_5 decryption with a PKCS#8 key. A bad padding never throws: it yields random bytes of the
 * expected length (RFC 3218 section 2.3.2 "implicit rejection"), so the failure surfaces later as an ordinary
 * content decryption failure and cannot be told apart (Bleichenbacher/Marvin oracles).
 */
export function rsaPkcs1v15Decrypt(pkcs8Der: Uint8Array, data: Uint8Array, expectedLength: number): Uint8Array {
  const info = forge.asn1.fromDer(toBinary(pkcs8Der));
  const key = forge.pki.privateKeyFromAsn1(info) as forge.pki.rsa.PrivateKey;
  let out: Uint8Array;
  try {
    out = fromLatin1(key.decrypt(toBinary(data), 'RSAES-PKCS1-V1_5'));
  } catch {
    out = randomBytes(expectedLength);
  }
  if (out.length !== expectedLength) {
    zeroize(out);
    out = randomBytes(expectedLength);
  }
  return out;
}

/** 3DES-CBC content decryption for messages from old peers (WebCrypto has no 3DES). Throws on bad padding. */
export function desEde3CbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const decipher = forge.cipher.createDecipher('3DES-CBC', toBinary(key));
  decipher.start({ iv: toBinary(iv) });
  decipher.update(forge.util.createBuffer(toBinary(ciphertext)));
  if (!decipher.finish()) throw new Error('3DES-CBC padding check failed');
  return fromLatin1(decipher.output.getBytes());
}
