#!/usr/bin/env node
// `npm start`: builds the extension, starts a real webmail on loopback (Roundcube + Dovecot + Postfix, installed
// with apt-get the first time), makes a demo PKI with openssl, and opens Debian's Chromium with DirectSeal
// loaded and set up as the doctor (identity, trust anchor, the patient as a contact), logged in to Roundcube,
// with a secure message from the patient waiting in the Inbox. Then: open it with "Open securely", or write
// one with "Secure" in Compose.
// With a display: a visible browser that runs until you close it or press Ctrl-C. The profile and the demo PKI
// are kept in .tmp/, so what you set up survives restarts.
// Without one (CI, containers): headless; saves screenshots to artifacts/start-*.png and exits, unless --keep.
// --fresh: an empty profile instead, so DirectSeal's first-run setup opens as it does for a newcomer (the
// webmail and the demo PKI's files are there to set up with).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const { launchExtension, ROOT } = await import('../test/e2e/support/browser.ts');
const { provision, service } = await import('../test/e2e/support/service.ts');
const { startWebmail, login, sendRawMail } = await import('../test/e2e/support/webmail.ts');
const { makeTestPki } = await import('../test/interop/support/pki.ts');
const { seal } = await import('../utils/direct/seal.ts');
const { readCertificates } = await import('../utils/pki/index.ts');
const { loadIdentity } = await import('../cli/identity.ts');
const { buildMessage } = await import('../utils/mime/build.ts');

const keep = process.argv.includes('--keep');
const fresh = process.argv.includes('--fresh');
const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.argv.includes('--headless');
const ARTIFACTS = join(ROOT, 'artifacts');
const TMP = join(ROOT, '.tmp');

function step(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`start: \`${cmd} ${args.join(' ')}\` failed`);
    process.exit(r.status ?? 1);
  }
}

/** The demo PKI, made once and kept: the browser profile holds keys from it. */
async function demoPki() {
  const dir = join(TMP, 'demo-pki');
  const index = join(dir, 'pki.json');
  if (existsSync(index)) return JSON.parse(readFileSync(index, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pki = await makeTestPki(dir);
  const { writeFileSync } = await import('node:fs');
  writeFileSync(index, JSON.stringify(pki));
  return pki;
}

const b64 = (path) => readFileSync(path).toString('base64');

/** A secure message from the patient, delivered to the doctor's Inbox as another Direct system would send it. */
async function deliverPatientMessage(webmail, pki) {
  const signer = await loadIdentity({ key: pki.patient.p12, pass: pki.password });
  const doctorCert = readCertificates(new Uint8Array(readFileSync(pki.doctor.certPem)))[0];
  const message = buildMessage({
    from: `Pat Patient <${pki.patient.address}>`,
    to: [pki.doctor.address],
    subject: 'Question about my new prescription',
    text: 'Dear Dr. House,\n\nshould I take the new tablets with food? The leaflet is not clear.\n\nThank you,\nPat\n',
  });
  const sealed = await seal(message, signer, [doctorCert]);
  await sendRawMail(webmail, pki.patient.address, [pki.doctor.address], Buffer.from(sealed));
}

step('bash', ['scripts/ensure-chromium.sh']);
step('bash', ['scripts/webmail/install.sh']);
step('npx', ['wxt', 'build']);

const pki = await demoPki();
const webmail = await startWebmail();
const freshProfile = join(TMP, 'fresh-profile');
if (fresh) rmSync(freshProfile, { recursive: true, force: true });
const ext = await launchExtension({
  headless: !headed,
  ...(fresh ? { profileDir: freshProfile, keepSetup: true } : headed || keep ? { profileDir: join(TMP, 'start-profile') } : {}),
});

// The DirectSeal passphrase comes first, as for any user: no key is stored before it (or unlocks a kept profile).
const LOCK_PASSPHRASE = 'demo lock passphrase';
if (!fresh) {
  await provision(ext, LOCK_PASSPHRASE);
  if ((await service(ext, 'identities.list')).length === 0) {
    await service(ext, 'identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    await service(ext, 'anchors.import', { bytes: b64(pki.anchorPem) });
    await service(ext, 'contacts.add', { certificate: b64(pki.patient.chainPem) });
  }
}
await deliverPatientMessage(webmail, pki);

const mail = ext.context.pages().find((p) => !p.url().endsWith('/setup.html')) ?? (await ext.context.newPage());
await login(mail, webmail.accounts.doctor);
const setup = fresh ? ext.context.pages().find((p) => p.url().endsWith('/setup.html')) : undefined;
const options = fresh ? undefined : await ext.context.newPage();
await options?.goto(ext.url('options.html'));
await setup?.bringToFront();

const { doctor, patient } = webmail.accounts;
if (fresh) {
  console.log(`\nDirectSeal is freshly installed in Chromium (${headed ? 'visible window' : 'headless'}): its setup is open.`);
  console.log(`  setup               : ${ext.url('setup.html')}`);
  console.log(`  webmail (Roundcube) : ${webmail.url}`);
  console.log(`  doctor              : ${doctor.address} / ${doctor.password}   (logged in)`);
  console.log(`  as a physician      : identity file ${relative(process.cwd(), pki.doctor.p12)} (passphrase "${pki.password}"), trust anchor ${relative(process.cwd(), pki.anchorPem)}`);
  console.log(`  patient's contact   : ${relative(process.cwd(), pki.patient.chainPem)}`);
} else {
  console.log(`\nDirectSeal is loaded in Chromium (${headed ? 'visible window' : 'headless'}), set up as the doctor.`);
  console.log(`  webmail (Roundcube) : ${webmail.url}`);
  console.log(`  doctor              : ${doctor.address} / ${doctor.password}   (logged in)`);
  console.log(`  patient             : ${patient.address} / ${patient.password}`);
  console.log(`  demo PKI            : ${relative(process.cwd(), join(TMP, 'demo-pki'))} (.p12 passphrase "${pki.password}", anchor root.pem)`);
  console.log(`  DirectSeal passphrase: "${LOCK_PASSPHRASE}" (asked again after the idle time, and for backups)`);
  console.log(`  settings            : ${ext.url('options.html')}`);
  console.log('  Try: open the message from Pat Patient and click "Open securely"; or Compose, then "Secure".');
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await ext.close().catch(() => {});
  await webmail.stop().catch(() => {});
  process.exit(code);
}

if (fresh && !headed && !keep) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const shot = join(ARTIFACTS, 'start-setup.png');
  try {
    if (!setup) throw new Error('the install did not open setup.html');
    await setup.getByRole('heading', { level: 1 }).waitFor();
    await setup.screenshot({ path: shot, fullPage: true });
    console.log(`\nNo display, so here is what it looks like: ${relative(process.cwd(), shot)}`);
    console.log('(run with --keep to leave the headless browser running)');
    await stop(0);
  } catch (e) {
    console.error('start: setup did not come up as expected:', e);
    await stop(1);
  }
} else if (!headed && !keep) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const shots = {
    options: join(ARTIFACTS, 'start-options.png'),
    inbox: join(ARTIFACTS, 'start-open-securely.png'),
    compose: join(ARTIFACTS, 'start-compose.png'),
  };
  try {
    await options.getByRole('heading', { level: 1 }).waitFor();
    await options.screenshot({ path: shots.options, fullPage: true });
    await mail.bringToFront();
    await mail.reload();
    const row = mail.locator('#messagelist tr.message', { hasText: 'Pat Patient' }).first();
    await row.waitFor();
    await row.click();
    const preview = mail.frame({ name: 'messagecontframe' });
    await preview?.locator('directseal-button[data-directseal="open"] button').click({ timeout: 15_000 });
    await mail.waitForTimeout(2500);
    await mail.screenshot({ path: shots.inbox });
    await mail.goto(`${webmail.url}?_task=mail&_action=compose`);
    await mail.locator('directseal-button[data-directseal="secure"]').waitFor();
    await mail.screenshot({ path: shots.compose });
    console.log('\nNo display, so here is what it looks like:');
    for (const path of Object.values(shots)) console.log(`  ${relative(process.cwd(), path)}`);
    console.log('(run with --keep to leave the headless browser running)');
    await stop(0);
  } catch (e) {
    console.error('start: the demo did not come up as expected:', e);
    await stop(1);
  }
} else {
  console.log(headed ? '\nClose the browser or press Ctrl-C to stop.' : '\nPress Ctrl-C to stop.');
  ext.context.on('close', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
}
