/**
 * The pseudo-locale build (issue 11, item 6: "a pseudo-locale build catches strings that bypass translation"):
 * `npm run build:pseudo` makes .output/chrome-mv3-pseudo, which speaks the pseudo locale with no setting stored.
 * A fresh install of it is walked through every page as a practice would meet it: setup on install, Options
 * with an identity, anchors and a contact, the popup, the secure page's write view and a verified message in
 * its read view. Any letter outside the ⟦ ⟧ markers is text that bypassed the catalog. Also proves the build
 * is what speaks pseudo: the stored choice is never set here.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, PSEUDO_EXTENSION_DIR, ROOT, setupTab, type LaunchedExtension } from './support/browser';
import { provisionDoctorAndPatient } from './support/fixture-site';
import { pageTexts, unmarked } from './support/language';
import { service } from './support/service';

declare const chrome: typeof import('wxt/browser').browser;

const SHOTS = join(ROOT, 'artifacts/e2e/pseudo-build');
/** The test PKI's names, as its certificates show in Options (data, not our text). */
const PKI_NAMES = ['CN=DirectSeal Test Root, O=DirectSeal Tests', 'DirectSeal Test Root', 'DirectSeal Test Intermediate', 'Gregory House', 'Pat Patient'];

describe('the pseudo-locale build', () => {
  let ext: LaunchedExtension;
  let pki: TestPki;
  let work: string;
  /** Data, not text of ours: the brand, the test PKI's names, the sender's words. */
  let allowed: string[];

  async function expectAllMarked(page: Page, view: string): Promise<void> {
    const texts = await pageTexts(page);
    expect(texts.length, `${view}: no text found`).toBeGreaterThan(3);
    expect(unmarked(texts, allowed), `${view}: text outside the catalog`).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `${view}.png`), fullPage: true });
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'directseal-pseudo-build-'));
    [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension({ extensionDir: PSEUDO_EXTENSION_DIR, keepSetup: true })]);
  }, 300_000);

  afterAll(async () => {
    await ext?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('opens setup on install in the pseudo locale, with nothing chosen', async () => {
    const page = await setupTab(ext);
    await page.locator('h1').first().waitFor();
    expect(await page.evaluate(() => chrome.storage.local.get('locale'))).toEqual({});
    allowed = ['DirectSeal'];
    await expectAllMarked(page, 'setup');
    await page.close();
  });

  it('shows Options, the popup and the secure page with every text from the catalog', async () => {
    await provisionDoctorAndPatient(ext, pki);
    allowed = ['DirectSeal', 'Language / Idioma', 'English', 'Español', 'https://', ...PKI_NAMES];
    const page = await ext.context.newPage();

    await page.goto(ext.url('options.html'));
    await page.getByText(pki.doctor.address).first().waitFor();
    await expectAllMarked(page, 'options');

    await page.goto(ext.url('popup.html'));
    await page.getByText(pki.doctor.address).first().waitFor();
    await expectAllMarked(page, 'popup');

    await page.goto(ext.url('secure.html?view=write'));
    await page.locator('form').first().waitFor();
    await expectAllMarked(page, 'write');

    const message = Buffer.from(
      `From: ${pki.doctor.address}\r\nTo: ${pki.patient.address}\r\nSubject: Lab\r\nContent-Type: text/plain\r\n\r\nNormal.\r\n`,
    ).toString('base64');
    const { sealed } = await service<{ sealed: string }>(ext, 'message.seal', { message });
    const sealedPath = join(work, 'sealed.eml');
    writeFileSync(sealedPath, Buffer.from(sealed, 'base64'));
    allowed.push('Lab', 'Normal.');
    await page.goto(ext.url('secure.html?view=read'));
    await page.locator('input[type=file]').first().setInputFiles(sealedPath);
    await page.locator('.ds-verdict[data-status="verified"]').waitFor({ timeout: 60_000 });
    await page.locator('.ds-verdict details summary, .ds-verdict summary').first().click();
    await expectAllMarked(page, 'read-verified');
    await page.close();
  });
});
