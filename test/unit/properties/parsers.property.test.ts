/**
 * Property: no input makes a reader throw anything but a DirectSealError (a typed refusal with a code and a
 * sentence). The readers are the fuzzer's targets (fuzz/targets.ts): open (as a message and as hostile content
 * inside sound encryption), inspect, the PKCS#12 reader, certificates, CRLs, private keys. Inputs: random bytes,
 * and mutations of the real seeds (ours, openssl's, the Java RI's) with fuzz/mutate.ts's edits, ASN.1-aware ones
 * among them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusDirs, runOne, TARGET_NAMES, type TargetName } from '../../../fuzz/targets';
import { applyEdits } from '../../../fuzz/mutate';

const seedsOf = (name: TargetName) => {
  const dir = corpusDirs(name).seeds;
  return readdirSync(dir).sort().map((f) => new Uint8Array(readFileSync(join(dir, f))));
};

const edit = fc.record({ op: fc.nat(), at: fc.nat(), value: fc.nat() });
const RUNS: Record<TargetName, number> = { open: 150, openInner: 150, inspect: 150, pkcs12: 60, certificate: 200, crl: 200, privateKey: 100 };

describe.each(TARGET_NAMES)('%s', (name) => {
  const seeds = seedsOf(name);

  it('throws nothing but DirectSealError for random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (input) => {
        const r = await runOne(name, input);
        expect(r.ok ? 'typed' : String((r as { error: unknown }).error)).toBe('typed');
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('throws nothing but DirectSealError for mutations of real inputs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(seeds.length - 1), fc.nat(seeds.length - 1), fc.array(edit, { minLength: 1, maxLength: 6 }), async (s, o, edits) => {
        const input = applyEdits(seeds[s]!, edits, seeds[o]);
        const r = await runOne(name, input);
        expect(r.ok ? 'typed' : String((r as { error: unknown }).error)).toBe('typed');
      }),
      { numRuns: RUNS[name] },
    );
  }, 120_000);
});
