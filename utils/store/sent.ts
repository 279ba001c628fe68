/** The sent log's records (utils/direct/sent-log.ts decides what they say); one per Message-ID. */
import type { SentRecord } from '../direct/sent-log';
import type { Store } from './open';

export async function putSent(store: Store, record: SentRecord): Promise<void> {
  await store.put('sent', record);
}

export async function getSent(store: Store, messageId: string): Promise<SentRecord | undefined> {
  return store.get('sent', messageId);
}

export async function listSent(store: Store): Promise<SentRecord[]> {
  return store.getAll('sent');
}

export async function deleteSent(store: Store, messageIds: readonly string[]): Promise<void> {
  if (messageIds.length === 0) return;
  const tx = store.transaction('sent', 'readwrite');
  await Promise.all([...messageIds.map((id) => tx.store.delete(id)), tx.done]);
}
