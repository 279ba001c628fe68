/**
 * A 100 MiB attachment through the real secure.html in Chromium: sealed as a user would (pick the file, "Seal
 * message"), downloaded, opened again in the read view (the sender's own copy), verified, and the attachment
 * saved byte for byte. Before the worker and the beside-the-background key service, anything over about
 * 25.6 MiB failed at Chrome's 64 MiB runtime message cap.
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, type LaunchedExtension } from './support/browser';
import { provision, serviceOn } from './support/service';

const MiB = 1024 * 1024;
const SIZE = 100 * MiB;
const b64 = (path: string) => readFileSync(path).toString('base64');

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('data', (c) => hash.update(c)).on('end', () => resolve(hash.digest('hex'))).on('error', reject);
  });
}

describe('a 100 MiB attachment in secure.html', () => {
  let ext: LaunchedExtension;
  let pki: TestPki;
  let work: string;
  let page: Page;
  let scan: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'directseal-bulk-'));
    [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension()]);
    scan = join(work, 'ct-scan.dcm');
    const bytes = new Uint8Array(SIZE);
    for (let i = 0; i < SIZE; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
    writeFileSync(scan, bytes);
    page = await ext.context.newPage();
    await page.goto(ext.url('secure.html?view=write'));
    await provision(page);
    await serviceOn(page, 'identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    await serviceOn(page, 'anchors.import', { bytes: b64(pki.bundleP7bDer) });
    await serviceOn(page, 'contacts.add', { certificate: b64(pki.patient.certPem) });
  }, 60_000);
  afterAll(async () => {
    await ext?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('seals it, and opens the sealed copy verified with the attachment intact', async () => {
    await page.reload();
    const form = page.getByRole('form', { name: 'Write a secure message' });
    await form.getByLabel('To', { exact: true }).fill(pki.patient.address);
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await form.getByLabel('Subject').fill('CT scan');
    await form.getByLabel('Message').fill('The CT scan is attached.');
    await form.getByLabel('Attach files').setInputFiles(scan);
    await form.getByRole('button', { name: 'Seal message' }).click();
    // Progress is shown while it takes more than a second.
    await page.getByTestId('progress').waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { name: 'Your message is sealed' }).waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .eml' }).click()]);
    const sealed = join(work, 'sealed.eml');
    await download.saveAs(sealed);
    expect(statSync(sealed).size).toBeGreaterThan(SIZE * 1.33);

    await page.goto(page.url().replace('view=write', 'view=read'));
    await page.getByLabel('Sealed message file (.eml or .p7m)').setInputFiles(sealed);
    const verdict = page.getByRole('region', { name: `Signed by ${pki.doctor.address}` });
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.getAttribute('data-status')).toBe('verified');
    const message = page.getByRole('article', { name: 'CT scan' });
    expect(await message.textContent()).toContain('The CT scan is attached.');
    const [saved] = await Promise.all([page.waitForEvent('download'), message.getByRole('button', { name: 'Download ct-scan.dcm' }).click()]);
    const out = join(work, 'out.dcm');
    await saved.saveAs(out);
    expect(statSync(out).size).toBe(SIZE);
    expect(await sha256File(out)).toBe(await sha256File(scan));
  }, 150_000);
});
