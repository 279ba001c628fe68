/**
 * secure.html in Chromium with the built extension: sealing a message for a contact (opened by openssl cms as
 * the recipient), and opening messages openssl made: verified, signed by a stranger (untrusted), unsigned
 * (invalid: content withheld). Screenshots of both views, wide and 390 px, go to artifacts/e2e/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_SENTENCES } from '../../utils/errors';
import { runOk } from '../interop/support/exec';
import { envelopedEml } from '../interop/support/mime';
import { createOpensslPeer } from '../interop/support/openssl';
import type { Peer } from '../interop/support/peer';
import { makeTestPki, type Identity, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { directMessage } from './support/direct-message';
import { E2E_LOCK_PASSPHRASE, provision, serviceOn } from './support/service';

const SHOTS = join(ROOT, 'artifacts/e2e');
const KEYS_LOCKED_HERE = 'Your keys are locked. Type your DirectSeal lock passphrase below to continue.';
const b64 = (path: string) => readFileSync(path).toString('base64');
const readMessage = (from: Identity, to: Identity, subject: string, text: string) =>
  directMessage({ from, to, subject, text, note: { name: 'note.txt', text: 'Blood pressure 120/80. Next visit in six months.' }, messageId: 'e2e-read@patient.test' });

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(SHOTS, `${name}-narrow.png`), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} overflows at 390 px`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 860 });
}

describe('the secure message page', () => {
  let ext: LaunchedExtension;
  let pki: TestPki;
  let peer: Peer;
  let work: string;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'directseal-secure-'));
    [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension()]);
    peer = await createOpensslPeer(work);
    page = await ext.context.newPage();
    // Set up through the key service (the options page has its own tests): the doctor's identity, the test
    // community's anchors, the patient as a contact.
    await page.goto(ext.url('secure.html?view=write'));
    await provision(page);
    await serviceOn(page, 'identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    await serviceOn(page, 'anchors.import', { bytes: b64(pki.bundleP7bDer) });
    await serviceOn(page, 'contacts.add', { certificate: b64(pki.patient.certPem) });
  });
  afterAll(async () => {
    await ext?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('refuses to seal for a recipient without a certificate, and says where to add one', async () => {
    await page.reload();
    const form = page.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    // The form shows before the identities have loaded; From is filled once they have.
    await expect.poll(() => form.getByLabel('From').inputValue()).toBe(pki.doctor.address);
    await form.getByLabel('To', { exact: true }).fill(`${pki.patient.address}, nobody@nowhere.test`);
    const recipients = form.getByRole('list', { name: 'Recipients' });
    await recipients.getByText('Certificate trusted').waitFor();
    await recipients.getByText('No certificate').waitFor();
    expect(await form.getByText('Settings → Contacts').getAttribute('href')).toMatch(/options\.html#contacts$/);
    expect(await form.getByRole('button', { name: 'Seal message' }).getAttribute('aria-disabled')).toBe('true');
    await form.getByLabel('Subject').fill('Your lab results');
    await shoot(page, 'secure-write-blocked');
  });

  it('seals a message with an attachment for a contact; openssl opens it as the recipient and verifies it', async () => {
    const form = page.getByRole('form', { name: 'Write a secure message' });
    await form.getByLabel('To', { exact: true }).fill(pki.patient.address);
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await form.getByLabel('Message').fill('Dear Pat,\n\nyour results are attached. All values are normal.\n\nDr. House');
    const attachment = join(work, 'results.txt');
    writeFileSync(attachment, 'Hemoglobin 14.1 g/dL\n');
    await form.getByLabel('Attach files').setInputFiles(attachment);
    await form.getByText('results.txt').waitFor();
    await shoot(page, 'secure-write');

    await form.getByRole('button', { name: 'Seal message' }).click();
    await page.getByRole('heading', { name: 'Your message is sealed' }).waitFor({ timeout: 60_000 });
    await shoot(page, 'secure-write-sealed');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .eml' }).click()]);
    expect(file.suggestedFilename()).toBe('Your-lab-results.eml');
    const path = join(work, 'sealed.eml');
    await file.saveAs(path);

    const opened = await peer.open({ recipient: pki.patient, anchorPem: pki.anchorPem, sealed: readFileSync(path) });
    expect(opened.verified, opened.detail).toBe(true);
    const inner = Buffer.from(opened.inner).toString('latin1');
    expect(inner).toContain('your results are attached');
    expect(inner).toContain('results.txt');
    expect(inner).toContain(`From: ${pki.doctor.address}`);
  });

  it('opens a message openssl signed and encrypted, and shows "verified" before the content', async () => {
    const sealed = await peer.seal({
      signer: pki.patient,
      recipients: [pki.doctor],
      cipher: 'aes-256-cbc',
      oaep: false,
      inner: readMessage(pki.patient, pki.doctor, 'Question about my medication', 'Can I take it with food?'),
    });
    const path = join(work, 'from-patient.eml');
    writeFileSync(path, sealed);

    await page.getByRole('tab', { name: 'Read' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('read');
    await page.getByLabel('Sealed message file (.eml or .p7m)').setInputFiles(path);
    const verdict = page.getByRole('region', { name: `Signed by ${pki.patient.address}` });
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.getAttribute('data-status')).toBe('verified');
    expect(await verdict.textContent()).toContain('Verified');
    expect(await page.getByRole('status').filter({ hasText: 'verified' }).count()).toBe(1);

    const message = page.getByRole('article', { name: 'Question about my medication' });
    expect(await message.textContent()).toContain('Can I take it with food?');
    expect(await message.textContent()).toContain(pki.patient.address);
    // The verdict comes first in the page.
    const [vy, my] = await Promise.all([verdict.boundingBox(), message.boundingBox()]);
    expect(vy!.y).toBeLessThan(my!.y);
    const [note] = await Promise.all([page.waitForEvent('download'), message.getByRole('button', { name: 'Download note.txt' }).click()]);
    expect(note.suggestedFilename()).toBe('note.txt');
    await shoot(page, 'secure-read-verified');
  });

  it('opens a pasted message too', async () => {
    await page.reload();
    await page.getByText('Paste the message instead').click();
    await page.getByLabel('Sealed message text').fill(readFileSync(join(work, 'from-patient.eml'), 'latin1'));
    await page.getByRole('button', { name: 'Open message' }).click();
    await page.getByRole('region', { name: `Signed by ${pki.patient.address}` }).waitFor({ timeout: 60_000 });
    await page.getByRole('article', { name: 'Question about my medication' }).waitFor();
  });

  it('shows a stranger-signed message as not verified, with the reason', async () => {
    const sealed = await peer.seal({
      signer: pki.eve,
      recipients: [pki.doctor],
      cipher: 'aes-128-cbc',
      oaep: false,
      inner: readMessage(pki.eve, pki.doctor, 'Urgent: update your password', 'Click here.'),
    });
    const path = join(work, 'from-eve.eml');
    writeFileSync(path, sealed);
    await page.getByLabel('Sealed message file (.eml or .p7m)').setInputFiles(path);
    const verdict = page.locator('.ds-verdict[data-status="untrusted"]');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toContain(ERROR_SENTENCES.SIGNER_UNTRUSTED);
    expect(await verdict.textContent()).toContain(pki.eve.address);
    await shoot(page, 'secure-read-untrusted');
  });

  it('withholds the content of an unsigned message behind a clearly marked disclosure', async () => {
    const inner = join(work, 'unsigned-inner.eml');
    const der = join(work, 'unsigned.der');
    writeFileSync(inner, readMessage(pki.patient, pki.doctor, 'Unsigned note', 'Nobody vouches for this text.'));
    await runOk('openssl', ['cms', '-encrypt', '-binary', '-in', inner, '-aes-256-cbc', '-outform', 'DER', '-out', der, pki.doctor.certPem]);
    const path = join(work, 'unsigned.eml');
    writeFileSync(path, envelopedEml(readFileSync(der), pki.patient.address, [pki.doctor.address]));

    await page.getByLabel('Sealed message file (.eml or .p7m)').setInputFiles(path);
    const verdict = page.locator('.ds-verdict[data-status="invalid"]');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.getByRole('heading').textContent()).toBe('Not signed: anyone could have sent this');
    const body = page.getByText('Nobody vouches for this text.');
    expect(await body.isVisible()).toBe(false);
    await shoot(page, 'secure-read-invalid');
    await page.getByText('Show the content anyway (it may be forged or altered)').click();
    expect(await body.isVisible()).toBe(true);
  });

  it('asks for the lock passphrase where sealing and opening need it, then carries on', async () => {
    const pass = E2E_LOCK_PASSPHRASE;
    await serviceOn(page, 'lock.lock');

    await page.goto(ext.url('secure.html?view=write'));
    const form = page.getByRole('form', { name: 'Write a secure message' });
    await form.getByLabel('To', { exact: true }).fill(pki.patient.address);
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await form.getByLabel('Subject').fill('After the lock');
    await form.getByLabel('Message').fill('Sealed once unlocked.');
    await form.getByRole('button', { name: 'Seal message' }).click();
    // KEY_LOCKED, worded for a page that offers the unlock field right there.
    await form.getByRole('alert').getByText(KEYS_LOCKED_HERE).waitFor();
    const unlock = form.getByRole('group', { name: 'Unlock your keys' });
    await unlock.getByLabel('DirectSeal lock passphrase').fill('wrong passphrase');
    await unlock.getByRole('button', { name: 'Unlock and continue' }).click();
    await unlock.getByRole('alert').getByText('That is not your DirectSeal lock passphrase; type it again.').waitFor();
    await shoot(page, 'secure-write-locked');
    await unlock.getByLabel('DirectSeal lock passphrase').fill(pass);
    await unlock.getByRole('button', { name: 'Unlock and continue' }).click();
    await page.getByRole('heading', { name: 'Your message is sealed' }).waitFor({ timeout: 60_000 });

    await serviceOn(page, 'lock.lock');
    const sealed = await peer.seal({
      signer: pki.patient,
      recipients: [pki.doctor],
      cipher: 'aes-256-gcm',
      oaep: true,
      inner: readMessage(pki.patient, pki.doctor, 'While locked', 'Opened after unlocking.'),
    });
    const path = join(work, 'while-locked.eml');
    writeFileSync(path, sealed);
    await page.getByRole('tab', { name: 'Read' }).click();
    await page.getByLabel('Sealed message file (.eml or .p7m)').setInputFiles(path);
    await page.getByRole('alert').getByText(KEYS_LOCKED_HERE).waitFor();
    await page.getByLabel('DirectSeal lock passphrase').fill(pass);
    await page.getByRole('button', { name: 'Unlock and continue' }).click();
    await page.getByRole('region', { name: `Signed by ${pki.patient.address}` }).waitFor({ timeout: 60_000 });
    expect(await page.getByText('Opened after unlocking.').isVisible()).toBe(true);
  });
});
