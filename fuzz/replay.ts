/**
 * Runs one target on files and prints the outcome and the time each took (wall and CPU):
 *   node bin/run-ts.mjs fuzz/replay.ts TARGET FILE...
 */
import { readFileSync } from 'node:fs';
import { DirectSealError } from '../utils/errors';
import { TARGETS, type TargetName } from './targets';

const [target, ...files] = process.argv.slice(2) as [TargetName, ...string[]];
for (const f of files) {
  const input = new Uint8Array(readFileSync(f));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let outcome: string;
  try {
    await TARGETS[target](input);
    outcome = 'returned';
  } catch (e) {
    outcome = e instanceof DirectSealError ? `DirectSealError ${e.code}: ${e.detail ?? ''}` : `THREW ${e instanceof Error ? e.stack : String(e)}`;
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(`${f}: ${outcome.slice(0, 300)} (${Math.round(performance.now() - t0)} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU)`);
}
