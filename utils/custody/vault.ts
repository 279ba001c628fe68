/**
 * The vault secret: 32 random bytes that key everything private DirectSeal keeps at rest (private keys,
 * drafts, the kept backup files). It rests only sealed under the user's passphrase (the lock), or, when a
 * practice explicitly chose no passphrase, in the clear: then it protects nothing against whoever reads the
 * disk, and the code calls it `unprotectedVault` so nobody mistakes it for protection.
 *
 * While unlocked the secret lives in memory (the session); the AES key made from it is never stored.
 */
import { randomBytes, subtle } from '../crypto';
import { DirectSealError } from '../errors';
import { openBytes, sealBytes, type Sealed } from './aes-gcm';

export const VAULT_SECRET_BYTES = 32;

/** What a vault ciphertext is for: part of the AAD, so one kind can never be opened as another. */
export type VaultPurpose = 'pkcs8' | 'draft' | 'backup';

export interface VaultSealed extends Sealed {
  kind: 'vault';
  alg: 'AES-GCM';
}

export function createVaultSecret(): Uint8Array {
  return randomBytes(VAULT_SECRET_BYTES);
}

export async function sealWithVault(secret: Uint8Array, purpose: VaultPurpose, plain: Uint8Array): Promise<VaultSealed> {
  const { iv, ciphertext } = await sealBytes(plain, await vaultKey(secret), aad(purpose));
  return { kind: 'vault', alg: 'AES-GCM', iv, ciphertext };
}

/** The caller owns the plaintext (zeroize it when it is key material). */
export async function openWithVault(secret: Uint8Array, purpose: VaultPurpose, sealed: Sealed): Promise<Uint8Array> {
  try {
    return await openBytes(sealed, await vaultKey(secret), aad(purpose));
  } catch (e) {
    throw new DirectSealError('KEY_STORE_DAMAGED', `a stored ${purpose} does not open with this install's vault`, { cause: e });
  }
}

async function vaultKey(secret: Uint8Array): Promise<CryptoKey> {
  if (secret.length !== VAULT_SECRET_BYTES) throw new DirectSealError('KEY_STORE_DAMAGED', 'the vault secret has the wrong length');
  // Non-extractable and never written anywhere: it exists for one operation.
  return subtle().importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

function aad(purpose: VaultPurpose): Uint8Array {
  return new TextEncoder().encode(`directseal/vault/${purpose}/v1`);
}
