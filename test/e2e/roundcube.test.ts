/**
 * The product, end to end on a real webmail: Roundcube + Dovecot + Postfix on loopback, two Chromium profiles
 * with the built extension, each provisioned through its options page. The doctor writes a secure message with
 * a PDF and a non-ASCII subject inside Roundcube and sends it; the patient opens it ("Signed by dr.house@..."),
 * downloads the PDF (same bytes) and replies securely; the doctor opens the reply. The body's marker text never
 * appears in the host page's DOM, its network requests, or the messages posted to it.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type Identity, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { provision as setPassphrase, secureFrame } from './support/service';
import { login, openMessage, send, startWebmail, waitForMessage, waitForUpload, RC, type Webmail, type WebmailAccount } from './support/webmail';

const SHOTS = join(ROOT, 'artifacts/e2e');
const MARKER = 'MARKER-9d41-creatinine-1.4';
const REPLY_MARKER = 'MARKER-reply-5c2e-thank-you';
const SUBJECT = `Résultats d’analyse — ${MARKER}`;

/** A small valid PDF: what the doctor attaches. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

interface Person {
  ext: LaunchedExtension;
  page: Page;
  account: WebmailAccount;
  /** Everything the host pages saw: request lines and bodies, and messages posted to their windows. */
  seen: string[];
}

async function provision(ext: LaunchedExtension, me: Identity, other: Identity, pki: TestPki): Promise<void> {
  await setPassphrase(ext);
  const page = await ext.context.newPage();
  await page.goto(ext.url('options.html'));
  const identity = page.getByRole('region', { name: 'Your Direct identity' });
  await identity.getByLabel('Identity file (.p12 or .pfx)').setInputFiles(me.p12);
  await identity.getByLabel('Passphrase of the file', { exact: true }).fill(pki.password);
  await identity.getByRole('button', { name: 'Import identity' }).click();
  await identity.getByRole('article', { name: me.address }).waitFor();
  const anchors = page.getByRole('region', { name: 'Trust anchors' });
  await anchors.getByLabel('Anchor files').setInputFiles(pki.anchorPem);
  await anchors.getByRole('button', { name: 'Import anchors' }).click();
  await anchors.getByText('DirectSeal Test Root').first().waitFor();
  const contacts = page.getByRole('region', { name: 'Contacts' });
  await contacts.getByLabel('Certificate file').setInputFiles(other.chainPem);
  await contacts.getByRole('button', { name: 'Add certificate' }).click();
  await contacts.getByRole('article', { name: other.address }).getByText('Trusted chain').waitFor();
  await page.close();
}

async function person(ext: LaunchedExtension, account: WebmailAccount): Promise<Person> {
  const page = await ext.context.newPage();
  const seen: string[] = [];
  page.on('request', (r) => seen.push(`${r.method()} ${r.url()} ${r.postDataBuffer()?.toString('latin1') ?? ''}`));
  page.on('console', (m) => {
    // Playwright's init script runs in DirectSeal's own frame too: what that frame receives is not the host's.
    if (m.text().startsWith('posted:') && !m.text().startsWith('posted:chrome-extension:')) seen.push(m.text());
  });
  // In every frame of the host page: log what is posted to its windows, as the page's own scripts could see it.
  await page.addInitScript(() => {
    window.addEventListener('message', (e) => {
      const text = JSON.stringify(e.data, (_, v) => (v instanceof Uint8Array ? `bytes:${new TextDecoder('latin1').decode(v)}` : v));
      console.log(`posted:${location.protocol === 'chrome-extension:' ? 'chrome-extension:' : ''}${text}`);
    });
  });
  await login(page, account);
  return { ext, page, account, seen };
}

/** The host page's own DOM, every frame of it (our frame is another origin and not part of it). */
async function hostDom(page: Page): Promise<string> {
  const parts = await Promise.all(
    page.frames().filter((f) => !f.url().startsWith('chrome-extension:')).map((f) => f.evaluate(() => document.documentElement.outerHTML).catch(() => '')),
  );
  return parts.join('\n');
}

describe('secure mail in Roundcube, doctor and patient', () => {
  let pki: TestPki;
  let webmail: Webmail;
  let doctor: Person;
  let patient: Person;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    webmail = await startWebmail();
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'ds-rc-pki-')));
    expect(pki.doctor.address).toBe(webmail.accounts.doctor.address);
    expect(pki.patient.address).toBe(webmail.accounts.patient.address);
    const [d, p] = await Promise.all([launchExtension(), launchExtension()]);
    await Promise.all([provision(d, pki.doctor, pki.patient, pki), provision(p, pki.patient, pki.doctor, pki)]);
    doctor = await person(d, webmail.accounts.doctor);
    patient = await person(p, webmail.accounts.patient);
  }, 240_000);

  afterAll(async () => {
    await doctor?.ext.close();
    await patient?.ext.close();
    await webmail?.stop();
  });

  it('the doctor writes a secure message with a PDF in Roundcube and sends it', async () => {
    const page = doctor.page;
    await page.goto(`${webmail.url}?_task=mail&_action=compose`);
    await page.waitForSelector(RC.compose.toTyping);
    await page.locator(RC.compose.toTyping).pressSequentially(`${pki.patient.address},`, { delay: 5 });
    const secure = page.locator('directseal-button[data-directseal="secure"] button');
    await secure.waitFor();
    await secure.click();
    const frame = await secureFrame(page);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    await expect.poll(() => form.getByLabel('To', { exact: true }).inputValue()).toContain(pki.patient.address);
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await form.getByLabel('Subject').fill(SUBJECT);
    await form.getByLabel('Message').fill(`Dear Pat,\n\nyour ${MARKER} is in range. The report is attached.\n\nDr. House`);
    await form.getByLabel('Attach files').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.screenshot({ path: join(SHOTS, 'roundcube-secure-compose.png') });
    await form.getByRole('button', { name: 'Seal message' }).click();

    await waitForUpload(page, 'smime.p7m', 0, 60_000);
    await frame.getByRole('status').filter({ hasText: 'Attached to your draft' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'roundcube-secure-sealed.png') });
    await frame.getByRole('button', { name: 'Close' }).first().click();
    expect(await page.inputValue(RC.compose.subject)).toBe('Secure message');
    expect(await page.inputValue(RC.compose.body)).toContain('secure Direct message');
    await page.screenshot({ path: join(SHOTS, 'roundcube-secure-attached.png') });
    await send(page);
  });

  it('the patient opens it verified, reads it and gets the PDF byte for byte', async () => {
    const page = patient.page;
    await waitForMessage(page, 'Secure message', 60_000);
    const preview = await openMessage(page, 'Secure message');
    const open = preview.locator('directseal-button[data-directseal="open"] button');
    await open.waitFor();
    await open.click();
    const frame = await secureFrame(page);
    await frame.getByRole('region', { name: `Signed by ${pki.doctor.address}` }).waitFor({ timeout: 30_000 });
    await frame.getByRole('article', { name: SUBJECT }).waitFor();
    expect(await frame.getByText(MARKER, { exact: false }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'roundcube-secure-read.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: 'Download report.pdf' }).click()]);
    expect(readFileSync((await download.path())!)).toEqual(PDF);
  });

  it('the patient replies securely and the doctor opens the reply verified', async () => {
    const page = patient.page;
    const frame = await secureFrame(page);
    await frame.getByRole('button', { name: 'Reply securely' }).click();
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    expect(await form.getByLabel('To', { exact: true }).inputValue()).toBe(pki.doctor.address);
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    const body = form.getByLabel('Message');
    await body.fill(`Thank you, doctor. ${REPLY_MARKER}\n\n${await body.inputValue()}`);
    await form.getByRole('button', { name: 'Seal message' }).click();
    // Roundcube's own reply opens, and the sealed reply is attached there.
    await page.waitForURL(/_action=compose/, { timeout: 30_000 });
    await waitForUpload(page, 'smime.p7m', 0, 60_000);
    expect(await page.inputValue(RC.compose.subject)).toBe('Secure message');
    await send(page);

    const dpage = doctor.page;
    await waitForMessage(dpage, (m) => m.subject === 'Secure message' && m.from.includes('pat'), 60_000);
    const preview = await openMessage(dpage, 'Secure message');
    await preview.locator('directseal-button[data-directseal="open"] button').click();
    const read = await secureFrame(dpage);
    await read.getByRole('region', { name: `Signed by ${pki.patient.address}` }).waitFor({ timeout: 30_000 });
    expect(await read.getByText(REPLY_MARKER, { exact: false }).count()).toBeGreaterThan(0);
    await dpage.screenshot({ path: join(SHOTS, 'roundcube-secure-reply-read.png') });
  });

  it('no marker text ever reached the host pages: DOM, requests, posted messages', async () => {
    for (const p of [doctor, patient]) {
      const dom = await hostDom(p.page);
      expect(dom).not.toContain(MARKER);
      expect(dom).not.toContain(REPLY_MARKER);
      const seen = p.seen.join('\n');
      expect(seen.length).toBeGreaterThan(1000);
      expect(seen).not.toContain(MARKER);
      expect(seen).not.toContain(REPLY_MARKER);
      // DirectSeal posts nothing to the host's windows: the frame's results travel through the background.
      expect(p.seen.filter((line) => line.startsWith('posted:') && line.includes('"ds"'))).toEqual([]);
    }
  });
});
