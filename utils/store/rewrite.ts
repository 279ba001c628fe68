/**
 * Replacing the whole database with new records, so that no earlier value survives on disk. LevelDB (under
 * Chromium's IndexedDB) keeps overwritten values in its log until compaction, so updating a record in place
 * leaves the old bytes readable; deleting a database removes them (checked in Chromium: Chromium compacts
 * a deleted database's range).
 *
 * Recoverable at every point, so a crash loses no key:
 * 1. the new records are written to a staging database, with a `moveReady` marker in the same transaction;
 * 2. the old database is deleted;
 * 3. the old name is created again and the staged records copied into it (one transaction);
 * 4. the staging database is deleted.
 * `finishInterruptedRewrite` (run by openStore before anything else) completes 2-4 when the marker is there,
 * and throws away an unfinished staging database (the old one is then still whole) when it is not.
 */
import type { IDBPDatabase } from 'idb';
import { DirectSealError } from '../errors';
import { MIGRATIONS } from './migrations';
import { openWithMigrations } from './open-raw';
import { DB_NAME, NEXT_DB_NAME } from './schema';

/** Every record of every object store: [key, value] pairs (the key matters for stores without a keyPath). */
export type Snapshot = Record<string, [IDBValidKey, unknown][]>;

export async function readSnapshot(db: IDBPDatabase<unknown>): Promise<Snapshot> {
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names, 'readonly');
  const out: Snapshot = {};
  for (const name of names) {
    const store = tx.objectStore(name);
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
    out[name] = keys.map((k, i) => [k, values[i]]);
  }
  await tx.done;
  return out;
}

/**
 * Replaces database `DB_NAME` by `next`. The caller's connection to it must be closed first (the old
 * database cannot be deleted while it is open). Resolves when the old values are gone.
 */
export async function rewriteStore(factory: IDBFactory, next: Snapshot): Promise<void> {
  await deleteDatabase(factory, NEXT_DB_NAME); // a staging copy left by an attempt that crashed before step 1 ended
  const staging = await openWithMigrations(factory, MIGRATIONS, NEXT_DB_NAME);
  try {
    await writeSnapshot(staging, { ...next, meta: [...(next.meta ?? []), ['moveReady', true]] });
  } finally {
    staging.close();
  }
  await moveStagedIntoPlace(factory);
}

/** Run at every start: completes a rewrite that a crash interrupted, or discards one that never completed. */
export async function finishInterruptedRewrite(factory: IDBFactory): Promise<void> {
  if (!(await databaseExists(factory, NEXT_DB_NAME))) return;
  const staging = await openWithMigrations(factory, MIGRATIONS, NEXT_DB_NAME);
  let ready: unknown;
  try {
    ready = await staging.get('meta', 'moveReady');
  } finally {
    staging.close();
  }
  if (ready === true) await moveStagedIntoPlace(factory);
  else await deleteDatabase(factory, NEXT_DB_NAME);
}

async function moveStagedIntoPlace(factory: IDBFactory): Promise<void> {
  const staging = await openWithMigrations(factory, MIGRATIONS, NEXT_DB_NAME);
  let records: Snapshot;
  try {
    records = await readSnapshot(staging);
  } finally {
    staging.close();
  }
  records.meta = (records.meta ?? []).filter(([k]) => k !== 'moveReady');
  await deleteDatabase(factory, DB_NAME);
  const fresh = await openWithMigrations(factory, MIGRATIONS, DB_NAME);
  try {
    await writeSnapshot(fresh, records);
  } finally {
    fresh.close();
  }
  await deleteDatabase(factory, NEXT_DB_NAME);
  await sweepObsoleteFiles(factory);
}

/**
 * Chromium compacts a deleted database's range, but LevelDB keeps a compacted file while the deleting
 * operation still reads the old version, and removes it only at its next compaction (or the next start).
 * One more delete, of an empty scratch database, is that next compaction (checked in Chromium: without it
 * the old values stayed in a .ldb file until the browser restarted).
 */
async function sweepObsoleteFiles(factory: IDBFactory): Promise<void> {
  // A few rounds, a moment apart: on a busy machine the first compaction may still hold the old file.
  for (let round = 0; round < 3; round++) {
    (await openWithMigrations(factory, [() => undefined], NEXT_DB_NAME)).close();
    await deleteDatabase(factory, NEXT_DB_NAME);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** All records in one transaction: a crash leaves all of them or none. */
async function writeSnapshot(db: IDBPDatabase<unknown>, snapshot: Snapshot): Promise<void> {
  const names = Object.keys(snapshot).filter((n) => (snapshot[n]?.length ?? 0) > 0);
  if (names.length === 0) return;
  const tx = db.transaction(names, 'readwrite');
  const writes: Promise<unknown>[] = [];
  for (const name of names) {
    const store = tx.objectStore(name);
    for (const [key, value] of snapshot[name]!) writes.push(store.keyPath === null ? store.put(value, key) : store.put(value));
  }
  await Promise.all([...writes, tx.done]);
}

async function databaseExists(factory: IDBFactory, name: string): Promise<boolean> {
  if (typeof factory.databases === 'function') return (await factory.databases()).some((d) => d.name === name);
  return true; // without databases(), opening tells: an absent one opens empty and is deleted as unfinished
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(new DirectSealError('IO_ERROR', `the database ${name} could not be deleted (${String(request.error)})`));
    // Connections close themselves on versionchange (open-raw.ts), so a blocked delete goes on by itself.
  });
}
