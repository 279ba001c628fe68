/**
 * Constructed OCTET STRINGs are joined without an object per segment: a million one-byte segments (3 MB of BER;
 * it peaked at 450 MB before, openssl takes 9 MB) in a child with a small heap, and a sealed message whose
 * ciphertext is written so, opened within a time and memory bound.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { children, encoded, octets, readExact, readNode } from '../../../utils/cms/ber';
import { lengthBytes, sequence, tlv } from '../../../utils/cms/der';
import { seal } from '../../../utils/direct/seal';
import { locateCms } from '../../../utils/direct/locate';
import { pkcs7MimeEntity } from '../../../utils/direct/smime-entities';
import { buildMessage } from '../../../utils/mime/build';
import { runBounded } from '../../support/bounded';
import { certDer, identityOf, tempDir, testPki, type TestPki } from '../../support/pki-fixture';

let pki: TestPki;
let dir: string;
beforeAll(async () => {
  pki = await testPki();
  dir = tempDir('ds-segments-');
}, 120_000);

/** A constructed OCTET STRING (tag `tag`, definite length) of one segment per byte of `content`. */
function oneByteSegments(content: Uint8Array, tag = 0x24): Uint8Array {
  const body = new Uint8Array(content.length * 3);
  for (let i = 0; i < content.length; i++) {
    body[3 * i] = 0x04;
    body[3 * i + 1] = 0x01;
    body[3 * i + 2] = content[i]!;
  }
  const len = lengthBytes(body.length);
  const out = new Uint8Array(1 + len.length + body.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(body, 1 + len.length);
  return out;
}

const checksum = (b: Uint8Array) => b.reduce((s, x) => (s + x) % 65521, 0);

describe('octets', () => {
  it('joins nested and indefinite-length segments in order, and returns a view for a single one', () => {
    const inner = Uint8Array.of(0x24, 0x80, 0x04, 0x02, 3, 4, 0x04, 0x00, 0x00, 0x00);
    const der = Uint8Array.of(0x24, 0x80, 0x04, 0x02, 1, 2, ...inner, 0x04, 0x01, 5, 0x00, 0x00);
    expect([...octets(readExact(der))]).toEqual([1, 2, 3, 4, 5]);
    const single = Uint8Array.of(0x24, 0x04, 0x04, 0x02, 9, 8);
    const v = octets(readExact(single));
    expect([...v]).toEqual([9, 8]);
    expect(v.buffer).toBe(single.buffer);
    const big = new Uint8Array(1000).map((_, i) => i & 0xff);
    const mixed = sequence(tlv(0x04, big), tlv(0x04, Uint8Array.of(7)), tlv(0x04, big));
    mixed[0] = 0x24;
    expect(Buffer.from(octets(readExact(mixed))).equals(Buffer.concat([big, Uint8Array.of(7), big]))).toBe(true);
  });

  it('joins a million one-byte segments within 250 MB (a child with a 64 MB heap)', () => {
    const content = new Uint8Array(1_000_000).map((_, i) => (i * 7 + 3) & 0xff);
    const path = join(dir, 'million.ber');
    writeFileSync(path, oneByteSegments(content));
    const run = runBounded(resolve('test/unit/cms/children/octets.ts'), [path], { heapMb: 64, timeoutMs: 25_000 });
    expect(run.stderr).toBe('');
    expect(run.result).toEqual({ length: 1_000_000, sum: checksum(content) });
    // Measured: 125 MB RSS (108 MB of it Node and tsx).
    expect(run.maxRssMb).toBeLessThan(250);
  }, 40_000);
});

describe('a sealed message whose ciphertext comes in one-byte segments', () => {
  it('opens verified within 400 MB (a child with a 128 MB heap)', async () => {
    const doctor = await identityOf(pki, pki.doctor);
    const text = 'x'.repeat(900_000) + '\n';
    const msg = buildMessage({ from: 'dr.house@doctor.test', to: ['pat@patient.test'], subject: 'segments', text });
    const sealed = await seal(msg, doctor, [certDer(pki.patient)]);
    const der = locateCms(sealed).der;
    // ContentInfo > [0] > EnvelopedData > EncryptedContentInfo > [0] IMPLICIT encryptedContent: re-chunked.
    const ci = children(readExact(der));
    const env = children(children(ci[1]!)[0]!);
    const eciIndex = env.findIndex((n, i) => i > 1 && n.tag === 0x30);
    const eci = children(env[eciIndex]!);
    const ciphertext = octets(eci[2]!);
    expect(ciphertext.length).toBeGreaterThan(900_000);
    const newEci = sequence(encoded(eci[0]!), encoded(eci[1]!), oneByteSegments(ciphertext, 0xa0));
    const newEnv = sequence(...env.map((n, i) => (i === eciIndex ? newEci : encoded(n))));
    const rebuilt = sequence(encoded(ci[0]!), tlv(0xa0, newEnv));
    expect(readNode(rebuilt).end).toBe(rebuilt.length);
    const path = join(dir, 'segmented.eml');
    writeFileSync(path, pkcs7MimeEntity(rebuilt, 'enveloped-data', ['From: dr.house@doctor.test', 'To: pat@patient.test']));
    const run = runBounded(resolve('test/unit/pki/children/open-file.ts'), [path, pki.patient.keyPem, pki.patient.certPem, pki.anchorDer], { heapMb: 128, timeoutMs: 25_000 });
    expect(run.stderr).toBe('');
    expect(run.result).toMatchObject({ status: 'verified', reasons: [] });
    expect(run.maxRssMb).toBeLessThan(400);
  }, 60_000);
});
