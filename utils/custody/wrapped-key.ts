/**
 * A private key (PKCS#8) as it rests in the store. Plain data, so it clones into IndexedDB.
 *
 * - `vault`: AES-GCM under the vault secret (custody/vault.ts): the only kind this version writes.
 * - `passphrase`: AES-GCM under a key derived from the passphrase, one PBKDF2 per key: what earlier versions
 *   wrote under the lock; moved to `vault` at the next unlock.
 * - `kek`: AES-GCM under a KEK kept in the same IndexedDB, next to clear CryptoKeys: what earlier versions
 *   wrote without the lock. It protects nothing against a disk reader; read only until the user sets a
 *   passphrase, when the whole database is rewritten (keyservice/lock.ts).
 */
import type { VaultSealed } from './vault';

export interface KekWrappedKey {
  kind: 'kek';
  alg: 'AES-GCM';
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

export interface Pbkdf2Params {
  name: 'PBKDF2';
  hash: 'SHA-256';
  iterations: number;
  salt: Uint8Array;
}

export interface PassphraseWrappedKey {
  kind: 'passphrase';
  alg: 'AES-GCM';
  kdf: Pbkdf2Params;
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

export type VaultWrappedKey = VaultSealed;

export type WrappedKey = VaultWrappedKey | PassphraseWrappedKey | KekWrappedKey;
