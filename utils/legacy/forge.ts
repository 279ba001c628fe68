/**
 * node-forge for what WebCrypto lacks: 3DES and RC2 (old peers' messages, legacy PKCS#12) and synchronous
 * SHA-384/512 for the rare .p12 that asks for them. Its RSA is in ./forge-rsa.ts: forge's RSA starts a random generator when loaded, which sealing,
 * reading a .p12 or opening a 3DES message do not need. The two files are the only users of node-forge, so it
 * is easy to drop when browsers catch up (see DESIGN.md section 4).
 */
// Only the modules used here (see forge-modules.d.ts): the package's index would also load TLS, SSH, PKCS#7,
// X.509 and ed25519, which cost every start of the CLI and the background.
import forge from 'node-forge/lib/forge';
import 'node-forge/lib/cipher';
import 'node-forge/lib/aes';
import 'node-forge/lib/des';
import 'node-forge/lib/rc2';
import 'node-forge/lib/sha512';
import { fromLatin1, latin1 } from '../bytes';

const toBinary = (b: Uint8Array): string => latin1(b);

/** 3DES-CBC content decryption for messages from old peers (WebCrypto has no 3DES). Throws on bad padding. */
export function desEde3CbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const decipher = forge.cipher.createDecipher('3DES-CBC', toBinary(key));
  decipher.start({ iv: toBinary(iv) });
  decipher.update(forge.util.createBuffer(toBinary(ciphertext)));
  if (!decipher.finish()) throw new Error('3DES-CBC padding check failed');
  return fromLatin1(decipher.output.getBytes());
}

// ---- Legacy key containers (PKCS#12 PBE, PBES2 with 3DES, traditional OpenSSL PEM) ----

export type LegacyCipher = 'des-ede3-cbc' | 'rc2-cbc' | 'aes-cbc';

/**
 * CBC decryption with PKCS#7 padding for the ciphers WebCrypto lacks (3DES, RC2; AES-192, which Chromium
 * refuses). Returns null when the padding is wrong, which for a password-derived key means a wrong password.
 * `rc2EffectiveBits` is the RC2 effective key length (40 or 128 in PKCS#12).
 */
export function legacyCbcDecrypt(
  cipher: LegacyCipher,
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  rc2EffectiveBits?: number,
): Uint8Array | null {
  const input = forge.util.createBuffer(toBinary(data));
  let ok: boolean;
  let out: forge.util.ByteBuffer;
  if (cipher === 'rc2-cbc') {
    const c = forge.rc2.createDecryptionCipher(toBinary(key), rc2EffectiveBits ?? key.length * 8);
    c.start(toBinary(iv));
    c.update(input);
    ok = c.finish();
    out = c.output;
  } else {
    const c = forge.cipher.createDecipher(cipher === 'aes-cbc' ? 'AES-CBC' : '3DES-CBC', toBinary(key));
    c.start({ iv: toBinary(iv) });
    c.update(input);
    ok = c.finish();
    out = c.output;
  }
  return ok ? fromLatin1(out.getBytes()) : null;
}

/** The hashes forge gives here: SHA-1 and SHA-256 are our own (utils/pki/sha1.ts, sha256.ts). */
export type SyncHash = 'SHA-384' | 'SHA-512';

/** A synchronous digest (the PKCS#12 key derivation iterates a hash thousands of times; WebCrypto is async). */
export function hashSync(alg: SyncHash): (data: Uint8Array) => Uint8Array {
  const make = {
    'SHA-384': () => forge.md.sha384.create(),
    'SHA-512': () => forge.md.sha512.create(),
  }[alg];
  return (data) => {
    const md = make();
    md.update(toBinary(data));
    return fromLatin1(md.digest().getBytes());
  };
}

