import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../utils/store/open';
import {
  deleteIdentity,
  getIdentity,
  identitiesFor,
  listIdentities,
  putIdentity,
  updateIdentity,
} from '../../../utils/store/identities';
import { freshStore, sampleIdentity } from './fixtures';

let store: Store;
beforeEach(async () => {
  store = await freshStore();
});
afterEach(() => store.close());

describe('identities', () => {
  it('stores an identity with its bytes intact and the address lowercased', async () => {
    await putIdentity(store, sampleIdentity());
    const stored = await getIdentity(store, 'id-1');
    expect(stored).toEqual({ ...sampleIdentity(), address: 'dr.smith@direct.example-practice.org' });
    expect(stored!.certificateChain[0]).toBeInstanceOf(Uint8Array);
    expect(stored!.wrappedKey.ciphertext).toEqual(new Uint8Array([9, 9, 9]));
  });

  it('keeps an identity without a backup yet', async () => {
    await putIdentity(store, sampleIdentity({ backup: undefined, backupConfirmed: false }));
    expect(await getIdentity(store, 'id-1')).toMatchObject({ backup: undefined, backupConfirmed: false });
  });

  it('lists, and finds by Direct address in any case', async () => {
    await putIdentity(store, sampleIdentity());
    await putIdentity(store, sampleIdentity({ id: 'id-2' }));
    await putIdentity(store, sampleIdentity({ id: 'id-3', address: 'front-desk@direct.example-practice.org' }));
    expect((await listIdentities(store)).map((i) => i.id).sort()).toEqual(['id-1', 'id-2', 'id-3']);
    expect((await identitiesFor(store, 'DR.SMITH@direct.example-practice.org ')).map((i) => i.id).sort()).toEqual(['id-1', 'id-2']);
    expect(await identitiesFor(store, 'nobody@example.org')).toEqual([]);
  });

  it('updates in place, keeping the id', async () => {
    await putIdentity(store, sampleIdentity({ backupConfirmed: false }));
    const updated = await updateIdentity(store, 'id-1', (i) => ({ ...i, id: 'other', backupConfirmed: true }));
    expect(updated).toMatchObject({ id: 'id-1', backupConfirmed: true });
    expect(await getIdentity(store, 'id-1')).toMatchObject({ backupConfirmed: true });
    expect(await getIdentity(store, 'other')).toBeUndefined();
    expect(await updateIdentity(store, 'missing', (i) => i)).toBeUndefined();
  });

  it('deletes', async () => {
    await putIdentity(store, sampleIdentity());
    await deleteIdentity(store, 'id-1');
    expect(await getIdentity(store, 'id-1')).toBeUndefined();
    expect(await listIdentities(store)).toEqual([]);
  });
});
