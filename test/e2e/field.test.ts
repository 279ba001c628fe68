/**
 * "Secure this field" on an EHR portal, in Chromium with the built extension: the site is enabled in
 * Options → Sites (the permission asked in the click, the field script registered at run time and run in the
 * portal's tab that is already open), the doctor seals a note in the DirectSeal frame and the textarea gets the
 * armored PKCS7 block, which openssl opens with the patient's key. A page showing that block as text offers
 * "Open securely", and the frame shows who signed it. The note's text never reaches the portal's page. Disabling
 * the site takes the button away after a reload.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { secureFrame } from './support/service';
import { opensslOpen } from './support/openssl-armored';
import { provisionDoctorAndPatient } from './support/fixture-site';

declare const chrome: typeof import('wxt/browser').browser;

const SHOTS = join(ROOT, 'artifacts/e2e');
const MARKER = 'MARKER-field-9c1e-potassium-5-9';
const REPLY_MARKER = 'MARKER-reply-41d7-thank-you';

/** Everything the portal's own scripts could read: the DOM, the fields' current values, and posted messages. */
async function hostView(page: Page): Promise<string> {
  return page.evaluate(() =>
    [
      document.documentElement.outerHTML,
      ...[...document.querySelectorAll('textarea, input')].map((f) => (f as HTMLTextAreaElement).value),
      ...((window as any).__posted ?? []),
    ].join('\n'),
  );
}

const portalPage = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} · Riverside EHR</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1e293b; background: #f1f5f9; }
  header { background: #1e3a5f; color: #fff; padding: 12px 24px; font-weight: 600; }
  main { max-width: 760px; margin: 24px auto; background: #fff; padding: 20px 24px; border-radius: 8px; border: 1px solid #cbd5e1; }
  label { display: block; font-weight: 600; margin-bottom: 6px; }
  textarea { width: 100%; box-sizing: border-box; font: 14px/1.4 ui-monospace, monospace; padding: 8px; }
  pre { white-space: pre-wrap; word-break: break-all; background: #f8fafc; padding: 10px; border: 1px solid #e2e8f0; font-size: 12px; }
</style></head>
<body><header>Riverside EHR · Patient: Pat Patient</header><main>${body}</main>
<script>window.__posted = []; addEventListener('message', (e) => __posted.push(JSON.stringify(e.data)));</script>
</body></html>`;

describe('Secure this field on an enabled EHR site', () => {
  let pki: TestPki;
  let ext: LaunchedExtension;
  let server: Server;
  let origin: string;
  let work: string;
  /** What the portal's inbox page shows as the note (the armored block, once sealed). */
  let storedNote = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'ds-field-'));
    pki = await makeTestPki(join(work, 'pki'));
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const html =
        path === '/chart.html'
          ? portalPage(
              'Chart',
              `<h1>Message to patient</h1><form id="msg" onsubmit="return false"><label for="note">Note to patient</label>
               <textarea id="note" name="note" rows="12"></textarea><p><button>Save to chart</button></p></form>
               <h2 id="rich-label">Discharge summary</h2><div id="rich" contenteditable="true" role="textbox" aria-multiline="true"
               aria-labelledby="rich-label" style="min-height:4em;border:1px solid #94a3b8;padding:8px;font:13px/1.4 ui-monospace,monospace"></div>`,
            )
          : path === '/inbox.html'
            ? portalPage('Inbox', `<h1>Messages</h1><article><h2>From Dr. House, today</h2><pre id="stored">${storedNote}</pre></article>`)
            : undefined;
      if (html) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    ext = await launchExtension();
    // The patient's reply goes to the doctor: each is the other's contact.
    await provisionDoctorAndPatient(ext, pki);
  });
  afterAll(async () => {
    await ext?.close();
    server?.close();
  });

  let chart: Page;
  let options: Page;

  it('enables the site in Options → Sites, and the portal tab already open gets the button', async () => {
    chart = await ext.context.newPage();
    await chart.goto(`${origin}/chart.html`);
    await chart.getByLabel('Note to patient').focus();
    await chart.waitForTimeout(800);
    expect(await chart.locator('directseal-button').count()).toBe(0);

    options = await ext.context.newPage();
    await options.goto(ext.url('options.html'));
    await options.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Sites' }).click();
    const sites = options.getByRole('region', { name: 'Sites' });
    await sites.getByText('No sites yet').waitFor();
    const address = sites.getByLabel('Site address');
    const enable = sites.getByRole('button', { name: 'Enable DirectSeal on this site' });

    await address.fill('ftp://files.example.org');
    await enable.click();
    await expect.poll(() => sites.getByRole('alert').textContent()).toContain('works only on web pages (http:// or https://), not on ftp:');
    await address.fill('not a site');
    await enable.click();
    await expect.poll(() => sites.getByRole('alert').textContent()).toContain('That is not a web address');
    await sites.screenshot({ path: join(SHOTS, 'field-sites-error.png') });

    // A page's address: only its origin is kept.
    await address.fill(`${origin}/chart.html?patient=42`);
    await enable.click();
    await expect.poll(() => sites.getByRole('form', { name: 'Enable DirectSeal on a site' }).getByRole('status').textContent(), { timeout: 15_000 }).toContain(`DirectSeal is on for ${origin}`);
    const list = sites.getByRole('list', { name: 'Enabled sites' });
    await list.getByRole('article', { name: origin }).getByText('On', { exact: true }).waitFor();
    expect(await address.inputValue()).toBe('');
    await sites.screenshot({ path: join(SHOTS, 'field-sites.png') });
    const registered = await options.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    // The field script, and the EHR page's API in the page's own world (docs/ehr-api.md).
    expect(registered.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      expect.objectContaining({ id: `ehr-api:${origin}`, matches: [`${origin}/*`], js: ['ehr-api.js'], world: 'MAIN', runAt: 'document_start', persistAcrossSessions: true }),
      expect.objectContaining({ id: `field:${origin}`, matches: [`${origin}/*`], js: ['content-scripts/field.js'], allFrames: true, runAt: 'document_idle', persistAcrossSessions: true }),
    ]);
    // The same site twice is refused with a sentence.
    await address.fill(origin);
    await enable.click();
    await expect.poll(() => sites.getByRole('alert').textContent()).toContain(`already on for ${origin}`);
    await address.fill('');

    // The chart tab was open before: the script was run in it, no reload needed.
    await chart.bringToFront();
    await chart.getByLabel('Note to patient').blur();
    await chart.getByLabel('Note to patient').focus();
    await chart.locator('directseal-button[data-directseal="secure-field"] button').waitFor({ timeout: 10_000 });
    // A page that re-renders and drops our button gets it back on the next focus.
    await chart.evaluate(() => document.querySelector('directseal-button')?.parentElement?.remove());
    await chart.getByLabel('Note to patient').blur();
    await chart.getByLabel('Note to patient').focus();
    await chart.locator('directseal-button[data-directseal="secure-field"] button').waitFor({ timeout: 5_000 });
    expect(await chart.locator('directseal-button[data-directseal="secure-field"]').count()).toBe(1);
  });

  let armored = '';

  it('seals the note in the frame: the textarea holds only the armored block, which openssl opens with the patient key', async () => {
    const field = chart.getByLabel('Note to patient');
    await field.fill('what the doctor had typed');
    const secure = chart.locator('directseal-button[data-directseal="secure-field"] button');
    await secure.click();
    const frame = await secureFrame(chart);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    // What was typed in the field is what gets sealed (prefilled), not thrown away.
    expect(await form.getByLabel('Message').inputValue()).toBe('what the doctor had typed');
    await form.getByLabel('From').selectOption(pki.doctor.address);
    await form.getByLabel('To', { exact: true }).fill(pki.patient.address);
    await form.getByLabel('Subject').fill('Lab results');
    await form.getByLabel('Message').fill(`Dear Pat, your potassium ${MARKER} is fine.`);
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await chart.screenshot({ path: join(SHOTS, 'field-compose.png') });
    await form.getByRole('button', { name: 'Seal message' }).click();

    await expect.poll(() => chart.frames().some((f) => f.url().includes('/secure.html')), { timeout: 30_000 }).toBe(false);
    armored = await field.inputValue();
    // Focus comes back to the field the frame filled.
    expect(await chart.evaluate(() => document.activeElement?.id)).toBe('note');
    expect(armored).toMatch(/^-----BEGIN PKCS7-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PKCS7-----$/);
    expect(armored).not.toContain(MARKER);
    await chart.screenshot({ path: join(SHOTS, 'field-sealed.png') });
    const seen = await hostView(chart);
    // Nothing DirectSeal said was posted where the page listens: the block came through the background.
    expect(seen).not.toContain('"ds":');
    expect(seen).not.toContain(MARKER);

    // Outside the browser: openssl decrypts with the patient's key, and the inner message is signed by the doctor.
    expect(await opensslOpen(work, armored, pki.patient, pki.anchorPem)).toContain(MARKER);
  });

  it('secures a rich-text (contenteditable) field the same way', async () => {
    const rich = chart.getByRole('textbox', { name: 'Discharge summary' });
    await rich.focus();
    const secure = chart.locator('#rich + span directseal-button[data-directseal="secure-field"] button');
    await secure.click();
    const frame = await secureFrame(chart);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    await form.getByLabel('From').selectOption(pki.doctor.address);
    await form.getByLabel('To', { exact: true }).fill(pki.patient.address);
    await form.getByLabel('Message').fill(`Summary ${MARKER}`);
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await form.getByRole('button', { name: 'Seal message' }).click();
    await expect.poll(() => chart.frames().some((f) => f.url().includes('/secure.html')), { timeout: 30_000 }).toBe(false);
    const text = await rich.innerText();
    expect(text.trim()).toMatch(/^-----BEGIN PKCS7-----\n[A-Za-z0-9+/=\n]+-----END PKCS7-----$/);
    expect(await opensslOpen(work, text.trim(), pki.patient, pki.anchorPem)).toContain(MARKER);
    expect(await hostView(chart)).not.toContain(MARKER);
    // Both fields now hold blocks, and each is offered to be opened.
    await expect.poll(() => chart.locator('directseal-button[data-directseal="open-armored"]').count()).toBe(2);
    // Below the rich field, with its Secure button, as for the textarea.
    expect(await chart.locator('#rich + span directseal-button[data-directseal="open-armored"]').count()).toBe(1);
    await chart.screenshot({ path: join(SHOTS, 'field-sealed-both.png'), fullPage: true });
  });

  it('offers "Open securely" on a page showing the block, and the frame says who signed it', async () => {
    storedNote = armored;
    const inbox = await ext.context.newPage();
    await inbox.goto(`${origin}/inbox.html`);
    const open = inbox.locator('directseal-button[data-directseal="open-armored"] button');
    await open.waitFor({ timeout: 10_000 });
    await inbox.screenshot({ path: join(SHOTS, 'field-inbox.png') });
    // Placed above the block, so it is seen without scrolling past a long one.
    expect(await inbox.evaluate(() => document.querySelector('directseal-button')!.compareDocumentPosition(document.getElementById('stored')!) & Node.DOCUMENT_POSITION_FOLLOWING)).toBeTruthy();
    // Closing the frame puts focus back on the button.
    await open.click();
    await (await secureFrame(inbox)).getByRole('button', { name: 'Close DirectSeal' }).click();
    await expect.poll(() => inbox.frames().some((f) => f.url().includes('/secure.html'))).toBe(false);
    expect(await inbox.evaluate(() => document.activeElement?.tagName)).toBe('DIRECTSEAL-BUTTON');
    await open.click();
    const frame = await secureFrame(inbox);
    await frame.getByRole('region', { name: `Signed by ${pki.doctor.address}` }).waitFor({ timeout: 30_000 });
    expect(await frame.getByText(MARKER).count()).toBeGreaterThan(0);
    await inbox.screenshot({ path: join(SHOTS, 'field-read.png') });
    expect(await hostView(inbox)).not.toContain(MARKER);

    // Reply securely: the portal carries only text, so the sealed reply comes back armored, to be copied.
    await frame.getByRole('button', { name: 'Reply securely' }).click();
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    await form.getByLabel('From').selectOption(pki.patient.address);
    await expect.poll(() => form.getByLabel('To', { exact: true }).inputValue()).toContain(pki.doctor.address);
    await form.getByLabel('Message').fill(`Thanks, ${REPLY_MARKER}.`);
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await form.getByRole('button', { name: 'Seal message' }).click();
    await expect.poll(() => inbox.frames().some((f) => f.url().includes('/secure.html')), { timeout: 30_000 }).toBe(false);
    const reply = inbox.getByRole('group', { name: 'Sealed reply' }).getByRole('textbox');
    await reply.waitFor();
    await inbox.screenshot({ path: join(SHOTS, 'field-reply.png') });
    const replyText = await reply.inputValue();
    expect(replyText).toMatch(/^-----BEGIN PKCS7-----\n[A-Za-z0-9+/=\n]+-----END PKCS7-----$/);
    expect(await opensslOpen(work, replyText, pki.doctor, pki.anchorPem)).toContain(REPLY_MARKER);
    const seen = await hostView(inbox);
    expect(seen).not.toContain(MARKER);
    expect(seen).not.toContain(REPLY_MARKER);
    await inbox.close();
  });

  it('disables the site: unregistered, and after a reload the button no longer appears', async () => {
    await options.bringToFront();
    const sites = options.getByRole('region', { name: 'Sites' });
    await sites.getByRole('button', { name: `Disable DirectSeal on ${origin}` }).click();
    await expect.poll(() => sites.getByRole('form', { name: 'Enable DirectSeal on a site' }).getByRole('status').textContent()).toContain(`DirectSeal is off for ${origin}`);
    await sites.getByText('No sites yet').waitFor();
    expect(await options.evaluate(() => document.activeElement?.id)).toBe('sites-heading');
    expect(await options.evaluate(() => chrome.scripting.getRegisteredContentScripts())).toEqual([]);

    await chart.bringToFront();
    await chart.reload();
    await chart.getByLabel('Note to patient').focus();
    await chart.waitForTimeout(1500);
    expect(await chart.locator('directseal-button').count()).toBe(0);
    await chart.close();
    await options.close();
  });
});

describe('an enabled site after a browser restart', () => {
  // Chromium drops run-time registrations of an unpacked (--load-extension) extension at every start, as it does
  // for any extension on update, persistAcrossSessions or not. The list is kept in storage.local and registered
  // again by restoreSites(): the options page calls it; the background should call it at start-up too.
  it('keeps the site listed and, once restored, the button on the site', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'ds-field-profile-'));
    const server = createServer((_, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(portalPage('Chart', '<label for="n">Note</label><textarea id="n"></textarea>')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      let ext = await launchExtension({ profileDir });
      const options = await ext.context.newPage();
      await options.goto(ext.url('options.html'));
      const sites = options.getByRole('region', { name: 'Sites' });
      await sites.getByLabel('Site address').fill(origin);
      await sites.getByRole('button', { name: 'Enable DirectSeal on this site' }).click();
      await sites.getByRole('article', { name: origin }).waitFor();
      await ext.context.close();

      ext = await launchExtension({ profileDir });
      try {
        const again = await ext.context.newPage();
        await again.goto(ext.url('options.html'));
        await again.getByRole('region', { name: 'Sites' }).getByRole('article', { name: origin }).getByText('On', { exact: true }).waitFor();
        await expect.poll(() => again.evaluate(() => chrome.scripting.getRegisteredContentScripts().then((s) => s.map((x) => x.id).sort()))).toEqual([`ehr-api:${origin}`, `field:${origin}`]);
        const page = await ext.context.newPage();
        await page.goto(`${origin}/`);
        await page.getByLabel('Note').focus();
        await page.locator('directseal-button[data-directseal="secure-field"] button').waitFor({ timeout: 10_000 });
      } finally {
        await ext.context.close();
      }
    } finally {
      server.close();
    }
  });
});
