/**
 * A PKCS#8 private key wrapped under a KEK kept in IndexedDB: how earlier versions stored keys without the
 * lock (worthless against a disk reader: the KEK lies beside it). Read now only until the database is
 * rewritten under the vault (keyservice/rewrap.ts); `wrapPrivateKey` remains to build such installs in tests.
 */
import { DirectSealError } from '../errors';
import { zeroize } from '../bytes';
import { openPrivateKey, sealPrivateKey } from './aes-gcm';
import type { KekWrappedKey } from './wrapped-key';

export async function wrapPrivateKey(pkcs8: Uint8Array, kek: CryptoKey): Promise<KekWrappedKey> {
  const { iv, ciphertext } = await sealPrivateKey(pkcs8, kek);
  return { kind: 'kek', alg: 'AES-GCM', iv, ciphertext };
}

/** The caller owns the returned PKCS#8 and must zeroize it; prefer `withPrivateKey`. */
export async function unwrapPrivateKey(wrapped: KekWrappedKey, kek: CryptoKey): Promise<Uint8Array> {
  try {
    return await openPrivateKey(wrapped, kek);
  } catch (e) {
    // Only a different KEK (a reinstall, a cleared profile) or damaged storage gets here.
    throw new DirectSealError('KEY_STORE_DAMAGED', 'the stored private key cannot be unwrapped with this install\'s key', { cause: e });
  }
}

/** Lends the PKCS#8 to `use` for one operation and zeroes it afterwards, whatever `use` does. */
export async function withPrivateKey<T>(
  wrapped: KekWrappedKey,
  kek: CryptoKey,
  use: (pkcs8: Uint8Array) => Promise<T> | T,
): Promise<T> {
  const pkcs8 = await unwrapPrivateKey(wrapped, kek);
  try {
    return await use(pkcs8);
  } finally {
    zeroize(pkcs8);
  }
}
