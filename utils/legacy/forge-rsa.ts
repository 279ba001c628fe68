/**
 * node-forge's RSA, for the private-key operations WebCrypto lacks: RSAES-PKCS1-v1_5 decryption (opening) and
 * traditional OpenSSL encrypted PEM keys. Apart from ./forge.ts because loading forge's RSA starts its random
 * generator; only what opens a message or reads such a key imports this.
 */
import forge from 'node-forge/lib/forge';
import 'node-forge/lib/asn1';
import 'node-forge/lib/rsa';
import 'node-forge/lib/pbe';
import 'node-forge/lib/md5';
import 'node-forge/lib/des';
import 'node-forge/lib/aes';
import { fromLatin1, latin1, zeroize } from '../bytes';
import { randomBytes } from '../crypto';

const toBinary = (b: Uint8Array): string => latin1(b);

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

/**
 * A traditional OpenSSL encrypted PEM RSA key ("Proc-Type: 4,ENCRYPTED" + DEK-Info, key derived with
 * EVP_BytesToKey/MD5) to PKCS#8 DER; null when the passphrase is wrong.
 */
export function decryptTraditionalRsaPem(pem: string, passphrase: string): Uint8Array | null {
  let key: forge.pki.rsa.PrivateKey | null;
  try {
    key = forge.pki.decryptRsaPrivateKey(pem, passphrase) as forge.pki.rsa.PrivateKey | null;
  } catch {
    return null;
  }
  if (!key) return null;
  const info = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key));
  return fromLatin1(forge.asn1.toDer(info).getBytes());
}
