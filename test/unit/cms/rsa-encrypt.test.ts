/**
 * RSAES-PKCS1-v1_5 encryption on BigInt (utils/cms/rsa-encrypt.ts): OpenSSL's raw RSA undoes it into exactly
 * 00 02 PS 00 M with a nonzero random PS, forge's decryption gives the key back, and two encryptions differ.
 */
import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rsaPkcs1v15Encrypt } from '../../../utils/cms/rsa-encrypt';
import { rsaPkcs1v15Decrypt } from '../../../utils/legacy/forge-rsa';
import { randomBytes } from '../../../utils/crypto';

const keyPair = (bits: number, publicExponent: number) => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent });
  return {
    spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    pkcs8: new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' })),
    privateKey,
  };
};

describe.each([
  [2048, 65537],
  [3072, 65537],
  [2049, 3],
])('RSAES-PKCS1-v1_5 to a %i-bit key, exponent %i', (bits, exponent) => {
  const key = keyPair(bits, exponent);
  const size = Math.ceil(bits / 8);

  it('is 00 02, nonzero random padding, 00 and the key, under raw RSA', () => {
    for (const length of [16, 32, size - 11]) {
      const cek = randomBytes(length);
      const sealed = rsaPkcs1v15Encrypt(key.spki, cek);
      expect(sealed.length).toBe(size);
      const em = new Uint8Array(privateDecrypt({ key: key.privateKey, padding: constants.RSA_NO_PADDING }, sealed));
      expect([em[0], em[1]]).toEqual([0x00, 0x02]);
      const separator = em.indexOf(0, 2);
      expect(separator).toBe(size - length - 1);
      expect(separator - 2).toBeGreaterThanOrEqual(8);
      expect(em.subarray(separator + 1)).toEqual(cek);
    }
  });

  it('opens with forge\'s decryption, and never encrypts the same way twice', () => {
    const cek = randomBytes(32);
    const a = rsaPkcs1v15Encrypt(key.spki, cek);
    const b = rsaPkcs1v15Encrypt(key.spki, cek);
    expect(a).not.toEqual(b);
    expect(rsaPkcs1v15Decrypt(key.pkcs8, a, 32)).toEqual(cek);
    expect(rsaPkcs1v15Decrypt(key.pkcs8, b, 32)).toEqual(cek);
  });

  it('refuses a key too long for the modulus, with a code', () => {
    expect(() => rsaPkcs1v15Encrypt(key.spki, new Uint8Array(size - 10))).toThrow(expect.objectContaining({ code: 'CERT_WEAK_KEY' }));
  });
});
