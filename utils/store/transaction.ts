/** Writing several records so that either all land or none do. */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { DirectSealSchema } from './schema';

type Names = StoreNames<DirectSealSchema>[];

/**
 * Starts each write in a readwrite transaction and waits for the commit. Any failure aborts the transaction
 * explicitly: a put that throws synchronously (a record without its key) would otherwise let the puts
 * already queued commit on their own.
 */
export async function allOrNothing<N extends Names>(
  tx: IDBPTransaction<DirectSealSchema, N, 'readwrite'>,
  writes: readonly (() => Promise<unknown>)[],
): Promise<void> {
  const started: Promise<unknown>[] = [];
  try {
    for (const write of writes) started.push(write());
    await Promise.all([...started, tx.done]);
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // IndexedDB already aborted it.
    }
    // The queued writes now fail with AbortError; that is expected, not a second error.
    await Promise.allSettled([...started, tx.done]);
    throw e;
  }
}
