/**
 * Languages (issue 11, item 6), the setup page's patient path: the role choice, passphrase, security phrase,
 * key and spare copy, request file, the welcome file with its fingerprint to compare, and the finished page.
 * Each step in Spanish holds no English word; in the pseudo locale no letter outside the ⟦ ⟧ markers. The
 * welcome file comes from the practice's side as `directseal ca issue --welcome` makes it. Screenshots in
 * Spanish (wide, 390 px, dark) go to artifacts/e2e/spanish/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directseal } from '../support/directseal-process';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, setupTab, type LaunchedExtension } from './support/browser';
import { expectInLocale, inLocale, pageTexts, setLocale } from './support/language';
import { languageShots } from './support/ui';

const SHOTS = join(ROOT, 'artifacts/e2e/spanish');
const PATIENT = 'pat.lee@mail.example.test';
const PASS = 'e2e ca passphrase';

describe.each(['es', 'pseudo'] as const)('the setup page for a patient in the %s locale', (locale) => {
  let ext: LaunchedExtension;
  let pki: TestPki;
  let work: string;
  let page: Page;
  let requestFile: string;
  /** The patient's and the practice's own words, the webmail's button names (not translated yet), file names. */
  const allowed = ['DirectSeal', 'Pat Lee', 'garza sobre el lago', 'Lakeside Family Practice', '.directseal-welcome', '.p12', `${PATIENT}-key-backup.p12`, 'pat.directseal-welcome'];

  async function expectTranslated(view: string): Promise<void> {
    await expectInLocale(page, locale, await pageTexts(page), allowed, view);
  }

  /** The whole page wide, at 390 px (no horizontal overflow) and dark; pseudo: one wide picture. */
  const shoot = languageShots(locale, { dir: SHOTS, prefix: 'setup-' });

  /** Checks the step shown, then goes on with Continue. */
  async function step(name: string): Promise<void> {
    await expectTranslated(name);
    await shoot(page, name);
  }
  const next = async (count: number) => {
    await page.locator('.setup-step__nav .ds-button--primary').click();
    await page.locator('.setup-step__count').filter({ hasText: String(count) }).waitFor();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), `ds-setup-${locale}-`));
    [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension({ keepSetup: true })]);
    page = await setupTab(ext);
    await page.setViewportSize({ width: 1280, height: 860 });
    await setLocale(page, locale);
    await inLocale(page, locale);
  });
  afterAll(async () => {
    await ext?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('the role choice', async () => {
    await page.locator('.setup-role').first().waitFor();
    await step('1-role');
    await page.locator('.setup-role').nth(2).click();
  });

  it('the DirectSeal passphrase', async () => {
    const form = page.locator('form.ds-lock-form');
    await form.waitFor();
    await page.locator('.ds-details summary').click(); // the choice of no passphrase, folded away
    await form.locator('button[type="submit"]').click(); // empty: says what is missing
    await form.locator('.ds-notice--error').waitFor();
    await step('2-passphrase');
    const [pass, again] = [form.locator('input[type="password"]').nth(0), form.locator('input[type="password"]').nth(1)];
    await pass.fill('patient lock passphrase');
    await again.fill('patient lock passphrase');
    await form.locator('button[type="submit"]').click();
    await page.locator('.setup-done').waitFor();
    await expectTranslated('passphrase set');
    await next(2);
  });

  it('the security phrase', async () => {
    await page.locator('#indicator input.ds-input').fill('garza sobre el lago');
    await page.locator('#indicator button[type="submit"]').click();
    await page.locator('#indicator .ds-notice--ok').waitFor();
    await step('3-phrase');
    await next(3);
  });

  it('the key, and its spare copy', async () => {
    const form = page.locator('.setup-step__body form');
    await form.locator('input[autocomplete="name"]').fill('Pat Lee');
    await form.locator('input[type="email"]').fill(PATIENT);
    await form.locator('input[type="password"]').nth(0).fill('patient spare pass');
    await form.locator('input[type="password"]').nth(1).fill('patient spare pass');
    await step('4-key');
    const spare = page.waitForEvent('download');
    await form.locator('button[type="submit"]').click();
    expect((await spare).suggestedFilename()).toBe(`${PATIENT}-key-backup.p12`);
    const kept = page.locator('.setup-step__body .ds-actions .ds-button');
    await page.locator('.setup-step__body strong').waitFor();
    await step('5-spare-copy');
    await kept.click();
    await page.locator('.setup-done').filter({ hasText: PATIENT }).waitFor();
    await next(4);
  });

  it('the request file', async () => {
    const form = page.locator('.setup-step__body form');
    await form.locator('input[type="tel"]').fill('555 0100');
    await form.locator('input[type="date"]').fill('1980-04-02');
    const saved = page.waitForEvent('download');
    await form.locator('button[type="submit"]').click();
    const download = await saved;
    requestFile = join(work, download.suggestedFilename());
    await download.saveAs(requestFile);
    await form.locator('.ds-notice--ok').waitFor();
    await step('6-request');
    await next(5);
  });

  it('the welcome file, its fingerprint compared, and the finished page', async () => {
    await page.locator('.setup-step__body input[type="file"]').waitFor();
    await step('7-waiting-for-welcome');
    const at = (f: string) => join(work, f);
    const init = await directseal(['ca', 'init', '--name', 'Lakeside Family Practice', '--out', at('ca.p12'), '--pass', PASS, '--cert-out', at('ca.pem')]);
    expect(init.code, init.stderr).toBe(0);
    const issued = await directseal([
      'ca', 'issue', '--ca', at('ca.p12'), '--pass', PASS, '--request', requestFile,
      '--welcome', at('pat.directseal-welcome'), '--practice-cert', pki.doctor.certPem, '--practice-anchor', pki.anchorPem,
    ]);
    expect(issued.code, issued.stderr).toBe(0);

    await page.locator('.setup-step__body input[type="file"]').setInputFiles(at('pat.directseal-welcome'));
    const compare = page.locator('.setup-compare');
    await compare.locator('.ds-fingerprint').waitFor();
    await step('8-compare');
    await compare.locator('.ds-button--primary').click();
    await page.locator('.setup-done').filter({ hasText: PATIENT }).waitFor();
    await expectTranslated('welcome imported');
    await page.locator('.setup-step__nav .ds-button--primary').click();
    await page.locator('.setup-finished').waitFor();
    await step('9-finished');
  });
});
