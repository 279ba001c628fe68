import { beforeAll, describe, expect, it } from 'vitest';
import { importOaepKey, importSigningKey } from '../../../utils/custody/private-key-import';
import { isDirectSealError } from '../../../utils/errors';
import { testPkcs8, testPublicKeyFor } from './test-key';

let pkcs8: Uint8Array;
beforeAll(async () => {
  pkcs8 = await testPkcs8();
});

describe('non-extractable private CryptoKeys', () => {
  it('signs with RSASSA-PKCS1-v1_5 SHA-256 and cannot be exported', async () => {
    const key = await importSigningKey(pkcs8);
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
    expect(key.usages).toEqual(['sign']);
    for (const format of ['pkcs8', 'jwk'] as const) await expect(crypto.subtle.exportKey(format, key)).rejects.toThrow();
    const data = new TextEncoder().encode('signed');
    const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, data);
    const pub = await testPublicKeyFor(pkcs8, 'RSASSA-PKCS1-v1_5');
    expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', pub, signature, data)).toBe(true);
  });

  it('signs with RSA-PSS on request', async () => {
    const key = await importSigningKey(pkcs8, 'RSA-PSS');
    expect(key.extractable).toBe(false);
    expect(key.algorithm.name).toBe('RSA-PSS');
  });

  it('decrypts RSA-OAEP SHA-256 and cannot be exported', async () => {
    const key = await importOaepKey(pkcs8);
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'RSA-OAEP', hash: { name: 'SHA-256' } });
    await expect(crypto.subtle.exportKey('pkcs8', key)).rejects.toThrow();
    const pub = await testPublicKeyFor(pkcs8, 'RSA-OAEP');
    const cek = crypto.getRandomValues(new Uint8Array(32));
    const encrypted = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, pub, cek);
    expect(new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, key, encrypted))).toEqual(cek);
  });

  it('refuses bytes that are not a PKCS#8 RSA key with NO_PRIVATE_KEY', async () => {
    await expect(importSigningKey(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]))).rejects.toSatisfy((e) =>
      isDirectSealError(e, 'NO_PRIVATE_KEY'),
    );
    const ec = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    const ecPkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', ec.privateKey));
    await expect(importOaepKey(ecPkcs8)).rejects.toSatisfy((e) => isDirectSealError(e, 'NO_PRIVATE_KEY'));
  });
});
