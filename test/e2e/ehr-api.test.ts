/**
 * `window.directseal` for EHR pages (issue 11, item 7), in Chromium with the built extension: on a site the
 * practice enabled in Options → Sites, the sample EHR page (test/fixtures/ehr/sample-ehr.html) asks DirectSeal
 * to write a message with the recipient, subject and text it suggests; the user seals in the frame; the page
 * gets only the sealed block, which openssl opens with the patient's key. It asks DirectSeal to show a sealed
 * message from the patient: the frame shows it, the page learns only that it was shown. A site that is not
 * enabled has no `window.directseal`.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { provisionDoctorAndPatient } from './support/fixture-site';
import { opensslOpen } from './support/openssl-armored';
import { secureFrame, service } from './support/service';

const SHOTS = join(ROOT, 'artifacts/e2e');
const EHR = readFileSync(join(ROOT, 'test/fixtures/ehr/sample-ehr.html'), 'utf8');
const PATIENT_MARKER = 'MARKER-ehr-patient-asks-about-dose-73b1';

describe('the EHR API on an enabled site', () => {
  let pki: TestPki;
  let ext: LaunchedExtension;
  let server: Server;
  let origin: string;
  let work: string;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'ds-ehr-'));
    pki = await makeTestPki(join(work, 'pki'));
    server = createServer((_, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(EHR.replace('<body>', `<body data-patient="${pki.patient.address}">`)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    ext = await launchExtension();
    await provisionDoctorAndPatient(ext, pki);
  });
  afterAll(async () => {
    await ext?.close();
    server?.close();
  });

  it('is not there until the practice enables the site', async () => {
    page = await ext.context.newPage();
    await page.goto(`${origin}/chart`);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => 'directseal' in window)).toBe(false);
    const options = await ext.context.newPage();
    await options.goto(ext.url('options.html#sites'));
    const sites = options.getByRole('region', { name: 'Sites' });
    await sites.getByLabel('Site address').fill(origin);
    await sites.getByRole('button', { name: 'Enable DirectSeal on this site' }).click();
    await sites.getByRole('list', { name: 'Enabled sites' }).getByRole('article', { name: origin }).getByText('On', { exact: true }).waitFor();
    await options.close();
    await page.reload();
    await expect.poll(() => page.evaluate(() => typeof (window as any).directseal?.compose)).toBe('function');
  });

  it('compose: the frame opens with the page\'s suggestions; the page gets only the sealed block', async () => {
    const events: string[] = [];
    await page.exposeFunction('__seen', (e: string) => events.push(e));
    await page.evaluate(() => window.addEventListener('directseal:ehr-response', (e) => (window as any).__seen(String((e as CustomEvent).detail))));
    await page.getByRole('button', { name: 'Send securely to the patient' }).click();
    const frame = await secureFrame(page);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    await expect.poll(() => form.getByLabel('To', { exact: true }).inputValue()).toBe(pki.patient.address);
    expect(await form.getByLabel('Subject').inputValue()).toBe('Your visit summary');
    expect(await form.getByLabel('Message').inputValue()).toContain('HbA1c is 6.1 %');
    expect(await frame.getByTestId('suggested-recipients').innerText()).toContain('Suggested by the web page');
    await form.getByLabel('Message').fill('Your HbA1c is 6.1 %. Continue metformin. Added in the frame: call us with questions.');
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await page.screenshot({ path: join(SHOTS, 'ehr-api-compose.png') });
    await form.getByRole('button', { name: 'Seal message' }).click();
    await page.getByText('Sealed and kept in the chart.').waitFor({ timeout: 30_000 });
    const sealed = await page.locator('#sealed').textContent();
    expect(sealed).toMatch(/^-----BEGIN PKCS7-----[\s\S]+-----END PKCS7-----$/);
    // What the user added in the frame never reached the page; openssl finds it inside, signed by the doctor.
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('Added in the frame');
    expect(events.join('\n')).not.toContain('Added in the frame');
    const inner = await opensslOpen(work, sealed!, pki.patient, pki.anchorPem);
    expect(inner).toContain('Added in the frame: call us with questions.');
    expect(inner).toContain(`From: ${pki.doctor.address}`);
  });

  it('open: the frame shows the patient\'s sealed message; the page learns only that it was shown', async () => {
    const message = Buffer.from(`From: ${pki.patient.address}\r\nTo: ${pki.doctor.address}\r\nSubject: Dose\r\nContent-Type: text/plain\r\n\r\n${PATIENT_MARKER}\r\n`).toString('base64');
    const { sealed } = await service(ext, 'message.seal', { message });
    const eml = Buffer.from(sealed, 'base64').toString('latin1');
    const armored = `-----BEGIN PKCS7-----\n${eml.slice(eml.indexOf('\r\n\r\n') + 4).replace(/\s+/g, '').replace(/(.{64})/g, '$1\n')}\n-----END PKCS7-----`;
    await page.evaluate((text) => (document.getElementById('incoming')!.textContent = text), armored);
    await page.getByRole('button', { name: "Show the patient's message" }).click();
    const frame = await secureFrame(page);
    await frame.getByRole('region', { name: `Signed by ${pki.patient.address}` }).waitFor({ timeout: 30_000 });
    expect(await frame.getByText(PATIENT_MARKER).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'ehr-api-open.png') });
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(PATIENT_MARKER);
    await frame.getByRole('button', { name: 'Close DirectSeal' }).click();
    await page.getByText('Shown by DirectSeal.').waitFor();
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(PATIENT_MARKER);
  });

  it('refuses a malformed request with a code, and a closed frame with CLOSED', async () => {
    const bad = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          window.addEventListener('directseal:ehr-response', (e) => resolve(String((e as CustomEvent).detail)), { once: true });
          window.dispatchEvent(new CustomEvent('directseal:ehr-request', { detail: JSON.stringify({ id: 'x1', kind: 'compose', to: 'not-a-list' }) }));
        }),
    );
    expect(JSON.parse(bad)).toMatchObject({ id: 'x1', ok: false, error: 'BAD_REQUEST' });
    await expect.poll(() => page.frames().some((f) => f.url().includes('/secure.html'))).toBe(false);
    const closed = page.evaluate(() => (window as any).directseal.compose({ to: [] }).then(() => 'sealed', (e: any) => e.code));
    const frame = await secureFrame(page);
    await frame.getByRole('form', { name: 'Write a secure message' }).waitFor();
    await frame.getByRole('button', { name: 'Close DirectSeal' }).click();
    expect(await closed).toBe('CLOSED');
  });
});
