/** Trust anchors the user imported explicitly (no trust on first use), keyed by SHA-256 fingerprint. */
import type { Store } from './open';
import type { AnchorRecord } from './schema';
import { allOrNothing } from './transaction';

/** All or none: a .p7b bundle must not end up half-imported. Re-importing an anchor replaces it. */
export async function putAnchors(store: Store, anchors: readonly AnchorRecord[]): Promise<void> {
  const tx = store.transaction('anchors', 'readwrite');
  await allOrNothing(tx, anchors.map((a) => () => tx.store.put(normalizedAnchor(a))));
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
