/**
 * The fuzzer's corpus as regression tests: every seed, every input the fuzzer kept for reaching new code, and
 * every finding (fuzz/findings/<target>/, each with a .txt saying what it did) is read again by its target: it
 * must end in a DirectSealError or a result. A finding fixed stays fixed. (How long each takes is the fuzzer's
 * business: `npm run fuzz` keeps an input that hangs as a finding; a test asserts outcomes, not times.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDirs, runOne, TARGET_NAMES, type TargetName } from '../../../fuzz/targets';

function files(name: TargetName): [string, string][] {
  const d = corpusDirs(name);
  return (['seeds', 'corpus', 'findings'] as const).flatMap((kind) => {
    const dir = d[kind];
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => !f.endsWith('.txt'))
      .sort()
      .map((f): [string, string] => [`${kind}/${f}`, join(dir, f)]);
  });
}

describe.each(TARGET_NAMES)('%s', (name) => {
  const inputs = files(name);

  it('has seeds', () => {
    expect(inputs.filter(([label]) => label.startsWith('seeds/')).length).toBeGreaterThan(0);
  });

  it('reads every kept input to a typed outcome', async () => {
    const failures: string[] = [];
    for (const [label, path] of inputs) {
      const r = await runOne(name, new Uint8Array(readFileSync(path)));
      if (!r.ok) failures.push(`${label}: ${String((r as { error: unknown }).error)}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

describe('the seeds of open', () => {
  it('open verified: ours, openssl\'s and the Java RI\'s', async () => {
    const { TARGETS } = await import('../../../fuzz/targets');
    const dir = corpusDirs('open').seeds;
    for (const f of readdirSync(dir)) {
      const { verdict } = await TARGETS.open(new Uint8Array(readFileSync(join(dir, f))));
      expect([f, verdict.status]).toEqual([f, 'verified']);
    }
  });
});
