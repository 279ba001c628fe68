/**
 * The Firefox build in Firefox ESR, for what came with the first-day and delivery work (issues 10 and 11): the
 * setup page by role, the Settings sections for delivery notifications and for fetching issuers, and a message
 * that verifies only once the background fetched its intermediate by AIA from a real HTTP server on loopback;
 * and the same pages in Spanish once it is chosen.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localPrivateKey } from '../../utils/cms/keys';
import { seal } from '../../utils/direct/seal';
import { buildMessage } from '../../utils/mime/build';
import { readCertificates, readPrivateKey } from '../../utils/pki';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { onlineLeaf } from '../support/online-leaf';
import { launchFirefoxExtension, type FirefoxExtension } from './support/extension';
import { es } from '../../utils/i18n/es';

const b64 = (path: string) => readFileSync(path).toString('base64');

describe('new views in Firefox', () => {
  let ff: FirefoxExtension;
  let pki: TestPki;
  let work: string;
  let server: Server;
  const asked: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'directseal-ff-new-'));
    [ff, pki] = await Promise.all([launchFirefoxExtension(work), makeTestPki(join(work, 'pki'))]);
    server = createServer((req, res) => {
      asked.push(req.url ?? '');
      if (req.url === '/ca.cer') res.writeHead(200).end(readFileSync(pki.intermediateDer));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  }, 120_000);

  afterAll(async () => {
    await ff?.browser.close();
    server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('setup: the role chooser, then only a patient\'s steps', async () => {
    const text = await ff.show('setup.html', /Welcome to DirectSeal/);
    expect(text).toMatch(/I am a patient/);
    await ff.page.evaluate(() => [...document.querySelectorAll('button')].find((b) => /I am a patient/.test(b.textContent ?? ''))!.click());
    const patient = await ff.textUntil(/Your DirectSeal passphrase/);
    expect(patient).not.toMatch(/HISP|\.p12|CSR/);
  });

  it('Settings: delivery notifications, fetching issuers and CRLs, and setup again', async () => {
    const text = await ff.show('options.html', /Delivery notifications/);
    expect(text).toContain('Issuers and revocation lists');
    expect(text).toContain('Run setup again');
  });

  it('opens a message whose intermediate the background fetched by AIA', async () => {
    await ff.show('secure.html?view=read', /Open a secure message/);
    await ff.service('lock.enable', { passphrase: 'firefox new views passphrase', idleMinutes: 60 });
    await ff.service('identities.importPem', { key: b64(pki.patient.keyPem), certificates: b64(pki.patient.certPem) });
    await ff.service('anchors.import', { bytes: b64(pki.anchorPem) });
    await ff.service('pki.setFetchOnline', { fetchOnline: true });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const leaf = readCertificates(readFileSync(onlineLeaf(pki, work, { name: 'ff-aia', serial: '0x7101', issuerUrls: [`${base}/ca.cer`], crlUrls: [] })))[0]!;
    const signer = { certificate: leaf, chain: [], key: localPrivateKey(await readPrivateKey(readFileSync(pki.doctor.keyPem))) };
    const msg = buildMessage({ from: pki.doctor.address, to: [pki.patient.address], subject: 'From the lab', text: 'Fetched in Firefox.\n' });
    const sealed = join(work, 'aia.eml');
    writeFileSync(sealed, await seal(msg, signer, [readCertificates(readFileSync(pki.patient.certPem))[0]!]));
    const input = await ff.page.$('input[type=file]');
    await input!.uploadFile(sealed);
    const text = await ff.textUntil(/Fetched in Firefox\./);
    expect(text).toContain(`Message opened: verified, signed by ${pki.doctor.address}`);
    expect(asked).toEqual(['/ca.cer']);
  });

  it('speaks Spanish when it is chosen: Settings and the secure page follow, and `lang` with them', async () => {
    await ff.page.evaluate(() => (globalThis as any).browser.storage.local.set({ locale: 'es' }));
    const read = await ff.show('secure.html?view=read', new RegExp(es['secure.title.read']));
    expect(read).not.toMatch(/Open a secure message|Settings/);
    const settings = await ff.show('options.html', new RegExp(es['practice.link.setup']));
    expect(settings).not.toMatch(/Run setup again|Delivery notifications/);
    expect(await ff.page.evaluate(() => document.documentElement.lang)).toBe('es');
    await ff.page.evaluate(() => (globalThis as any).browser.storage.local.set({ locale: 'en' }));
  });
});
