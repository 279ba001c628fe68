/**
 * The records of a rewrite (store/rewrite.ts): every secret re-sealed under a new vault secret, and nothing
 * an earlier version kept beside it (the KEK, clear CryptoKeys, the unprotected vault, clear backups).
 * Used when the user sets the passphrase on an install that has held anything outside it.
 */
import { toArrayBuffer, utf8, zeroize } from '../bytes';
import { subtle } from '../crypto';
import { DirectSealError } from '../errors';
import { unlockKey } from '../custody/passphrase';
import { openWithVault, sealWithVault } from '../custody/vault';
import { unwrapPrivateKey } from '../custody/wrap';
import type { Snapshot } from '../store/rewrite';
import type { DraftRecord, IdentityRecord, Settings } from '../store/schema';

/** What opens the old records: whichever of these the install has. */
export interface OldSecrets {
  legacyKek?: CryptoKey | undefined;
  /** The vault secret the old records are under (unprotected, or unlocked from the old lockCheck). */
  vault?: Uint8Array | undefined;
  /** For an earlier version's per-key passphrase wrapping. */
  passphrase?: string | undefined;
}

/** The settings the caller decides (the new lock); every other setting is carried over. */
type LockSettings = Pick<Settings, 'lockEnabled' | 'lockCheck' | 'idleMinutes'>;

const LOCK_SETTING_NAMES = new Set<string>(['lockEnabled', 'lockCheck', 'idleMinutes', 'unprotectedVault']);

export async function rewrapSnapshot(old: Snapshot, from: OldSecrets, newVault: Uint8Array, lock: LockSettings): Promise<Snapshot> {
  const identities: [IDBValidKey, unknown][] = [];
  for (const [key, value] of old.identities ?? []) identities.push([key, await rewrapIdentity(value as IdentityRecord, from, newVault)]);
  const drafts: [IDBValidKey, unknown][] = [];
  for (const [key, value] of old.drafts ?? []) {
    const draft = await rewrapDraft(value as DraftRecord, from, newVault);
    if (draft) drafts.push([key, draft]);
  }
  const settings: [IDBValidKey, unknown][] = (old.settings ?? []).filter(([k]) => !LOCK_SETTING_NAMES.has(String(k)));
  for (const [name, value] of Object.entries(lock)) settings.push([name, value]);
  return {
    ...old,
    identities,
    drafts,
    settings,
    // The KEK (and anything else internal) of an earlier version goes.
    meta: [],
  };
}

async function rewrapIdentity(r: IdentityRecord, from: OldSecrets, newVault: Uint8Array): Promise<IdentityRecord> {
  const pkcs8 = await openOldKey(r, from);
  try {
    const { cryptoKeys: _clearOnDisk, ...rest } = r;
    const wrappedKey = await sealWithVault(newVault, 'pkcs8', pkcs8);
    return { ...rest, wrappedKey, backup: await rewrapBackup(r.backup, from, newVault) };
  } finally {
    zeroize(pkcs8);
  }
}

async function openOldKey(r: IdentityRecord, from: OldSecrets): Promise<Uint8Array> {
  const w = r.wrappedKey;
  if (w.kind === 'kek') return unwrapPrivateKey(w, need(from.legacyKek, 'the key-encryption key'));
  if (w.kind === 'passphrase') return unlockKey(w, need(from.passphrase, 'the passphrase'));
  return openWithVault(need(from.vault, 'the vault'), 'pkcs8', w);
}

async function rewrapBackup(backup: IdentityRecord['backup'], from: OldSecrets, newVault: Uint8Array): Promise<IdentityRecord['backup']> {
  if (!backup) return undefined;
  const bytes = backup.sealed ? await openWithVault(need(from.vault, 'the vault'), 'backup', backup.sealed) : backup.bytes;
  if (!bytes) return undefined;
  return { kind: 'p12', sealed: await sealWithVault(newVault, 'backup', bytes), createdAt: backup.createdAt };
}

/** An earlier version's draft was under the KEK with its own AAD; one that opens with nothing is dropped. */
const LEGACY_DRAFT_AAD = utf8('directseal/draft/v1');

async function rewrapDraft(d: DraftRecord, from: OldSecrets, newVault: Uint8Array): Promise<DraftRecord | undefined> {
  let plain: Uint8Array;
  try {
    if (d.kind === 'vault') plain = await openWithVault(need(from.vault, 'the vault'), 'draft', d);
    else {
      const kek = need(from.legacyKek, 'the key-encryption key');
      const algorithm = { name: 'AES-GCM', iv: toArrayBuffer(d.iv), additionalData: toArrayBuffer(LEGACY_DRAFT_AAD) };
      plain = new Uint8Array(await subtle().decrypt(algorithm, kek, toArrayBuffer(d.ciphertext)));
    }
  } catch {
    return undefined;
  }
  try {
    const sealed = await sealWithVault(newVault, 'draft', plain);
    return { id: d.id, kind: 'vault', iv: sealed.iv, ciphertext: sealed.ciphertext, updatedAt: d.updatedAt };
  } finally {
    zeroize(plain);
  }
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new DirectSealError('KEY_STORE_DAMAGED', `a stored record needs ${what}, which this install does not have`);
  return value;
}
