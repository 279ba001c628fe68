/**
 * `npm run bench`: seal and open 1, 10 and 50 MB Direct messages (a short body and a large base64 attachment),
 * side by side with `openssl cms` (sign then encrypt; decrypt then verify) on the same input, in one run.
 * Prints median times, peak memory, and the ratios to openssl. Each run is a fresh process (see op.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildMessage } from '../utils/mime/build';
import { wrapMessage } from '../utils/direct/wrap';

const SIZES_MB = (process.env.BENCH_SIZES ?? '1,10,50').split(',').map(Number);
const RUNS: Record<number, number> = { 1: 5, 10: 3, 50: 3 };
const dir = mkdtempSync(join(tmpdir(), 'ds-bench-'));
const p = (f: string) => join(dir, f);
const root = resolve(import.meta.dirname, '..');

function openssl(...args: string[]) {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function makePki() {
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('ca.key'), '-out', p('ca.pem'), '-days', '2', '-subj', '/CN=Bench CA',
    '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  for (const [name, addr] of [['doctor', 'dr.bench@doctor.test'], ['patient', 'pat.bench@patient.test']]) {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', p(`${name}.key`), '-out', p(`${name}.csr`), '-subj', `/CN=${addr}`);
    writeFileSync(p(`${name}.ext`), `subjectAltName=email:${addr}\nkeyUsage=digitalSignature,keyEncipherment\nbasicConstraints=CA:false\n`);
    openssl('x509', '-req', '-in', p(`${name}.csr`), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial', '-days', '2',
      '-extfile', p(`${name}.ext`), '-out', p(`${name}.pem`));
  }
}

function makeMessage(mb: number): string {
  const target = mb * 1024 * 1024;
  const attachment = new Uint8Array(Math.floor((target - 4096) * 0.75));
  for (let i = 0; i < attachment.length; i += 65536) crypto.getRandomValues(attachment.subarray(i, Math.min(i + 65536, attachment.length)));
  const msg = buildMessage({
    from: 'Dr. Bench <dr.bench@doctor.test>',
    to: ['pat.bench@patient.test'],
    subject: 'Imaging results',
    text: 'Dear patient,\n\nplease find your imaging study attached.\n\nKind regards,\nDr. Bench\n'.repeat(10),
    attachments: [{ filename: 'study.dcm', contentType: 'application/dicom', content: attachment }],
  });
  const file = p(`msg-${mb}.eml`);
  writeFileSync(file, msg);
  writeFileSync(p(`wrapped-${mb}.eml`), wrapMessage(msg)); // what openssl signs: the same header-protected entity
  return file;
}

/** `ms` is the whole process, start to exit (what openssl's numbers are too); `opMs` the operation alone. */
interface Sample { ms: number; peakKb: number; opMs?: number }

function ours(args: string[]): Sample {
  const start = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin/run-ts.mjs'), join(root, 'bench/op.ts'), ...args], { encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`DirectSeal ${args[0]} failed: ${r.stderr}`);
  const { ms: opMs, maxRssKb } = JSON.parse(r.stdout.trim().split('\n').pop()!);
  return { ms, opMs, peakKb: maxRssKb };
}

/** Runs openssl commands in sequence under /usr/bin/time; time is the sum, peak the largest. */
function opensslSteps(steps: string[][]): Sample {
  let ms = 0;
  let peakKb = 0;
  for (const args of steps) {
    const start = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', 'openssl', ...args], { encoding: 'utf8' });
    ms += performance.now() - start;
    if (r.status !== 0) throw new Error(`openssl ${args[0]} ${args[1]} failed: ${r.stderr}`);
    peakKb = Math.max(peakKb, Number(r.stderr.trim().split('\n').pop()));
  }
  return { ms, peakKb };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

makePki();
const baselineMb = ours(['idle']).peakKb / 1024;
const rows: string[][] = [];
for (const mb of SIZES_MB) {
  const msg = makeMessage(mb);
  const runs = RUNS[mb] ?? 3;
  const sample = (f: () => Sample) => Array.from({ length: runs }, f);
  const sealOurs = sample(() => ours(['seal', msg, p('doctor.key'), p('doctor.pem'), p('patient.pem'), p(`ours-${mb}.eml`)]));
  const sealSsl = sample(() => opensslSteps([
    ['cms', '-sign', '-binary', '-md', 'sha256', '-in', p(`wrapped-${mb}.eml`), '-signer', p('doctor.pem'), '-inkey', p('doctor.key'), '-out', p(`ssl-signed-${mb}.eml`)],
    ['cms', '-encrypt', '-binary', '-aes256', '-in', p(`ssl-signed-${mb}.eml`), '-out', p(`ssl-${mb}.eml`), p('patient.pem'), p('doctor.pem')],
  ]));
  const openOurs = sample(() => ours(['open', p(`ours-${mb}.eml`), p('patient.key'), p('patient.pem'), p('ca.pem'), p(`ours-inner-${mb}.eml`)]));
  const openConsume = sample(() => ours(['open-consume', p(`ours-${mb}.eml`), p('patient.key'), p('patient.pem'), p('ca.pem'), p(`ours-inner-${mb}.eml`)]));
  const openSsl = sample(() => opensslSteps([
    ['cms', '-decrypt', '-binary', '-in', p(`ours-${mb}.eml`), '-recip', p('patient.pem'), '-inkey', p('patient.key'), '-out', p(`ssl-dec-${mb}.eml`)],
    // No -binary: with it openssl's multipart/signed splitter keeps the boundary's CR in the content.
    ['cms', '-verify', '-in', p(`ssl-dec-${mb}.eml`), '-CAfile', p('ca.pem'), '-out', p(`ssl-inner-${mb}.eml`)],
  ]));
  const size = statSync(msg).size;
  for (const [op, a, b] of [['seal', sealOurs, sealSsl], ['open', openOurs, openSsl], ['open*', openConsume, openSsl]] as const) {
    const t = median(a.map((s) => s.ms));
    const tOp = median(a.map((s) => s.opMs ?? s.ms));
    const to = median(b.map((s) => s.ms));
    const m = Math.max(...a.map((s) => s.peakKb)) / 1024;
    const mo = Math.max(...b.map((s) => s.peakKb)) / 1024;
    rows.push([`${mb} MB`, op, t.toFixed(0), tOp.toFixed(0), to.toFixed(0), (t / to).toFixed(2), (tOp / to).toFixed(2), m.toFixed(0), mo.toFixed(0), (m / mo).toFixed(2), ((m - baselineMb) / (size / 1048576)).toFixed(2)]);
  }
}
const header = ['message', 'op', 'ours ms', '(op alone)', 'openssl ms', 'time ratio', 'op-alone ratio', 'ours peak MB', 'openssl peak MB', 'mem ratio', '(ours peak - Node baseline) / msg size'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i]!)).join('  ');
console.log(`DirectSeal vs openssl cms (${execFileSync('openssl', ['version']).toString().trim()}), Node ${process.version}, median of runs; times are whole processes (start-up included, as for openssl), \"op alone\" excludes Node start-up and file reading; peak = maxRSS of the process; Node baseline (modules loaded, nothing done) = ${baselineMb.toFixed(0)} MB`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log('open* = open(input, ..., { consumeInput: true }): the caller hands its input over (decoded and decrypted in place)');
rmSync(dir, { recursive: true, force: true });
