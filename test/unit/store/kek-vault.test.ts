/** The KEK and wrapped keys in (fake) IndexedDB: Node's structured clone copies CryptoKeys, as browsers do. */
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../utils/store/open';
import { storeKekVault } from '../../../utils/store/kek-vault';
import { loadOrCreateKek } from '../../../utils/custody/kek';
import { unwrapPrivateKey, wrapPrivateKey } from '../../../utils/custody/wrap';
import { lockKey } from '../../../utils/custody/passphrase';
import { putIdentity } from '../../../utils/store/identities';
import { contains, testPkcs8 } from '../custody/test-key';
import { freshFactory, sampleIdentity } from './fixtures';

describe('KEK kept in the store', () => {
  it('is created once, survives a reopen, and stays non-extractable', async () => {
    const factory = freshFactory();
    const first = await openStore(factory);
    const kek = await loadOrCreateKek(storeKekVault(first));
    const wrapped = await wrapPrivateKey(new Uint8Array([1, 2, 3, 4]), kek);
    first.close();

    const second = await openStore(factory);
    const reloaded = await loadOrCreateKek(storeKekVault(second));
    expect(reloaded.extractable).toBe(false);
    expect(reloaded.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', reloaded)).rejects.toThrow();
    expect(await unwrapPrivateKey(wrapped, reloaded)).toEqual(new Uint8Array([1, 2, 3, 4]));
    second.close();
  });

  it('ends with one KEK when two contexts create it at once', async () => {
    const factory = freshFactory();
    const a = await openStore(factory);
    const b = await openStore(factory);
    const [ka, kb] = await Promise.all([loadOrCreateKek(storeKekVault(a)), loadOrCreateKek(storeKekVault(b))]);
    const wrapped = await wrapPrivateKey(new Uint8Array([7, 7]), ka);
    expect(await unwrapPrivateKey(wrapped, kb)).toEqual(new Uint8Array([7, 7]));
    a.close();
    b.close();
  });
});

describe('what rests in the store', () => {
  it('holds no run of the private key in any stored identity', async () => {
    const pkcs8 = await testPkcs8();
    const store = await openStore(freshFactory());
    const kek = await loadOrCreateKek(storeKekVault(store));
    await putIdentity(store, sampleIdentity({ id: 'kek', wrappedKey: await wrapPrivateKey(pkcs8, kek) }));
    await putIdentity(store, sampleIdentity({ id: 'pass', wrappedKey: await lockKey(pkcs8, 'pass') }));
    for (const identity of await store.getAll('identities')) {
      const rest = [identity.wrappedKey.ciphertext, identity.wrappedKey.iv, ...identity.certificateChain];
      for (const bytes of rest) {
        for (let i = 0; i + 16 <= pkcs8.length; i += 32) expect(contains(bytes, pkcs8.subarray(i, i + 16))).toBe(false);
      }
    }
    store.close();
  });
});
