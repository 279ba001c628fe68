/**
 * A private key (PKCS#8) as it rests in the store: AES-GCM ciphertext under either the install's
 * key-encryption key or a key derived from the user's passphrase. Plain data, so it clones into IndexedDB.
 */

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

export type WrappedKey = KekWrappedKey | PassphraseWrappedKey;
