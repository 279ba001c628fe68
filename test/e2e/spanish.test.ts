/**
 * Languages (issue 11, item 6): each converted view rendered in Spanish holds no English word, and rendered in
 * the pseudo locale holds no letter outside the ⟦ ⟧ markers (text that bypassed the catalog). Views: the secure
 * page's read view (empty, verified, not verified, invalid, locked with its unlock prompt), its write view
 * (recipients, attachment, sealed), the popup, Options → Language. Screenshots in Spanish (wide, 390 px, dark) go to artifacts/e2e/spanish/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOk } from '../interop/support/exec';
import { envelopedEml } from '../interop/support/mime';
import { createOpensslPeer } from '../interop/support/openssl';
import type { Peer } from '../interop/support/peer';
import { makeTestPki, type Identity, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { expectInLocale, pageTexts, setLocale } from './support/language';
import { languageShots } from './support/ui';
import { directMessage } from './support/direct-message';
import { E2E_LOCK_PASSPHRASE, provision, serviceOn } from './support/service';

const SHOTS = join(ROOT, 'artifacts/e2e/spanish');
const b64 = (path: string) => readFileSync(path).toString('base64');

const SUBJECT = 'Consulta sobre mi medicamento';
const BODY = '¿Puedo tomarlo con comida?';
const NOTE = 'nota.txt';
const readMessage = (from: Identity, to: Identity, subject: string, text: string) =>
  directMessage({ from, to, subject, text, note: { name: NOTE, text: 'Presión 120/80.' }, messageId: 'e2e-spanish@patient.test' });

describe.each(['es', 'pseudo'] as const)('the patient views in the %s locale', (locale) => {
  let ext: LaunchedExtension;
  let pki: TestPki;
  let peer: Peer;
  let work: string;
  let page: Page;
  const files: Record<'verified' | 'untrusted' | 'unsigned', string> = { verified: '', untrusted: '', unsigned: '' };
  /** What may stay as it is: the sender's words and names, the brand, file names. */
  let allowed: string[];

  /** Fails on any English word (es) or any text outside the markers (pseudo), and checks `lang`. */
  async function expectTranslated(p: Page, view: string): Promise<void> {
    await expectInLocale(p, locale, await pageTexts(p), allowed, view);
  }

  /** The whole page wide, at 390 px (no horizontal overflow) and dark; pseudo: one wide picture. */
  const shoot = languageShots(locale, { dir: SHOTS, prefix: '' });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), `directseal-${locale}-`));
    [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension()]);
    peer = await createOpensslPeer(work);
    page = await ext.context.newPage();
    await page.goto(ext.url('secure.html?view=read'));
    await provision(page);
    await serviceOn(page, 'identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    await serviceOn(page, 'anchors.import', { bytes: b64(pki.bundleP7bDer) });
    await serviceOn(page, 'contacts.add', { certificate: b64(pki.patient.certPem) });
    await setLocale(page, locale);
    allowed = ['DirectSeal', SUBJECT, BODY, NOTE, 'Language / Idioma', 'English', 'Español'];

    files.verified = join(work, 'verified.eml');
    writeFileSync(
      files.verified,
      await peer.seal({ signer: pki.patient, recipients: [pki.doctor], cipher: 'aes-256-cbc', oaep: false, inner: readMessage(pki.patient, pki.doctor, SUBJECT, BODY) }),
    );
    files.untrusted = join(work, 'untrusted.eml');
    writeFileSync(
      files.untrusted,
      await peer.seal({ signer: pki.eve, recipients: [pki.doctor], cipher: 'aes-128-cbc', oaep: false, inner: readMessage(pki.eve, pki.doctor, SUBJECT, BODY) }),
    );
    const inner = join(work, 'unsigned-inner.eml');
    const der = join(work, 'unsigned.der');
    writeFileSync(inner, readMessage(pki.patient, pki.doctor, SUBJECT, BODY));
    await runOk('openssl', ['cms', '-encrypt', '-binary', '-in', inner, '-aes-256-cbc', '-outform', 'DER', '-out', der, pki.doctor.certPem]);
    files.unsigned = join(work, 'unsigned.eml');
    writeFileSync(files.unsigned, envelopedEml(readFileSync(der), pki.patient.address, [pki.doctor.address]));
  });
  afterAll(async () => {
    await ext?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const fileInput = () => page.locator('input[type="file"]');

  it('the read view before a message, with the paste field open', async () => {
    await page.goto(ext.url('secure.html?view=read'));
    await page.locator('.ds-read details summary').click();
    await page.locator('.ds-read textarea').waitFor();
    await expectTranslated(page, 'read view');
    await shoot(page, 'read-empty');
  });

  it('a verified message, its technical details open', async () => {
    await fileInput().setInputFiles(files.verified);
    const verdict = page.locator('.ds-verdict[data-status="verified"]');
    await verdict.waitFor({ timeout: 60_000 });
    await page.getByRole('article').getByText(BODY).waitFor();
    await verdict.locator('details summary').click();
    await expectTranslated(page, 'verified message');
    await shoot(page, 'read-verified');
  });

  it('a message signed by a stranger', async () => {
    await fileInput().setInputFiles(files.untrusted);
    await page.locator('.ds-verdict[data-status="untrusted"]').waitFor({ timeout: 60_000 });
    await expectTranslated(page, 'untrusted message');
    await shoot(page, 'read-untrusted');
  });

  it('an unsigned message, its content withheld', async () => {
    await fileInput().setInputFiles(files.unsigned);
    await page.locator('.ds-verdict[data-status="invalid"]').waitFor({ timeout: 60_000 });
    await expectTranslated(page, 'unsigned message');
    await shoot(page, 'read-invalid');
  });

  it('the write view: recipients with and without a certificate, an attachment, then the sealed message', async () => {
    await page.goto(ext.url('secure.html?view=write'));
    const form = page.locator('form.ds-compose');
    await form.waitFor();
    await form.locator('input[inputmode="email"]').fill(`${pki.patient.address}, nadie@ninguna.test`);
    await form.locator('.ds-recipients .ds-badge--ok').waitFor();
    await form.locator('.ds-recipients__help').waitFor();
    await form.locator('.ds-field input[type="text"]:not([inputmode])').first().fill(SUBJECT);
    await form.locator('textarea').fill(BODY);
    const attachment = join(work, NOTE);
    writeFileSync(attachment, 'Presión 120/80.\n');
    await form.locator('input[type="file"]').setInputFiles(attachment);
    await form.locator('.ds-files__name').waitFor();
    await expectTranslated(page, 'write view');
    await shoot(page, 'write');

    await form.locator('input[inputmode="email"]').fill(pki.patient.address);
    await form.locator('.ds-recipients__help').waitFor({ state: 'detached' });
    await form.locator('button[type="submit"]').click();
    await page.locator('.ds-sealed').waitFor({ timeout: 60_000 });
    await expectTranslated(page, 'sealed message');
    await shoot(page, 'write-sealed');
  });

  it('the unlock prompt when the keys are locked, and a wrong passphrase', async () => {
    await page.goto(ext.url('secure.html?view=read'));
    await serviceOn(page, 'lock.lock');
    await fileInput().setInputFiles(files.verified);
    const prompt = page.locator('.ds-unlock');
    await prompt.waitFor({ timeout: 60_000 });
    await prompt.locator('input').fill('not the passphrase');
    await prompt.locator('input').press('Enter');
    await prompt.locator('.ds-notice--error').waitFor();
    await expectTranslated(page, 'unlock prompt');
    await shoot(page, 'unlock');
    await prompt.locator('input').fill(E2E_LOCK_PASSPHRASE);
    await prompt.locator('input').press('Enter');
    await page.locator('.ds-verdict[data-status="verified"]').waitFor({ timeout: 60_000 });
  });

  it('the popup', async () => {
    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 320, height: 480 });
    await popup.goto(ext.url('popup.html'));
    await popup.locator('dd[data-state="ok"]').first().waitFor();
    // The message sealed in the write view is listed, with its delivery state.
    await popup.locator('.popup__sent [data-testid="sent-message"]').waitFor();
    await expect.poll(async () => (await popup.locator('dd').allInnerTexts()).some((t) => /…/.test(t))).toBe(false);
    await expectTranslated(popup, 'popup');
    await shoot(popup, 'popup');
    await popup.close();
  });

  it('Options → Language / Idioma offers the choice, and every open page follows it', async () => {
    const options = await ext.context.newPage();
    await options.goto(ext.url('options.html#language'));
    const section = options.locator('#language');
    await section.waitFor();
    expect(await options.evaluate(() => document.documentElement.lang)).toBe(locale === 'es' ? 'es' : 'en');
    if (locale === 'es') await section.screenshot({ path: join(SHOTS, 'options-language.png') });
    // English from here on: the choice applies to this page and to the read view open in the other tab.
    await section.locator('input[value="en"]').check();
    await expect.poll(() => options.evaluate(() => document.documentElement.lang)).toBe('en');
    await expect.poll(() => page.locator('.ds-verdict__badge').textContent()).toBe('Verified');
    expect(await section.getByRole('heading').textContent()).toBe('Language / Idioma');
    await section.locator('input[value="es"]').check();
    await expect.poll(() => page.locator('.ds-verdict__badge').textContent()).toBe('Verificado');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await options.close();
  });
});
