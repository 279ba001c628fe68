/**
 * Upgrades from every earlier schema version keep the data: each test builds a profile with the step list
 * cut at that version, writes records in that version's shape, then opens with the current code.
 */
import { describe, expect, it } from 'vitest';
import type { IDBPDatabase } from 'idb';
import { MIGRATIONS, SCHEMA_VERSION, type ContactRecordV1, type Migration } from '../../../utils/store/migrations';
import { openWithMigrations } from '../../../utils/store/open';
import { DB_NAME } from '../../../utils/store/schema';
import { legacyKek as createKek } from '../custody/test-key';
import { unwrapPrivateKey, wrapPrivateKey } from '../../../utils/custody/wrap';
import { isDirectSealError } from '../../../utils/errors';
import { freshFactory, freshStore, sampleAnchor, sampleIdentity } from './fixtures';

const v1Contact: ContactRecordV1 = {
  address: 'patient@hisp.example',
  certificate: { der: new Uint8Array([0x30, 0x0a, 1]), fingerprint: 'ab'.repeat(32), status: 'accepted-by-fingerprint', addedAt: 42 },
};

/** Writes, at `version`, the records every later version must still hold. */
async function seed(db: IDBPDatabase<unknown>, version: number, kek: CryptoKey): Promise<void> {
  await db.put('identities', sampleIdentity());
  await db.put('anchors', sampleAnchor('cd'.repeat(32)));
  await db.put('meta', kek, 'kek');
  if (version < 3) await db.put('contacts', v1Contact);
  else await db.put('contacts', { address: v1Contact.address, certificates: [{ ...v1Contact.certificate, source: 'dns' }] });
  if (version >= 2) {
    await db.put('settings', 30, 'idleMinutes');
    await db.put('drafts', { id: 'd1', iv: new Uint8Array(12), ciphertext: new Uint8Array([1, 2]), updatedAt: 5 });
  }
}

describe('schema migrations', () => {
  it('creates the current schema on a new profile', async () => {
    const store = await freshStore();
    expect(store.name).toBe(DB_NAME);
    expect(store.version).toBe(SCHEMA_VERSION);
    expect([...store.objectStoreNames].sort()).toEqual(['anchors', 'contacts', 'drafts', 'identities', 'meta', 'sent', 'settings']);
    expect([...store.transaction('identities').store.indexNames]).toEqual(['byAddress']);
    store.close();
  });

  for (let from = 1; from < SCHEMA_VERSION; from++) {
    it(`upgrades a v${from} profile to v${SCHEMA_VERSION} with its data intact`, async () => {
      const factory = freshFactory();
      const kek = await createKek();
      const pkcs8 = new Uint8Array([0x30, 0x82, 0x04, 0xbe, 9, 8, 7]);
      const old = await openWithMigrations(factory, MIGRATIONS.slice(0, from));
      expect(old.version).toBe(from);
      await seed(old, from, kek);
      const wrapped = await wrapPrivateKey(pkcs8, kek);
      await old.put('identities', sampleIdentity({ id: 'id-2', wrappedKey: wrapped }));
      old.close();

      const store = await freshStore(factory);
      expect(store.version).toBe(SCHEMA_VERSION);
      expect(await store.get('identities', 'id-1')).toEqual(sampleIdentity());
      expect(await store.get('anchors', 'cd'.repeat(32))).toEqual(sampleAnchor('cd'.repeat(32)));
      expect(await store.get('contacts', v1Contact.address)).toEqual({
        address: v1Contact.address,
        // A v3 profile already said where its certificate came from; older ones only had files.
        certificates: [{ ...v1Contact.certificate, source: from < 3 ? 'file' : 'dns' }],
      });
      // An earlier version's KEK survives the upgrade as a usable CryptoKey, until the passphrase rewrite drops it.
      const storedKek = (await store.get('meta', 'kek')) as CryptoKey;
      expect(storedKek.extractable).toBe(false);
      const identity = (await store.get('identities', 'id-2'))!;
      expect(identity.wrappedKey.kind).toBe('kek');
      if (identity.wrappedKey.kind === 'kek') expect(await unwrapPrivateKey(identity.wrappedKey, storedKek)).toEqual(pkcs8);
      // Identities written before v2 are found by the v2 address index.
      expect(await store.getAllFromIndex('identities', 'byAddress', sampleIdentity().address)).toHaveLength(2);
      if (from >= 2) {
        expect(await store.get('settings', 'idleMinutes')).toBe(30);
        expect(await store.get('drafts', 'd1')).toMatchObject({ id: 'd1', updatedAt: 5 });
      } else {
        expect(await store.count('settings')).toBe(0);
        expect(await store.count('drafts')).toBe(0);
      }
      expect(await store.count('sent')).toBe(0);
      store.close();
    });
  }

  it('leaves a profile already at the current version untouched', async () => {
    const factory = freshFactory();
    const first = await freshStore(factory);
    await first.put('contacts', { address: 'a@b.example', certificates: [] });
    first.close();
    const again = await freshStore(factory);
    expect(await again.get('contacts', 'a@b.example')).toEqual({ address: 'a@b.example', certificates: [] });
    again.close();
  });

  it('rolls back a failed upgrade: the profile keeps its old version and data', async () => {
    const factory = freshFactory();
    const v2 = await openWithMigrations(factory, MIGRATIONS.slice(0, 2));
    await v2.put('contacts', v1Contact);
    v2.close();

    const failing: Migration = () => {
      throw new Error('disk full');
    };
    const broken = [...MIGRATIONS.slice(0, 2), MIGRATIONS[2]!, failing];
    const failure = await openWithMigrations(factory, broken).catch((e: unknown) => e);
    expect(isDirectSealError(failure, 'IO_ERROR')).toBe(true);
    expect((failure as Error).message).toContain('disk full');

    // v3's step ran in the aborted transaction too, so its rewrite of the contact must not have landed.
    const stillV2 = await openWithMigrations(factory, MIGRATIONS.slice(0, 2));
    expect(stillV2.version).toBe(2);
    expect(await stillV2.get('contacts', v1Contact.address)).toEqual(v1Contact);
    stillV2.close();
  });

  it('refuses a profile written by a newer version with IO_ERROR', async () => {
    const factory = freshFactory();
    const newer = await openWithMigrations(factory, [...MIGRATIONS, () => undefined]);
    newer.close();
    await expect(freshStore(factory)).rejects.toSatisfy((e) => isDirectSealError(e, 'IO_ERROR'));
  });
});
