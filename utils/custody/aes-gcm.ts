/** AES-256-GCM sealing shared by the KEK and the passphrase lock: a fresh 96-bit IV per seal (SP 800-38D). */
import { subtle, randomBytes } from '../crypto';
import { toArrayBuffer } from '../bytes';

const IV_BYTES = 12;

/** Binds every ciphertext to its purpose, so a wrapped key cannot be passed off as, say, a wrapped draft. */
const PRIVATE_KEY_AAD = new TextEncoder().encode('directseal/pkcs8/v1');

export async function sealPrivateKey(pkcs8: Uint8Array, key: CryptoKey): Promise<{ iv: Uint8Array; ciphertext: Uint8Array }> {
  const iv = randomBytes(IV_BYTES);
  const ciphertext = await subtle().encrypt(
    { name: 'AES-GCM', iv: toArrayBuffer(iv), additionalData: PRIVATE_KEY_AAD },
    key,
    // The view itself, not a copy: a copy of the plaintext key would outlive the caller's zeroize.
    pkcs8 as Uint8Array<ArrayBuffer>,
  );
  return { iv, ciphertext: new Uint8Array(ciphertext) };
}

/** Rejects (OperationError) when the key is wrong or the bytes were altered: GCM's tag decides, not us. */
export async function openPrivateKey(sealed: { iv: Uint8Array; ciphertext: Uint8Array }, key: CryptoKey): Promise<Uint8Array> {
  const plain = await subtle().decrypt(
    { name: 'AES-GCM', iv: toArrayBuffer(sealed.iv), additionalData: PRIVATE_KEY_AAD },
    key,
    toArrayBuffer(sealed.ciphertext),
  );
  return new Uint8Array(plain);
}
