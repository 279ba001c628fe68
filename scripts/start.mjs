#!/usr/bin/env node
// `npm start`: builds the extension and opens Debian's Chromium with it loaded, on a local demo webmail
// (demo/, served on 127.0.0.1) and on the extension's settings page.
// With a display: a visible browser that runs until you close it or press Ctrl-C. The profile is kept in
// .tmp/start-profile, so what you set up survives restarts.
// Without one (CI, containers): headless; saves screenshots to artifacts/start-*.png and exits, unless --keep.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, relative, sep } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { launchExtension, ROOT } = await import('../test/e2e/support/browser.ts');

const keep = process.argv.includes('--keep');
const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.argv.includes('--headless');
const DEMO_DIR = join(ROOT, 'demo');
const ARTIFACTS = join(ROOT, 'artifacts');

function step(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`start: \`${cmd} ${args.join(' ')}\` failed`);
    process.exit(r.status ?? 1);
  }
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Serves demo/ read-only on 127.0.0.1 at a free port. */
async function serveDemo() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(DEMO_DIR, path.endsWith('/') ? `${path}index.html` : path));
    const inside = !relative(DEMO_DIR, file).startsWith('..') && !relative(DEMO_DIR, file).startsWith(sep);
    let ok = false;
    try {
      ok = inside && statSync(file).isFile();
    } catch {}
    if (!ok || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

step('bash', ['scripts/ensure-chromium.sh']);
step('npx', ['wxt', 'build']);

const { server, url: demoUrl } = await serveDemo();
const ext = await launchExtension({
  headless: !headed,
  ...(headed || keep ? { profileDir: join(ROOT, '.tmp/start-profile') } : {}),
});

const demo = ext.context.pages()[0] ?? (await ext.context.newPage());
await demo.goto(demoUrl);
const options = await ext.context.newPage();
await options.goto(ext.url('options.html'));

console.log(`\nDirectSeal is loaded in Chromium (${headed ? 'visible window' : 'headless'}).`);
console.log(`  extension id : ${ext.extensionId}`);
console.log(`  demo webmail : ${demoUrl}`);
console.log(`  settings     : ${ext.url('options.html')}`);

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await ext.close().catch(() => {});
  server.closeAllConnections();
  server.close();
  process.exit(code);
}

if (!headed && !keep) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const shots = {
    options: join(ARTIFACTS, 'start-options.png'),
    demo: join(ARTIFACTS, 'start-demo.png'),
    popup: join(ARTIFACTS, 'start-popup.png'),
  };
  await options.getByRole('heading', { level: 1 }).waitFor();
  await options.screenshot({ path: shots.options, fullPage: true });
  await demo.bringToFront();
  await demo.click('#compose-button');
  await demo.screenshot({ path: shots.demo });
  const popup = await ext.context.newPage();
  await popup.setViewportSize({ width: 320, height: 240 });
  await popup.goto(ext.url('popup.html'));
  await popup.getByText(/Running/).waitFor();
  await popup.screenshot({ path: shots.popup });
  console.log('\nNo display, so here is what it looks like:');
  for (const path of Object.values(shots)) console.log(`  ${relative(process.cwd(), path)}`);
  console.log('(run with --keep to leave the headless browser running)');
  await stop(0);
} else {
  console.log(headed ? '\nClose the browser or press Ctrl-C to stop.' : '\nPress Ctrl-C to stop.');
  ext.context.on('close', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
}
