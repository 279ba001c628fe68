/**
 * secure.html in Firefox ESR with the Firefox build: opening and sealing run in the page's module worker (issue
 * 9), which reaches the key service through the page. Opens a message the core sealed with a 3 MiB attachment
 * (verified, the text shown), and seals one with an attachment for a contact through the form (opened by the core: the attachment intact).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessage } from '../../utils/mime/build';
import { parseMessage } from '../../utils/mime/parse';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchFirefoxExtension, ROOT, type FirefoxExtension } from './support/extension';

const b64 = (path: string) => readFileSync(path).toString('base64');

describe('secure.html in Firefox: the bulk worker', () => {
  let ff: FirefoxExtension;
  let pki: TestPki;
  let work: string;
  let page: Page;
  const textUntil = (expected: RegExp) => ff.textUntil(expected);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'directseal-ff-bulk-'));
    [ff, pki] = await Promise.all([launchFirefoxExtension(work), makeTestPki(join(work, 'pki'))]);
    page = ff.page;
    await ff.show('secure.html?view=read', /Open a secure message/);
    // Keys rest only under the DirectSeal passphrase, chosen before the first one is stored.
    await ff.service('lock.enable', { passphrase: 'firefox bulk lock passphrase', idleMinutes: 60 });
    await ff.service('identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    await ff.service('anchors.import', { bytes: b64(pki.bundleP7bDer) });
    await ff.service('contacts.add', { certificate: b64(pki.patient.certPem) });
  }, 120_000);

  afterAll(async () => {
    await ff?.browser.close();
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
    const text = await textUntil(/The scan is attached\./);
    expect(text).toContain(`Message opened: verified, signed by ${pki.patient.address}`);
    expect(text).toContain('scan.bin');
  });

  it('seals a message with an attachment for a contact through the form, read in pieces: opened, it is intact', async () => {
    await page.evaluate(() => (location.search = '?view=write'));
    await textUntil(/Seal message/);
    await page.type('input[inputmode="email"]', pki.patient.address);
    await textUntil(/Certificate trusted/);
    await page.type('textarea', 'Written in Firefox.');
    // More than two of the worker's 1 MiB pieces, and not a whole number of them.
    const scan = join(work, 'scan.bin');
    const content = new Uint8Array(2.5 * 1024 * 1024 + 1);
    for (let i = 0; i < content.length; i += 65536) crypto.getRandomValues(content.subarray(i, Math.min(i + 65536, content.length)));
    writeFileSync(scan, content);
    await (await page.$('input[type=file]'))!.uploadFile(scan);
    await textUntil(/scan\.bin/);
    await page.click('button[type="submit"]');
    await textUntil(/Your message is sealed/);

    // The .eml the Download button hands out, taken from the Blob it makes.
    await page.evaluate(() => {
      const made = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (b: Blob) => ((window as unknown as { sealedBlob: Blob }).sealedBlob = b, made(b));
    });
    const [download] = await page.$$('xpath/.//button[contains(., "Download .eml")]');
    await download!.click();
    const sealedB64 = await page.evaluate(async () => {
      const blob = (window as unknown as { sealedBlob: Blob }).sealedBlob;
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    });
    const sealed = join(work, 'firefox-sealed.eml');
    writeFileSync(sealed, Buffer.from(sealedB64, 'base64'));
    // The sender's own copy, opened by the core with the doctor's key.
    const opened = join(work, 'firefox-opened.eml');
    execFileSync(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'bench/op.ts'), 'open', sealed, pki.doctor.keyPem, pki.doctor.certPem, pki.bundleP7bPem, opened]);
    const message = await parseMessage(new Uint8Array(readFileSync(opened)));
    expect(message.text).toContain('Written in Firefox.');
    expect(message.attachments.map((a) => a.filename)).toEqual(['scan.bin']);
    expect(Buffer.from(message.attachments[0]!.content).equals(Buffer.from(content))).toBe(true);
  });
});
