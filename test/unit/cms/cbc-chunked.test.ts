/**
 * Chunked AES-CBC (utils/cms/cbc-chunked.ts) must give exactly the bytes of one WebCrypto call, at and around
 * every chunk boundary, whatever parts the plaintext comes in; what it seals, openssl decrypts; and a broken
 * final block is refused with DECRYPTION_FAILED.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CBC_CHUNK, decryptCbc, encryptCbc } from '../../../utils/cms/cbc-chunked';
import { decryptContent } from '../../../utils/cms/content-cipher';
import { envelope, openEnvelope } from '../../../utils/cms/enveloped';
import { octetString } from '../../../utils/cms/der';
import { readRoot } from '../../../utils/cms/ber';
import { localPrivateKey } from '../../../utils/cms/keys';
import { OID } from '../../../utils/cms/oids';
import { concat } from '../../../utils/bytes';
import { isDirectSealError } from '../../../utils/errors';
import { makeSelfSigned } from '../../support/openssl-keys';
import { seededBytes } from '../../support/seeded-bytes';

const subtle = globalThis.crypto.subtle;

function bytes(n: number, seed = 1): Uint8Array {
  return seededBytes(n, seed);
}

const sizesAround = (chunk: number) => [0, 15, 16, chunk - 1, chunk, chunk + 1, 3 * chunk + 5];

/** The plaintext cut into uneven parts (one empty), so chunks straddle parts and lie within them. */
function parts(data: Uint8Array): Uint8Array[] {
  const cuts = [0, 7, 7, Math.floor(data.length / 3), Math.floor(data.length / 2) + 1, data.length]
    .map((c) => Math.min(c, data.length))
    .sort((a, b) => a - b);
  return cuts.slice(1).map((end, i) => data.subarray(cuts[i]!, end));
}

async function cbcKey() {
  const raw = bytes(32, 99);
  return { raw, key: await subtle.importKey('raw', raw as BufferSource, 'AES-CBC', false, ['encrypt', 'decrypt']) };
}

async function chunked(key: CryptoKey, iv: Uint8Array, plaintext: Uint8Array[], chunk: number): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  await encryptCbc(key, iv, plaintext, (c) => out.push(c.slice()), chunk);
  return concat(out);
}

describe('chunked AES-CBC', () => {
  const iv = bytes(16, 7);
  for (const chunk of [64, CBC_CHUNK]) {
    for (const size of sizesAround(chunk)) {
      it(`equals one WebCrypto call for ${size} bytes in chunks of ${chunk}, and decrypts back (also in place)`, async () => {
        const { key } = await cbcKey();
        const data = bytes(size);
        const oneShot = new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv: iv as BufferSource }, key, data as BufferSource));
        const ct = await chunked(key, iv, parts(data), chunk);
        expect(ct.length).toBe(oneShot.length);
        expect(Buffer.compare(ct, oneShot)).toBe(0);

        const out = new Uint8Array(ct.length);
        const n = await decryptCbc(key, iv, ct, out, chunk);
        expect(Buffer.compare(out.subarray(0, n), data)).toBe(0);

        const inPlace = ct.slice();
        const m = await decryptCbc(key, iv, inPlace, inPlace, chunk);
        expect(Buffer.compare(inPlace.subarray(0, m), data)).toBe(0);
      });
    }
  }

  it('refuses a ciphertext that is not whole blocks', async () => {
    const { key } = await cbcKey();
    await expect(decryptCbc(key, iv, new Uint8Array(0), new Uint8Array(0), 64)).rejects.toThrow();
    await expect(decryptCbc(key, iv, new Uint8Array(40), new Uint8Array(40), 64)).rejects.toThrow();
  });

  it.each([16, CBC_CHUNK + 16, 3 * CBC_CHUNK + 32])(
    'gives DECRYPTION_FAILED for a tampered last block (%i bytes of ciphertext)',
    async (length) => {
      const { raw, key } = await cbcKey();
      const ct = await chunked(key, iv, [bytes(length - 16)], CBC_CHUNK);
      expect(ct.length).toBe(length);
      const params = readRoot(octetString(iv));
      // The last block itself: its padding decrypts to garbage (fixed key and data, so this is deterministic).
      const lastBlock = ct.slice();
      lastBlock[lastBlock.length - 5]! ^= 0x01;
      // The block before it: flips the last padding byte outright (for 16 bytes, the IV plays that part).
      const paddingByte = ct.slice();
      if (length > 16) paddingByte[paddingByte.length - 17]! ^= 0x40;
      const cases = length > 16 ? [lastBlock, paddingByte] : [lastBlock];
      for (const bad of cases) {
        await expect(decryptContent(OID.aes256Cbc, params, raw, bad)).rejects.toSatisfy((e) => isDirectSealError(e, 'DECRYPTION_FAILED'));
      }
      const good = await decryptContent(OID.aes256Cbc, params, raw, ct);
      expect(Buffer.compare(good, bytes(length - 16))).toBe(0);
    },
  );
});

describe('chunked AES-CBC EnvelopedData and openssl cms -decrypt', () => {
  const bob = makeSelfSigned('bob@b.test');
  const dir = mkdtempSync(join(tmpdir(), 'ds-cbc-'));
  // Plaintext sizes whose ciphertext ends just before, at and after chunk boundaries.
  for (const size of [0, 15, 16, CBC_CHUNK - 1, CBC_CHUNK, CBC_CHUNK + 1, 3 * CBC_CHUNK + 5]) {
    it(`openssl decrypts what we encrypt, and we open it, for ${size} bytes`, async () => {
      const content = bytes(size, size + 3);
      for (const cipher of ['aes-256-cbc', 'aes-128-cbc'] as const) {
        const der = await envelope(content, [bob.certificate], { cipher });
        const file = join(dir, `env-${size}-${cipher}.der`);
        writeFileSync(file, der);
        const out = join(dir, `dec-${size}-${cipher}`);
        execFileSync('openssl', ['cms', '-decrypt', '-binary', '-inform', 'DER', '-in', file, '-recip', bob.certPath, '-inkey', bob.keyPath, '-out', out], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        expect(Buffer.compare(readFileSync(out), content)).toBe(0);
        const bobRecipient = { certificate: bob.certificate, key: localPrivateKey(bob.pkcs8) };
        const opened = await openEnvelope(der, [bobRecipient]);
        expect(Buffer.compare(opened.content, content)).toBe(0);
        const own = der.slice();
        const inPlace = await openEnvelope(own, [bobRecipient], { inPlace: true });
        expect(Buffer.compare(inPlace.content, content)).toBe(0);
        expect(inPlace.content.buffer).toBe(own.buffer); // no second buffer: the plaintext is where the ciphertext was
      }
    });
  }
});
