import { beforeAll, describe, expect, it } from 'vitest';
import { createKek } from '../../../utils/custody/kek';
import { wrapPrivateKey, unwrapPrivateKey } from '../../../utils/custody/wrap';
import { unlockKey } from '../../../utils/custody/passphrase';
import { lockWrappedKey, unlockToKek } from '../../../utils/custody/relock';
import { isDirectSealError } from '../../../utils/errors';
import { testPkcs8 } from './test-key';

let pkcs8: Uint8Array;
beforeAll(async () => {
  pkcs8 = await testPkcs8();
});

describe('turning the passphrase lock on and off', () => {
  it('moves a KEK-wrapped key under a passphrase and back', async () => {
    const kek = await createKek();
    const locked = await lockWrappedKey(await wrapPrivateKey(pkcs8, kek), kek, 'lock me');
    expect(locked.kind).toBe('passphrase');
    expect(await unlockKey(locked, 'lock me')).toEqual(pkcs8);
    const back = await unlockToKek(locked, 'lock me', kek);
    expect(back.kind).toBe('kek');
    expect(await unwrapPrivateKey(back, kek)).toEqual(pkcs8);
  });

  it('refuses to unlock with a wrong passphrase', async () => {
    const kek = await createKek();
    const locked = await lockWrappedKey(await wrapPrivateKey(pkcs8, kek), kek, 'right');
    await expect(unlockToKek(locked, 'wrong', kek)).rejects.toSatisfy((e) => isDirectSealError(e, 'BAD_PASSPHRASE'));
  });
});
