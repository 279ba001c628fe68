/**
 * `npm run fuzz -- [--seconds N] [--target NAME ...]`: coverage-guided fuzzing of the readers in fuzz/targets.ts
 * for a set time (default 300 s, split between the targets), one process at a time. Not run in CI.
 *
 * Each target runs in its own child (fuzz/worker.ts) under a heap limit; this parent restarts a child that dies
 * or stops reporting, and keeps the input it was running as a finding (a crash, an out-of-memory or a hang).
 * Findings land in fuzz/findings/<target>/ (input + .txt), inputs that reached new code in fuzz/corpus/<target>/;
 * test/unit/properties/corpus.test.ts replays seeds, corpus and findings as regression tests.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDirs, ROOT, TARGET_NAMES, type TargetName } from './targets';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '300' }, target: { type: 'string', multiple: true } } });
const targets = (values.target ?? TARGET_NAMES) as TargetName[];
for (const t of targets) if (!TARGET_NAMES.includes(t)) throw new Error(`unknown target ${t}; one of ${TARGET_NAMES.join(', ')}`);
const total = Number(values.seconds) * 1000;
const HEAP_MB = 512;
const SILENT_MS = 20_000; // a worker prints STATS every 5 s; silence this long is a hang

function fuzzFor(target: TargetName, ms: number): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((done) => {
    const start = () => {
      if (Date.now() >= until) return done();
      const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'fuzz/worker.ts'), target], { stdio: ['ignore', 'pipe', 'pipe'] });
      let heard = Date.now();
      let stderr = '';
      let stopping = false;
      child.stdout.on('data', (c: Buffer) => {
        heard = Date.now();
        process.stdout.write(c);
      });
      child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
      const watch = setInterval(() => {
        if (Date.now() >= until) {
          stopping = true;
          child.kill('SIGKILL');
        } else if (Date.now() - heard > SILENT_MS) {
          keepCurrent(target, 'hang', `no report for ${SILENT_MS} ms`);
          stopping = true;
          child.kill('SIGKILL');
        }
      }, 1000);
      child.on('exit', (code, signal) => {
        clearInterval(watch);
        if (!stopping) keepCurrent(target, 'crash', `worker exited (code ${code}, signal ${signal})\n${stderr}`);
        if (Date.now() < until) start();
        else done();
      });
    };
    start();
  });
}

function keepCurrent(target: TargetName, kind: string, detail: string): void {
  const current = join(ROOT, 'fuzz/.work', `${target}.current`);
  if (!existsSync(current)) return;
  const input = readFileSync(current);
  const id = `${kind}-${createHash('sha256').update(input).digest('hex').slice(0, 20)}`;
  const dir = corpusDirs(target).findings;
  mkdirSync(dir, { recursive: true });
  copyFileSync(current, join(dir, id));
  writeFileSync(join(dir, `${id}.txt`), `${target}: ${kind}\n${detail}\n`);
  process.stdout.write(`FINDING ${target} ${id}: ${detail.split('\n')[0]}\n`);
}

for (const t of targets) await fuzzFor(t, total / targets.length);
process.stdout.write('fuzzing done; see fuzz/findings/ and replay with: npx vitest run test/unit/properties/corpus.test.ts\n');
