/** Trust anchors the user imported explicitly (no trust on first use), keyed by SHA-256 fingerprint. */
import type { Store } from './open';
import type { AnchorRecord } from './schema';
import { allOrNothing } from './transaction';

/** All or none: a .p7b bundle must not end up half-imported. Re-importing an anchor replaces it. */
export async function putAnchors(store: Store, anchors: readonly AnchorRecord[]): Promise<void> {
  const tx = store.transaction('anchors', 'readwrite');
  await allOrNothing(tx, anchors.map((a) => () => tx.store.put(normalizedAnchor(a))));
}

/**
 * Adds the anchors not stored yet, all or none, and gives back those that were (kept as they were, their date of
 * adding too), looked up in the same transaction: a remove or another import in between cannot make the answer
 * wrong.
 */
export async function addAnchors(store: Store, anchors: readonly AnchorRecord[]): Promise<Map<string, AnchorRecord>> {
  const tx = store.transaction('anchors', 'readwrite');
  const found = await Promise.all(anchors.map((a) => tx.store.get(a.fingerprint.toLowerCase())));
  const known = new Map(found.filter((a) => a !== undefined).map((a) => [a.fingerprint, a]));
  await allOrNothing(tx, anchors.filter((_, i) => !found[i]).map((a) => () => tx.store.put(normalizedAnchor(a))));
  return known;
}

export async function putAnchor(store: Store, anchor: AnchorRecord): Promise<void> {
  await putAnchors(store, [anchor]);
}

export function normalizedAnchor(anchor: AnchorRecord): AnchorRecord {
  return { ...anchor, fingerprint: anchor.fingerprint.toLowerCase() };
}

export async function getAnchor(store: Store, fingerprint: string): Promise<AnchorRecord | undefined> {
  return store.get('anchors', fingerprint.toLowerCase());
}

export async function listAnchors(store: Store): Promise<AnchorRecord[]> {
  return store.getAll('anchors');
}

export async function deleteAnchor(store: Store, fingerprint: string): Promise<void> {
  await store.delete('anchors', fingerprint.toLowerCase());
}
