/**
 * secure.html in Firefox ESR with the Firefox build: opening and sealing run in the page's module worker (issue
 * 9), which reaches the key service through the page. Opens a message the core sealed with a 3 MiB attachment
 * (verified, the text shown), and seals one for a contact through the form (the sealed state shown).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessage } from '../../utils/mime/build';
import { makeTestPki, type TestPki } from '../interop/support/pki';

const puppeteer = createRequire(import.meta.url)('puppeteer-core') as typeof import('puppeteer-core').default;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIREFOX = '/usr/bin/firefox-esr';
const GECKO_ID = 'directseal@directseal.example';
const UUID = '0b1c5ea1-9d1e-4c7a-9e2b-f1ef0c0a5e42';
const b64 = (path: string) => readFileSync(path).toString('base64');

/** Polls the page's text from the test's side (a moz-extension page's CSP refuses puppeteer's waitForFunction). */
async function textUntil(page: Page, expected: RegExp): Promise<string> {
  let text = '';
  for (let i = 0; i < 120; i++) {
    text = await page.evaluate(() => document.body.innerText);
    if (expected.test(text)) return text;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`not shown: ${expected}; the page says: ${text.slice(0, 500)}`);
}

describe('secure.html in Firefox: the bulk worker', () => {
  let browser: Browser;
  let pki: TestPki;
  let work: string;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: run \`bash scripts/ensure-firefox.sh\` (npm test does it)`);
    work = mkdtempSync(join(tmpdir(), 'directseal-ff-bulk-'));
    if (!existsSync(join(ROOT, '.output/firefox-mv2/manifest.json'))) execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: ROOT, stdio: 'inherit' });
    // A private copy: a rebuild meanwhile would pull the files away from the running add-on.
    cpSync(join(ROOT, '.output/firefox-mv2'), join(work, 'ext'), { recursive: true });
    pki = await makeTestPki(join(work, 'pki'));
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) },
    });
    await browser.installExtension(join(work, 'ext'));
    page = await browser.newPage();
    // WebDriver BiDi does not report a moz-extension page's load: navigate, then wait for the page's own text.
    await page.goto(`moz-extension://${UUID}/secure.html?view=read`, { waitUntil: 'domcontentloaded', timeout: 5000 }).catch(() => undefined);
    await textUntil(page, /Open a secure message/);
    const service = async (type: string, request: object) => {
      const out = (await page.evaluate((m) => (globalThis as any).browser.runtime.sendMessage(m), { ...request, type })) as { ok: boolean };
      expect(out.ok, type).toBe(true);
    };
    // Keys rest only under the DirectSeal passphrase, chosen before the first one is stored.
    await service('lock.enable', { passphrase: 'firefox bulk lock passphrase', idleMinutes: 60 });
    await service('identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    await service('anchors.import', { bytes: b64(pki.bundleP7bDer) });
    await service('contacts.add', { certificate: b64(pki.patient.certPem) });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('opens a sealed message with a 3 MiB attachment: verified, the text shown', async () => {
    const plain = join(work, 'plain.eml');
    writeFileSync(plain, buildMessage({
      from: pki.patient.address,
      to: [pki.doctor.address],
      subject: 'Scan from Firefox',
      text: 'The scan is attached.',
      attachments: [{ filename: 'scan.bin', contentType: 'application/octet-stream', content: new Uint8Array(3 * 1024 * 1024).fill(5) }],
    }));
    const sealed = join(work, 'sealed.eml');
    execFileSync(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'bench/op.ts'), 'seal', plain, pki.patient.keyPem, pki.patient.certPem, pki.doctor.certPem, sealed]);
    const input = await page.$('input[type=file]');
    await input!.uploadFile(sealed);
    const text = await textUntil(page, /The scan is attached\./);
    expect(text).toContain(`Message opened: verified, signed by ${pki.patient.address}`);
    expect(text).toContain('scan.bin');
  });

  it('seals a message for a contact through the form', async () => {
    await page.evaluate(() => (location.search = '?view=write'));
    await textUntil(page, /Seal message/);
    await page.type('input[inputmode="email"]', pki.patient.address);
    await textUntil(page, /Certificate trusted/);
    await page.type('textarea', 'Written in Firefox.');
    await page.click('button[type="submit"]');
    await textUntil(page, /Your message is sealed/);
  });
});
