/**
 * Chains that build from what the certificate points to, in Chromium with the built extension and a real HTTP
 * server on loopback (DCDT D17/D18): a message that carries only its signer's certificate (as the Java RI sends)
 * opens verified once the practice lets DirectSeal fetch the intermediate named by AIA caIssuers; a certificate
 * revoked on the CRL its distribution point names is caught; a server that does not answer is said in the verdict.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localPrivateKey } from '../../utils/cms/keys';
import { seal } from '../../utils/direct/seal';
import { buildMessage } from '../../utils/mime/build';
import { readCertificates, readPrivateKey } from '../../utils/pki';
import { parseCertificate } from '../../utils/pki/cert';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { onlineLeaf } from '../support/online-leaf';
import { bigCrl } from '../unit/pki/support/big-crl';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { provision, serviceOn } from './support/service';

const SHOTS = join(ROOT, 'artifacts/e2e/online-chain');
const b64 = (path: string) => readFileSync(path).toString('base64');

describe('issuers and CRLs fetched when a message is opened', () => {
  let ext: LaunchedExtension;
  let pki: TestPki;
  let work: string;
  let page: Page;
  let server: Server;
  let base: string;
  const served = new Map<string, Uint8Array>();
  const asked: string[] = [];

  /** A message from the doctor, signed with a certificate naming its issuer and CRL under `/<name>/` on `origin`. */
  async function sealedFrom(name: string, serial: string, origin = base): Promise<string> {
    const leafPath = onlineLeaf(pki, work, { name, serial, issuerUrls: [`${origin}/${name}/ca.cer`], crlUrls: [`${origin}/${name}/ca.crl`] });
    const leaf = readCertificates(readFileSync(leafPath))[0]!;
    const signer = { certificate: leaf, chain: [], key: localPrivateKey(await readPrivateKey(readFileSync(pki.doctor.keyPem))) };
    const msg = buildMessage({ from: pki.doctor.address, to: [pki.patient.address], subject: `Lab results (${name})`, text: 'Your results are normal.\n' });
    const out = join(work, `${name}.eml`);
    writeFileSync(out, await seal(msg, signer, [readCertificates(readFileSync(pki.patient.certPem))[0]!]));
    return out;
  }

  function crl(revoking?: string): Uint8Array {
    const issuer = new Uint8Array(readFileSync(pki.intermediateDer));
    const alsoRevoked = revoking ? [parseCertificate(readCertificates(readFileSync(join(work, `${revoking}.pem`)))[0]!).serial] : [];
    return bigCrl({ issuerCertificate: issuer, issuerKeyPem: join(pki.dir, 'intermediate.key.pem'), entries: 2, alsoRevoked, nextUpdate: new Date(Date.now() + 86_400_000) });
  }

  async function openFile(path: string) {
    await page.goto(ext.url('secure.html?view=read'));
    await page.getByLabel('Sealed message file (.eml or .p7m)').setInputFiles(path);
    const verdict = page.locator('.ds-verdict');
    await verdict.waitFor({ timeout: 60_000 });
    return verdict;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'directseal-online-'));
    server = createServer((req, res) => {
      asked.push(req.url ?? '');
      const body = served.get(req.url ?? '');
      if (!body) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': req.url?.endsWith('.crl') ? 'application/pkix-crl' : 'application/pkix-cert' }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    [pki, ext] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension()]);
    page = await ext.context.newPage();
    await page.goto(ext.url('secure.html?view=read'));
    await provision(page);
    // The patient's key and certificate without its chain, and the practice's root only: the intermediate is
    // nowhere but on the CA's server (an identity's or a contact's chain would count: heldIntermediates).
    await serviceOn(page, 'identities.importPem', { key: b64(pki.patient.keyPem), certificates: b64(pki.patient.certPem) });
    await serviceOn(page, 'anchors.import', { bytes: b64(pki.anchorPem) });
  }, 300_000);

  afterAll(async () => {
    await ext?.context.close();
    server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('fetches nothing until the practice turns fetching on', async () => {
    const path = await sealedFrom('ri', '0x5101');
    const before = await openFile(path);
    expect(await before.getAttribute('data-status')).toBe('untrusted');
    expect(asked).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'fetch-off.png'), fullPage: true });
    expect(await serviceOn(page, 'pki.setFetchOnline', { fetchOnline: true })).toEqual({ fetchOnline: true });
  });

  // Before any message verified: a verified signer is kept as a contact with its chain, whose intermediate is
  // then held and needs no fetch (heldIntermediates).
  it('says so when the server does not answer, and does not verify what it could not check', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadOrigin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    const path = await sealedFrom('unreachable', '0x5103', deadOrigin);
    const verdict = await openFile(path);
    expect(await verdict.getAttribute('data-status')).toBe('untrusted');
    const caution = page.locator('[data-caution="not-fetched"]');
    expect(await caution.textContent()).toContain('could not download part of the sender’s certificate chain');
    await verdict.getByText('Technical details', { exact: true }).click();
    expect(await verdict.textContent()).toContain(`could not be fetched from ${deadOrigin}/unreachable/ca.cer: no answer`);
    await page.screenshot({ path: join(SHOTS, 'unreachable.png'), fullPage: true });
  });
  it('fetches the intermediate and the CRL once fetching is on: the message verifies', async () => {
    const path = join(work, 'ri.eml');
    served.set('/ri/ca.cer', new Uint8Array(readFileSync(pki.intermediateDer)));
    served.set('/ri/ca.crl', crl());
    const after = await openFile(path);
    expect(await after.getAttribute('data-status')).toBe('verified');
    expect(await page.locator('[data-caution="not-fetched"]').count()).toBe(0);
    expect(asked).toEqual(['/ri/ca.cer', '/ri/ca.crl']);
    await page.screenshot({ path: join(SHOTS, 'fetched-verified.png'), fullPage: true });

    // Kept: opening it again asks the server nothing.
    await openFile(path);
    expect(asked).toHaveLength(2);
  });

  it('catches a certificate revoked on the CRL its distribution point names', async () => {
    const path = await sealedFrom('revoked', '0x5102');
    served.set('/revoked/ca.cer', new Uint8Array(readFileSync(pki.intermediateDer)));
    served.set('/revoked/ca.crl', crl('revoked'));
    const verdict = await openFile(path);
    expect(await verdict.getAttribute('data-status')).not.toBe('verified');
    await verdict.getByText('Technical details', { exact: true }).click();
    expect(await verdict.textContent()).toMatch(/revoked/i);
    await page.screenshot({ path: join(SHOTS, 'revoked.png'), fullPage: true });
  });

});
