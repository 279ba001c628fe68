import { describe, expect, it } from 'vitest';
import { envelope, openEnvelope, describeEnvelope } from '../../../utils/cms/enveloped';
import { sign, verifySignedData } from '../../../utils/cms/signed';
import { localPrivateKey } from '../../../utils/cms/keys';
import { CONTENT_CIPHERS } from '../../../utils/cms/content-cipher';
import { isDirectSealError } from '../../../utils/errors';
import { makeSelfSigned } from '../../support/openssl-keys';

const alice = makeSelfSigned('alice@a.test');
const bob = makeSelfSigned('bob@b.test');
const content = new TextEncoder().encode('Content-Type: text/plain\r\n\r\nLab results: normal.\r\n');
const bobRecipient = { certificate: bob.certificate, key: localPrivateKey(bob.pkcs8) };

describe('EnvelopedData / AuthEnvelopedData', () => {
  for (const cipher of CONTENT_CIPHERS) {
    for (const keyTransport of ['rsa-pkcs1', 'rsa-oaep'] as const) {
      it(`round-trips with ${cipher} and ${keyTransport}`, async () => {
        const der = await envelope(content, [alice.certificate, bob.certificate], { cipher, keyTransport });
        const opened = await openEnvelope(der, [bobRecipient]);
        expect(opened.content).toEqual(content);
        expect(opened.contentEncryption).toBe(cipher);
        expect(opened.authenticated).toBe(cipher.endsWith('gcm'));
        expect(describeEnvelope(der).recipients).toHaveLength(2);
      });
    }
  }

  it('refuses a message for someone else with NO_MATCHING_RECIPIENT', async () => {
    const der = await envelope(content, [alice.certificate]);
    await expect(openEnvelope(der, [bobRecipient])).rejects.toSatisfy((e) => isDirectSealError(e, 'NO_MATCHING_RECIPIENT'));
  });

  it.each(['aes-256-cbc', 'aes-256-gcm'] as const)('refuses tampered %s ciphertext with DECRYPTION_FAILED', async (cipher) => {
    const der = await envelope(content, [bob.certificate], { cipher });
    const tampered = der.slice();
    tampered[tampered.length - (cipher === 'aes-256-gcm' ? 30 : 3)]! ^= 0x40;
    await expect(openEnvelope(tampered, [bobRecipient])).rejects.toSatisfy((e) => isDirectSealError(e, 'DECRYPTION_FAILED'));
  });

  it('refuses truncated input with MESSAGE_MALFORMED', async () => {
    const der = await envelope(content, [bob.certificate]);
    await expect(openEnvelope(der.subarray(0, der.length - 40), [bobRecipient])).rejects.toSatisfy((e) =>
      isDirectSealError(e, 'MESSAGE_MALFORMED'),
    );
  });
});

describe('SignedData', () => {
  const signer = { certificate: alice.certificate, chain: [], key: localPrivateKey(alice.pkcs8) };
  for (const detached of [true, false]) {
    it(`verifies its own ${detached ? 'detached' : 'encapsulated'} signature and refuses altered content`, async () => {
      const der = await sign(content, signer, { detached });
      const good = await verifySignedData(der, detached ? content : undefined);
      expect(good.signers.map((s) => s.ok)).toEqual([true]);
      expect(good.content).toEqual(content);
      expect(good.signers[0]!.signingTime).toBeInstanceOf(Date);
      const altered = content.slice();
      altered[altered.length - 4]! ^= 1;
      if (detached) {
        const bad = await verifySignedData(der, altered);
        expect(bad.signers[0]!.problem?.code).toBe('SIGNATURE_INVALID');
      } else {
        const i = indexOfBytes(der, content);
        const tampered = der.slice();
        tampered[i + content.length - 4]! ^= 1;
        expect((await verifySignedData(tampered)).signers[0]!.problem?.code).toBe('SIGNATURE_INVALID');
      }
    });
  }
});

function indexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
