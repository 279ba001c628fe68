/**
 * Replacing the whole database with new records, so that no earlier value survives on disk. LevelDB (under
 * Chromium's IndexedDB) keeps overwritten and deleted values in its files until it compacts them, and
 * deleting a database does not reliably remove them: the origin's LevelDB directory stays, and an earlier
 * value can stay in one of its sorted tables for days (checked in Chromium 150). What does remove them is
 * removing the directory, which Chromium does only when the origin's IndexedDB is cleared as a whole. So the
 * new records leave IndexedDB while that happens:
 *
 * 1. the new (sealed) records are staged outside IndexedDB, in the StagingArea, ready in one write;
 * 2. every IndexedDB database of the extension is erased (in Chromium with its files, see RewriteSupport);
 * 3. the database is created again and the staged records written into it (one transaction);
 * 4. the staged copy is removed.
 * A crash at any point loses no key: `finishInterruptedRewrite` (run by openStore before anything else)
 * repeats 2-4 when a ready staged copy is there, and drops one that is not ready (the old database is then
 * still whole, since nothing is erased before the copy is ready).
 */
import type { IDBPDatabase } from 'idb';
import { DirectSealError } from '../errors';
import { MIGRATIONS } from './migrations';
import { openWithMigrations } from './open-raw';
import { DB_NAME, EARLIER_STAGING_DB_NAME } from './schema';
import { decodeStaged, encodeStaged, type StagingArea } from './staging';

/** Every record of every object store: [key, value] pairs (the key matters for stores without a keyPath). */
export type Snapshot = Record<string, [IDBValidKey, unknown][]>;

/** What a rewrite needs besides the IDBFactory. */
export interface RewriteSupport {
  /** Where the new records wait while no database exists (the extension's Cache Storage: rewrite-support.ts). */
  staging: StagingArea;
  /**
   * Erases every IndexedDB database of the extension. The extension clears its origin's IndexedDB in
   * Chromium, which removes the LevelDB directory; without it, each database is deleted.
   */
  eraseDatabases?: () => Promise<void>;
}

/** The staging area's key for a rewrite's records. */
export const STAGED_REWRITE_KEY = 'directseal.rewrite';

interface StagedRewrite {
  ready: true;
  /** The Snapshot, encoded by encodeStaged. */
  records: unknown;
}

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
 * database cannot be erased while it is open). Resolves when the old values are gone. Throws IO_ERROR, with
 * nothing changed, when `next` holds anything that may not be staged (a CryptoKey).
 */
export async function rewriteStore(factory: IDBFactory, next: Snapshot, support: RewriteSupport): Promise<void> {
  const staged: StagedRewrite = { ready: true, records: encodeStaged(next, 'the new records') };
  await support.staging.set(STAGED_REWRITE_KEY, staged);
  await moveStagedIntoPlace(factory, next, support);
}

/** Run at every start: completes a rewrite that a crash interrupted, or discards one that never got ready. */
export async function finishInterruptedRewrite(factory: IDBFactory, support: RewriteSupport): Promise<void> {
  const staged = await support.staging.get(STAGED_REWRITE_KEY);
  if (isReady(staged)) {
    await moveStagedIntoPlace(factory, decodeStaged(staged.records) as Snapshot, support);
    return;
  }
  if (staged !== undefined) await support.staging.remove(STAGED_REWRITE_KEY);
  await finishEarlierStagingDatabase(factory, support);
}

async function moveStagedIntoPlace(factory: IDBFactory, records: Snapshot, support: RewriteSupport): Promise<void> {
  await (support.eraseDatabases ?? (() => deleteEveryDatabase(factory)))();
  const fresh = await openWithMigrations(factory, MIGRATIONS, DB_NAME);
  try {
    await writeSnapshot(fresh, records);
  } finally {
    fresh.close();
  }
  await support.staging.remove(STAGED_REWRITE_KEY);
}

function isReady(staged: unknown): staged is StagedRewrite {
  return typeof staged === 'object' && staged !== null && (staged as StagedRewrite).ready === true && typeof (staged as StagedRewrite).records === 'object';
}

/**
 * Builds before this one staged a rewrite in a second database with a `moveReady` marker: a crash there is
 * finished through the staging area (ready), or the unfinished copy dropped (the old database is whole).
 */
async function finishEarlierStagingDatabase(factory: IDBFactory, support: RewriteSupport): Promise<void> {
  if (typeof factory.databases !== 'function') return;
  if (!(await factory.databases()).some((d) => d.name === EARLIER_STAGING_DB_NAME)) return;
  const earlier = await openWithMigrations(factory, MIGRATIONS, EARLIER_STAGING_DB_NAME);
  let records: Snapshot;
  try {
    records = await readSnapshot(earlier);
  } finally {
    earlier.close();
  }
  const ready = (records.meta ?? []).some(([k, v]) => k === 'moveReady' && v === true);
  if (!ready) return deleteDatabase(factory, EARLIER_STAGING_DB_NAME);
  records.meta = (records.meta ?? []).filter(([k]) => k !== 'moveReady');
  await rewriteStore(factory, records, support);
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

/** Every database the factory lists (or, where it cannot list them, the ones this extension makes). */
export async function deleteEveryDatabase(factory: IDBFactory): Promise<void> {
  const names = typeof factory.databases === 'function' ? (await factory.databases()).map((d) => d.name) : [DB_NAME, EARLIER_STAGING_DB_NAME];
  for (const name of names) if (name !== undefined) await deleteDatabase(factory, name);
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(new DirectSealError('IO_ERROR', `the database ${name} could not be deleted (${String(request.error)})`));
    // Connections close themselves on versionchange (open-raw.ts), so a blocked delete goes on by itself.
  });
}
