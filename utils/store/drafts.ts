/** Compose drafts, already encrypted by the caller: the store never sees a draft's plaintext. */
import type { Store } from './open';
import type { DraftRecord } from './schema';

export async function putDraft(store: Store, draft: DraftRecord): Promise<void> {
  await store.put('drafts', draft);
}

export async function getDraft(store: Store, id: string): Promise<DraftRecord | undefined> {
  return store.get('drafts', id);
}

export async function listDrafts(store: Store): Promise<DraftRecord[]> {
  return store.getAll('drafts');
}

export async function deleteDraft(store: Store, id: string): Promise<void> {
  await store.delete('drafts', id);
}
