/**
 * A legacy .p12 costs bounded work and never freezes the event loop (the extension's background runs the same
 * code): the SHA-1 key derivation is capped at 1,000,000 iterations (real files use 2048, 2000, up to 50,000)
 * and yields at least every 10 ms. Out-of-range counts are refused with KEY_FILE_UNSUPPORTED, not with the
 * sentence about messages and algorithms; so is a file whose bags together would cost more than WORK_PER_FILE
 * rounds. The work is counted in SHA-1 rounds (every round goes through sha1Rounds), not timed: how fast it
 * runs is the benchmark's business.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readPkcs12 } from '../../../utils/pki';
import { MAX_PKCS12_KDF_ITERATIONS, WORK_PER_FILE } from '../../../utils/pki/pbe';
import { children, encoded, octets, readExact, readOid } from '../../../utils/cms/ber';
import { explicit, integer, octetString, oid, sequence } from '../../../utils/cms/der';
import { OID } from '../../../utils/cms/oids';
import { sha1, sha1Rounds } from '../../../utils/pki/sha1';
import { ERROR_SENTENCES, isDirectSealError } from '../../../utils/errors';
import { bytes, openssl, tempDir, testPki, type TestPki } from '../../support/pki-fixture';

/** SHA-1 rounds hashed so far, and how many were hashed since the event loop last ran a timer. */
const work = vi.hoisted(() => ({ rounds: 0, sinceTick: 0 }));
vi.mock('../../../utils/pki/sha1', async (original) => {
  const real = await original<typeof import('../../../utils/pki/sha1')>();
  return {
    ...real,
    sha1Rounds(state: Uint8Array, rounds: number) {
      work.rounds += rounds;
      work.sinceTick += rounds;
      real.sha1Rounds(state, rounds);
    },
  };
});
beforeEach(() => {
  work.rounds = 0;
  work.sinceTick = 0;
});

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
 * Runs `job` while a timer ticks as often as the event loop lets it, and reports the most SHA-1 rounds hashed
 * between two ticks: the work done without yielding, counted, not timed (a busy machine makes it smaller).
 */
async function longestBlock<T>(job: () => Promise<T>): Promise<{ value: T; roundsWithoutYield: number }> {
  let longest = 0;
  const timer = setInterval(() => {
    longest = Math.max(longest, work.sinceTick);
    work.sinceTick = 0;
  }, 0);
  try {
    const value = await job();
    return { value, roundsWithoutYield: Math.max(longest, work.sinceTick) };
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
  it(`reads a 3DES/RC2 file of ${MAX_PKCS12_KDF_ITERATIONS} iterations, yielding to the event loop as it goes`, async () => {
    const file = legacyP12(MAX_PKCS12_KDF_ITERATIONS);
    const r = await longestBlock(() => readPkcs12(file, 'pw'));
    expect(r.value.privateKeyPkcs8.length).toBeGreaterThan(1000);
    // The MAC key, the certificates' key and IV, the private key's key (two blocks of 20 bytes for 3DES) and IV:
    // six derivations of a million rounds, the first of each hashed with its input (about 2 s of CPU here; the
    // old code took 71 s for 4,000,000).
    expect(work.rounds).toBe(6 * (MAX_PKCS12_KDF_ITERATIONS - 1));
    // Slices of at most 10 ms: far fewer rounds than one derivation between two timer ticks (about 30,000 here),
    // where the old code hashed every round of a derivation in one block.
    expect(r.roundsWithoutYield).toBeGreaterThan(0);
    expect(r.roundsWithoutYield).toBeLessThan(MAX_PKCS12_KDF_ITERATIONS / 4);
  }, 30_000);

  it('refuses one iteration more at once, with KEY_FILE_UNSUPPORTED and its own sentence', async () => {
    const file = legacyP12(MAX_PKCS12_KDF_ITERATIONS + 1);
    const error = await readPkcs12(file, 'pw').then(() => undefined, (e: unknown) => e);
    expect(work.rounds).toBe(0); // refused before any hashing
    expect(isDirectSealError(error, 'KEY_FILE_UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toContain(ERROR_SENTENCES.KEY_FILE_UNSUPPORTED);
    expect((error as Error).message).toMatch(/iteration count 1000001 is out of range/);
    expect(ERROR_SENTENCES.KEY_FILE_UNSUPPORTED).not.toMatch(/message/);
  }, 30_000);
});

describe('the work of a whole file is bounded too', () => {
  it(`refuses a file that repeats its key bag to multiply the work past ${WORK_PER_FILE} rounds, having hashed no more than that`, async () => {
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
    const error = await readPkcs12(file, 'pw').then(() => undefined, (e: unknown) => e);
    expect(String(error)).toMatch(/key-derivation rounds in all/);
    expect(isDirectSealError(error, 'KEY_FILE_UNSUPPORTED')).toBe(true);
    // The budget is spent before the work: the refusal comes once the next derivation would pass it.
    expect(work.rounds).toBeGreaterThan(0);
    expect(work.rounds).toBeLessThanOrEqual(WORK_PER_FILE);
  }, 60_000);
});
