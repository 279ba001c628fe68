/**
 * The options page in Chromium with the built extension and its real IndexedDB: the DirectSeal passphrase
 * chosen before the first key, importing identities (.p12,
 * wrong passphrase), trust anchors (.p7b, DER), contacts (trusted chain, a stranger accepted by fingerprint),
 * creating a key with its backup and CSR (signed here by openssl), export and delete. Screenshots of every
 * section, wide and 390 px, go to artifacts/e2e/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_SENTENCES } from '../../utils/errors';
import { runOk } from '../interop/support/exec';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { serviceOn } from './support/service';

const SHOTS = join(ROOT, 'artifacts/e2e');
const NEW_ADDRESS = 'front.desk@doctor.test';
const BACKUP_PASS = 'correct horse battery';
const LOCK_PASS = 'practice lock 2026';

/** A request straight to the key service, from an extension page (to check what the page did). */
async function fingerprintOf(certPem: string): Promise<string> {
  const { stdout } = await runOk('openssl', ['x509', '-in', certPem, '-noout', '-fingerprint', '-sha256']);
  return String(stdout).trim().replace(/^.*=/, '').toUpperCase();
}

/** Each section alone, wide and narrow. */
async function shootSection(page: Page, id: string, name: string): Promise<void> {
  await page.locator(`#${id}`).screenshot({ path: join(SHOTS, `options-${name}.png`) });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.locator(`#${id}`).screenshot({ path: join(SHOTS, `options-${name}-narrow.png`) });
  await page.setViewportSize({ width: 1280, height: 860 });
}

describe('the options page', () => {
  let ext: LaunchedExtension;
  let pki: TestPki;
  let work: string;
  let page: Page;
  let profileDir: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'directseal-options-'));
    profileDir = join(work, 'profile');
    [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension({ profileDir })]);
    page = await ext.context.newPage();
    await page.goto(ext.url('options.html'));
    await page.getByText('No identity yet').waitFor();
  });
  afterAll(async () => {
    await ext?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('asks for the DirectSeal passphrase before the first key, saying what it protects', async () => {
    const section = page.getByRole('region', { name: 'Your Direct identity' });
    const first = section.getByRole('group', { name: 'First, choose your DirectSeal passphrase' });
    await first.waitFor();
    expect(await first.textContent()).toContain("keeps your private keys from anyone who copies this computer's disk");
    // No way to add a key yet.
    expect(await section.getByLabel('Identity file (.p12 or .pfx)').count()).toBe(0);
    await page.getByRole('region', { name: 'Passphrase lock' }).getByText('No passphrase yet').waitFor();
    // The choice of no passphrase is there, folded away, in plain words.
    await first.getByText('Use DirectSeal without a passphrase (not recommended)').click();
    expect(await first.textContent()).toContain("anyone who copies this computer's disk can sign and decrypt Direct messages as you");
    await shootSection(page, 'identity', 'identity-passphrase-first');
    await first.getByLabel('DirectSeal passphrase', { exact: true }).fill(LOCK_PASS);
    await first.getByLabel('DirectSeal passphrase again', { exact: true }).fill('not the same');
    await first.getByRole('button', { name: 'Set the passphrase' }).click();
    await first.getByRole('alert').getByText('The two passphrases differ').waitFor();
    await first.getByLabel('DirectSeal passphrase again', { exact: true }).fill(LOCK_PASS);
    await first.getByRole('button', { name: 'Set the passphrase' }).click();
    await section.getByLabel('Identity file (.p12 or .pfx)').waitFor();
    await page.getByRole('region', { name: 'Passphrase lock' }).getByText('On · unlocked').waitFor();
    expect(await serviceOn(page, 'lock.status')).toMatchObject({ mode: 'passphrase', unlocked: true });
  });

  it('refuses a wrong passphrase with its sentence and keeps nothing', async () => {
    const section = page.getByRole('region', { name: 'Your Direct identity' });
    await section.getByLabel('Identity file (.p12 or .pfx)').setInputFiles(pki.doctor.p12);
    await section.getByLabel('Passphrase of the file', { exact: true }).fill('not the passphrase');
    await section.getByRole('button', { name: 'Import identity' }).click();
    const alert = section.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(ERROR_SENTENCES.BAD_PASSPHRASE);
    // The passphrase is cleared and focused for another try; nothing was stored.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('password');
    expect(await serviceOn<unknown[]>(page, 'identities.list')).toEqual([]);
    expect(await page.getByText('No identity yet').isVisible()).toBe(true);
  });

  it('imports a .p12 and shows its card', async () => {
    const section = page.getByRole('region', { name: 'Your Direct identity' });
    await section.getByLabel('Passphrase of the file', { exact: true }).fill(pki.password);
    await section.getByRole('button', { name: 'Import identity' }).click();
    const card = section.getByRole('article', { name: pki.doctor.address });
    await card.waitFor();
    expect(await section.getByRole('status').first().textContent()).toContain(`Imported ${pki.doctor.address}`);
    expect(await card.textContent()).toContain('Ready');
    expect(await card.textContent()).toContain('DirectSeal Test Intermediate');
    const shown = (await card.locator('.ds-fingerprint').getAttribute('title')) ?? '';
    expect(shown).toBe(await fingerprintOf(pki.doctor.certPem));
    await shootSection(page, 'identity', 'identity');
  });

  it('marks an identity whose certificate has expired', async () => {
    const section = page.getByRole('region', { name: 'Your Direct identity' });
    await section.getByLabel('Identity file (.p12 or .pfx)').setInputFiles(pki.expired.p12Legacy);
    await section.getByLabel('Passphrase of the file', { exact: true }).fill(pki.password);
    await section.getByRole('button', { name: 'Import identity' }).click();
    const card = section.getByRole('article', { name: pki.expired.address });
    await card.getByText('Expired', { exact: true }).waitFor();
    expect(await card.locator('.ds-text-error').textContent()).toMatch(/expired 2 days ago/);
    // The import's own message agrees with the card: never "ready" for an expired certificate.
    const said = await section.getByRole('status').filter({ hasText: `Imported ${pki.expired.address}` }).textContent();
    expect(said).toContain('its certificate expired on');
    expect(said).not.toContain('ready');
    await card.screenshot({ path: join(SHOTS, 'options-identity-expired.png') });

    // A certificate with ten days left is flagged ahead of time (30 days).
    const soon = join(work, 'soon');
    await runOk('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-noenc', '-days', '10', '-subj', '/CN=Soon Expiring',
      '-addext', 'subjectAltName=email:soon@doctor.test', '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment',
      '-keyout', `${soon}.key`, '-out', `${soon}.pem`]);
    await runOk('openssl', ['pkcs12', '-export', '-inkey', `${soon}.key`, '-in', `${soon}.pem`, '-passout', `pass:${pki.password}`, '-out', `${soon}.p12`]);
    await section.getByLabel('Identity file (.p12 or .pfx)').setInputFiles(`${soon}.p12`);
    await section.getByLabel('Passphrase of the file', { exact: true }).fill(pki.password);
    await section.getByRole('button', { name: 'Import identity' }).click();
    const soonCard = section.getByRole('article', { name: 'soon@doctor.test' });
    await soonCard.getByText('Expires soon').waitFor();
    expect(await soonCard.locator('.ds-text-warn').textContent()).toMatch(/in (9|10) days/);

    for (const i of await serviceOn<{ id: string; address: string }[]>(page, 'identities.list')) {
      if (i.address !== pki.doctor.address) await serviceOn(page, 'identities.delete', { id: i.id });
    }
    await page.reload();
    await page.getByRole('article', { name: pki.doctor.address }).waitFor();
  });

  it('imports a PEM key with its chain, and refuses a key that belongs to another certificate', async () => {
    const section = page.getByRole('region', { name: 'Your Direct identity' });
    const tab = section.getByRole('tab', { name: 'Import a PEM key' });
    if (!(await tab.isVisible())) await section.getByText('Add another identity').click();
    await tab.click();
    const form = section.getByRole('form', { name: 'Import a PEM private key and certificate' });
    await form.getByLabel('Private key file').setInputFiles(pki.patient.keyPem);
    await form.getByLabel('Certificate or chain', { exact: true }).setInputFiles(pki.doctor.chainPem);
    await form.getByRole('button', { name: 'Import key and certificate' }).click();
    await form.getByRole('alert').getByText(ERROR_SENTENCES.KEY_CERT_MISMATCH).waitFor();
    expect((await serviceOn<unknown[]>(page, 'identities.list')).length).toBe(1);

    await form.getByLabel('Certificate or chain', { exact: true }).setInputFiles(pki.patient.chainPem);
    await form.getByRole('button', { name: 'Import key and certificate' }).click();
    const card = section.getByRole('article', { name: pki.patient.address });
    await card.getByText('Ready').waitFor();
    const [pat] = (await serviceOn<{ id: string; address: string }[]>(page, 'identities.list')).filter((i) => i.address === pki.patient.address);
    await serviceOn(page, 'identities.delete', { id: pat!.id });
    await page.reload();
    await page.getByRole('article', { name: pki.doctor.address }).waitFor();
  });

  it('moves between the ways to add an identity with the arrow keys', async () => {
    const section = page.getByRole('region', { name: 'Your Direct identity' });
    const tab = (name: string) => section.getByRole('tab', { name });
    if (!(await tab('Import a PEM key').isVisible())) await section.getByText('Add another identity').click();
    await tab('Import a .p12 / .pfx file').focus();
    await page.keyboard.press('ArrowRight');
    expect(await tab('Import a PEM key').getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Import a PEM key');
    await section.getByRole('form', { name: 'Import a PEM private key and certificate' }).waitFor();
    await page.keyboard.press('End');
    expect(await tab('Create a new key').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Home');
    expect(await tab('Import a .p12 / .pfx file').getAttribute('aria-selected')).toBe('true');
    // Only the selected tab is in the Tab order.
    expect(await tab('Create a new key').getAttribute('tabindex')).toBe('-1');
  });

  it('imports trust anchors from a .p7b bundle and a DER file, and removes one', async () => {
    const section = page.getByRole('region', { name: 'Trust anchors' });
    await section.getByLabel('Anchor files').setInputFiles([pki.bundleP7bDer, pki.strangerAnchorDer]);
    await section.getByRole('button', { name: 'Import anchors' }).click();
    await section.getByRole('status').getByText('Added 3 trust anchors.').waitFor();
    for (const name of ['DirectSeal Test Root', 'DirectSeal Test Intermediate', 'Stranger Root']) {
      await section.getByRole('article', { name }).waitFor();
    }

    // Removing asks first, naming the anchor.
    await section.getByRole('button', { name: 'Remove Stranger Root' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove the anchor Stranger Root?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Remove anchor' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await section.getByRole('article', { name: 'Stranger Root' }).waitFor({ state: 'detached' });
    expect((await serviceOn<unknown[]>(page, 'anchors.list')).length).toBe(2);
    await shootSection(page, 'anchors', 'anchors');
  });

  it('adds a contact that chains to an anchor, and accepts a stranger only by fingerprint', async () => {
    const section = page.getByRole('region', { name: 'Contacts' });
    await section.getByLabel('Certificate file').setInputFiles(pki.patient.certPem);
    await section.getByRole('button', { name: 'Add certificate' }).click();
    const patient = section.getByRole('article', { name: pki.patient.address });
    await patient.waitFor();
    await patient.getByText('Trusted chain').waitFor();

    // eve's certificate comes without its issuer's: the page names the missing issuer and asks for the full
    // chain first; comparing fingerprints is the second choice, never the first suggestion.
    await section.getByLabel('Certificate file').setInputFiles(pki.eve.certPem);
    await section.getByRole('button', { name: 'Add certificate' }).click();
    const missing = section.getByRole('group', { name: "The issuer's certificate is missing" });
    await missing.waitFor();
    expect(await missing.textContent()).toMatch(/was issued by .*Stranger/);
    expect(await section.getByRole('group', { name: /not vouched for/ }).count()).toBe(0);
    await page.locator('#contacts').screenshot({ path: join(SHOTS, 'options-contacts-missing-chain.png') });
    await missing.getByRole('button', { name: 'They cannot send it: compare fingerprints instead' }).click();
    const accept = section.getByRole('group', { name: /not vouched for/ });
    await accept.waitFor();
    expect(await accept.locator('.ds-fingerprint').getAttribute('title')).toBe(await fingerprintOf(pki.eve.certPem));
    await page.locator('#contacts').screenshot({ path: join(SHOTS, 'options-contacts-accept.png') });
    await accept.getByRole('button', { name: 'Accept this certificate' }).click();
    const eve = section.getByRole('article', { name: pki.eve.address });
    await eve.getByText('Accepted by fingerprint').waitFor();
    expect(await serviceOn(page, 'contacts.lookup', { addresses: [pki.patient.address, pki.eve.address, 'nobody@nowhere.test'] })).toEqual({
      [pki.patient.address]: 'trusted',
      [pki.eve.address]: 'accepted-by-fingerprint',
      'nobody@nowhere.test': 'none',
    });
    await shootSection(page, 'contacts', 'contacts');
  });

  it('creates a key: backup first, then the CSR, then the certificate openssl signed', async () => {
    const section = page.getByRole('region', { name: 'Your Direct identity' });
    // The panel that set up the first identity stays open (now "Add another identity").
    const tab = section.getByRole('tab', { name: 'Create a new key' });
    if (!(await tab.isVisible())) await section.getByText('Add another identity').click();
    await tab.click();
    await section.getByLabel('Direct address').fill(NEW_ADDRESS);
    await section.getByLabel('Name on the certificate').fill('Front Desk');
    await section.getByLabel('Organization').fill('Doctor Test Practice');
    await section.getByLabel('RSA 2048').check();
    await section.getByLabel('Backup passphrase', { exact: true }).fill(BACKUP_PASS);
    await section.getByLabel('Backup passphrase again', { exact: true }).fill('a different one');
    await section.getByRole('button', { name: 'Create key and backup' }).click();
    await section.getByRole('alert').getByText('The two passphrases differ').waitFor();
    await section.getByLabel('Backup passphrase again', { exact: true }).fill(BACKUP_PASS);
    await page.locator('#identity').screenshot({ path: join(SHOTS, 'options-identity-create.png') });

    const [backup] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      section.getByRole('button', { name: 'Create key and backup' }).click(),
    ]);
    expect(backup.suggestedFilename()).toMatch(/\.p12$/);
    const backupPath = join(work, 'backup.p12');
    await backup.saveAs(backupPath);
    // The downloaded backup opens with openssl under the passphrase typed above.
    await runOk('openssl', ['pkcs12', '-in', backupPath, '-passin', `pass:${BACKUP_PASS}`, '-nocerts', '-noenc', '-out', join(work, 'backup.key.pem')]);

    const card = section.getByRole('article', { name: NEW_ADDRESS });
    await card.getByText('Backup not confirmed').waitFor();
    // Focus moved up to the card's next step.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('I saved the backup');
    // Until the backup is confirmed the key may not be used, and the CSR is not offered yet.
    expect(await card.getByLabel('Certificate request in PEM format').count()).toBe(0);
    await card.screenshot({ path: join(SHOTS, 'options-identity-backup-step.png') });
    await card.getByRole('button', { name: 'I saved the backup' }).click();

    const csrBox = card.getByLabel('Certificate request in PEM format');
    await csrBox.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Certificate request (CSR)');
    const csrPem = (await csrBox.textContent()) ?? '';
    expect(csrPem).toContain('-----BEGIN CERTIFICATE REQUEST-----');
    const [csrDownload] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Download .csr' }).click()]);
    expect(csrDownload.suggestedFilename()).toMatch(/\.csr$/);
    await card.screenshot({ path: join(SHOTS, 'options-identity-csr-step.png') });

    // The CA's part, as a HISP would do it: sign the request with the test root, with the address as rfc822Name.
    const csrPath = join(work, 'new.csr');
    const extPath = join(work, 'new.ext');
    const certPath = join(work, 'new.pem');
    writeFileSync(csrPath, csrPem);
    await runOk('openssl', ['req', '-in', csrPath, '-noout', '-verify']);
    writeFileSync(
      extPath,
      `basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment\nsubjectAltName=email:${NEW_ADDRESS}\n`,
    );
    await runOk('openssl', ['x509', '-req', '-in', csrPath, '-CA', pki.anchorPem, '-CAkey', join(pki.dir, 'root.key.pem'),
      '-set_serial', '0x' + Date.now().toString(16), '-days', '365', '-sha256', '-extfile', extPath, '-out', certPath]);

    await card.getByLabel('Certificate or chain from your CA', { exact: true }).setInputFiles(certPath);
    await card.getByRole('button', { name: 'Import certificate' }).click();
    await card.getByText('Ready').waitFor();
    expect(await card.locator('.ds-fingerprint').getAttribute('title')).toBe(await fingerprintOf(certPath));
    expect(await card.textContent()).toContain('DirectSeal Test Root');
    const listed = await serviceOn<{ address: string; state: string }[]>(page, 'identities.list');
    expect(listed.find((i) => i.address === NEW_ADDRESS)?.state).toBe('ready');
    expect(readFileSync(certPath, 'utf8')).toContain('BEGIN CERTIFICATE');
  });

  it('exports a backup under a new passphrase, after asking the DirectSeal passphrase again', async () => {
    const card = page.getByRole('article', { name: pki.doctor.address });
    await card.getByRole('button', { name: 'Export backup' }).click();
    await card.getByLabel('A new file under a new passphrase').check();
    await card.getByLabel('New passphrase', { exact: true }).fill('another long passphrase');
    await card.getByLabel('New passphrase again', { exact: true }).fill('another long passphrase');
    await card.getByLabel('Your DirectSeal passphrase').fill('not my passphrase');
    await card.getByRole('button', { name: 'Download backup' }).click();
    await card.getByRole('alert').getByText('That is not your DirectSeal lock passphrase; type it again.').waitFor();
    await card.getByLabel('Your DirectSeal passphrase').fill(LOCK_PASS);
    const [file] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Download backup' }).click()]);
    const path = join(work, 'export.p12');
    await file.saveAs(path);
    await runOk('openssl', ['pkcs12', '-in', path, '-passin', 'pass:another long passphrase', '-nokeys', '-out', join(work, 'export.pem')]);
    expect(readFileSync(join(work, 'export.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
    await card.getByRole('button', { name: 'Close' }).click();
  });

  it('deletes an identity only after a confirmation that names it', async () => {
    const section = page.getByRole('region', { name: 'Your Direct identity' });
    const card = section.getByRole('article', { name: NEW_ADDRESS });
    const del = card.getByRole('button', { name: `Delete ${NEW_ADDRESS}` });
    await del.click();
    const dialog = page.getByRole('dialog', { name: `Delete ${NEW_ADDRESS}?` });
    await dialog.waitFor();
    // Focus starts on the safe choice; Escape closes and gives focus back to the button that opened it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.screenshot({ path: join(SHOTS, 'options-delete-dialog.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Delete ${NEW_ADDRESS}`);
    expect(await card.count()).toBe(1);

    await del.click();
    await dialog.getByRole('button', { name: 'Delete identity' }).click();
    await card.waitFor({ state: 'detached' });
    const left = await serviceOn<{ address: string }[]>(page, 'identities.list');
    expect(left.map((i) => i.address)).toEqual([pki.doctor.address]);
  });

  it('locks, refuses a wrong passphrase, unlocks; off only by a plain-words choice, and on again', async () => {
    const section = page.getByRole('region', { name: 'Passphrase lock' });
    await section.getByText('On · unlocked').waitFor();
    expect(await section.textContent()).toContain('Locks after 15 minutes without use.');
    const listed = await serviceOn<{ protection: string }[]>(page, 'identities.list');
    expect(listed.map((i) => i.protection)).toEqual(['passphrase']);

    await section.getByRole('button', { name: 'Lock now' }).click();
    await section.getByText('On · locked').waitFor();
    await section.getByLabel('Lock passphrase', { exact: true }).fill('not my passphrase');
    await section.getByRole('button', { name: 'Unlock', exact: true }).click();
    // The page words BAD_PASSPHRASE for the lock (the service's sentence speaks of a file).
    await section.getByRole('alert').getByText('That is not your DirectSeal lock passphrase; type it again.').waitFor();
    await shootSection(page, 'lock', 'lock-locked');
    await section.getByLabel('Lock passphrase', { exact: true }).fill(LOCK_PASS);
    await section.getByRole('button', { name: 'Unlock', exact: true }).click();
    await section.getByText('On · unlocked').waitFor();

    await section.getByText('Turn the lock off (not recommended)').click();
    await section.getByLabel('Current lock passphrase').fill(LOCK_PASS);
    await section.getByRole('button', { name: 'Turn the lock off' }).click();
    await section.getByRole('alert').getByText('Tick the box').waitFor();
    await section.getByLabel("I understand: anyone who copies this computer's disk can sign as me.").check();
    await section.getByRole('button', { name: 'Turn the lock off' }).click();
    await section.getByText('Off · keys not protected').waitFor();
    expect(await section.getByRole('alert').textContent()).toContain('Your private keys are not protected.');
    expect((await serviceOn<{ protection: string }[]>(page, 'identities.list')).map((i) => i.protection)).toEqual(['none']);
    // The card is in another section, which reloads its own list after the change (a second request): wait for it.
    const card = page.getByRole('article', { name: pki.doctor.address });
    await expect.poll(() => card.textContent()).toContain("not protected: anyone who copies this computer's disk can use it");
    await shootSection(page, 'lock', 'lock-unprotected');

    // Protected again: the store is rewritten under a new vault, and the keys still work.
    const protect = section.getByRole('form', { name: 'Protect your keys with a passphrase' });
    await protect.getByLabel('DirectSeal passphrase', { exact: true }).fill(LOCK_PASS);
    await protect.getByLabel('DirectSeal passphrase again', { exact: true }).fill(LOCK_PASS);
    await protect.getByLabel('Lock after (minutes idle)').fill('10');
    await protect.getByRole('button', { name: 'Protect my keys' }).click();
    await section.getByText('On · unlocked').waitFor();
    expect(await section.textContent()).toContain('Locks after 10 minutes without use.');
    expect((await serviceOn<{ protection: string }[]>(page, 'identities.list')).map((i) => i.protection)).toEqual(['passphrase']);
  });

  it('shows the whole page wide and at 390 px', async () => {
    await page.reload();
    await page.getByRole('article', { name: pki.doctor.address }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'options-full.png'), fullPage: true });
    await shootSection(page, 'lock', 'lock');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, 'options-full-narrow.png'), fullPage: true });
    // Nothing overflows sideways on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'options-full-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('finds everything again after the browser restarts on the same profile', async () => {
    await ext.close();
    ext = await launchExtension({ profileDir });
    page = await ext.context.newPage();
    await page.goto(ext.url('options.html'));
    await page.getByRole('article', { name: pki.doctor.address }).getByText('Ready').waitFor();
    // A new browser session: the keys are locked until the passphrase is typed.
    await page.getByRole('region', { name: 'Passphrase lock' }).getByText('On · locked').waitFor();
    await page.getByRole('region', { name: 'Trust anchors' }).getByRole('article', { name: 'DirectSeal Test Root' }).waitFor();
    const contacts = page.getByRole('region', { name: 'Contacts' });
    await contacts.getByRole('article', { name: pki.patient.address }).getByText('Trusted chain').waitFor();
    await contacts.getByRole('article', { name: pki.eve.address }).getByText('Accepted by fingerprint').waitFor();
  });
});
