import { beforeAll, describe, expect, it } from 'vitest';
import { createVaultSecret, openWithVault, sealWithVault } from '../../../utils/custody/vault';
import { isDirectSealError } from '../../../utils/errors';
import { contains, testPkcs8 } from './test-key';

let pkcs8: Uint8Array;
beforeAll(async () => {
  pkcs8 = await testPkcs8();
});

describe('vault', () => {
  it('seals and opens, with no run of the plaintext in the ciphertext and a fresh IV each time', async () => {
    const secret = createVaultSecret();
    const a = await sealWithVault(secret, 'pkcs8', pkcs8);
    const b = await sealWithVault(secret, 'pkcs8', pkcs8);
    expect(a).toMatchObject({ kind: 'vault', alg: 'AES-GCM' });
    expect(a.iv).not.toEqual(b.iv);
    for (let i = 0; i + 16 <= pkcs8.length; i += 64) expect(contains(a.ciphertext, pkcs8.subarray(i, i + 16))).toBe(false);
    expect(await openWithVault(secret, 'pkcs8', a)).toEqual(pkcs8);
  });

  it('refuses another vault, another purpose, and altered bytes', async () => {
    const secret = createVaultSecret();
    const sealed = await sealWithVault(secret, 'pkcs8', pkcs8);
    const damaged = (e: unknown) => isDirectSealError(e, 'KEY_STORE_DAMAGED');
    await expect(openWithVault(createVaultSecret(), 'pkcs8', sealed)).rejects.toSatisfy(damaged);
    // A private key cannot be passed off as a draft (or the other way round).
    await expect(openWithVault(secret, 'draft', sealed)).rejects.toSatisfy(damaged);
    const altered = { ...sealed, ciphertext: sealed.ciphertext.slice() };
    altered.ciphertext[5]! ^= 1;
    await expect(openWithVault(secret, 'pkcs8', altered)).rejects.toSatisfy(damaged);
  });
});
