/**
 * Secure compose that owns the writing (issue 11, items 2 and 3), on the saved-page fixtures of Gmail and
 * Outlook in Chromium with the built extension: "Secure" takes what was typed into the webmail's own fields
 * into the frame and empties them; the sealed compose carries the practice's outer subject and cover note, is
 * marked "Sealed by DirectSeal" with its cover note locked, and warns when a file is added after sealing;
 * Send in a plain reply to a sealed message asks first, in DirectSeal's own UI. Options → Outgoing mail sets
 * what recipients see. The Roundcube side (a real server's Drafts folder) is in roundcube.test.ts.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { secureFrame, service } from './support/service';
import { gmailPlainReply, provisionDoctorAndPatient, serveFolder } from './support/fixture-site';

const SHOTS = join(ROOT, 'artifacts/e2e/compose');
const PRACTICE = 'Lakeside Family Practice';
const PRACTICE_SUBJECT = `Secure message from ${PRACTICE}`;

describe('secure compose on the Gmail and Outlook fixtures', () => {
  let pki: TestPki;
  let ext: LaunchedExtension;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'ds-compose-pki-')));
    const site = mkdtempSync(join(tmpdir(), 'ds-compose-site-'));
    for (const f of ['gmail-compose.html', 'gmail-thread.html', 'outlook-compose.html']) copyFileSync(join(ROOT, 'test/fixtures/webmail', f), join(site, f));
    ({ base, server } = await serveFolder(site));
    ext = await launchExtension();
    await provisionDoctorAndPatient(ext, pki);
  });
  afterAll(async () => {
    await ext?.close();
    server?.close();
  });

  it('Options → Outgoing mail: the practice sets its name, phone, note and link, and sees what recipients will see', async () => {
    const page = await ext.context.newPage();
    await page.goto(ext.url('options.html#outgoing'));
    const form = page.getByRole('form', { name: 'Outgoing mail' });
    await form.getByLabel('Practice name').fill(PRACTICE);
    await form.getByLabel('Phone').fill('+1 555 0100');
    await form.getByLabel('Your words in the cover note').fill('We are open Monday to Friday, 8 to 5.');
    await form.getByLabel('Link for recipients without DirectSeal').fill('http://lakeside.example/read');
    await form.getByRole('button', { name: 'Save outgoing mail' }).click();
    // A link that is not https is refused, and nothing is saved.
    await form.getByText(/https/).filter({ hasText: 'must be' }).first().waitFor();
    expect((await service(ext, 'outgoing.get')).practice).toBe('');
    await form.getByLabel('Link for recipients without DirectSeal').fill('https://lakeside.example/read');
    const preview = form.getByRole('figure', { name: 'What recipients see' });
    await preview.getByText(`Subject: ${PRACTICE_SUBJECT}`).waitFor();
    expect(await preview.innerText()).toContain('Call Lakeside Family Practice at +1 555 0100.');
    await form.getByRole('button', { name: 'Save outgoing mail' }).click();
    await form.getByText('Saved.', { exact: false }).waitFor();
    await form.screenshot({ path: join(SHOTS, 'options-outgoing-mail.png') });
    expect(await service(ext, 'outgoing.get')).toMatchObject({ practice: PRACTICE, phone: '+1 555 0100', readerLink: 'https://lakeside.example/read' });
    await page.close();
  });

  it('Gmail: Secure takes the typed subject and text out of the compose; the sealed compose is marked and warns on a file added later', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${base}gmail-compose.html`);
    const dialog = page.locator('#dialog');
    await dialog.locator('directseal-button button').click();
    const frame = await secureFrame(page);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    // Carried into the frame, with the note that the page could read it; gone from the webmail's fields.
    expect(await form.getByLabel('Subject', { exact: true }).inputValue()).toBe('Lab results for Pat');
    expect(await form.getByLabel('Message').inputValue()).toBe('Your potassium is 5.9 mmol/L.');
    await form.getByText('typed into the web page first').waitFor();
    expect(await dialog.locator('input[name="subjectbox"]').inputValue()).toBe('');
    expect(await dialog.locator('[g_editable="true"]').innerText()).not.toContain('potassium');
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('potassium');
    // The practice's outer subject is shown under the subject, which stays inside.
    expect(await form.getByTestId('outer-subject').innerText()).toContain(PRACTICE_SUBJECT);
    await form.getByLabel('To', { exact: true }).fill(pki.patient.address);
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await form.getByRole('button', { name: 'Seal message' }).click();
    await frame.getByRole('status').filter({ hasText: 'Attached to your draft' }).waitFor({ timeout: 30_000 });
    await frame.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => page.frames().some((f) => f.url().includes('/secure.html')), { timeout: 10_000 }).toBe(false);

    expect(await dialog.locator('input[name="subjectbox"]').inputValue()).toBe(PRACTICE_SUBJECT);
    const body = await dialog.locator('[g_editable="true"]').innerText();
    expect(body).toContain('secure Direct message from Lakeside Family Practice');
    expect(body).toContain('https://lakeside.example/read');
    const mark = dialog.locator('directseal-sealed');
    await expect.poll(() => mark.getAttribute('data-state')).toBe('sealed');
    await mark.getByText('Sealed by DirectSeal').waitFor();
    expect(await dialog.locator('input[name="subjectbox"]').evaluate((i: HTMLInputElement) => i.readOnly)).toBe(true);
    expect(await dialog.locator('[g_editable="true"]').getAttribute('aria-readonly')).toBe('true');
    await dialog.screenshot({ path: join(SHOTS, 'gmail-sealed-compose.png') });
    // Secure again on the sealed draft opens no frame and attaches nothing: it says why.
    await dialog.locator('directseal-button button').click();
    await dialog.locator('directseal-button').getByText('This draft is sealed already').waitFor();
    expect(page.frames().some((f) => f.url().includes('/secure.html'))).toBe(false);

    // The webmail adds a file beside smime.p7m (as a drop on the compose would).
    await dialog.evaluate((root) => {
      const chip = Object.assign(document.createElement('div'), { className: 'dL' });
      chip.append(Object.assign(document.createElement('div'), { className: 'vI', textContent: 'lab-results.pdf' }));
      root.querySelector('.GM')!.append(chip);
    });
    await expect.poll(() => mark.getAttribute('data-state')).toBe('warning');
    await mark.getByText('lab-results.pdf was attached after sealing and is not encrypted').waitFor();
    await dialog.screenshot({ path: join(SHOTS, 'gmail-added-after-sealing.png') });

    // Send asks first; Cancel sends nothing, "Send anyway" lets exactly one click through to the webmail.
    await dialog.evaluate((root) => {
      (window as unknown as { sent: number }).sent = 0;
      root.querySelector('[role="button"].aoO')!.addEventListener('click', () => (window as unknown as { sent: number }).sent++);
    });
    await dialog.locator('[role="button"].aoO').click();
    const question = page.locator('directseal-confirm').getByRole('alertdialog');
    await question.getByText('Something here is not encrypted').waitFor();
    await page.screenshot({ path: join(SHOTS, 'gmail-send-after-sealing-question.png') });
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.evaluate(() => (window as unknown as { sent: number }).sent)).toBe(0);
    await dialog.locator('[role="button"].aoO').click();
    await question.getByRole('button', { name: 'Send anyway' }).click();
    expect(await page.evaluate(() => (window as unknown as { sent: number }).sent)).toBe(1);
    await page.close();
  });

  it('Gmail: a plain reply in a secure conversation asks before Send (button and Ctrl+Enter), and can be written securely instead', async () => {
    const page = await ext.context.newPage();
    const reply = await gmailPlainReply(page, base);
    const sent = () => page.evaluate(() => Number(document.body.dataset.sent));
    const question = page.locator('directseal-confirm').getByRole('alertdialog');

    await reply.locator('[role="button"].aoO').click();
    await question.getByText('This reply is not encrypted').waitFor();
    await page.screenshot({ path: join(SHOTS, 'gmail-plain-reply-question.png') });
    await question.getByRole('button', { name: 'Cancel' }).click();
    expect(await sent()).toBe(0);

    await reply.locator('[g_editable="true"]').press('Control+Enter');
    await question.getByText('This reply is not encrypted').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('directseal-confirm').count()).toBe(0);
    expect(await sent()).toBe(0);

    await reply.locator('[role="button"].aoO').click();
    await question.getByRole('button', { name: 'Send without encryption' }).click();
    expect(await sent()).toBe(1);

    // A reply that carries a sealed smime.p7m (attached by another DirectSeal path) goes without a question.
    const chip = await reply.evaluateHandle((root) => {
      const c = Object.assign(document.createElement('div'), { className: 'dL' });
      c.append(Object.assign(document.createElement('div'), { className: 'vI', textContent: 'smime.p7m' }));
      root.querySelector('.GM')!.append(c);
      return c;
    });
    await reply.locator('[role="button"].aoO').click();
    expect(await sent()).toBe(2);
    expect(await page.locator('directseal-confirm').count()).toBe(0);
    await chip.evaluate((c) => c.remove());

    // "Write it securely": DirectSeal's frame opens with what was typed, as a reply that keeps "Re:".
    await reply.locator('[g_editable="true"]').click();
    await page.keyboard.type('Second thoughts');
    await reply.locator('[role="button"].aoO').click();
    await question.getByRole('button', { name: 'Write it securely' }).click();
    const frame: Frame = await secureFrame(page);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    expect(await form.getByLabel('Message').inputValue()).toContain('Second thoughts');
    expect(await form.getByTestId('outer-subject').innerText()).toContain('Re: Secure message from Hillside Clinic');
    expect(await sent()).toBe(2);
    await page.close();
  });

  it('Outlook: closing the frame unsent loses nothing and gives nothing back to the page until the user says so', async () => {
    const page: Page = await ext.context.newPage();
    await page.goto(`${base}outlook-compose.html`);
    const subjectField = page.locator('input[aria-label="Add a subject"]');
    await page.locator('directseal-button[data-directseal="secure"] button').click();
    let frame = await secureFrame(page);
    await frame.getByRole('form', { name: 'Write a secure message' }).waitFor();
    await frame.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => page.frames().some((f) => f.url().includes('/secure.html')), { timeout: 10_000 }).toBe(false);

    // Held by DirectSeal: not back in the page, and the compose says where it is.
    const held = page.locator('directseal-held');
    await held.getByText('Your text is held by DirectSeal, not sent').waitFor();
    expect(await subjectField.inputValue()).toBe('');
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('potassium');
    await page.screenshot({ path: join(SHOTS, 'outlook-text-held.png') });

    // "Continue securely": the frame again, with the same text.
    await held.getByRole('button', { name: 'Continue securely' }).click();
    frame = await secureFrame(page);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    expect(await form.getByLabel('Subject', { exact: true }).inputValue()).toBe('Lab results for Pat');
    expect(await form.getByLabel('Message').inputValue()).toBe('Your potassium is 5.9 mmol/L.');
    await frame.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => page.frames().some((f) => f.url().includes('/secure.html')), { timeout: 10_000 }).toBe(false);

    // "Put it back in the webmail": only on the user's word.
    await held.getByRole('button', { name: 'Put it back in the webmail' }).click();
    expect(await subjectField.inputValue()).toBe('Lab results for Pat');
    expect(await page.locator('[aria-label^="Message body"]').innerText()).toContain('Your potassium is 5.9 mmol/L.');
    expect(await held.count()).toBe(0);
    await page.close();
  });

  it('Outlook: the typed text moves into the frame; a per-message outer subject is chosen after the warning', async () => {
    const page: Page = await ext.context.newPage();
    await page.goto(`${base}outlook-compose.html`);
    await page.locator('directseal-button[data-directseal="secure"] button').click();
    const frame = await secureFrame(page);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.waitFor();
    expect(await form.getByLabel('Subject', { exact: true }).inputValue()).toBe('Lab results for Pat');
    expect(await form.getByLabel('Message').inputValue()).toBe('Your potassium is 5.9 mmol/L.');
    expect(await page.inputValue('input[aria-label="Add a subject"]')).toBe('');
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain('potassium');

    const outer = form.getByTestId('outer-subject');
    await outer.getByRole('button', { name: 'Change for this message' }).click();
    await outer.getByRole('alert').getByText('not encrypted').waitFor();
    await outer.screenshot({ path: join(SHOTS, 'outlook-outer-subject-warning.png') });
    await outer.getByRole('button', { name: 'I understand, change it' }).click();
    await form.getByLabel('Subject the webmail shows (not encrypted)').fill('Your appointment on Tuesday');
    await form.getByLabel('To', { exact: true }).fill(pki.patient.address);
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await form.getByRole('button', { name: 'Seal message' }).click();
    await frame.getByRole('status').filter({ hasText: 'Attached to your draft' }).waitFor({ timeout: 30_000 });
    await frame.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => page.inputValue('input[aria-label="Add a subject"]')).toBe('Your appointment on Tuesday');
    await expect.poll(() => page.locator('directseal-sealed').getAttribute('data-state')).toBe('sealed');
    await page.screenshot({ path: join(SHOTS, 'outlook-sealed-compose.png') });
    await page.close();
  });
});
