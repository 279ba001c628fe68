/**
 * A legacy .p12 costs bounded work and never freezes the event loop (the extension's background runs the same
 * code): the SHA-1 key derivation is capped at 1,000,000 iterations (real files use 2048, 2000, up to 50,000),
 * is fast enough (./sha1.ts) for the cap, and yields at least every 10 ms. Out-of-range counts are refused with
 * KEY_FILE_UNSUPPORTED, not with the sentence about messages and algorithms; so is a file whose bags together
 * would cost more than WORK_PER_FILE rounds.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPkcs12 } from '../../../utils/pki';
import { MAX_PKCS12_KDF_ITERATIONS, WORK_PER_FILE } from '../../../utils/pki/pbe';
import { children, encoded, octets, readExact, readOid } from '../../../utils/cms/ber';
import { explicit, integer, octetString, oid, sequence } from '../../../utils/cms/der';
import { OID } from '../../../utils/cms/oids';
import { sha1, sha1Rounds } from '../../../utils/pki/sha1';
import { ERROR_SENTENCES, isDirectSealError } from '../../../utils/errors';
import { bytes, openssl, tempDir, testPki, type TestPki } from '../../support/pki-fixture';

let pki: TestPki;
let dir: string;
beforeAll(async () => {
  pki = await testPki();
  dir = tempDir('ds-p12-work-');
}, 120_000);

function legacyP12(iterations: number): Uint8Array {
  const out = join(dir, `iter-${iterations}.p12`);
  openssl(['pkcs12', '-export', '-legacy', '-iter', String(iterations), '-inkey', pki.doctor.keyPem, '-in', pki.doctor.certPem, '-passout', 'pass:pw', '-out', out]);
  return bytes(out);
}

/**
 * Runs `work` while a 2 ms timer ticks. The longest the event loop was blocked is measured in CPU time spent
 * between two ticks (wall time between ticks also counts waiting for a CPU on a shared machine); the work's
 * cost likewise in CPU time.
 */
async function stalls<T>(work: () => Promise<T>): Promise<{ value: T; longestStallMs: number; cpuMs: number; ms: number }> {
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let last = cpuNow();
  let longest = 0;
  const timer = setInterval(() => {
    const now = cpuNow();
    longest = Math.max(longest, now - last);
    last = now;
  }, 2);
  const t0 = performance.now();
  const cpu0 = cpuNow();
  try {
    const value = await work();
    return { value, longestStallMs: Math.max(longest, cpuNow() - last), cpuMs: cpuNow() - cpu0, ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

describe('SHA-1 for the key derivation', () => {
  it('equals node:crypto for every length up to three blocks, and when iterated', () => {
    for (let n = 0; n < 200; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      expect(Buffer.from(sha1(data)).toString('hex')).toBe(createHash('sha1').update(data).digest('hex'));
    }
    const state = new Uint8Array(20).fill(9);
    let expected = Buffer.from(state);
    for (let i = 0; i < 1000; i++) expected = createHash('sha1').update(expected).digest();
    sha1Rounds(state, 1000);
    expect(Buffer.from(state).equals(expected)).toBe(true);
  });
});

describe('a legacy .p12 at the iteration cap', () => {
  it(`reads a 3DES/RC2 file of ${MAX_PKCS12_KDF_ITERATIONS} iterations within 8 s of CPU, the event loop never blocked over 100 ms`, async () => {
    const file = legacyP12(MAX_PKCS12_KDF_ITERATIONS);
    const r = await stalls(() => readPkcs12(file, 'pw'));
    expect(r.value.privateKeyPkcs8.length).toBeGreaterThan(1000);
    // Measured: 2.0 s of CPU (six derivations of a million SHA-1 rounds), blocked at most 30 ms at a time;
    // the old code took 71 s for 4,000,000, in one block.
    expect(r.cpuMs).toBeLessThan(8_000);
    expect(r.longestStallMs).toBeLessThan(100);
  }, 30_000);

  it('refuses one iteration more at once, with KEY_FILE_UNSUPPORTED and its own sentence', async () => {
    const file = legacyP12(MAX_PKCS12_KDF_ITERATIONS + 1);
    const cpu0 = process.cpuUsage();
    const error = await readPkcs12(file, 'pw').then(() => undefined, (e: unknown) => e);
    const cpu = process.cpuUsage(cpu0);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1_000);
    expect(isDirectSealError(error, 'KEY_FILE_UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toContain(ERROR_SENTENCES.KEY_FILE_UNSUPPORTED);
    expect((error as Error).message).toMatch(/iteration count 1000001 is out of range/);
    expect(ERROR_SENTENCES.KEY_FILE_UNSUPPORTED).not.toMatch(/message/);
  }, 30_000);
});

describe('the work of a whole file is bounded too', () => {
  it(`refuses a file that repeats its key bag to multiply the work past ${WORK_PER_FILE} rounds, within 4 s of CPU`, async () => {
    // A legacy file at the cap, its MAC dropped and its key safe (the last one, as openssl writes it) repeated
    // twice: 3 x 3M rounds for the key, plus the certificates' if encrypted. (-iter before -nomac: openssl 3.0's
    // -iter turns the MAC back on.)
    const out = join(dir, 'repeated.p12');
    openssl(['pkcs12', '-export', '-legacy', '-iter', String(MAX_PKCS12_KDF_ITERATIONS), '-nomac', '-inkey', pki.doctor.keyPem, '-in', pki.doctor.certPem, '-passout', 'pass:pw', '-out', out]);
    const pfx = children(readExact(bytes(out)));
    const authSafe = children(readExact(octets(children(children(pfx[1]!)[1]!)[0]!)));
    const keySafe = authSafe.filter((info) => readOid(children(info)[0]!) === OID.data).pop()!;
    const repeated = sequence(...authSafe.map(encoded), encoded(keySafe), encoded(keySafe));
    const file = sequence(integer(3), sequence(oid(OID.data), explicit(0, octetString(repeated))));
    const cpu0 = process.cpuUsage();
    const error = await readPkcs12(file, 'pw').then(() => undefined, (e: unknown) => e);
    const cpu = process.cpuUsage(cpu0);
    expect(String(error)).toMatch(/key-derivation rounds in all/);
    expect(isDirectSealError(error, 'KEY_FILE_UNSUPPORTED')).toBe(true);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(4_000);
  }, 60_000);
});
