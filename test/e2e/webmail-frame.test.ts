/**
 * The webmail integration on saved-page fixtures (Gmail compose and read) in Chromium with the built
 * extension: "Secure" opens the DirectSeal frame over the page, sealing attaches only smime.p7m with a cover
 * note to the draft, and the marker text of the body never reaches the host page (DOM, network, postMessage).
 * "Open securely" on a received smime.p7m shows the verdict in the frame.
 */
import { mkdtempSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { secureFrame, service } from './support/service';
import { provisionDoctorAndPatient, serveFolder } from './support/fixture-site';

const SHOTS = join(ROOT, 'artifacts/e2e');
const MARKER = 'MARKER-7f3a-lab-values-hba1c';

describe('webmail frame on saved-page fixtures', () => {
  let pki: TestPki;
  let ext: LaunchedExtension;
  let server: Server;
  let base: string;
  let site: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'ds-frame-pki-')));
    site = mkdtempSync(join(tmpdir(), 'ds-frame-site-'));
    for (const f of ['gmail-compose.html', 'gmail-read.html']) copyFileSync(join(ROOT, 'test/fixtures/webmail', f), join(site, f));
    ({ base, server } = await serveFolder(site));
    ext = await launchExtension();
    await provisionDoctorAndPatient(ext, pki);
  });
  afterAll(async () => {
    await ext?.close();
    server?.close();
  });

  it('seals in the frame and attaches only smime.p7m with a cover note; the body never reaches the page', async () => {
    const page = await ext.context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(`${r.url()} ${r.postData() ?? ''}`));
    // Every message posted to the host window, as the page's own scripts would see it.
    await page.addInitScript(() => {
      (window as any).__posted = [];
      window.addEventListener('message', (e) => (window as any).__posted.push(JSON.stringify(e.data, (_, v) => (v instanceof Uint8Array ? Array.from(v) : v))));
    });
    await page.goto(`${base}gmail-compose.html`);
    const secure = page.locator('#reply directseal-button button');
    await secure.waitFor();
    await secure.click();
    const frame = await secureFrame(page);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    await expect.poll(() => form.getByLabel('To', { exact: true }).inputValue()).toContain(pki.patient.address);
    await expect.poll(() => form.getByLabel('From').inputValue()).toBe(pki.doctor.address);
    await form.getByLabel('Subject').fill(`Results ${MARKER}`);
    await form.getByLabel('Message').fill(`Dear Pat, ${MARKER} is fine.`);
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await page.screenshot({ path: join(SHOTS, 'webmail-frame-compose.png') });
    await form.getByRole('button', { name: 'Seal message' }).click();

    // The frame says the sealed message is attached, still offers the .eml, and closes when the user is done.
    await frame.getByRole('status').filter({ hasText: 'Attached to your draft as smime.p7m' }).waitFor({ timeout: 30_000 });
    expect(await frame.getByRole('button', { name: 'Download .eml' }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'webmail-frame-sealed.png') });
    await frame.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => page.frames().some((f) => f.url().includes('/secure.html')), { timeout: 10_000 }).toBe(false);
    await page.getByText('smime.p7m').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'webmail-frame-attached.png') });
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    // A reply: the outer subject keeps "Re: " and what it answers (the frame's own subject stays inside).
    expect(await page.inputValue('#reply input[name="subjectbox"]:not([type="hidden"])')).toBe('Re: Results');
    expect(html).toContain('secure Direct message');
    expect(html).not.toContain(MARKER);
    expect(requests.join('\n')).not.toContain(MARKER);
    // Nothing at all was posted where the page listens: the frame's result went through the background.
    expect(await page.evaluate(() => (window as any).__posted as string[])).toEqual([]);
    await page.close();
  });

  it('offers "Open securely" on a received smime.p7m and shows the verdict in the frame', async () => {
    // A message the doctor sealed for the patient, served as the fixture's attachment.
    const message = Buffer.from(`From: ${pki.doctor.address}\r\nTo: ${pki.patient.address}\r\nSubject: Lab\r\nContent-Type: text/plain\r\n\r\n${MARKER}\r\n`).toString('base64');
    const { sealed } = await service(ext, 'message.seal', { message });
    const eml = Buffer.from(sealed, 'base64').toString('latin1');
    const der = Buffer.from(eml.slice(eml.indexOf('\r\n\r\n') + 4).replace(/\s+/g, ''), 'base64');
    writeFileSync(join(site, 'smime.p7m'), der);
    const page = await ext.context.newPage();
    await page.goto(`${base}gmail-read.html`);
    const open = page.locator('directseal-button[data-directseal="open"] button');
    await open.waitFor();
    await open.click();
    const frame = await secureFrame(page);
    await frame.getByRole('region', { name: `Signed by ${pki.doctor.address}` }).waitFor({ timeout: 30_000 });
    expect(await frame.getByText(MARKER).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'webmail-frame-read.png') });
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(MARKER);
    await page.close();
  });
});
