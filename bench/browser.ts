/**
 * `npm run bench:browser`: the extension's own path in a real Chromium, side by side in one run with the core
 * alone (bench/op.ts, a fresh Node process per operation) and `openssl cms`:
 *   - seal and open through the real secure.html (standalone page), driven as a user would: pick the file,
 *     press "Seal message", wait for "Your message is sealed"; pick a sealed file, wait for the verdict and
 *     the message, at 1, 10, 25, 50 and 100 MiB attachments (BENCH_SIZES, BENCH_RUNS);
 *   - peak memory of the extension's renderer process(es) and of the browser process while each operation
 *     runs (VmHWM after resetting it through /proc/PID/clear_refs, minus VmRSS before);
 *   - the worst frame gap in the page (requestAnimationFrame gaps) and the longest long task;
 *   - the CLI's whole-process start-up (`--help`) and a 10 KB seal and open, against `node -e 0` and openssl.
 * Writes its tables into docs/bench.md between markers named after BENCH_LABEL (before / after).
 * BENCH_TIMELINE=1 also prints the renderer's RSS every 15 ms during each operation.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildMessage } from '../utils/mime/build';
import { wrapMessage } from '../utils/direct/wrap';
import { makeTestPki, type TestPki } from '../test/interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from '../test/e2e/support/browser';
import { provision } from '../test/e2e/support/service';

const SIZES = (process.env.BENCH_SIZES ?? '1,10,25,50,100').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LABEL = process.env.BENCH_LABEL ?? 'after';
const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'ds-bench-browser-'));
const p = (f: string) => join(dir, f);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(0));

// ---------------------------------------------------------------------------------------------- inputs

function attachmentFile(mib: number): string {
  const bytes = new Uint8Array(mib * MiB);
  for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(i + 65536, bytes.length)));
  const file = p(`study-${mib}.bin`);
  writeFileSync(file, bytes);
  return file;
}

/** The MIME message the compose view builds for the same attachment (what the core alone and openssl seal). */
function messageFile(from: string, to: string, attachment: string, name: string): string {
  const msg = buildMessage({
    from,
    to: [to],
    subject: 'Imaging study',
    text: 'Dear colleague,\n\nthe imaging study is attached.\n',
    attachments: [{ filename: 'study.bin', contentType: 'application/octet-stream', content: readFileSync(attachment) }],
  });
  writeFileSync(p(name), msg);
  writeFileSync(p(`wrapped-${name}`), wrapMessage(msg));
  return p(name);
}

// ---------------------------------------------------------------------------------- core alone, openssl

interface Timed { ms: number; error?: string }

function core(args: string[]): Timed {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'bench/op.ts'), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) return { ms: NaN, error: r.stderr.trim().split('\n').pop() };
  return { ms: JSON.parse(r.stdout.trim().split('\n').pop()!).ms };
}

function whole(cmd: string, args: string[]): Timed {
  const start = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const t = performance.now() - start;
  if (r.status !== 0) return { ms: NaN, error: `${cmd} ${args.slice(0, 2).join(' ')}: ${r.stderr.trim().split('\n').pop()}` };
  return { ms: t };
}

function steps(list: (() => Timed)[]): Timed {
  let t = 0;
  for (const s of list) {
    const r = s();
    if (r.error) return r;
    t += r.ms;
  }
  return { ms: t };
}

const opensslSeal = (wrapped: string, signer: { certPem: string; keyPem: string }, recipient: string, out: string) =>
  steps([
    () => whole('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-in', wrapped, '-signer', signer.certPem, '-inkey', signer.keyPem, '-out', `${out}.signed`]),
    () => whole('openssl', ['cms', '-encrypt', '-binary', '-aes256', '-in', `${out}.signed`, '-out', out, recipient]),
  ]);

/** `anchors`: one PEM file with the root and the intermediate (the core's messages carry no chain). */
const opensslOpen = (sealed: string, me: { certPem: string; keyPem: string }, anchors: string, out: string) =>
  steps([
    () => whole('openssl', ['cms', '-decrypt', '-binary', '-in', sealed, '-recip', me.certPem, '-inkey', me.keyPem, '-out', `${out}.dec`]),
    () => whole('openssl', ['cms', '-verify', '-in', `${out}.dec`, '-CAfile', anchors, '-out', out]),
  ]);

function cas(pki: TestPki): string {
  const file = p('cas.pem');
  writeFileSync(file, Buffer.concat([readFileSync(pki.anchorPem), readFileSync(pki.intermediatePem)]));
  return file;
}

// ------------------------------------------------------------------------------------ Chromium processes

interface Proc { pid: number; ppid: number; cmd: string }

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'latin1').replace(/\0/g, ' ');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, 'latin1'))?.[1]);
      out.push({ pid: Number(name), ppid, cmd });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** The browser process of the profile, and its extension renderer(s) (where secure.html and the worker run). */
function chromiumOf(profile: string): { browser: number; renderers: number[] } {
  const all = processes();
  const browser = all.find((x) => x.cmd.includes(`--user-data-dir=${profile}`) && !x.cmd.includes('--type='));
  if (!browser) throw new Error('the Chromium browser process was not found');
  const descendants = new Set([browser.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const x of all) if (!descendants.has(x.pid) && descendants.has(x.ppid)) descendants.add(x.pid), (grew = true);
  }
  const renderers = all.filter((x) => descendants.has(x.pid) && x.cmd.includes('--type=renderer') && x.cmd.includes('--extension-process'));
  return { browser: browser.pid, renderers: renderers.map((x) => x.pid) };
}

const statusKb = (pid: number, field: 'VmHWM' | 'VmRSS') => {
  try {
    return Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

/** Resets the peak RSS of each process and remembers its current RSS; `growth()` gives the peak rise in MB. */
function memoryWatch(pids: number[]) {
  const base = new Map<number, number>();
  for (const pid of pids) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      // not ours to reset: the peak is then the process's lifetime peak
    }
    base.set(pid, statusKb(pid, 'VmRSS'));
  }
  return () => pids.reduce((sum, pid) => sum + Math.max(0, statusKb(pid, 'VmHWM') - base.get(pid)!), 0) / 1024;
}

/** BENCH_TIMELINE: the renderers' RSS growth every 15 ms, to see what is alive when (not only the peak). */
function rssTimeline(pids: number[]): () => string {
  const t0 = Date.now();
  const base = pids.map((pid) => statusKb(pid, 'VmRSS'));
  const samples: string[] = [];
  const sample = () => samples.push(`${Date.now() - t0}:${(pids.reduce((sum, pid, k) => sum + statusKb(pid, 'VmRSS') - base[k]!, 0) / 1024).toFixed(0)}`);
  const timer = setInterval(sample, 15);
  return () => {
    clearInterval(timer);
    sample();
    return samples.join(' ');
  };
}

// ----------------------------------------------------------------------------------------- the page

/**
 * Starts recording requestAnimationFrame gaps and long tasks in the page, and, when `done` is given, the time
 * from the user's click or file pick to the moment an element matching `done` is in the DOM (a mutation
 * observer: exact, where polling from the test would add its own latency of 0.1-0.2 s).
 */
async function watchFrames(page: Page, done?: string): Promise<void> {
  // A string, not a function: tsx compiles functions with a `__name` helper the page does not have.
  await page.evaluate(`(() => {
    const b = (window.__bench = { gap: 0, longest: 0, stop: false, start: 0, end: 0 });
    const done = ${JSON.stringify(done ?? '')};
    if (done) {
      const begin = () => { if (!b.start) b.start = performance.now(); };
      document.addEventListener('click', begin, true);
      document.addEventListener('change', begin, true);
      new MutationObserver(() => { if (b.start && !b.end && document.querySelector(done)) b.end = performance.now(); })
        .observe(document.body, { childList: true, subtree: true });
    }
    let last = performance.now();
    const tick = (t) => {
      b.gap = Math.max(b.gap, t - last);
      last = t;
      if (!b.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longest = Math.max(b.longest, e.duration);
    }).observe({ type: 'longtask' });
  })()`);
}

async function framesSeen(page: Page): Promise<{ gap: number; longest: number; inPage: number }> {
  return page.evaluate('(window.__bench.stop = true, { gap: window.__bench.gap, longest: window.__bench.longest, inPage: window.__bench.end && window.__bench.end - window.__bench.start })');
}

interface PageRun { ms: number; gap: number; longest: number; renderer: number; browser: number; error?: string }

async function measured(profile: string, page: Page, success: string, act: () => Promise<void>, done: () => Promise<string | undefined>): Promise<PageRun> {
  const { browser, renderers } = chromiumOf(profile);
  await watchFrames(page, success);
  const renderer = memoryWatch(renderers);
  const browserMem = memoryWatch([browser]);
  const timeline = process.env.BENCH_TIMELINE ? rssTimeline(renderers) : undefined;
  const start = performance.now();
  await act();
  const error = await done();
  const t = performance.now() - start;
  if (timeline) console.log(`renderer RSS growth, ms:MB: ${timeline()}`);
  const { inPage, ...frames } = await framesSeen(page).catch(() => ({ gap: NaN, longest: NaN, inPage: 0 }));
  // The page's own measure when it has one; the test's (with its polling latency) otherwise.
  return { ms: inPage > 0 ? inPage : t, ...frames, renderer: renderer(), browser: browserMem(), ...(error ? { error } : {}) };
}

/** The first of: the awaited success, or an error the page shows. */
async function outcome(page: Page, success: string): Promise<string | undefined> {
  const any = page.locator(`${success}, .ds-notice--error`).first();
  await any.waitFor({ timeout: 300_000 });
  if (await page.locator(success).count()) return undefined;
  return (await page.locator('.ds-notice--error > span:last-child').first().textContent())?.trim();
}

/** Each operation in a fresh tab, as a user opens secure.html: nothing of the previous one is collected meanwhile. */
async function inFreshPage(ext: LaunchedExtension, run: (page: Page) => Promise<PageRun>): Promise<PageRun> {
  const page = await ext.context.newPage();
  try {
    return await run(page);
  } finally {
    await page.close();
  }
}

async function sealInPage(ext: LaunchedExtension, profile: string, page: Page, pki: TestPki, attachment: string): Promise<PageRun> {
  await page.goto(ext.url('secure.html?view=write'));
  const form = page.getByRole('form', { name: 'Write a secure message' });
  await form.getByLabel('To', { exact: true }).fill(pki.patient.address);
  await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
  await form.getByLabel('Subject').fill('Imaging study');
  await form.getByLabel('Message').fill('Dear colleague,\n\nthe imaging study is attached.');
  await form.getByLabel('Attach files').setInputFiles(attachment);
  await page.waitForTimeout(300);
  return measured(profile, page, 'h2.ds-sealed__title', () => form.getByRole('button', { name: 'Seal message' }).click(), () => outcome(page, 'h2:has-text("Your message is sealed")'));
}

async function openInPage(ext: LaunchedExtension, profile: string, page: Page, sealed: string): Promise<PageRun> {
  await page.goto(ext.url('secure.html?view=read'));
  const input = page.getByLabel('Sealed message file (.eml or .p7m)');
  await input.waitFor({ state: 'attached' });
  await page.waitForTimeout(300);
  return measured(profile, page, '.ds-opened article', () => input.setInputFiles(sealed), () => outcome(page, '.ds-opened article'));
}

// ---------------------------------------------------------------------------------------------- CLI

function cliRows(pki: TestPki): string[][] {
  const node = process.execPath;
  const cli = join(ROOT, 'bin/directseal.mjs');
  const small = new Uint8Array(10 * 1024);
  crypto.getRandomValues(small);
  const msg = buildMessage({ from: pki.doctor.address, to: [pki.patient.address], subject: 'Lab', text: 'Results attached.\n', attachments: [{ filename: 'lab.bin', contentType: 'application/octet-stream', content: small }] });
  writeFileSync(p('small.eml'), msg);
  writeFileSync(p('wrapped-small.eml'), wrapMessage(msg));
  const pass = pki.password;
  const runs = 5;
  const med = (f: () => Timed) => {
    const xs = Array.from({ length: runs }, f);
    const bad = xs.find((x) => x.error);
    return bad ? bad : { ms: median(xs.map((x) => x.ms)) };
  };
  const bare = med(() => whole(node, ['-e', '0']));
  const help = med(() => whole(node, [cli, '--help']));
  const seal = med(() => whole(node, [cli, 'seal', '--key', pki.doctor.p12, '--pass', pass, '--to', pki.patient.certPem, '--in', p('small.eml'), '--out', p('small-sealed.eml')]));
  const open = med(() => whole(node, [cli, 'open', '--key', pki.patient.p12, '--pass', pass, '--anchor', pki.anchorPem, '--anchor', pki.intermediatePem, '--in', p('small-sealed.eml'), '--out', p('small-inner.eml')]));
  const sslSeal = med(() => opensslSeal(p('wrapped-small.eml'), pki.doctor, pki.patient.certPem, p('small-ssl.eml')));
  const sslOpen = med(() => opensslOpen(p('small-sealed.eml'), pki.patient, cas(pki), p('small-ssl-inner.eml')));
  const cell = (t: Timed) => (t.error ? `fails: ${t.error}` : ms(t.ms));
  const ratio = (t: Timed) => (t.error || bare.error ? '–' : `${(t.ms / bare.ms).toFixed(1)}x`);
  return [
    ['`node -e 0`', cell(bare), '1.0x', '–'],
    ['`directseal --help`', cell(help), ratio(help), '–'],
    ['`directseal seal` 10 KB', cell(seal), ratio(seal), cell(sslSeal)],
    ['`directseal open` 10 KB', cell(open), ratio(open), cell(sslOpen)],
  ];
}

// ---------------------------------------------------------------------------------------------- run

const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

async function main() {
  if (!process.env.BENCH_NO_BUILD) execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const pki = await makeTestPki(p('pki'));
  const profile = p('profile');
  mkdirSync(profile);
  const ext = await launchExtension({ profileDir: profile });
  const rows: string[][] = [];
  const notes: string[] = [];
  try {
    const page = await ext.context.newPage();
    await page.goto(ext.url('secure.html?view=write'));
    const service = async (type: string, request: object) => {
      const out = (await page.evaluate(`chrome.runtime.sendMessage(${JSON.stringify({ ...request, type })})`)) as { ok: boolean; error?: unknown };
      if (!out.ok) throw new Error(`${type}: ${JSON.stringify(out.error)}`);
    };
    const b64 = (f: string) => readFileSync(f).toString('base64');
    // The lock passphrase first: without it no key may be imported (keys rest only under it).
    await provision(page);
    await service('identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    await service('anchors.import', { bytes: b64(pki.bundleP7bDer) });
    await service('contacts.add', { certificate: b64(pki.patient.certPem) });

    // The floor: frame gaps in an idle secure.html on this machine at this time (others' jobs share the cores).
    const idle: { gap: number; longest: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const tab = await ext.context.newPage();
      await tab.goto(ext.url('secure.html?view=read'));
      await tab.waitForTimeout(300);
      await watchFrames(tab);
      await tab.waitForTimeout(3000);
      idle.push(await framesSeen(tab));
      await tab.close();
    }
    notes.push(
      `Idle secure.html, same run, 3 s each: frame gap median ${median(idle.map((x) => x.gap)).toFixed(0)} ms (max ${Math.max(...idle.map((x) => x.gap)).toFixed(0)}), longest long task ${Math.max(...idle.map((x) => x.longest)).toFixed(0)} ms; load average ${readFileSync('/proc/loadavg', 'latin1').split(' ').slice(0, 3).join(' ')} at the start (2 cores).`,
    );

    for (const mib of SIZES) {
      const attachment = attachmentFile(mib);
      const toPatient = messageFile(pki.doctor.address, pki.patient.address, attachment, `to-patient-${mib}.eml`);
      const toDoctor = messageFile(pki.patient.address, pki.doctor.address, attachment, `to-doctor-${mib}.eml`);
      const sealedForDoctor = p(`sealed-for-doctor-${mib}.eml`);
      const made = core(['seal', toDoctor, pki.patient.keyPem, pki.patient.certPem, pki.doctor.certPem, sealedForDoctor]);
      if (made.error) throw new Error(`the core could not seal ${mib} MiB: ${made.error}`);
      const msgMb = statSync(toPatient).size / MiB;

      const coreSeal: Timed[] = [];
      const coreOpen: Timed[] = [];
      const sslSeal: Timed[] = [];
      const sslOpen: Timed[] = [];
      const extSeal: PageRun[] = [];
      const extOpen: PageRun[] = [];
      for (let i = 0; i < RUNS; i++) {
        coreSeal.push(core(['seal', toPatient, pki.doctor.keyPem, pki.doctor.certPem, pki.patient.certPem, p('core-sealed.eml')]));
        coreOpen.push(core(['open', sealedForDoctor, pki.doctor.keyPem, pki.doctor.certPem, pki.bundleP7bPem, p('core-inner.eml')]));
        sslSeal.push(opensslSeal(p(`wrapped-to-patient-${mib}.eml`), pki.doctor, pki.patient.certPem, p('ssl-sealed.eml')));
        sslOpen.push(opensslOpen(sealedForDoctor, pki.doctor, cas(pki), p('ssl-inner.eml')));
        extSeal.push(await inFreshPage(ext, (tab) => sealInPage(ext, profile, tab, pki, attachment)));
        extOpen.push(await inFreshPage(ext, (tab) => openInPage(ext, profile, tab, sealedForDoctor)));
        process.stderr.write(`${mib} MiB run ${i + 1}: seal ${ms(extSeal.at(-1)!.ms)} ms${extSeal.at(-1)!.error ? ' (fails)' : ''}, open ${ms(extOpen.at(-1)!.ms)} ms${extOpen.at(-1)!.error ? ' (fails)' : ''}\n`);
        // A failure is the same every time: one run says it.
        if (extSeal.at(-1)!.error && extOpen.at(-1)!.error) break;
      }
      const t = (xs: Timed[]) => (xs.some((x) => x.error) ? NaN : median(xs.map((x) => x.ms)));
      const cell = (xs: PageRun[], what: 'seal' | 'open') => {
        const bad = xs.find((x) => x.error);
        if (bad) {
          notes.push(`${mib} MiB ${what} in secure.html fails: "${bad.error}"`);
          return 'fails';
        }
        return ms(median(xs.map((x) => x.ms)));
      };
      const ok = (xs: PageRun[]) => xs.filter((x) => !x.error);
      const ratio = (xs: PageRun[], base: number) => (ok(xs).length === xs.length ? `${(median(xs.map((x) => x.ms)) / base).toFixed(1)}x` : '–');
      const worst = (xs: PageRun[], f: (x: PageRun) => number) => (ok(xs).length ? Math.max(...ok(xs).map(f)).toFixed(0) : '–');
      const mid = (xs: PageRun[], f: (x: PageRun) => number) => (ok(xs).length ? median(ok(xs).map(f)).toFixed(0) : '–');
      const spread = (xs: PageRun[], f: (x: PageRun) => number) => (ok(xs).length ? `${mid(xs, f)} (${worst(xs, f)})` : '–');
      const growth = (xs: PageRun[]) => (ok(xs).length ? `${spread(xs, (x) => x.renderer)}, ${(median(ok(xs).map((x) => x.renderer)) / msgMb).toFixed(1)}x` : '–');
      rows.push([
        `${mib} MiB (${msgMb.toFixed(1)} MB message)`,
        `${cell(extSeal, 'seal')} / ${cell(extOpen, 'open')}`,
        `${ms(t(coreSeal))} / ${ms(t(coreOpen))}`,
        `${ms(t(sslSeal))} / ${ms(t(sslOpen))}`,
        `${ratio(extSeal, t(coreSeal))} / ${ratio(extOpen, t(coreOpen))}`,
        `${growth(extSeal)} / ${growth(extOpen)}`,
        `${mid(extSeal, (x) => x.browser)} / ${mid(extOpen, (x) => x.browser)}`,
        `${spread(extSeal, (x) => x.gap)} / ${spread(extOpen, (x) => x.gap)}`,
        `${spread(extSeal, (x) => x.longest)} / ${spread(extOpen, (x) => x.longest)}`,
      ]);
      rmSync(attachment);
    }
    await page.close();
  } finally {
    await ext.close();
  }
  const cli = cliRows(pki);
  const chromium = execFileSync('/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  const section = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC at ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim()} with \`npm run bench:browser\` (${chromium}, ${execFileSync('openssl', ['version']).toString().trim().split(' (')[0]}, Node ${process.version}), median of ${RUNS} runs, times in ms.`,
    '',
    table(
      ['attachment', 'extension seal / open', 'core alone seal / open', 'openssl seal / open', 'extension / core', 'renderer peak growth MB seal / open: median (max), median x message', 'browser process growth MB', 'frame gap ms seal / open: median (max)', 'longest long task ms: median (max)'],
      rows,
    ),
    '',
    ...notes.map((n) => `- ${n}`),
    ...(notes.length ? [''] : []),
    table(['CLI, whole process', 'ms', 'vs `node -e 0`', 'openssl'], cli),
  ].join('\n');
  console.log(section);
  const docs = join(ROOT, 'docs/bench.md');
  const text = readFileSync(docs, 'utf8');
  const start = `<!-- bench:browser:${LABEL} -->`;
  const end = `<!-- /bench:browser:${LABEL} -->`;
  const block = `${start}\n${section}\n${end}`;
  const at = text.indexOf(start);
  writeFileSync(docs, at >= 0 ? text.slice(0, at) + block + text.slice(text.indexOf(end) + end.length) : `${text.trimEnd()}\n\n${block}\n`);
  rmSync(dir, { recursive: true, force: true });
}

await main();
