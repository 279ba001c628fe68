import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../utils/store/open';
import { deleteAnchor, getAnchor, listAnchors, putAnchor, putAnchors } from '../../../utils/store/anchors';
import type { AnchorRecord } from '../../../utils/store/schema';
import { freshStore, sampleAnchor } from './fixtures';

let store: Store;
beforeEach(async () => {
  store = await freshStore();
});
afterEach(() => store.close());

const fp = (c: string) => c.repeat(64);

describe('trust anchors', () => {
  it('stores a bundle and finds anchors by fingerprint in any case', async () => {
    await putAnchors(store, [sampleAnchor(fp('a')), sampleAnchor(fp('b'))]);
    expect((await listAnchors(store)).map((a) => a.fingerprint).sort()).toEqual([fp('a'), fp('b')]);
    expect(await getAnchor(store, fp('A'))).toEqual(sampleAnchor(fp('a')));
  });

  it('stores the fingerprint lowercased', async () => {
    await putAnchor(store, sampleAnchor(fp('C')));
    expect(await getAnchor(store, fp('c'))).toMatchObject({ fingerprint: fp('c') });
  });

  it('replaces an anchor imported again', async () => {
    await putAnchor(store, sampleAnchor(fp('a'), { source: 'file' }));
    await putAnchor(store, sampleAnchor(fp('a'), { source: 'bundle' }));
    expect(await listAnchors(store)).toHaveLength(1);
    expect(await getAnchor(store, fp('a'))).toMatchObject({ source: 'bundle' });
  });

  it('imports nothing of a bundle when one anchor cannot be stored', async () => {
    const broken = { ...sampleAnchor(fp('z')), der: () => 'not cloneable' } as unknown as AnchorRecord;
    await expect(putAnchors(store, [sampleAnchor(fp('a')), broken, sampleAnchor(fp('b'))])).rejects.toThrow();
    expect(await listAnchors(store)).toEqual([]);
  });

  it('deletes', async () => {
    await putAnchors(store, [sampleAnchor(fp('a')), sampleAnchor(fp('b'))]);
    await deleteAnchor(store, fp('A'));
    expect((await listAnchors(store)).map((a) => a.fingerprint)).toEqual([fp('b')]);
  });
});
