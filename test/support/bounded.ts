/**
 * Runs a TypeScript script of the tests in a child Node with a heap limit and reports its peak memory: for the
 * memory bounds a test asserts (an in-process measure misses a peak inside one synchronous call, and a runaway
 * parse must not take the test runner's own heap down with it). Time is not asserted (the benchmark measures
 * it); the child's timeout only ends a hang, which then fails the test by its missing result.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BoundedRun {
  /** The child's exit code (non-zero also when it ran out of heap or time). */
  status: number | null;
  /** What the child reported with `report` (undefined when it died first). */
  result?: unknown;
  /** Peak resident memory of the child, in MB (its own measure, from `report`). */
  maxRssMb?: number;
  stderr: string;
}

const RUN_TS = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/run-ts.mjs');

export function runBounded(script: string, args: string[], options: { heapMb: number; timeoutMs: number }): BoundedRun {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${options.heapMb}`, RUN_TS, script, ...args], {
    encoding: 'utf8',
    timeout: options.timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let parsed: { result?: unknown; maxRssMb?: number } = {};
  try {
    parsed = JSON.parse(line);
  } catch {
    // died before reporting
  }
  return { status: r.status, result: parsed.result, maxRssMb: parsed.maxRssMb, stderr: r.stderr };
}

/** In the child: runs `work` and prints its result with the process's peak memory, as runBounded reads it. */
export async function report(work: () => Promise<unknown> | unknown): Promise<void> {
  const result = await work();
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`\n${JSON.stringify({ result, maxRssMb })}\n`);
}
