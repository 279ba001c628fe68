/**
 * The database rewrite that removes earlier values from disk must lose nothing whatever step a crash stops it
 * at: each test leaves the databases as a crash at that point would, then opens the store as the next start does.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../utils/store/migrations';
import { openStore, openWithMigrations } from '../../../utils/store/open';
import { readSnapshot, rewriteStore, type Snapshot } from '../../../utils/store/rewrite';
import { DB_NAME, NEXT_DB_NAME } from '../../../utils/store/schema';
import { freshFactory, sampleAnchor, sampleIdentity } from './fixtures';

const OLD = sampleIdentity({ id: 'old' });
const NEW = sampleIdentity({ id: 'new' });

async function oldProfile(factory: IDBFactory): Promise<void> {
  const store = await openStore(factory);
  await store.put('identities', OLD);
  await store.put('anchors', sampleAnchor('ab'.repeat(32)));
  await store.put('meta', new Uint8Array([1, 2, 3]) as never, 'kek');
  store.close();
}

async function snapshotWithNew(factory: IDBFactory): Promise<Snapshot> {
  const store = await openStore(factory);
  const snap = await readSnapshot(store as never);
  store.close();
  return { ...snap, identities: [['new', NEW]], meta: [] };
}

/** Step 1 of the move, as rewriteStore does it, optionally without the completion marker. */
async function stage(factory: IDBFactory, snapshot: Snapshot, marker: boolean): Promise<void> {
  const db = await openWithMigrations(factory, MIGRATIONS, NEXT_DB_NAME);
  for (const [, v] of snapshot.identities ?? []) await db.put('identities', v);
  for (const [, v] of snapshot.anchors ?? []) await db.put('anchors', v);
  if (marker) await db.put('meta', true, 'moveReady');
  db.close();
}

const deleteDb = (factory: IDBFactory, name: string) =>
  new Promise<void>((resolve, reject) => {
    const r = factory.deleteDatabase(name);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
  });

async function state(factory: IDBFactory) {
  const store = await openStore(factory);
  const out = { ids: (await store.getAllKeys('identities')).map(String), meta: await store.getAllKeys('meta'), anchors: (await store.getAll('anchors')).length };
  store.close();
  const names = (await factory.databases()).map((d) => d.name);
  return { ...out, staging: names.includes(NEXT_DB_NAME) };
}

describe('rewriteStore', () => {
  it('replaces every record and leaves no staging database', async () => {
    const factory = freshFactory();
    await oldProfile(factory);
    await rewriteStore(factory, await snapshotWithNew(factory));
    expect(await state(factory)).toEqual({ ids: ['new'], meta: [], anchors: 1, staging: false });
  });

  it('a crash while staging (no marker) keeps the old database as it was', async () => {
    const factory = freshFactory();
    await oldProfile(factory);
    await stage(factory, await snapshotWithNew(factory), false);
    expect(await state(factory)).toEqual({ ids: ['old'], meta: ['kek'], anchors: 1, staging: false });
  });

  it('a crash after staging, before the old database went, finishes the move', async () => {
    const factory = freshFactory();
    await oldProfile(factory);
    await stage(factory, await snapshotWithNew(factory), true);
    expect(await state(factory)).toEqual({ ids: ['new'], meta: [], anchors: 1, staging: false });
  });

  it('a crash after the old database was deleted, or while it was being refilled, finishes the move', async () => {
    for (const refillStarted of [false, true]) {
      const factory = freshFactory();
      await oldProfile(factory);
      await stage(factory, await snapshotWithNew(factory), true);
      await deleteDb(factory, DB_NAME);
      if (refillStarted) (await openWithMigrations(factory, MIGRATIONS, DB_NAME)).close(); // created, still empty
      expect(await state(factory)).toEqual({ ids: ['new'], meta: [], anchors: 1, staging: false });
    }
  });
});
