/**
 * Moving a key between the two kinds of rest when the user turns the passphrase lock on or off. The PKCS#8
 * exists in the clear only between the two steps and is zeroed right after.
 */
import { zeroize } from '../bytes';
import { lockKey, unlockKey } from './passphrase';
import { unwrapPrivateKey, wrapPrivateKey } from './wrap';
import type { KekWrappedKey, PassphraseWrappedKey } from './wrapped-key';

export async function lockWrappedKey(wrapped: KekWrappedKey, kek: CryptoKey, passphrase: string): Promise<PassphraseWrappedKey> {
  const pkcs8 = await unwrapPrivateKey(wrapped, kek);
  try {
    return await lockKey(pkcs8, passphrase);
  } finally {
    zeroize(pkcs8);
  }
}

/** Throws BAD_PASSPHRASE, leaving the caller's locked key as it was, when the passphrase is wrong. */
export async function unlockToKek(locked: PassphraseWrappedKey, passphrase: string, kek: CryptoKey): Promise<KekWrappedKey> {
  const pkcs8 = await unlockKey(locked, passphrase);
  try {
    return await wrapPrivateKey(pkcs8, kek);
  } finally {
    zeroize(pkcs8);
  }
}
