/** The user's own Direct identities: certificate chain, wrapped private key, and backup. */
import type { Store } from './open';
import type { IdentityRecord } from './schema';
import { normalizeAddress } from './address';

export async function putIdentity(store: Store, identity: IdentityRecord): Promise<void> {
  await store.put('identities', normalizedIdentity(identity));
}

export function normalizedIdentity(identity: IdentityRecord): IdentityRecord {
  return { ...identity, address: normalizeAddress(identity.address) };
}

export async function getIdentity(store: Store, id: string): Promise<IdentityRecord | undefined> {
  return store.get('identities', id);
}

export async function listIdentities(store: Store): Promise<IdentityRecord[]> {
  return store.getAll('identities');
}

/** Every identity for a Direct address (a renewal leaves the old one until the user deletes it). */
export async function identitiesFor(store: Store, address: string): Promise<IdentityRecord[]> {
  return store.getAllFromIndex('identities', 'byAddress', normalizeAddress(address));
}

/**
 * Reads, changes and writes one identity in a single transaction, so a concurrent change is not lost
 * (e.g. re-wrapping the key when the lock is turned on while the backup is being confirmed).
 * Returns the stored result, or undefined when there is no such identity.
 */
export async function updateIdentity(
  store: Store,
  id: string,
  change: (identity: IdentityRecord) => IdentityRecord,
): Promise<IdentityRecord | undefined> {
  const tx = store.transaction('identities', 'readwrite');
  const current = await tx.store.get(id);
  if (!current) {
    await tx.done;
    return undefined;
  }
  const next = normalizedIdentity({ ...change(current), id });
  await tx.store.put(next);
  await tx.done;
  return next;
}

export async function deleteIdentity(store: Store, id: string): Promise<void> {
  await store.delete('identities', id);
}
