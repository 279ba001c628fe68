/**
 * Delivery notifications end to end on the loopback Roundcube (issue 10 part 4): the doctor sends a secure
 * message, the patient opens it and sends the "processed" notification with one click through Roundcube's own
 * reply, the doctor opens that notification and DirectSeal's read frame, popup and Options say "processed".
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { secureFrame, service } from './support/service';
import { provisionThroughOptions as provision } from './support/options-setup';
import { login, openMessage, send, startWebmail, waitForMessage, waitForUpload, RC, type Webmail } from './support/webmail';

const SHOTS = join(ROOT, 'artifacts/e2e');
const SUBJECT = 'Your lab results';
const SECOND_SUBJECT = 'Your follow-up appointment';
const NOTIFICATION_SUBJECT = 'Delivery notification: processed';

/** The popup as its own tab, the same page the toolbar button shows. */
async function popup(ext: LaunchedExtension): Promise<Page> {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(ext.url('popup.html'));
  return page;
}

describe('delivery notifications in Roundcube', () => {
  let pki: TestPki;
  let webmail: Webmail;
  let doctor: { ext: LaunchedExtension; page: Page };
  let patient: { ext: LaunchedExtension; page: Page };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    webmail = await startWebmail();
    pki = await makeTestPki(mkdtempSync(join(tmpdir(), 'ds-mdn-pki-')));
    const [d, p] = await Promise.all([launchExtension(), launchExtension()]);
    await Promise.all([provision(d, pki.doctor, pki.patient, pki), provision(p, pki.patient, pki.doctor, pki)]);
    doctor = { ext: d, page: await d.context.newPage() };
    patient = { ext: p, page: await p.context.newPage() };
    await login(doctor.page, webmail.accounts.doctor);
    await login(patient.page, webmail.accounts.patient);
  }, 240_000);

  afterAll(async () => {
    await doctor?.ext.close();
    await patient?.ext.close();
    await webmail?.stop();
  });

  /** The doctor writes to the patient inside Roundcube and sends. */
  async function doctorSends(subject: string): Promise<void> {
    const page = doctor.page;
    await page.goto(`${webmail.url}?_task=mail&_action=compose`);
    await page.waitForSelector(RC.compose.toTyping);
    await page.locator(RC.compose.toTyping).pressSequentially(`${pki.patient.address},`, { delay: 5 });
    await page.locator('directseal-button[data-directseal="secure"] button').click();
    const frame = await secureFrame(page);
    const form = frame.getByRole('form', { name: 'Write a secure message' });
    await form.getByRole('list', { name: 'Recipients' }).getByText('Certificate trusted').waitFor();
    await form.getByLabel('Subject').fill(subject);
    await form.getByLabel('Message').fill('Dear Pat,\n\nall in range.\n\nDr. House');
    await form.getByRole('button', { name: 'Seal message' }).click();
    await waitForUpload(page, 'smime.p7m', 0, 60_000);
    await frame.getByRole('status').filter({ hasText: 'Attached to your draft' }).waitFor({ timeout: 30_000 });
    await frame.getByRole('button', { name: 'Close' }).first().click();
    await send(page);
  }

  it('the doctor sends a secure message, and the sent list shows it as sent to the patient', async () => {
    await doctorSends(SUBJECT);

    const sent = await service<{ messageId: string; recipients: { address: string; state: string }[] }[]>(doctor.ext, 'delivery.list', {});
    expect(sent).toHaveLength(1);
    expect(sent[0]!.recipients).toEqual([{ address: pki.patient.address, state: 'sent' }]);
    const pop = await popup(doctor.ext);
    const row = pop.getByTestId('sent-message');
    await row.getByText(pki.patient.address).waitFor();
    expect(await row.locator('[data-state]').getAttribute('data-state')).toBe('sent');
    await pop.close();
  });

  it('the patient opens it and sends the "processed" notification with one click, through Roundcube', async () => {
    const page = patient.page;
    await waitForMessage(page, 'Secure message', 60_000);
    const preview = await openMessage(page, 'Secure message');
    await preview.locator('directseal-button[data-directseal="open"] button').click();
    const frame = await secureFrame(page);
    await frame.getByRole('region', { name: `Signed by ${pki.doctor.address}` }).waitFor({ timeout: 30_000 });
    const offer = frame.getByTestId('notification-offer');
    await offer.getByText(`A delivery notification tells ${pki.doctor.address} that you received this message`).waitFor();
    await offer.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'delivery-offer.png') });
    await offer.getByRole('button', { name: 'Send delivery notification' }).click();
    // Roundcube's own reply to the doctor opens, with the sealed notification attached and its cover note.
    await page.waitForURL(/_action=compose/, { timeout: 30_000 });
    await waitForUpload(page, 'smime.p7m', 0, 60_000);
    expect(await page.inputValue(RC.compose.subject)).toBe(NOTIFICATION_SUBJECT);
    expect(await page.inputValue(RC.compose.body)).toContain('Direct delivery notification');
    await page.screenshot({ path: join(SHOTS, 'delivery-compose.png') });
    await send(page);
    // A notification is not a message of the patient's own: nothing to track, so not in the sent list.
    expect(await service(patient.ext, 'delivery.list', {})).toEqual([]);
  });

  it('the doctor opens the notification: the frame, the popup and Options say "processed"', async () => {
    const page = doctor.page;
    await waitForMessage(page, NOTIFICATION_SUBJECT, 60_000);
    const preview = await openMessage(page, NOTIFICATION_SUBJECT);
    await preview.locator('directseal-button[data-directseal="open"] button').click();
    const frame = await secureFrame(page);
    await frame.getByRole('region', { name: `Signed by ${pki.patient.address}` }).waitFor({ timeout: 30_000 });
    const arrived = frame.getByTestId('arrived-notification');
    await arrived.getByRole('heading', { name: new RegExp(`^Delivery notification: ${pki.patient.address.replace(/\./g, '\\.')} processed your message of `) }).waitFor();
    // Never a notification for a notification, and no reply to one.
    expect(await frame.getByTestId('notification-offer').count()).toBe(0);
    expect(await frame.getByRole('button', { name: 'Reply securely' }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'delivery-arrived.png') });

    const pop = await popup(doctor.ext);
    const row = pop.getByTestId('sent-message');
    await row.getByText('Processed').waitFor();
    expect(await row.locator('[data-state]').getAttribute('data-state')).toBe('processed');
    await pop.screenshot({ path: join(SHOTS, 'delivery-popup.png'), fullPage: true });
    await pop.close();

    const options = await doctor.ext.context.newPage();
    await options.goto(`${doctor.ext.url('options.html')}#delivery`);
    const section = options.getByRole('region', { name: 'Delivery notifications' });
    const listed = section.getByTestId('sent-message');
    await listed.getByText(pki.patient.address).waitFor();
    expect(await listed.locator('[data-state]').getAttribute('data-state')).toBe('processed');
    await section.screenshot({ path: join(SHOTS, 'delivery-options.png') });
    await options.close();
  });

  it('with "automatic" chosen in Options, closing the message puts the notification into Roundcube\'s reply', async () => {
    const settings = await patient.ext.context.newPage();
    await settings.goto(`${patient.ext.url('options.html')}#delivery`);
    const section = settings.getByRole('region', { name: 'Delivery notifications' });
    await section.getByLabel(/^Automatic/).check();
    await section.getByRole('button', { name: 'Save' }).click();
    await section.getByText('Saved.').waitFor();
    await settings.close();
    expect(await service(patient.ext, 'delivery.settings', {})).toEqual({ send: 'automatic', timeoutMinutes: 60 });

    await doctorSends(SECOND_SUBJECT);
    const page = patient.page;
    await waitForMessage(page, (m) => m.subject === 'Secure message' && m.uid > 1, 60_000);
    const preview = await openMessage(page, 'Secure message');
    await preview.locator('directseal-button[data-directseal="open"] button').click();
    const frame = await secureFrame(page);
    await frame.getByRole('article', { name: SECOND_SUBJECT }).waitFor({ timeout: 30_000 });
    await frame.getByTestId('notification-offer').getByRole('button', { name: 'Send it now' }).waitFor();
    await frame.getByTestId('notification-offer').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'delivery-automatic.png') });
    await frame.getByRole('button', { name: 'Close DirectSeal' }).click();
    await page.waitForURL(/_action=compose/, { timeout: 30_000 });
    await waitForUpload(page, 'smime.p7m', 0, 60_000);
    expect(await page.inputValue(RC.compose.subject)).toBe(NOTIFICATION_SUBJECT);
    await send(page);

    const dpage = doctor.page;
    await waitForMessage(dpage, (m) => m.subject === NOTIFICATION_SUBJECT && m.uid > 1, 60_000);
    const notice = await openMessage(dpage, NOTIFICATION_SUBJECT);
    await notice.locator('directseal-button[data-directseal="open"] button').click();
    await (await secureFrame(dpage)).getByTestId('arrived-notification').getByRole('heading', { name: /processed your message of/ }).waitFor({ timeout: 30_000 });
    const sent = await service<{ recipients: { state: string }[] }[]>(doctor.ext, 'delivery.list', {});
    expect(sent.map((m) => m.recipients[0]!.state)).toEqual(['processed', 'processed']);
  });
});
