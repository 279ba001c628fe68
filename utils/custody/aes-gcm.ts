/** AES-256-GCM sealing shared by the vault and the passphrase lock: a fresh 96-bit IV per seal (SP 800-38D). */
import { subtle, randomBytes } from '../crypto';
import { toArrayBuffer } from '../bytes';

const IV_BYTES = 12;

/** Binds every ciphertext to its purpose, so a wrapped key cannot be passed off as, say, a wrapped draft. */
const PRIVATE_KEY_AAD = new TextEncoder().encode('directseal/pkcs8/v1');

export interface Sealed {
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

export async function sealPrivateKey(pkcs8: Uint8Array, key: CryptoKey): Promise<Sealed> {
  return sealBytes(pkcs8, key, PRIVATE_KEY_AAD);
}

/** Rejects (OperationError) when the key is wrong or the bytes were altered: GCM's tag decides, not us. */
export async function openPrivateKey(sealed: Sealed, key: CryptoKey): Promise<Uint8Array> {
  return openBytes(sealed, key, PRIVATE_KEY_AAD);
}

export async function sealBytes(plain: Uint8Array, key: CryptoKey, aad: Uint8Array): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  const ciphertext = await subtle().encrypt(
    { name: 'AES-GCM', iv: toArrayBuffer(iv), additionalData: toArrayBuffer(aad) },
    key,
    // The view itself, not a copy: a copy of the plaintext key would outlive the caller's zeroize.
    plain as Uint8Array<ArrayBuffer>,
  );
  return { iv, ciphertext: new Uint8Array(ciphertext) };
}

export async function openBytes(sealed: Sealed, key: CryptoKey, aad: Uint8Array): Promise<Uint8Array> {
  const plain = await subtle().decrypt(
    { name: 'AES-GCM', iv: toArrayBuffer(sealed.iv), additionalData: toArrayBuffer(aad) },
    key,
    toArrayBuffer(sealed.ciphertext),
  );
  return new Uint8Array(plain);
}
