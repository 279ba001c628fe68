#!/usr/bin/env node
// `npm test`: the one check. Installs the system peers the suites drive (openssl, NSS tools, gpgsm, BouncyCastle on Java,
// Chromium, Roundcube with Dovecot and Postfix, BIND and dnsdist), type-checks, builds the extension for Chromium and Firefox, then runs every vitest project.
// Stops at the first failing step and exits with its code. Extra arguments go to vitest
// (`npm test -- --project unit`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitestArgs = process.argv.slice(2);

const steps = [
  ...(existsSync(join(root, 'scripts/install-test-deps.sh'))
    ? [['interop tools', 'bash', ['scripts/install-test-deps.sh']]]
    : []),
  ['chromium', 'bash', ['scripts/ensure-chromium.sh']],
  ['firefox', 'bash', ['scripts/ensure-firefox.sh']],
  ['webmail', 'bash', ['scripts/webmail/install.sh']],
  // BIND + dnsdist: a real DNS server and DNS-over-HTTPS front end on loopback for certificate discovery.
  ['dns', 'bash', ['scripts/dns/install.sh']],
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['build cli', 'node', ['scripts/build-cli.mjs']],
  ['build chrome', 'npx', ['wxt', 'build']],
  // The pseudo-locale build (.output/chrome-mv3-pseudo): test/e2e/pseudo-build.test.ts finds text that bypassed the catalog.
  ['build pseudo-locale', 'npx', ['wxt', 'build', '--mode', 'pseudo']],
  // Builds the Firefox version and runs Mozilla's web-ext lint on it (errors fail the run).
  ['build + lint firefox', 'bash', ['scripts/firefox-lint.sh']],
  ['tests', 'npx', ['vitest', 'run', ...vitestArgs]],
];

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
    child.on('error', (e) => {
      console.error(`test: cannot run ${cmd}: ${e.message}`);
      resolve(127);
    });
    // A child killed by a signal has no exit code: report it the way a shell would.
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (osSignal(signal) ?? 1) : 1)));
  });
}

function osSignal(name) {
  return { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 }[name];
}

const started = Date.now();
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const code = await run(cmd, args);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (code !== 0) {
    console.error(`\n✖ ${name} failed (exit ${code}, ${secs} s)`);
    process.exit(code);
  }
  console.log(`✔ ${name} (${secs} s)`);
}
console.log(`\n✔ all checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
