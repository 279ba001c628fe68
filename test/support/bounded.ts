/**
 * Runs a TypeScript script of the tests in a child Node with a heap limit and reports what it cost: for bounds on
 * time and memory that a test asserts (an in-process measure misses a peak inside one synchronous call, and a
 * runaway parse must not take the test runner's own heap down with it).
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
  /** Wall time of the work the child measured, in ms (from `report`). */
  ms?: number;
  /**
   * CPU time (user + system) the child spent on that work, in ms: what a time bound should assert, since on a
   * machine shared with other jobs the wall time also counts waiting for a CPU.
   */
  cpuMs?: number;
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
  let parsed: { result?: unknown; maxRssMb?: number; ms?: number; cpuMs?: number } = {};
  try {
    parsed = JSON.parse(line);
  } catch {
    // died before reporting
  }
  return { status: r.status, result: parsed.result, maxRssMb: parsed.maxRssMb, ms: parsed.ms, cpuMs: parsed.cpuMs, stderr: r.stderr };
}

/** In the child: times `work` and prints its result with the process's peak memory, as runBounded reads it. */
export async function report(work: () => Promise<unknown> | unknown): Promise<void> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await work();
  const cpu = process.cpuUsage(cpu0);
  const ms = Math.round(performance.now() - t0);
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`\n${JSON.stringify({ result, ms, cpuMs, maxRssMb })}\n`);
}
