/** The KEK wrapping of earlier versions: still read (until the database is rewritten), never written by the service. */
import { beforeAll, describe, expect, it } from 'vitest';
import { unwrapPrivateKey, withPrivateKey, wrapPrivateKey } from '../../../utils/custody/wrap';
import { isDirectSealError } from '../../../utils/errors';
import { contains, legacyKek as createKek, testPkcs8 } from './test-key';

let pkcs8: Uint8Array;
beforeAll(async () => {
  pkcs8 = await testPkcs8();
});

describe('wrapPrivateKey / unwrapPrivateKey', () => {
  it('round-trips the PKCS#8', async () => {
    const kek = await createKek();
    const wrapped = await wrapPrivateKey(pkcs8, kek);
    expect(wrapped).toMatchObject({ kind: 'kek', alg: 'AES-GCM' });
    expect(wrapped.iv).toHaveLength(12);
    expect(await unwrapPrivateKey(wrapped, kek)).toEqual(pkcs8);
  });

  it('leaves no run of the PKCS#8 in the wrapped bytes', async () => {
    const wrapped = await wrapPrivateKey(pkcs8, await createKek());
    // Any 16-byte window of the key (the RSA modulus and primes sit well inside) must be absent.
    for (let i = 0; i + 16 <= pkcs8.length; i += 64) expect(contains(wrapped.ciphertext, pkcs8.subarray(i, i + 16))).toBe(false);
  });

  it('uses a fresh IV each time', async () => {
    const kek = await createKek();
    const a = await wrapPrivateKey(pkcs8, kek);
    const b = await wrapPrivateKey(pkcs8, kek);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.ciphertext).not.toEqual(b.ciphertext);
  });

  it('refuses another install\'s KEK and altered bytes', async () => {
    const wrapped = await wrapPrivateKey(pkcs8, await createKek());
    await expect(unwrapPrivateKey(wrapped, await createKek())).rejects.toSatisfy((e) => isDirectSealError(e, 'KEY_STORE_DAMAGED'));
    const kek = await createKek();
    const good = await wrapPrivateKey(pkcs8, kek);
    const altered = { ...good, ciphertext: good.ciphertext.slice() };
    altered.ciphertext[10]! ^= 1;
    await expect(unwrapPrivateKey(altered, kek)).rejects.toSatisfy((e) => isDirectSealError(e, 'KEY_STORE_DAMAGED'));
  });
});

describe('withPrivateKey', () => {
  it('lends the key and zeroes it afterwards', async () => {
    const kek = await createKek();
    const wrapped = await wrapPrivateKey(pkcs8, kek);
    let lent: Uint8Array | undefined;
    const size = await withPrivateKey(wrapped, kek, (k) => {
      lent = k;
      expect(k).toEqual(pkcs8);
      return k.length;
    });
    expect(size).toBe(pkcs8.length);
    expect(lent!.every((b) => b === 0)).toBe(true);
  });

  it('zeroes the key when the use throws', async () => {
    const kek = await createKek();
    const wrapped = await wrapPrivateKey(pkcs8, kek);
    let lent: Uint8Array | undefined;
    await expect(
      withPrivateKey(wrapped, kek, async (k) => {
        lent = k;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(lent!.every((b) => b === 0)).toBe(true);
  });
});
