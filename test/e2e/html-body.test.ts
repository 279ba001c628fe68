/**
 * An HTML body in the read view, in Chromium with the built extension: a message openssl signed and encrypted,
 * whose HTML carries a script, an onerror handler, a remote tracking pixel, remote style sheets (also one
 * hidden behind a CSS escape, which the sanitizer decodes and drops), a form, a cid: image and a link. A local HTTP server
 * stands in for the sender's tracker: it must get no request at all until the reader clicks the link.
 * Screenshot: artifacts/e2e/read-html.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCrlf } from '../interop/support/mime';
import { createOpensslPeer } from '../interop/support/openssl';
import type { Peer } from '../interop/support/peer';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { provision, serviceOn } from './support/service';

const SHOTS = join(ROOT, 'artifacts/e2e');

/** A w × h PNG of one colour with a white diagonal, so a screenshot shows it plainly. */
function png(w: number, h: number, [r, g, b]: [number, number, number]): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const x of buf) c = table[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      const line = Math.abs(x - y) < 2;
      rows[o] = line ? 255 : r;
      rows[o + 1] = line ? 255 : g;
      rows[o + 2] = line ? 255 : b;
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const LOGO = png(96, 48, [15, 118, 110]);

function hostileHtml(origin: string): string {
  return `<html><head>
<style>@import url(${origin}/import.css); h1 { color: #0f766e; font-family: Georgia, serif; } .box { border: 2px solid #0f766e; padding: 8px 12px; }</style>
<link rel="stylesheet" href="${origin}/link.css">
<title>Lab results</title>
</head><body style="background: #fbfaf5">
<h1>Lab results</h1>
<p id="marker">Your hemoglobin is 14.1 g/dL. All values are normal.</p>
<p><img id="logo" alt="Clinic logo" src="cid:logo@clinic.test" width="96" height="48"></p>
<img id="pixel" alt="" src="${origin}/pixel.gif?patient=pat" width="1" height="1">
<img id="bad" alt="" src="nothing-here" onerror="fetch('${origin}/onerror'); document.body.setAttribute('data-onerror', 'ran')">
<script>fetch('${origin}/script'); document.body.setAttribute('data-script', 'ran');</script>
<form id="phish" action="${origin}/form" method="post"><label>Confirm your SSN <input name="ssn"></label><button>Send</button></form>
<div class="box" style="background-image: u\\72l(${origin}/escaped.png)">Questions? Call the front desk.</div>
<p><a id="portal" href="${origin}/portal">Open the patient portal</a></p>
</body></html>`;
}

/** A Direct message whose only body is HTML (multipart/related with the inline logo), as message/rfc822. */
function htmlOnlyMessage(from: string, to: string, html: string): Buffer {
  const inner = [
    `From: ${from}`,
    `To: ${to}`,
    'Subject: Your lab results (HTML)',
    'Date: Tue, 24 Nov 2026 09:05:00 +0000',
    'Message-ID: <e2e-html@patient.test>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related; boundary="rel"; type="text/html"',
    '',
    '--rel',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(html).toString('base64').replace(/.{76}/g, '$&\r\n'),
    '--rel',
    'Content-Type: image/png',
    'Content-ID: <logo@clinic.test>',
    'Content-Disposition: inline',
    'Content-Transfer-Encoding: base64',
    '',
    LOGO.toString('base64').replace(/.{76}/g, '$&\r\n'),
    '--rel--',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from('Content-Type: message/rfc822\r\n\r\n'), toCrlf(Buffer.from(inner))]);
}

/** A message with both a text and an HTML part (multipart/alternative). */
function alternativeMessage(from: string, to: string): Buffer {
  const inner = [
    `From: ${from}`,
    `To: ${to}`,
    'Subject: Both kinds',
    'Date: Tue, 24 Nov 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The plain text part.',
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>The <b id="fmt">formatted</b> part.</p>',
    '--alt--',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from('Content-Type: message/rfc822\r\n\r\n'), toCrlf(Buffer.from(inner))]);
}

describe('an HTML body in the read view', () => {
  let ext: LaunchedExtension;
  let pki: TestPki;
  let peer: Peer;
  let work: string;
  let page: Page;
  let server: Server;
  let origin: string;
  const requests: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'directseal-html-'));
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<title>Portal</title><p>portal</p>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension()]);
    peer = await createOpensslPeer(work);
    page = await ext.context.newPage();
    await page.goto(ext.url('secure.html?view=read'));
    await provision(page);
    await serviceOn(page, 'identities.importP12', { p12: readFileSync(pki.doctor.p12).toString('base64'), passphrase: pki.password });
    await serviceOn(page, 'anchors.import', { bytes: readFileSync(pki.bundleP7bDer).toString('base64') });
  });
  afterAll(async () => {
    await ext?.close();
    await new Promise((r) => server?.close(r));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function openSealed(name: string, inner: Buffer): Promise<void> {
    const sealed = await peer.seal({ signer: pki.patient, recipients: [pki.doctor], cipher: 'aes-256-cbc', oaep: false, inner });
    const path = join(work, name);
    writeFileSync(path, sealed);
    await page.goto(ext.url('secure.html?view=read'));
    await page.getByLabel('Sealed message file (.eml or .p7m)').setInputFiles(path);
    await page.getByRole('region', { name: `Signed by ${pki.patient.address}` }).waitFor({ timeout: 60_000 });
  }

  /** The visible frame's document (Playwright reaches into a scriptless sandboxed frame through DevTools). */
  async function messageFrame(): Promise<Frame> {
    const handle = await page.locator('iframe.ds-html__frame').elementHandle();
    const frame = await handle!.contentFrame();
    await frame!.waitForLoadState('load');
    return frame!;
  }

  it('shows an HTML-only message formatted, with no script, handler, form or remote load, the cid image and a safe link', async () => {
    await openSealed('html.eml', htmlOnlyMessage(pki.patient.address, pki.doctor.address, hostileHtml(origin)));
    const message = page.getByRole('article', { name: 'Your lab results (HTML)' });
    const frameEl = message.locator('iframe.ds-html__frame');
    await frameEl.waitFor();
    expect(await frameEl.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    expect(await message.locator('iframe.ds-html__probe').getAttribute('sandbox')).toBe('allow-same-origin');
    expect(await message.getByRole('button', { name: 'Formatted' }).getAttribute('aria-pressed')).toBe('true');
    await message.getByRole('note').getByText('Remote images and content in this message were blocked').waitFor();

    const frame = await messageFrame();
    expect(await frame.locator('#marker').textContent()).toBe('Your hemoglobin is 14.1 g/dL. All values are normal.');
    expect(await frame.locator('#marker').isVisible()).toBe(true);
    expect(await frame.locator('script, form, input, button, link, iframe, [onerror], [onclick]').count()).toBe(0);
    expect(await frame.locator('body').getAttribute('data-script')).toBeNull();
    expect(await frame.locator('body').getAttribute('data-onerror')).toBeNull();
    expect(await frame.getByText('Confirm your SSN').isVisible()).toBe(true); // the form's words stay, its controls go
    expect(await frame.locator('body').textContent()).not.toContain('Send');
    expect(await frame.locator('#pixel').getAttribute('src')).toBeNull();
    const logo = frame.locator('#logo');
    expect(await logo.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
    const link = frame.locator('#portal');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toMatch(/^default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'/);
    // The escaped url() is decoded before it is judged, and dropped (issue 7); the CSP stays as the second wall.
    expect(await frame.locator('.box').getAttribute('style')).not.toContain('escaped.png');

    // Sized to its content (the whole message shows, the frame does not scroll).
    await expect.poll(() => frameEl.getAttribute('data-measured')).toBe('true');
    const box = await frameEl.boundingBox();
    const content = await frame.evaluate(() => document.documentElement.scrollHeight);
    expect(box!.height).toBeGreaterThanOrEqual(content);
    expect(box!.height).toBeLessThan(content + 40);

    await page.waitForTimeout(1500); // anything that was going to load has tried by now
    expect(requests).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'read-html.png'), fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(async () => (await frameEl.boundingBox())!.height).toBeGreaterThan(box!.height);
    await frame.locator('#portal').waitFor(); // the frame has painted at the new size
    await page.waitForTimeout(300);
    // Headless Chromium leaves the out-of-process (sandboxed) frame blank in page shots taken right after a
    // viewport resize; an element shot of the frame first makes it paint. Then a viewport shot around it.
    await frameEl.screenshot({ path: join(SHOTS, 'read-html-narrow-frame.png') });
    await page.screenshot({ path: join(SHOTS, 'read-html-narrow.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 860 });
    expect(requests).toEqual([]);
  });

  it('offers the text of an HTML-only message as plain text too', async () => {
    const message = page.getByRole('article', { name: 'Your lab results (HTML)' });
    await message.getByRole('button', { name: 'Plain text' }).click();
    const text = message.getByLabel('Message text');
    expect(await text.textContent()).toContain('Your hemoglobin is 14.1 g/dL.');
    expect(await text.textContent()).not.toContain('fetch(');
    expect(await text.textContent()).not.toContain('@import');
    expect(await message.locator('iframe').count()).toBe(0);
    await message.getByRole('button', { name: 'Formatted' }).click();
    await message.locator('iframe.ds-html__frame').waitFor();
  });

  it('opens a link in a new tab, as a normal page', async () => {
    const frame = await messageFrame();
    const [tab] = await Promise.all([ext.context.waitForEvent('page'), frame.locator('#portal').click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${origin}/portal`);
    expect(page.url()).toContain('secure.html');
    // The tab (a normal page, not our frame) may ask for its favicon too.
    expect(requests.filter((r) => r !== 'GET /favicon.ico')).toEqual(['GET /portal']);
    await tab.close();
  });

  it('shows the text part first when there is one, and the HTML on request', async () => {
    await openSealed('alternative.eml', alternativeMessage(pki.patient.address, pki.doctor.address));
    const message = page.getByRole('article', { name: 'Both kinds' });
    expect(await message.getByRole('button', { name: 'Plain text' }).getAttribute('aria-pressed')).toBe('true');
    expect((await message.getByLabel('Message text').textContent())?.trim()).toBe('The plain text part.');
    expect(await message.locator('iframe').count()).toBe(0);
    await message.getByRole('button', { name: 'Formatted' }).click();
    const frame = await messageFrame();
    expect(await frame.locator('#fmt').textContent()).toBe('formatted');
    expect(await message.getByRole('note').count()).toBe(0); // nothing remote, nothing to say
  });
});
