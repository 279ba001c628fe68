/**
 * The product, end to end on a real webmail: Roundcube + Dovecot + Postfix on loopback, two Chromium profiles
 * with the built extension, each provisioned through its options page. The doctor writes a secure message with
 * a PDF and a non-ASCII subject inside Roundcube and sends it; the patient opens it ("Signed by dr.house@..."),
 * downloads the PDF (same bytes) and replies securely; the doctor opens the reply. The body's marker text never
 * appears in the host page's DOM, its network requests, or the messages posted to it.
 * What the doctor typed into Roundcube's own fields before "Secure" moves into the frame, and the draft
 * Roundcube had saved of it is gone from the IMAP server's Drafts; the sealed compose carries the practice's
 * outer subject, replies keep "Re:", and a plain reply to the sealed reply asks before it goes out in the clear.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { secureFrame, service } from './support/service';
import { provisionThroughOptions as provision } from './support/options-setup';
import { mailboxMessages } from './support/imap';
import { login, openMessage, previewFrame, send, sendRawMail, startWebmail, waitForMessage, waitForUpload, waitIdle, RC, type Webmail, type WebmailAccount } from './support/webmail';

const SHOTS = join(ROOT, 'artifacts/e2e');
const MARKER = 'MARKER-9d41-creatinine-1.4';
const REPLY_MARKER = 'MARKER-reply-5c2e-thank-you';
const SUBJECT = `Résultats d’analyse — ${MARKER}`;
/** Typed into Roundcube's own fields (so Roundcube saw it): it must not stay in the server's Drafts. */
const TYPED = 'TYPED-3b7e-potassium-5-9';
const PRACTICE_SUBJECT = 'Secure message from Lakeside Family Practice';
const COMPOSE_SHOTS = join(SHOTS, 'compose');

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
    mkdirSync(COMPOSE_SHOTS, { recursive: true });
    webmail = await startWebmail();
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'ds-rc-pki-')));
    expect(pki.doctor.address).toBe(webmail.accounts.doctor.address);
    expect(pki.patient.address).toBe(webmail.accounts.patient.address);
    const [d, p] = await Promise.all([launchExtension(), launchExtension()]);
    await Promise.all([provision(d, pki.doctor, pki.patient, pki), provision(p, pki.patient, pki.doctor, pki)]);
    await service(d, 'outgoing.set', { practice: 'Lakeside Family Practice', phone: '+1 555 0100', subjectTemplate: 'Secure message from {practice}', coverNote: '', readerLink: '' });
    doctor = await person(d, webmail.accounts.doctor);
    patient = await person(p, webmail.accounts.patient);
  }, 240_000);

  afterAll(async () => {
    await doctor?.ext.close();
    await patient?.ext.close();
    await webmail?.stop();
  });

  it('the doctor writes a secure message with a PDF in Roundcube and sends it; what was typed in Roundcube leaves no draft on the server', async () => {
    const page = doctor.page;
    const drafts = async () => (await mailboxMessages(webmail.ports.imap, doctor.account.address, doctor.account.password, 'Drafts')).join('\n');
    await page.goto(`${webmail.url}?_task=mail&_action=compose`);
    await page.waitForSelector(RC.compose.toTyping);
    await page.locator(RC.compose.toTyping).pressSequentially(`${pki.patient.address},`, { delay: 5 });
    // The doctor starts in Roundcube's own fields and Roundcube saves a draft (its Save; autosave does the same).
    await page.fill(RC.compose.subject, `Potassium ${TYPED}`);
    await page.fill(RC.compose.body, `Dear Pat, your ${TYPED} result is in.`);
    await waitIdle(page);
    await page.evaluate(() => (document.querySelector('a.save.draft') as HTMLElement).click());
    await page.waitForFunction(() => Boolean(document.querySelector<HTMLInputElement>('input[name="_draft_saveid"]')?.value));
    expect(await drafts()).toContain(TYPED);

    const secure = page.locator('directseal-button[data-directseal="secure"] button');
    await secure.waitFor();
    await waitIdle(page);
    await secure.click();
    const frame = await secureFrame(page);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    // Carried into the frame, emptied in Roundcube, and the server's draft saved over with the empty compose.
    expect(await form.getByLabel('Subject', { exact: true }).inputValue()).toBe(`Potassium ${TYPED}`);
    expect(await form.getByLabel('Message').inputValue()).toContain(TYPED);
    expect(await page.inputValue(RC.compose.subject)).toBe('');
    expect(await page.inputValue(RC.compose.body)).toBe('');
    await expect.poll(drafts, { timeout: 30_000 }).not.toContain(TYPED);
    expect(await form.getByTestId('outer-subject').innerText()).toContain(PRACTICE_SUBJECT);
    await expect.poll(() => form.getByLabel('To', { exact: true }).inputValue()).toContain(pki.patient.address);
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await form.getByLabel('Subject', { exact: true }).fill(SUBJECT);
    await form.getByLabel('Message').fill(`Dear Pat,\n\nyour ${MARKER} is in range. The report is attached.\n\nDr. House`);
    await form.getByLabel('Attach files').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.screenshot({ path: join(SHOTS, 'roundcube-secure-compose.png') });
    await form.getByRole('button', { name: 'Seal message' }).click();

    await waitForUpload(page, 'smime.p7m', 0, 60_000);
    await frame.getByRole('status').filter({ hasText: 'Attached to your draft' }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'roundcube-secure-sealed.png') });
    await frame.getByRole('button', { name: 'Close' }).first().click();
    expect(await page.inputValue(RC.compose.subject)).toBe(PRACTICE_SUBJECT);
    expect(await page.inputValue(RC.compose.body)).toContain('secure Direct message from Lakeside Family Practice');
    // Sealed: marked, the cover note locked.
    await page.locator('directseal-sealed[data-state="sealed"]').getByText('Sealed by DirectSeal').waitFor();
    expect(await page.locator(RC.compose.subject).evaluate((i: HTMLInputElement) => i.readOnly)).toBe(true);
    expect(await page.locator(RC.compose.body).evaluate((t: HTMLTextAreaElement) => t.readOnly)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'roundcube-secure-attached.png') });
    await page.screenshot({ path: join(COMPOSE_SHOTS, 'roundcube-sealed-compose.png') });
    await send(page);
    // Sent: Roundcube removed its draft, and nothing typed in its fields is left in Drafts.
    expect(await drafts()).not.toContain(TYPED);
  });

  it('the patient opens it verified, reads it and gets the PDF byte for byte', async () => {
    const page = patient.page;
    await waitForMessage(page, PRACTICE_SUBJECT, 60_000);
    const preview = await openMessage(page, PRACTICE_SUBJECT);
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
    // "Reply securely" beside "Open securely" in Roundcube's read view: the frame opens, verifies, and goes
    // straight to the reply.
    await (await secureFrame(page)).getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => page.frames().some((f) => f.url().includes('/secure.html')), { timeout: 10_000 }).toBe(false);
    const preview = await previewFrame(page);
    await preview.locator('directseal-button[data-directseal="reply"] button').waitFor();
    await page.screenshot({ path: join(COMPOSE_SHOTS, 'roundcube-read-reply-securely.png') });
    await preview.locator('directseal-button[data-directseal="reply"] button').click();
    const frame = await secureFrame(page);
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
    // The reply keeps "Re: " and the outer subject it answers, so it threads; the patient set no practice.
    expect(await page.inputValue(RC.compose.subject)).toBe(`Re: ${PRACTICE_SUBJECT}`);
    await send(page);

    const dpage = doctor.page;
    await waitForMessage(dpage, (m) => m.subject === `Re: ${PRACTICE_SUBJECT}` && m.from.includes('pat'), 60_000);
    const answer = await openMessage(dpage, `Re: ${PRACTICE_SUBJECT}`);
    await answer.locator('directseal-button[data-directseal="open"] button').click();
    const read = await secureFrame(dpage);
    await read.getByRole('region', { name: `Signed by ${pki.patient.address}` }).waitFor({ timeout: 30_000 });
    expect(await read.getByText(REPLY_MARKER, { exact: false }).count()).toBeGreaterThan(0);
    await dpage.screenshot({ path: join(SHOTS, 'roundcube-secure-reply-read.png') });
  });

  it('a plain Roundcube reply to the sealed reply asks before Send, and can be written securely instead', async () => {
    const page = doctor.page;
    const answered = await waitForMessage(page, (m) => m.subject === `Re: ${PRACTICE_SUBJECT}`);
    // Roundcube's own Reply opens this compose.
    await page.goto(`${webmail.url}?_task=mail&_reply_uid=${answered.uid}&_mbox=INBOX&_action=compose`);
    await page.waitForSelector(RC.compose.body);
    await page.locator('directseal-button[data-directseal="secure"]').waitFor();
    await waitIdle(page);
    // Typed key by key: Roundcube also keeps the compose in localStorage (every 5 s after typing).
    await page.locator(RC.compose.body).pressSequentially('Plain answer, see you Tuesday.', { delay: 5 });
    const keptInBrowser = () => page.evaluate(() => Object.values(localStorage).join('\n'));
    await expect.poll(keptInBrowser, { timeout: 20_000 }).toContain('Plain answer, see you Tuesday.');
    await page.click(RC.compose.send);
    const question = page.locator('directseal-confirm').getByRole('alertdialog');
    await question.getByText('This reply is not encrypted').waitFor();
    await page.screenshot({ path: join(COMPOSE_SHOTS, 'roundcube-plain-reply-question.png') });
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(RC.compose.urlPattern.test(new URL(page.url()).search)).toBe(true);

    await page.click(RC.compose.send);
    await question.getByRole('button', { name: 'Write it securely' }).click();
    const frame = await secureFrame(page);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    expect(await form.getByLabel('Message').inputValue()).toContain('Plain answer, see you Tuesday.');
    expect(await form.getByTestId('outer-subject').innerText()).toContain(`Re: ${PRACTICE_SUBJECT}`);
    expect(await page.inputValue(RC.compose.body)).toBe('');
    // Roundcube's own copy in the browser is saved again, emptied.
    await expect.poll(keptInBrowser, { timeout: 20_000 }).not.toContain('Plain answer, see you Tuesday.');
    await page.screenshot({ path: join(COMPOSE_SHOTS, 'roundcube-reply-written-securely.png') });
    await frame.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => page.locator('directseal-frame').count(), { timeout: 10_000 }).toBe(0);
  });

  it('a sealed message without an outer subject (as a HISP sends it) shows its inner subject once opened; the reply gets a plain one', async () => {
    const inner = `Lab results ${REPLY_MARKER.slice(0, 12)}`;
    const message = Buffer.from(`From: ${pki.doctor.address}\r\nTo: ${pki.patient.address}\r\nSubject: ${inner}\r\nContent-Type: text/plain\r\n\r\nHello Pat.\r\n`).toString('base64');
    const { sealed } = await service(doctor.ext, 'message.seal', { message });
    const eml = Buffer.from(sealed, 'base64').toString('latin1');
    // DirectSeal's own sealed message carries no outer Subject, as many HISPs send it.
    expect(eml.slice(0, eml.indexOf('\r\n\r\n'))).not.toMatch(/^Subject:/im);
    await sendRawMail(webmail, pki.doctor.address, [pki.patient.address], eml);
    const page = patient.page;
    await waitForMessage(page, '(no subject)', 60_000);
    const preview = await openMessage(page, '(no subject)');
    await preview.locator('directseal-button[data-directseal="reply"] button').click();
    const frame = await secureFrame(page);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor({ timeout: 30_000 });
    // The inner subject, once opened; the outer one for the reply is the plain subject, not "Re: (no subject)".
    expect(await form.getByLabel('Subject', { exact: true }).inputValue()).toBe(`Re: ${inner}`);
    expect(await form.getByTestId('outer-subject').innerText()).toContain('Re: Secure message');
    await frame.getByRole('button', { name: 'Close' }).first().click();
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
