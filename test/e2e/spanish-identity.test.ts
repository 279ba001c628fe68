/**
 * Languages (issue 11, item 6), Options → identities and keys and → Passphrase lock, and the same identity
 * section in the setup page's practice path: before any passphrase, empty, a .p12 imported (an expired one too),
 * each way to add an identity with its own complaint, a new key through its backup and CSR steps, the backup
 * export, the delete confirmation, and the lock unlocked, locked (a wrong passphrase) and turned off. Each view in
 * Spanish holds no English word; in the pseudo locale no letter outside the ⟦ ⟧ markers. Options' other sections
 * belong to other views, so there only these two sections are read. Screenshots in Spanish (wide, 390 px, dark)
 * go to artifacts/e2e/spanish/identity-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, setupTab, type LaunchedExtension } from './support/browser';
import { expectInLocale, inLocale, pageTexts, setLocale, textsIn } from './support/language';
import { E2E_LOCK_PASSPHRASE } from './support/service';
import { languageShots } from './support/ui';

const SHOTS = join(ROOT, 'artifacts/e2e/spanish');
const NEW_ADDRESS = 'recepcion@doctor.test';
const BACKUP_PASS = 'copia de seguridad larga';


let pki: TestPki;
let work: string;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ds-identity-i18n-'));
  pki = await makeTestPki(join(work, 'pki'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(['es', 'pseudo'] as const)('identities, keys and the lock in the %s locale', (locale) => {
  let ext: LaunchedExtension;
  let setup: Page;
  let options: Page;
  /** Data that stays as it is: names and addresses from certificates, file names, the CSR, the PEM header. */
  const allowed = ['DirectSeal', 'Gregory House', 'Old Doctor', 'DirectSeal Test Intermediate', 'DirectSeal Test Root', 'Recepción', '-----BEGIN CERTIFICATE-----', '.p12'];

  async function expectTranslated(page: Page, view: string, only?: readonly string[]): Promise<void> {
    await expectInLocale(page, locale, only ? await textsIn(page, only) : await pageTexts(page), allowed, view);
  }

  /** Wide, 390 px (nothing wider than the screen) and dark: a section, or the page whole. */
  const shoot = languageShots(locale, { dir: SHOTS, prefix: 'identity-' });

  const identity = () => options.locator('#identity');
  const lock = () => options.locator('#lock');
  const card = (address: string) => identity().locator('article.ds-identity', { has: options.locator(`h3:has-text("${address}")`) });
  const OPTIONS_PARTS = ['#identity', '#lock'];
  /** A fresh load (going to the same address with only another #part would keep the page as it was). */
  async function openOptions(part: 'identity' | 'lock'): Promise<void> {
    await options.goto('about:blank');
    await options.goto(ext.url(`options.html#${part}`));
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ext = await launchExtension({ keepSetup: true });
    setup = await setupTab(ext);
    await setup.setViewportSize({ width: 1280, height: 860 });
    // Set once the page listens for the choice (a change made while it is still loading could be missed).
    await setup.locator('.setup-role').first().waitFor();
    await setLocale(setup, locale);
    await inLocale(setup, locale);
    options = await ext.context.newPage();
    await options.setViewportSize({ width: 1280, height: 860 });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('Options before any passphrase: the identity section asks for it first, the lock has none yet', async () => {
    await openOptions('identity');
    await identity().locator('.ds-panel[role="group"] form.ds-lock-form').waitFor();
    await lock().locator('form.ds-lock-form').waitFor();
    await identity().locator('.ds-details summary').click(); // the choice of no passphrase, folded away
    await expectTranslated(options, 'identity before a passphrase', OPTIONS_PARTS);
    await shoot(identity(), 'first-passphrase');
    await shoot(lock(), 'lock-unset');
  });

  it('the setup page, practice path: the identity step empty, then with the .p12 imported', async () => {
    await setup.bringToFront();
    await setup.locator('.setup-role').first().click();
    const form = setup.locator('form.ds-lock-form');
    await form.locator('input[type="password"]').nth(0).fill(E2E_LOCK_PASSPHRASE);
    await form.locator('input[type="password"]').nth(1).fill(E2E_LOCK_PASSPHRASE);
    await form.locator('button[type="submit"]').click();
    await setup.locator('.setup-done').waitFor();
    await setup.locator('.setup-step__nav .ds-button--primary').click();
    await setup.locator('.setup-step__nav .ds-button--quiet').click(); // the security phrase: later
    const body = setup.locator('.setup-step__body');
    await body.locator('#identity form[aria-label]').waitFor();
    await body.locator('button[type="submit"]').click(); // no file: says which one
    await body.locator('.ds-notice--error').waitFor();
    await expectTranslated(setup, 'setup identity step');
    await shoot(setup, 'setup-empty');

    await body.locator('input[type="file"]').setInputFiles(pki.doctor.p12);
    await body.locator('input[type="password"]').fill(pki.password);
    await body.locator('button[type="submit"]').click();
    await body.locator('article.ds-identity').waitFor();
    await body.locator('.ds-notice--ok').waitFor();
    await expectTranslated(setup, 'setup identity imported');
    await shoot(setup, 'setup-imported');
  });

  it('Options: the imported card, the .p12 form refusing an empty try, then an expired .p12 imported', async () => {
    await options.bringToFront();
    await openOptions('identity');
    await card(pki.doctor.address).waitFor();
    await identity().locator('details.ds-panel > summary').click(); // "Add another identity"
    const form = identity().locator('.ds-tabpanel form');
    await form.locator('button[type="submit"]').click();
    await form.locator('.ds-notice--error').waitFor();
    await expectTranslated(options, 'identity card and .p12 form', OPTIONS_PARTS);
    await shoot(identity(), 'card-p12');

    await form.locator('input[type="file"]').setInputFiles(pki.expired.p12);
    await form.locator('input[type="password"]').fill(pki.password);
    await form.locator('button[type="submit"]').click();
    await card(pki.expired.address).locator('.ds-badge--error').waitFor();
    await form.locator('.ds-notice--ok').waitFor();
    await expectTranslated(options, 'expired identity imported', OPTIONS_PARTS);
    await shoot(identity(), 'expired');
  });

  it('the PEM form, and the new key form refusing a short passphrase', async () => {
    await identity().locator('#identity-way-tab-pem').click();
    const form = identity().locator('.ds-tabpanel form');
    await form.locator('input[type="file"]').nth(1).waitFor({ state: 'attached' });
    await form.locator('button[type="submit"]').click();
    await form.locator('.ds-notice--error').waitFor();
    await expectTranslated(options, 'PEM form', OPTIONS_PARTS);
    await shoot(identity().locator('details.ds-panel'), 'pem');

    await identity().locator('#identity-way-tab-generate').click();
    await form.locator('input[type="email"]').fill(NEW_ADDRESS);
    await form.locator('input[type="text"]').nth(0).fill('Recepción');
    await form.locator('input[type="password"]').nth(0).fill('corta');
    await form.locator('button[type="submit"]').click();
    await form.locator('.ds-notice--error').waitFor();
    await expectTranslated(options, 'new key form', OPTIONS_PARTS);
    await shoot(identity().locator('details.ds-panel'), 'generate');
  });

  it('a new key: its backup step, then its certificate request waiting for the CA', async () => {
    const form = identity().locator('.ds-tabpanel form');
    await form.locator('input[type="password"]').nth(0).fill(BACKUP_PASS);
    await form.locator('input[type="password"]').nth(1).fill(BACKUP_PASS);
    const backup = options.waitForEvent('download', { timeout: 60_000 });
    await form.locator('button[type="submit"]').click();
    const backupName = (await backup).suggestedFilename();
    expect(backupName).toMatch(/\.p12$/);
    allowed.push(backupName); // the file's name, in the success notice
    const pending = card(NEW_ADDRESS).locator('.ds-pending');
    await pending.locator('.ds-step').waitFor();
    await form.locator('.ds-notice--ok').waitFor();
    await pending.locator('.ds-button--secondary').click(); // download again: asks the DirectSeal passphrase first
    await pending.locator('input[type="password"]').waitFor();
    await expectTranslated(options, 'backup step', OPTIONS_PARTS);
    await shoot(card(NEW_ADDRESS), 'backup-step');

    await pending.locator('.ds-button--primary').click(); // I saved the backup
    const csr = pending.locator('pre');
    await csr.waitFor();
    allowed.push(((await csr.textContent()) ?? '').trim());
    await pending.locator('form button[type="submit"]').click(); // nothing chosen: says what to give
    await pending.locator('form .ds-notice--error').waitFor();
    await expectTranslated(options, 'certificate request step', OPTIONS_PARTS);
    await shoot(card(NEW_ADDRESS), 'csr-step');
  });

  it('the backup export, refusing a short new passphrase, and the delete confirmation', async () => {
    const doctor = card(pki.doctor.address);
    await doctor.locator('.ds-item__head .ds-button--secondary').click();
    const form = doctor.locator('form.ds-export');
    await form.locator('input[type="radio"]').nth(1).check();
    await form.locator('input[type="password"]').nth(0).fill('corta');
    await form.locator('button[type="submit"]').click();
    await form.locator('.ds-notice--error').waitFor();
    await expectTranslated(options, 'backup export', OPTIONS_PARTS);
    await shoot(doctor, 'export');
    await form.locator('.ds-button--secondary').click(); // Close

    await card(NEW_ADDRESS).locator('.ds-item__head .ds-button--quiet').click();
    const dialog = options.locator('dialog[open]');
    await dialog.waitFor();
    await expectTranslated(options, 'delete confirmation', OPTIONS_PARTS);
    await shoot(dialog, 'delete');
    await options.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('the lock: unlocked with the way to turn it off, then locked with a wrong passphrase typed', async () => {
    await openOptions('lock');
    const state = lock().locator('.ds-lock__state .ds-badge--ok');
    await state.waitFor();
    await lock().locator('details summary').click();
    await lock().locator('details .ds-button--secondary').click(); // the box not ticked: says so
    await lock().locator('.ds-notice--error').waitFor();
    await expectTranslated(options, 'lock unlocked', OPTIONS_PARTS);
    await shoot(lock(), 'lock-unlocked');

    await lock().locator('form.ds-lock-form > .ds-actions button[type="submit"]').click(); // Lock now
    await lock().locator('.ds-lock__state .ds-badge--warn').waitFor();
    const pass = lock().locator('form.ds-lock-form input[type="password"]').first();
    await pass.fill('not the passphrase');
    await lock().locator('form.ds-lock-form > .ds-actions button[type="submit"]').click();
    await lock().locator('.ds-notice--error').waitFor();
    await expectTranslated(options, 'lock locked', OPTIONS_PARTS);
    await shoot(lock(), 'lock-locked');
    await pass.fill(E2E_LOCK_PASSPHRASE);
    await lock().locator('form.ds-lock-form > .ds-actions button[type="submit"]').click();
    await state.waitFor();
  });

  it('the lock turned off: the keys said plainly to be unprotected, on the lock and on each card', async () => {
    await lock().locator('details input[type="password"]').fill(E2E_LOCK_PASSPHRASE);
    await lock().locator('details input[type="checkbox"]').check();
    await lock().locator('details .ds-button--secondary').click();
    await lock().locator('.ds-lock__state .ds-badge--error').waitFor();
    await card(pki.doctor.address).locator('.ds-text-error').waitFor();
    await expectTranslated(options, 'lock off', OPTIONS_PARTS);
    await shoot(lock(), 'lock-off');
    await shoot(card(pki.doctor.address), 'card-unprotected');
  });
});
