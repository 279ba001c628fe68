/**
 * Crafted messages in the real read view (secure.html, Chromium with the built extension), issue 7 sections 3
 * and 4: a trusted signer who wraps another "sender's" message inside his own, a display name that poses as
 * another address, CSS that hides remote loads behind escapes and image-set(), attachment names with bidi
 * controls and paths, several signatures, and a signature backdated into the life of a certificate that has
 * expired since. Each test asserts what the person reading sees. Screenshots: artifacts/e2e/hostile-*.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateCms } from '../../utils/direct/locate';
import { ERROR_SENTENCES } from '../../utils/errors';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { crlf, nestedWrapperMessage, sealedEml, signedAt, signedByAll, signerOf, textMessage } from '../support/hostile-mail';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { provision, serviceOn } from './support/service';

const SHOTS = join(ROOT, 'artifacts/e2e');
const DAY = 86_400_000;
const b64 = (path: string) => readFileSync(path).toString('base64');
const rfc5322 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

describe('hostile messages in the read view', () => {
  let ext: LaunchedExtension;
  let pki: TestPki;
  let work: string;
  let page: Page;
  let server: Server;
  let origin: string;
  const requests: string[] = [];
  let pat: string;
  let doctor: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'directseal-hostile-'));
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'image/png' }).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension()]);
    pat = pki.patient.address;
    doctor = pki.doctor.address;
    page = await ext.context.newPage();
    // The doctor's identity and the test community's anchors, through the key service (support/service.ts).
    await page.goto(ext.url('secure.html?view=read'));
    await provision(page);
    await serviceOn(page, 'identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    await serviceOn(page, 'anchors.import', { bytes: b64(pki.bundleP7bDer) });
  });
  afterAll(async () => {
    await ext?.close();
    await new Promise((r) => server?.close(r));
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Opens the sealed bytes from a file, as a person would, and waits for the verdict. */
  async function openFile(name: string, sealed: Uint8Array): Promise<ReturnType<Page['locator']>> {
    const path = join(work, name);
    writeFileSync(path, sealed);
    await page.goto(ext.url('secure.html?view=read'));
    await page.getByLabel('Sealed message file (.eml or .p7m)').setInputFiles(path);
    const verdict = page.locator('.ds-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    return verdict;
  }

  const fromLine = () => page.locator('.ds-message__headers div').filter({ has: page.locator('dt', { hasText: /^From$/ }) }).locator('dd');

  /** Wide and 390 px screenshots; nothing may overflow a phone's width. */
  async function shoot(name: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SHOTS, `${name}-narrow.png`), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} overflows at 390 px`).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 860 });
  }

  it('shows a message wrapped inside a trusted signer\'s message as an attachment of his, never as the lab\'s message', async () => {
    const sealed = await sealedEml(signedByAll(pki, nestedWrapperMessage(`Pat Patient <${pat}>`, doctor), [pki.patient]), [pki.doctor], [`From: ${pat}`, `To: ${doctor}`]);
    const verdict = await openFile('nested.eml', sealed);
    expect(await verdict.getAttribute('data-status')).toBe('verified');
    expect(await verdict.getByRole('heading').textContent()).toBe(`Signed by ${pat}`);
    expect(await fromLine().textContent()).toBe(`Pat Patient <${pat}>`);
    const message = page.getByRole('article');
    expect(await message.getByRole('heading', { level: 2 }).textContent()).toBe('(no subject)');
    for (const planted of ['County Lab', 'results@lab.test', 'CRITICAL', 'potassium']) {
      expect(await page.getByText(planted).count(), planted).toBe(0);
    }
    const files = message.locator('.ds-message__files');
    expect(await files.textContent()).toContain('An attached message: its sender and content are not part of the verdict above.');
    const [download] = await Promise.all([page.waitForEvent('download'), message.getByRole('button', { name: 'Download attached-message-1.eml' }).click()]);
    expect(download.suggestedFilename()).toBe('attached-message-1.eml');
    const saved = join(work, 'attached.eml');
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toContain('Subject: CRITICAL: potassium 7.1');
    await shoot('hostile-nested-wrapper');
  });

  it('flags a display name that poses as another address, and shows the signer\'s address as From', async () => {
    const mail = textMessage([`From: "results@lab.test" <${pat}>`, `To: ${doctor}`, 'Subject: Your lab results'], 'Potassium 7.1 mmol/L: call us today.');
    const verdict = await openFile('display-name.eml', await sealedEml(signedByAll(pki, mail, [pki.patient]), [pki.doctor], [`From: ${pat}`, `To: ${doctor}`]));
    expect(await verdict.getAttribute('data-status')).toBe('verified');
    expect(await verdict.getByRole('heading').textContent()).toBe(`Signed by ${pat}`);
    const caution = verdict.locator('[data-caution="name"]');
    expect(await caution.textContent()).toBe(`The sender's name reads “results@lab.test”, but the message is from ${pat}. Do not take it for a message from results@lab.test.`);
    const from = fromLine();
    expect(await from.textContent()).toBe(`${pat}⚠ calls itself “results@lab.test”, which is not the address that sent it`);
    expect(await from.locator('.ds-from__flag').isVisible()).toBe(true);
    await shoot('hostile-display-name');
  });

  it('shows names and subjects without bidi controls, in the order they are stored', async () => {
    const word = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
    const mail = textMessage([`From: ${word('Pat \u202Etset.bal@stluser')} <${pat}>`, `To: ${doctor}`, `Subject: ${word('Invoice \u202Efdp.exe')}`], 'See the subject.');
    const verdict = await openFile('bidi-name.eml', await sealedEml(signedByAll(pki, mail, [pki.patient]), [pki.doctor], [`From: ${pat}`, `To: ${doctor}`]));
    expect(await verdict.getAttribute('data-status')).toBe('verified');
    expect(await fromLine().textContent()).toBe(`Pat tset.bal@stluser <${pat}>`);
    expect(await page.getByRole('article').getByRole('heading', { level: 2 }).textContent()).toBe('Invoice fdp.exe');
    await shoot('hostile-bidi-name');
  });

  it('drops CSS that hides remote loads behind escapes, image-set() or a backslash; nothing reaches the tracker', async () => {
    const html =
      '<h1>Lab results</h1><p id="marker">Your hemoglobin is 14.1 g/dL.</p>' +
      `<div id="escaped" style="background-image:url(ht\\74p://${origin.slice('http://'.length)}/escaped.png);padding:8px">Escaped url()</div>` +
      `<div id="imageset" style="background-image:image-set(&quot;${origin}/image-set.png&quot; 1x);padding:8px">image-set()</div>` +
      `<div id="slashes" style="background:url(/\\/${origin.slice('http://'.length)}/slashes.png);padding:8px">Backslash for a slash</div>` +
      `<style>#marker{background:u\\72l(${origin}/sheet.png)} @\\69mport url(${origin}/import.css);</style>`;
    const mail = crlf([`From: ${pat}`, `To: ${doctor}`, 'Subject: Styled results', 'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8', '', html, '']);
    const verdict = await openFile('css.eml', await sealedEml(signedByAll(pki, mail, [pki.patient]), [pki.doctor], [`From: ${pat}`, `To: ${doctor}`]));
    expect(await verdict.getAttribute('data-status')).toBe('verified');
    const message = page.getByRole('article', { name: 'Styled results' });
    await message.getByRole('note').getByText('Remote images and content in this message were blocked').waitFor();
    const handle = await message.locator('iframe.ds-html__frame').elementHandle();
    const frame = (await handle!.contentFrame()) as Frame;
    await frame.waitForLoadState('load');
    expect(await frame.locator('#marker').textContent()).toBe('Your hemoglobin is 14.1 g/dL.');
    for (const id of ['#escaped', '#imageset', '#slashes']) {
      const style = (await frame.locator(id).getAttribute('style')) ?? '';
      expect(style, id).not.toContain('127.0.0.1');
      expect(style, id).not.toContain('\\');
    }
    expect(await frame.locator('style').last().textContent()).not.toContain('127.0.0.1');
    await page.waitForTimeout(1500); // anything that was going to load has tried by now
    expect(requests).toEqual([]);
    await shoot('hostile-css');
  });

  it('shows and saves attachment names without bidi controls or paths', async () => {
    const attachment = (encodedName: string, body: string) => [
      '--b1',
      'Content-Type: application/octet-stream',
      `Content-Disposition: attachment; filename*=UTF-8''${encodedName}`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(body).toString('base64'),
    ];
    const mail = crlf([
      `From: ${pat}`,
      `To: ${doctor}`,
      'Subject: Your invoice',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The invoice is attached.',
      ...attachment('invoice%E2%80%AEfdp.exe', 'MZ not really a program'),
      ...attachment('..%2F..%2F.config%2Fautostart%2Frun.desktop', '[Desktop Entry]'),
      ...attachment('C%3A%5CUsers%5CPublic%5Cscan%E2%81%A6.pdf', '%PDF-1.7'),
      '--b1--',
      '',
    ]);
    await openFile('names.eml', await sealedEml(signedByAll(pki, mail, [pki.patient]), [pki.doctor], [`From: ${pat}`, `To: ${doctor}`]));
    const names = await page.locator('.ds-message__files .ds-files__name').allTextContents();
    expect(names).toEqual(['invoicefdp.exe', 'run.desktop', 'scan.pdf']);
    expect(names.join('')).not.toMatch(/[\u202A-\u202E\u2066-\u2069/\\]/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download invoicefdp.exe' }).click()]);
    expect(download.suggestedFilename()).toBe('invoicefdp.exe');
    await shoot('hostile-attachment-names');
  });

  it('judges every signature: the bound, trusted one decides and the other is listed with its reasons', async () => {
    const mail = textMessage([`From: ${pat}`, `To: ${doctor}`, 'Subject: Signed twice'], 'Two signatures on one message.');
    const verdict = await openFile('two-signers.eml', await sealedEml(signedByAll(pki, mail, [pki.eve, pki.patient]), [pki.doctor], [`From: ${pat}`, `To: ${doctor}`]));
    expect(await verdict.getAttribute('data-status')).toBe('verified');
    expect(await verdict.getByRole('heading').textContent()).toBe(`Signed by ${pat}`);
    const others = verdict.getByRole('list', { name: 'Other signatures' }).getByRole('listitem');
    expect(await others.count()).toBe(1);
    const line = (await others.first().textContent()) ?? '';
    expect(line).toBe("eve@evil.test (invalid): its issuer's certificate is missing; not bound to the From address");
    expect(await verdict.textContent()).not.toContain(ERROR_SENTENCES.SIGNER_ADDRESS_MISMATCH); // that sentence speaks of the whole message
    await shoot('hostile-two-signatures');
  });

  it('judges nested signatures: a stranger\'s signature around pat\'s signed message is listed, pat\'s decides', async () => {
    const mail = textMessage([`From: ${pat}`, `To: ${doctor}`, 'Subject: Signed inside'], 'Pat signed this; a relay signed around it.');
    const nested = signedByAll(pki, signedByAll(pki, mail, [pki.patient]), [pki.eve]);
    const verdict = await openFile('nested-signatures.eml', await sealedEml(nested, [pki.doctor], [`From: ${pat}`, `To: ${doctor}`]));
    expect(await verdict.getAttribute('data-status')).toBe('verified');
    expect(await verdict.getByRole('heading').textContent()).toBe(`Signed by ${pat}`);
    expect(await verdict.getByRole('list', { name: 'Other signatures' }).textContent()).toMatch(/^eve@evil\.test \(invalid\): /);
    const message = page.getByRole('article', { name: 'Signed inside' });
    expect(await message.getByLabel('Message text').textContent()).toContain('Pat signed this; a relay signed around it.');
    expect(await message.locator('.ds-message__files').count()).toBe(0); // no smime.p7s left over as an attachment
  });

  it('does not believe a signing time backdated into the life of a certificate that has expired since', async () => {
    const claimed = new Date(Date.now() - 10 * DAY); // the "expired" certificate was valid from 20 until 2 days ago
    const mail = textMessage(['From: old@doctor.test', `To: ${doctor}`, `Date: ${rfc5322(claimed)}`, 'Subject: Prescription change'], 'Double the dose.');
    const signed = await signedAt(mail, await signerOf(pki, pki.expired), claimed);
    const received = `Received: from relay.doctor.test by mx.doctor.test; ${rfc5322(new Date())}`;
    const verdict = await openFile('backdated.eml', await sealedEml(signed, [pki.doctor], [received, 'From: old@doctor.test', `To: ${doctor}`, `Date: ${rfc5322(claimed)}`]));
    expect(await verdict.getAttribute('data-status')).toBe('untrusted');
    expect(await verdict.textContent()).toContain(ERROR_SENTENCES.CERT_EXPIRED);
    const note = (await verdict.locator('[data-caution="signing-time"]').textContent()) ?? '';
    expect(note).toMatch(/^The signature claims it was made .+, 10 days before the message arrived \(.+\)\. A signer can claim any time, so DirectSeal checked the certificate as of today\.$/);
    await shoot('hostile-backdated');
  });

  it('says when the certificate expired after the claimed time if nothing tells when the message arrived (a bare smime.p7m)', async () => {
    const claimed = new Date(Date.now() - 10 * DAY);
    const mail = textMessage(['From: old@doctor.test', `To: ${doctor}`, 'Subject: Prescription change'], 'Double the dose.');
    const eml = await sealedEml(await signedAt(mail, await signerOf(pki, pki.expired), claimed), [pki.doctor], ['From: old@doctor.test']);
    const verdict = await openFile('backdated.p7m', locateCms(eml).der);
    expect(await verdict.getAttribute('data-status')).toBe('verified'); // the claim stands (Direct) ...
    const note = (await verdict.locator('[data-caution="signing-time"]').textContent()) ?? ''; // ... and its weakness is said
    expect(note).toMatch(/^The signer's certificate expired .+\. The signature claims it was made before, .+, but a signer can claim any time and DirectSeal cannot tell when this message arrived: if it arrived after the certificate expired, do not rely on it\.$/);
    await shoot('hostile-backdated-bare');
  });
});
