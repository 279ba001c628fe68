/**
 * How an identity's private key rests and how it is used. Without the passphrase lock: the PKCS#8 wrapped
 * under the install's KEK, plus non-extractable CryptoKeys for signing and RSA-OAEP (so those never unwrap
 * anything). With the lock: only the passphrase-wrapped PKCS#8 rests; the session holds it while unlocked.
 * RSAES-PKCS1-v1_5 decryption has no WebCrypto form, so the PKCS#8 is unwrapped for it and zeroed after.
 */
import { localPrivateKey, type PrivateKeyOperations } from '../cms/keys';
import { subtle } from '../crypto';
import { DirectSealError } from '../errors';
import { lockKey } from '../custody/passphrase';
import { importOaepKey, importSigningKey } from '../custody/private-key-import';
import { withPrivateKey, wrapPrivateKey } from '../custody/wrap';
import type { IdentityRecord } from '../store/schema';
import { rsaPkcs1v15Decrypt } from '../legacy/forge';
import type { ServiceContext } from './context';

export type RestingKey = Pick<IdentityRecord, 'wrappedKey' | 'cryptoKeys'>;

/** Puts a new PKCS#8 at rest the way the current lock setting wants. Does not zero `pkcs8`. */
export async function restKey(ctx: ServiceContext, id: string, pkcs8: Uint8Array, lockEnabled: boolean): Promise<RestingKey> {
  if (lockEnabled) {
    const passphrase = ctx.lock.passphrase;
    if (passphrase === undefined || !ctx.session.has(LOCK_CHECK_ID)) throw new DirectSealError('KEY_LOCKED', 'unlock before adding a key');
    const wrappedKey = await lockKey(pkcs8, passphrase);
    ctx.session.hold(id, pkcs8.slice());
    return { wrappedKey };
  }
  return restUnderKek(ctx.kek, pkcs8);
}

/** The unlocked way to rest: KEK-wrapped PKCS#8 plus non-extractable signing and OAEP keys. */
export async function restUnderKek(kek: CryptoKey, pkcs8: Uint8Array): Promise<RestingKey> {
  const [wrappedKey, sign, oaep] = await Promise.all([wrapPrivateKey(pkcs8, kek), importSigningKey(pkcs8), importOaepKey(pkcs8)]);
  return { wrappedKey, cryptoKeys: { sign, oaep } };
}

/** A marker the session holds while unlocked, even when no identity exists yet. */
export const LOCK_CHECK_ID = '#lock';

/** Private-key operations for a stored identity, done here in the background. */
export function identityKey(ctx: ServiceContext, record: IdentityRecord): PrivateKeyOperations {
  const { wrappedKey, cryptoKeys } = record;
  if (wrappedKey.kind === 'passphrase') {
    // Locked at rest: every operation borrows the unlocked PKCS#8 from the session (KEY_LOCKED when expired).
    return {
      sign: (data, scheme) => ctx.session.use(record.id, (pkcs8) => localPrivateKey(pkcs8).sign(data, scheme)),
      decryptKey: (ek, scheme, length) => ctx.session.use(record.id, (pkcs8) => localPrivateKey(pkcs8).decryptKey(ek, scheme, length)),
    };
  }
  return {
    async sign(data, scheme) {
      if (cryptoKeys && scheme.name === 'RSASSA-PKCS1-v1_5' && scheme.hash === 'SHA-256') {
        return new Uint8Array(await subtle().sign({ name: 'RSASSA-PKCS1-v1_5' }, cryptoKeys.sign, data as Uint8Array<ArrayBuffer>));
      }
      return withPrivateKey(wrappedKey, ctx.kek, (pkcs8) => localPrivateKey(pkcs8).sign(data, scheme));
    },
    async decryptKey(encryptedKey, scheme, keyLength) {
      if (scheme.name === 'RSA-OAEP' && scheme.hash === 'SHA-256' && cryptoKeys) {
        return new Uint8Array(await subtle().decrypt({ name: 'RSA-OAEP' }, cryptoKeys.oaep, encryptedKey as Uint8Array<ArrayBuffer>));
      }
      if (scheme.name === 'RSAES-PKCS1-v1_5') {
        return withPrivateKey(wrappedKey, ctx.kek, (pkcs8) => rsaPkcs1v15Decrypt(pkcs8, encryptedKey, keyLength));
      }
      return withPrivateKey(wrappedKey, ctx.kek, (pkcs8) => localPrivateKey(pkcs8).decryptKey(encryptedKey, scheme, keyLength));
    },
  };
}

/** Runs `use` with the identity's PKCS#8 in the clear, zeroed afterwards (backup export, lock changes). */
export async function withIdentityPkcs8<T>(ctx: ServiceContext, record: IdentityRecord, use: (pkcs8: Uint8Array) => Promise<T>): Promise<T> {
  if (record.wrappedKey.kind === 'passphrase') return ctx.session.use(record.id, use);
  return withPrivateKey(record.wrappedKey, ctx.kek, use);
}

