/**
 * One fuzzing process for one target (started by fuzz/run.ts, which watches it). Coverage-guided over V8's own
 * block coverage (node:inspector, Profiler.takePreciseCoverage): an input that makes any block of utils/ or cli/
 * run that never ran, or run a new power-of-two number of times, joins the corpus and is mutated further. An
 * input after which a reader threw anything but a DirectSealError, or that took longer than SLOW_MS, is a
 * finding. Before each run the input is written to fuzz/.work/<target>.current, so that when this process dies
 * (out of memory, a crash) or hangs, the parent keeps the input that did it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { corpusDirs, ROOT, runOne, type TargetName, TARGET_NAMES } from './targets';
import { applyEdits, type Edit } from './mutate';

const target = process.argv[2] as TargetName;
if (!TARGET_NAMES.includes(target)) throw new Error(`unknown target ${target}; one of ${TARGET_NAMES.join(', ')}`);
const SLOW_MS = 3_000;
/** Inputs larger than this are not kept in the corpus (the repository keeps it). */
const MAX_KEPT = 64 * 1024;
const dirs = corpusDirs(target);
const work = join(ROOT, 'fuzz/.work');
for (const d of [dirs.corpus, dirs.findings, work]) mkdirSync(d, { recursive: true });
const currentFile = join(work, `${target}.current`);

let seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) | 0 || 1;
const random = (n: number) => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % Math.max(1, n);
};

const read = (dir: string) => readdirSync(dir).filter((f) => !f.endsWith('.txt')).sort().map((f) => new Uint8Array(readFileSync(join(dir, f))));
const queue: Uint8Array[] = [...read(dirs.seeds), ...read(dirs.corpus)];
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 20);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });

/** Block and count-bucket pairs seen: new ones put an input in the in-memory queue. */
const seen = new Set<string>();
/** Blocks seen at all: only an input that ran a block never run before is written to the kept corpus. */
const seenBlocks = new Set<string>();
const bucket = (count: number) => (count >= 128 ? 8 : 32 - Math.clz32(count)); // 1, 2, 3-4, 5-8, ... as AFL counts
const ours = (url: string) => url.includes('/utils/') || url.includes('/cli/');

/** The features this run showed that no earlier run did, and how many of them are blocks never run before. */
async function newFeatures(): Promise<{ fresh: number; freshBlocks: number }> {
  const { result } = await session.post('Profiler.takePreciseCoverage');
  let fresh = 0;
  let freshBlocks = 0;
  for (const script of result) {
    if (!ours(script.url)) continue;
    for (const fn of script.functions) {
      for (const r of fn.ranges) {
        if (r.count === 0) continue;
        const block = `${script.scriptId}:${r.startOffset}:${r.endOffset}`;
        const key = `${block}:${bucket(r.count)}`;
        if (!seen.has(key)) {
          seen.add(key);
          fresh++;
        }
        if (!seenBlocks.has(block)) {
          seenBlocks.add(block);
          freshBlocks++;
        }
      }
    }
  }
  return { fresh, freshBlocks };
}

function keepFinding(kind: string, input: Uint8Array, detail: string): void {
  const id = `${kind}-${sha(input)}`;
  writeFileSync(join(dirs.findings, id), input);
  writeFileSync(join(dirs.findings, `${id}.txt`), `${target}: ${kind}\n${detail}\n`);
  process.stdout.write(`FINDING ${target} ${id}: ${detail.split('\n')[0]}\n`);
}

async function execute(input: Uint8Array): Promise<void> {
  writeFileSync(currentFile, input);
  // CPU time, not wall time: on a shared machine a run can wait for the CPU far longer than it works.
  const cpu0 = process.cpuUsage();
  const r = await runOne(target, input);
  const cpu = process.cpuUsage(cpu0);
  const ms = (cpu.user + cpu.system) / 1000;
  if (!r.ok) keepFinding('throw', input, r.error instanceof Error ? (r.error.stack ?? String(r.error)) : String(r.error));
  else if (ms > SLOW_MS) keepFinding('slow', input, `took ${Math.round(ms)} ms of CPU`);
  const { fresh, freshBlocks } = await newFeatures();
  if (fresh > 0) queue.push(input);
  if (freshBlocks > 0 && !calibrating && input.length <= MAX_KEPT) writeFileSync(join(dirs.corpus, sha(input)), input);
}

// Calibrate: every seed and kept input once (their coverage is the starting point).
let calibrating = true;
for (const input of [...queue]) await execute(input);
calibrating = false;
process.stdout.write(`START ${target} corpus=${queue.length} features=${seen.size} seed=${seed}\n`);

let runs = 0;
let last = performance.now();
for (;;) {
  const base = queue[random(queue.length)]!;
  const other = queue[random(queue.length)]!;
  const edits: Edit[] = Array.from({ length: 1 + random(6) }, () => ({ op: random(10), at: random(1 << 30), value: random(1 << 30) }));
  await execute(applyEdits(base, edits, other));
  runs++;
  if (performance.now() - last > 5_000) {
    last = performance.now();
    process.stdout.write(`STATS ${target} runs=${runs} queue=${queue.length} blocks=${seenBlocks.size} features=${seen.size}\n`);
  }
}
