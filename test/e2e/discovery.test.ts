/**
 * Certificate discovery in Chromium with the built extension, against a real DNS server (BIND) behind a real
 * DNS-over-HTTPS front end (dnsdist) on loopback: the practice sets the resolver in the options page, types a
 * recipient it has no certificate for, clicks "Find certificate"; the certificate published in DNS (CERT PKIX,
 * with its issuing CA beside it) is checked against the practice's anchor, the recipient becomes sealable, and
 * openssl opens the sealed message with the recipient's key. A certificate bound to someone else is refused.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_SENTENCES } from '../../utils/errors';
import { createOpensslPeer } from '../interop/support/openssl';
import type { Peer } from '../interop/support/peer';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { serveFiles, startLoopbackDns, zoneFile, type LoopbackDns } from '../unit/discovery/support/loopback-dns';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { provision, service } from './support/service';

const SHOTS = join(ROOT, 'artifacts/e2e');
const b64 = (path: string) => readFileSync(path).toString('base64');

describe('certificate discovery in the extension (real DoH on loopback)', () => {
  let pki: TestPki;
  let ext: LaunchedExtension;
  let dns: LoopbackDns;
  let peer: Peer;
  let work: string;
  let http: { base: string; server: Server };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'ds-discovery-'));
    [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension()]);
    peer = await createOpensslPeer(work);
    // The clinic's certificate with its issuing CA, as a .p7b bundle behind an IPKIX URL.
    const bundle = execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', pki.org.certPem, '-certfile', pki.intermediatePem, '-outform', 'DER']);
    http = await serveFiles({ '/clinic.p7b': new Uint8Array(bundle) });
    dns = startLoopbackDns({
      'clinic.test': zoneFile('clinic.test', [{ name: 'records', type: 'IPKIX', data: `${http.base}/clinic.p7b` }]),
      'patient.test': zoneFile('patient.test', [
        { name: 'pat', type: 'PKIX', data: readFileSync(pki.patient.certDer) },
        { name: 'pat', type: 'PKIX', data: readFileSync(pki.intermediateDer) },
        { name: 'mallory', type: 'PKIX', data: readFileSync(pki.doctor.certDer) },
      ]),
    });
    await provision(ext);
    await service(ext, 'identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    // Only the root: the intermediate comes from DNS, published beside the patient's certificate.
    await service(ext, 'anchors.import', { bytes: b64(pki.anchorPem) });
  });
  afterAll(async () => {
    await ext?.close();
    dns?.stop();
    http?.server.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('sets the resolver in the options page, which says LDAP cannot be searched from a browser', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('options.html#discovery'));
    const section = page.getByRole('region', { name: 'Certificate discovery' });
    await section.getByText('In use: https://cloudflare-dns.com/dns-query').waitFor();
    await section.getByLabel('Resolver address').fill('http://dns.example.org/dns-query');
    await section.getByRole('button', { name: 'Save resolver' }).click();
    await section.getByRole('alert').filter({ hasText: 'must use https://' }).waitFor();
    await section.getByLabel('Resolver address').fill(dns.doh);
    await section.getByRole('button', { name: 'Save resolver' }).click();
    await section.getByText(`DirectSeal now looks up certificates through ${dns.doh}`).waitFor();
    await section.getByText('LDAP directories, the other place Direct certificates are published, cannot be reached from a browser').waitFor();
    expect(await service(ext, 'discovery.settings')).toEqual({ resolver: dns.doh });
    await page.screenshot({ path: join(SHOTS, 'discovery-options.png'), fullPage: true });
    await page.close();
  });

  it('refuses a correspondent\'s own certificate as a trust anchor, saying to add it as a contact', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('options.html#anchors'));
    const section = page.getByRole('region', { name: 'Trust anchors' });
    await section.getByLabel('Anchor files').setInputFiles(pki.patient.certPem);
    await section.getByRole('button', { name: 'Import anchors' }).click();
    await section.getByRole('alert').filter({ hasText: ERROR_SENTENCES.ANCHOR_NOT_CA }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'anchor-not-ca.png') });
    expect(await service(ext, 'anchors.list')).toHaveLength(1);
    await page.close();
  });

  it('"Find certificate" in compose finds the recipient in DNS; the message seals and openssl opens it', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('secure.html?view=write'));
    const form = page.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    await form.getByLabel('To', { exact: true }).fill(pki.patient.address);
    const recipients = form.getByRole('list', { name: 'Recipients' });
    const find = recipients.getByRole('button', { name: `Find certificate for ${pki.patient.address}` });
    await find.waitFor();
    await recipients.getByText('No certificate').waitFor();
    expect(await form.getByRole('button', { name: 'Seal message' }).getAttribute('aria-disabled')).toBe('true');
    await find.click();
    await recipients.getByText('Certificate trusted').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'discovery-found.png') });
    const contacts = await service(ext, 'contacts.list');
    expect(contacts).toMatchObject([{ address: pki.patient.address, certificates: [{ source: 'dns', status: 'trusted' }] }]);

    await form.getByLabel('Subject').fill('Found you in DNS');
    await form.getByLabel('Message').fill('Dear Pat, your certificate came from DNS.');
    await form.getByRole('button', { name: 'Seal message' }).click();
    await page.getByRole('heading', { name: 'Your message is sealed' }).waitFor({ timeout: 60_000 });
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download .eml' }).click()]);
    const path = join(work, 'sealed.eml');
    await file.saveAs(path);
    const opened = await peer.open({ recipient: pki.patient, anchorPem: pki.anchorPem, sealed: readFileSync(path) });
    expect(opened.verified, opened.detail).toBe(true);
    expect(Buffer.from(opened.inner).toString('latin1')).toContain('your certificate came from DNS');
    await page.close();
  });

  it('follows an IPKIX record from the background to a bundle on an http URL', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('options.html#discovery'));
    const section = page.getByRole('region', { name: 'Certificate discovery' });
    await section.getByLabel('Direct address to look up').fill(pki.org.address);
    await section.getByRole('button', { name: 'Find certificate' }).click();
    await section.getByText(`Found a certificate for ${pki.org.address}; it is now in your contacts.`).waitFor({ timeout: 30_000 });
    const found = section.getByRole('list', { name: 'Certificates found' });
    await found.getByText(`CERT IPKIX at records.clinic.test (${http.base}/clinic.p7b)`).waitFor();
    // The Contacts card on the same page shows it without a reload.
    await page.getByRole('region', { name: 'Contacts' }).getByText('clinic.test', { exact: true }).first().waitFor();
    expect(await service(ext, 'contacts.lookup', { addresses: [pki.org.address] })).toEqual({ [pki.org.address]: 'trusted' });
    await page.screenshot({ path: join(SHOTS, 'discovery-ipkix.png'), fullPage: true });
    await page.close();
  });

  it('a certificate published for someone else is refused, and the recipient stays blocked', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('secure.html?view=write'));
    const form = page.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    await form.getByLabel('To', { exact: true }).fill('mallory@patient.test');
    const recipients = form.getByRole('list', { name: 'Recipients' });
    await recipients.getByRole('button', { name: 'Find certificate for mallory@patient.test' }).click();
    await recipients.getByRole('alert').filter({ hasText: ERROR_SENTENCES.DISCOVERY_UNUSABLE }).waitFor({ timeout: 30_000 });
    expect(await form.getByRole('button', { name: 'Seal message' }).getAttribute('aria-disabled')).toBe('true');
    await page.screenshot({ path: join(SHOTS, 'discovery-refused.png') });
    expect((await service(ext, 'contacts.list')).map((c: { address: string }) => c.address).sort()).toEqual(['clinic.test', pki.patient.address]);
    await page.close();
  });
});
