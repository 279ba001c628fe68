import { beforeAll, describe, expect, it } from 'vitest';
import { lockKey, unlockKey, PBKDF2_ITERATIONS } from '../../../utils/custody/passphrase';
import { isDirectSealError } from '../../../utils/errors';
import { contains, testPkcs8 } from './test-key';

let pkcs8: Uint8Array;
beforeAll(async () => {
  pkcs8 = await testPkcs8();
});

describe('passphrase lock', () => {
  it('records PBKDF2-SHA256 at 600,000 iterations with a random salt', async () => {
    const locked = await lockKey(pkcs8, 'correct horse battery staple');
    expect(PBKDF2_ITERATIONS).toBe(600_000);
    expect(locked).toMatchObject({ kind: 'passphrase', alg: 'AES-GCM', kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 } });
    expect(locked.kdf.salt).toHaveLength(16);
    const again = await lockKey(pkcs8, 'correct horse battery staple');
    expect(again.kdf.salt).not.toEqual(locked.kdf.salt);
  });

  it('unlocks with the right passphrase', async () => {
    const locked = await lockKey(pkcs8, 'Ärztekammer 2024');
    expect(await unlockKey(locked, 'Ärztekammer 2024')).toEqual(pkcs8);
  });

  it('accepts the passphrase in another Unicode form (NFD typed, NFC stored)', async () => {
    const locked = await lockKey(pkcs8, 'Ärztekammer'.normalize('NFC'));
    expect(await unlockKey(locked, 'Ärztekammer'.normalize('NFD'))).toEqual(pkcs8);
  });

  it('refuses a wrong passphrase with BAD_PASSPHRASE', async () => {
    const locked = await lockKey(pkcs8, 'right');
    await expect(unlockKey(locked, 'wrong')).rejects.toSatisfy((e) => isDirectSealError(e, 'BAD_PASSPHRASE'));
    await expect(unlockKey(locked, 'Right')).rejects.toSatisfy((e) => isDirectSealError(e, 'BAD_PASSPHRASE'));
  });

  it('refuses an empty passphrase', async () => {
    await expect(lockKey(pkcs8, '')).rejects.toSatisfy((e) => isDirectSealError(e, 'BAD_PASSPHRASE'));
  });

  it('keeps the PKCS#8 out of the locked bytes', async () => {
    const locked = await lockKey(pkcs8, 'pass');
    for (let i = 0; i + 16 <= pkcs8.length; i += 64) expect(contains(locked.ciphertext, pkcs8.subarray(i, i + 16))).toBe(false);
  });

  it('honours the iteration count stored with the key', async () => {
    const locked = await lockKey(pkcs8, 'pass');
    const tampered = { ...locked, kdf: { ...locked.kdf, iterations: 1000 } };
    await expect(unlockKey(tampered, 'pass')).rejects.toSatisfy((e) => isDirectSealError(e, 'BAD_PASSPHRASE'));
  });
});
