/**
 * The webmail's own attachment limit, said in DirectSeal's words before any work: on the Gmail compose fixture
 * in Chromium, a 20 MB file (about 27 MB sealed) gets "Gmail accepts at most 25 MB ..." under the files; sealing
 * it keeps the message in the frame for download and attaches nothing to the webmail draft.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { provision, secureFrame, service } from './support/service';

const b64 = (path: string) => readFileSync(path).toString('base64');

describe('the webmail attachment limit', () => {
  let pki: TestPki;
  let ext: LaunchedExtension;
  let server: Server;
  let base: string;
  let site: string;

  beforeAll(async () => {
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'ds-limit-pki-')));
    site = mkdtempSync(join(tmpdir(), 'ds-limit-site-'));
    copyFileSync(join(ROOT, 'test/fixtures/webmail/gmail-compose.html'), join(site, 'gmail-compose.html'));
    server = createServer((req, res) => {
      let body: Buffer;
      try {
        body = readFileSync(join(site, new URL(req.url ?? '/', 'http://x').pathname));
      } catch {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    ext = await launchExtension();
    await provision(ext);
    await service(ext, 'identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    await service(ext, 'anchors.import', { bytes: b64(pki.anchorPem) });
    await service(ext, 'contacts.add', { certificate: b64(pki.patient.chainPem) });
  }, 60_000);
  afterAll(async () => {
    await ext?.close();
    server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  it('says Gmail takes at most 25 MB before sealing, and keeps the sealed message for download instead of attaching it', async () => {
    const big = join(site, 'mri-series.zip');
    writeFileSync(big, new Uint8Array(20_000_000).fill(42));
    const small = join(site, 'note.txt');
    writeFileSync(small, 'a short note\n');
    const page = await ext.context.newPage();
    await page.goto(`${base}gmail-compose.html`);
    await page.locator('#reply directseal-button button').click();
    const frame = await secureFrame(page);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await form.getByLabel('Subject').fill('MRI series');
    await form.getByLabel('Message').fill('The MRI series is attached.');

    // A small file fits: nothing said.
    await form.getByLabel('Attach files').setInputFiles(small);
    await form.getByText('note.txt').waitFor();
    expect(await frame.getByTestId('over-limit').count()).toBe(0);

    await form.getByLabel('Attach files').setInputFiles(big);
    const note = frame.getByTestId('over-limit');
    await note.waitFor();
    expect(await note.textContent()).toContain('Gmail accepts at most 25 MB per attachment, and this message would be about 27 MB sealed. Seal it and download the .eml instead');

    await form.getByRole('button', { name: 'Seal message' }).click();
    await frame.getByRole('heading', { name: 'Your message is sealed' }).waitFor({ timeout: 60_000 });
    await frame.getByRole('status').filter({ hasText: 'Not attached to your draft: Gmail accepts at most 25 MB. Download the .eml and send it through your HISP.' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Download .eml' }).click()]);
    expect(download.suggestedFilename()).toBe('MRI-series.eml');
    // Nothing reached the draft.
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => document.body.textContent ?? '')).not.toContain('smime.p7m');
    await page.close();
  }, 120_000);
});
