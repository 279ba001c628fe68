/**
 * The install's key-encryption key: AES-GCM-256, generated once, never extractable, so the raw key bytes
 * cannot be read out even by code running in the extension. Where it is kept is behind `KekVault`
 * (IndexedDB in the extension, memory in tests).
 */
import { subtle } from '../crypto';

export interface KekVault {
  load(): Promise<CryptoKey | undefined>;
  /**
   * Stores `key` unless a KEK is already stored, and returns the one that is stored. Atomic: two first-time
   * callers racing must end up with the same KEK, or keys wrapped under the loser would be lost.
   */
  saveIfAbsent(key: CryptoKey): Promise<CryptoKey>;
}

export async function createKek(): Promise<CryptoKey> {
  return subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export async function loadOrCreateKek(vault: KekVault): Promise<CryptoKey> {
  const existing = await vault.load();
  if (existing) return existing;
  return vault.saveIfAbsent(await createKek());
}

/** A vault that lives as long as the process: for tests and the CLI, never for the extension. */
export function memoryKekVault(): KekVault {
  let stored: CryptoKey | undefined;
  return {
    load: async () => stored,
    saveIfAbsent: async (key) => (stored ??= key),
  };
}
