/**
 * How an identity's private key rests and how it is used. A key rests only under the vault secret
 * (custody/vault.ts), which rests under the user's passphrase (or, by explicit choice, unprotected). No
 * CryptoKey and no key-encryption key is ever written: Chromium writes a stored CryptoKey's material to disk
 * in the clear. Each operation opens the PKCS#8 in memory, uses it, and zeroes it.
 */
import { localPrivateKey, type PrivateKeyOperations } from '../cms/keys';
import { zeroize } from '../bytes';
import { DirectSealError } from '../errors';
import { openWithVault, sealWithVault, type VaultPurpose } from '../custody/vault';
import type { Sealed } from '../custody/aes-gcm';
import { withPrivateKey } from '../custody/wrap';
import type { VaultWrappedKey } from '../custody/wrapped-key';
import { getSetting } from '../store/settings';
import type { IdentityRecord } from '../store/schema';
import type { ServiceContext } from './context';

/** The session holds the vault secret under this id while unlocked. */
export const VAULT_ID = '#vault';

/**
 * Lends the vault secret to `use`: the unprotected one when the user chose no passphrase, else the one the
 * unlocked session holds. KEY_LOCKED when locked; LOCK_NOT_SET before the user chose either.
 */
export async function withVault<T>(ctx: ServiceContext, use: (secret: Uint8Array) => Promise<T>): Promise<T> {
  const clear = await getSetting(ctx.store, 'unprotectedVault');
  if (clear) return use(clear);
  if (!(await getSetting(ctx.store, 'lockEnabled'))) throw new DirectSealError('LOCK_NOT_SET', 'no vault yet');
  return ctx.session.use(VAULT_ID, use);
}

export async function sealInVault(ctx: ServiceContext, purpose: VaultPurpose, plain: Uint8Array) {
  return withVault(ctx, (secret) => sealWithVault(secret, purpose, plain));
}

export async function openFromVault(ctx: ServiceContext, purpose: VaultPurpose, sealed: Sealed): Promise<Uint8Array> {
  return withVault(ctx, (secret) => openWithVault(secret, purpose, sealed));
}

/** Puts a new PKCS#8 at rest under the vault. Does not zero `pkcs8`. */
export async function restKey(ctx: ServiceContext, pkcs8: Uint8Array): Promise<{ wrappedKey: VaultWrappedKey }> {
  // An earlier version's install: its new keys must not join the old ones outside the passphrase.
  if (ctx.legacyKek && !(await getSetting(ctx.store, 'lockEnabled'))) {
    throw new DirectSealError('LOCK_NOT_SET', 'set a passphrase before adding keys to an install of an earlier version');
  }
  return { wrappedKey: await sealInVault(ctx, 'pkcs8', pkcs8) };
}

/** Private-key operations for a stored identity, done here in the background. */
export function identityKey(ctx: ServiceContext, record: IdentityRecord): PrivateKeyOperations {
  return {
    sign: (data, scheme) => withIdentityPkcs8(ctx, record, (pkcs8) => localPrivateKey(pkcs8).sign(data, scheme)),
    // PKCS#1 v1.5 (no WebCrypto form) goes through node-forge inside localPrivateKey; OAEP through WebCrypto.
    decryptKey: (ek, scheme, length) => withIdentityPkcs8(ctx, record, (pkcs8) => localPrivateKey(pkcs8).decryptKey(ek, scheme, length)),
  };
}

/** Runs `use` with the identity's PKCS#8 in the clear, zeroed afterwards, whatever `use` does. */
export async function withIdentityPkcs8<T>(ctx: ServiceContext, record: IdentityRecord, use: (pkcs8: Uint8Array) => Promise<T>): Promise<T> {
  const { wrappedKey } = record;
  if (wrappedKey.kind === 'kek') {
    if (!ctx.legacyKek) throw new DirectSealError('KEY_STORE_DAMAGED', 'a key of an earlier version without its key-encryption key');
    return withPrivateKey(wrappedKey, ctx.legacyKek, use);
  }
  // An earlier version's per-key passphrase wrapping is moved under the vault at unlock (lock.ts).
  if (wrappedKey.kind === 'passphrase') throw new DirectSealError('KEY_LOCKED', 'unlock to use this key');
  const pkcs8 = await openFromVault(ctx, 'pkcs8', wrappedKey);
  try {
    return await use(pkcs8);
  } finally {
    zeroize(pkcs8);
  }
}

/** The kept backup .p12 (sealed under the vault; an earlier version's is as it was kept). */
export async function backupBytes(ctx: ServiceContext, record: IdentityRecord): Promise<Uint8Array | undefined> {
  const { backup } = record;
  if (!backup) return undefined;
  if (backup.sealed) return openFromVault(ctx, 'backup', backup.sealed);
  return backup.bytes;
}
