/**
 * The database rewrite that removes earlier values from disk must lose nothing whatever step a crash stops it
 * at: each test leaves the databases and the staging area as a crash at that point would, then opens the
 * store as the next start does, and checks that every new record is there and no old one is.
 */
import { describe, expect, it } from 'vitest';
import { isDirectSealError } from '../../../utils/errors';
import { MIGRATIONS } from '../../../utils/store/migrations';
import { openStore, openWithMigrations } from '../../../utils/store/open';
import { readSnapshot, rewriteStore, STAGED_REWRITE_KEY, type RewriteSupport, type Snapshot } from '../../../utils/store/rewrite';
import { DB_NAME, EARLIER_STAGING_DB_NAME } from '../../../utils/store/schema';
import { memoryStagingArea } from '../../../utils/store/staging';
import { freshFactory, freshStore, sampleAnchor, sampleIdentity } from './fixtures';

const OLD = sampleIdentity({ id: 'old' });
const NEW = sampleIdentity({ id: 'new', backup: undefined, wrappedKey: { kind: 'vault', alg: 'AES-GCM', iv: new Uint8Array(12).fill(1), ciphertext: new Uint8Array([5, 6, 7]) } as never });

/** A staging area that fails on its n-th write (a crash between steps) and counts the erases. */
function crashingSupport(factory: IDBFactory, crashAt: 'stage' | 'erase' | 'refill' | 'unstage' | 'never') {
  const staging = memoryStagingArea();
  let erases = 0;
  const crash = () => new Error(`crash at ${crashAt}`);
  const support: RewriteSupport = {
    staging: {
      get: staging.get,
      async set(key, value) {
        if (crashAt === 'stage') throw crash();
        await staging.set(key, value);
      },
      async remove(key) {
        if (crashAt === 'unstage') throw crash();
        await staging.remove(key);
      },
    },
    async eraseDatabases() {
      erases++;
      if (crashAt === 'erase') throw crash();
      for (const { name } of await factory.databases()) await deleteDb(factory, name!);
      if (crashAt === 'refill') throw crash(); // erased, nothing written yet
    },
  };
  return { support, staging, erases: () => erases };
}

async function oldProfile(factory: IDBFactory): Promise<void> {
  const store = await freshStore(factory);
  await store.put('identities', OLD);
  await store.put('anchors', sampleAnchor('ab'.repeat(32)));
  await store.put('meta', new Uint8Array([1, 2, 3]) as never, 'kek');
  store.close();
}

async function snapshotWithNew(factory: IDBFactory): Promise<Snapshot> {
  const store = await freshStore(factory);
  const snap = await readSnapshot(store as never);
  store.close();
  return { ...snap, identities: [['new', NEW]], meta: [] };
}

const deleteDb = (factory: IDBFactory, name: string) =>
  new Promise<void>((resolve, reject) => {
    const r = factory.deleteDatabase(name);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
  });

/** What the next start finds, through the given staging area. */
async function state(factory: IDBFactory, support: RewriteSupport) {
  const store = await openStore(factory, support);
  const identities = await store.getAll('identities');
  const out = {
    ids: identities.map((r) => r.id),
    meta: await store.getAllKeys('meta'),
    anchors: (await store.getAll('anchors')).length,
    newKeyBytes: identities.find((r) => r.id === 'new')?.wrappedKey.ciphertext,
  };
  store.close();
  const names = (await factory.databases()).map((d) => d.name);
  return { ...out, databases: names, staged: await support.staging.get(STAGED_REWRITE_KEY) };
}

const REWRITTEN = { ids: ['new'], meta: [], anchors: 1, newKeyBytes: new Uint8Array([5, 6, 7]), databases: [DB_NAME], staged: undefined };
const UNTOUCHED = { ids: ['old'], meta: ['kek'], anchors: 1, newKeyBytes: undefined, databases: [DB_NAME], staged: undefined };

describe('rewriteStore', () => {
  it('replaces every record, erases every database once, and leaves nothing staged', async () => {
    const factory = freshFactory();
    await oldProfile(factory);
    (await openWithMigrations(factory, MIGRATIONS, 'some-other-database')).close();
    const { support, erases } = crashingSupport(factory, 'never');
    await rewriteStore(factory, await snapshotWithNew(factory), support);
    expect(erases()).toBe(1);
    expect(await state(factory, support)).toEqual(REWRITTEN);
  });

  it('a crash while staging keeps the old database as it was', async () => {
    const factory = freshFactory();
    await oldProfile(factory);
    const { support, staging, erases } = crashingSupport(factory, 'stage');
    await expect(rewriteStore(factory, await snapshotWithNew(factory), support)).rejects.toThrow('crash at stage');
    expect(erases()).toBe(0);
    expect(await state(factory, { staging })).toEqual(UNTOUCHED);
  });

  it('a staged copy that is not ready is dropped at the next start, and the old database kept', async () => {
    const factory = freshFactory();
    await oldProfile(factory);
    const staging = memoryStagingArea();
    await staging.set(STAGED_REWRITE_KEY, { records: { identities: [['new', { id: 'new' }]] } });
    expect(await state(factory, { staging })).toEqual(UNTOUCHED);
  });

  for (const crashAt of ['erase', 'refill', 'unstage'] as const) {
    it(`a crash at the ${crashAt} step is finished at the next start: no key lost, no old value kept`, async () => {
      const factory = freshFactory();
      await oldProfile(factory);
      const { support, staging } = crashingSupport(factory, crashAt);
      await expect(rewriteStore(factory, await snapshotWithNew(factory), support)).rejects.toThrow(`crash at ${crashAt}`);
      expect(await staging.get(STAGED_REWRITE_KEY)).toMatchObject({ ready: true });
      // The next start: the same staging area (storage.local survives a crash), the browser working again.
      expect(await state(factory, { staging })).toEqual(REWRITTEN);
    });
  }

  it('a crash after the refill had begun (an empty database) is finished too', async () => {
    const factory = freshFactory();
    await oldProfile(factory);
    const { support, staging } = crashingSupport(factory, 'refill');
    await expect(rewriteStore(factory, await snapshotWithNew(factory), support)).rejects.toThrow();
    (await openWithMigrations(factory, MIGRATIONS, DB_NAME)).close(); // created, still empty
    expect(await state(factory, { staging })).toEqual(REWRITTEN);
  });

  it('refuses to stage a CryptoKey, before anything changes', async () => {
    const factory = freshFactory();
    await oldProfile(factory);
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
    const next = await snapshotWithNew(factory);
    next.identities = [['new', { ...NEW, cryptoKeys: { sign: key, oaep: key } }]];
    const { support, staging, erases } = crashingSupport(factory, 'never');
    await expect(rewriteStore(factory, next, support)).rejects.toSatisfy((e) => isDirectSealError(e, 'IO_ERROR'));
    expect(erases()).toBe(0);
    expect(await state(factory, { staging })).toEqual(UNTOUCHED);
  });

  it('an earlier build\'s staging database is finished when ready, and dropped when not', async () => {
    for (const ready of [true, false]) {
      const factory = freshFactory();
      await oldProfile(factory);
      const earlier = await openWithMigrations(factory, MIGRATIONS, EARLIER_STAGING_DB_NAME);
      await earlier.put('identities', NEW);
      await earlier.put('anchors', sampleAnchor('ab'.repeat(32)));
      if (ready) await earlier.put('meta', true, 'moveReady');
      earlier.close();
      expect(await state(factory, { staging: memoryStagingArea() })).toEqual(ready ? REWRITTEN : UNTOUCHED);
    }
  });
});
