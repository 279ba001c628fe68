/**
 * First-run setup in a real Chromium (issues 11.1 and 10.1): a new install opens setup; a patient goes from
 * "I am a patient" to a request file; the practice issues a welcome file from it in Settings; the patient
 * imports it, compares the fingerprint and is ready. A physician sets up with a .p12. Screenshots of each
 * step (wide, narrow, dark) in artifacts/e2e/setup/.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../interop/support/pki';
import { launchExtension, ROOT, setupTab, type LaunchedExtension } from './support/browser';
import { provision, service } from './support/service';

const SHOTS = join(ROOT, 'artifacts/e2e/setup');
const PATIENT = 'pat.lee@mail.example.test';
const LOCK = 'setup lock passphrase';

/** Wide, narrow and dark screenshots of what the page shows now. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(SHOTS, `${name}-dark.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(SHOTS, `${name}-narrow.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 860 });
}

async function choosePassphrase(page: Page): Promise<void> {
  await page.getByLabel('DirectSeal passphrase', { exact: true }).fill(LOCK);
  await page.getByLabel('DirectSeal passphrase again').fill(LOCK);
  await page.getByRole('button', { name: 'Set the passphrase' }).click();
  await page.getByText('Your passphrase is set').waitFor();
}

async function continueTo(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

describe('first-run setup', () => {
  let pki: TestPki;
  let work: string;
  let patient: LaunchedExtension;
  let practice: LaunchedExtension;
  let requestFile: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'ds-setup-'));
    [pki, patient] = await Promise.all([makeTestPki(join(work, 'pki')), launchExtension({ keepSetup: true })]);
  });
  afterAll(async () => {
    await patient?.close();
    await practice?.close();
  });

  it('a new install opens setup, and a patient gets to their request file in their own words', async () => {
    const page = await setupTab(patient);
    await page.getByRole('heading', { level: 1, name: 'Welcome to DirectSeal' }).waitFor();
    await shoot(page, '1-role');
    await page.getByRole('button', { name: /I am a patient/ }).click();

    await page.getByRole('heading', { level: 1, name: 'Your DirectSeal passphrase' }).waitFor();
    await expect(page.getByText('Step 1 of 5').count()).resolves.toBe(1);
    await shoot(page, '2-patient-passphrase');
    await choosePassphrase(page);

    await continueTo(page, 'Your security phrase');
    await page.getByLabel('Your phrase').fill('heron over the lake');
    await page.getByRole('button', { name: 'Save phrase' }).click();
    await page.getByText('Saved. Every DirectSeal window will show this phrase.').waitFor();
    await shoot(page, '3-patient-phrase');

    await continueTo(page, 'Your key');
    await page.getByLabel('Your name').fill('Pat Lee');
    await page.getByLabel('Your e-mail address').fill(PATIENT);
    await page.getByLabel('Passphrase for the spare copy').fill('patient spare pass');
    await page.getByLabel('The same passphrase again').fill('patient spare pass');
    await shoot(page, '4-patient-key');
    const spare = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Make my key' }).click();
    expect((await spare).suggestedFilename()).toBe(`${PATIENT}-key-backup.p12`);
    await page.getByRole('button', { name: 'I put the spare copy somewhere safe' }).waitFor();
    await shoot(page, '5-patient-spare-copy');
    // The key cannot be used before the spare copy is confirmed: Continue stays shut.
    await expect(page.getByRole('button', { name: 'Continue' }).getAttribute('aria-disabled')).resolves.toBe('true');
    await page.getByRole('button', { name: 'I put the spare copy somewhere safe' }).click();
    await page.getByText(`Your key is made for ${PATIENT}, and you kept its spare copy.`).waitFor();

    await continueTo(page, 'Your request for the practice');
    await page.getByLabel('Date of birth').fill('1980-04-02');
    await page.getByLabel('Phone number').fill('555 0100');
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save my request file' }).click();
    const download = await saved;
    expect(download.suggestedFilename()).toBe(`${PATIENT}.directseal-request`);
    requestFile = join(work, download.suggestedFilename());
    await download.saveAs(requestFile);
    const request = JSON.parse(readFileSync(requestFile, 'utf8'));
    expect(request).toMatchObject({ type: 'directseal-enrollment-request', name: 'Pat Lee', address: PATIENT, dateOfBirth: '1980-04-02', phone: '555 0100' });
    await shoot(page, '6-patient-request-file');

    // The patient's path never shows the practice's words unexplained.
    const words = await page.locator('main').innerText();
    expect(words).not.toMatch(/HISP|CSR/);

    await continueTo(page, 'The welcome file from your practice');
    await shoot(page, '7-patient-waiting-for-welcome');
  });

  it('the practice issues a welcome file from the request in Settings; the patient compares the fingerprint and is ready', async () => {
    practice = await launchExtension();
    await provision(practice);
    const b64 = (path: string) => readFileSync(path).toString('base64');
    await service(practice, 'identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    await service(practice, 'anchors.import', { bytes: b64(pki.anchorPem) });
    await service(practice, 'ca.create', { practiceName: 'Lakeside Family Practice', backupPassphrase: 'ca backup passphrase' });
    await service(practice, 'ca.confirmBackup', {});
    const ca = await service(practice, 'ca.status');

    const options = await practice.context.newPage();
    await options.goto(practice.url('options.html#practice-ca'));
    const issue = options.getByRole('form', { name: 'Issue a patient certificate' });
    await issue.getByLabel("Patient's request file").setInputFiles(requestFile);
    const who = issue.getByRole('group', { name: 'Who the request is from' });
    await who.getByText('Pat Lee').waitFor();
    await who.getByText('1980-04-02').waitFor();
    await options.locator('#practice-ca').screenshot({ path: join(SHOTS, '8-practice-issues-welcome.png') });
    const issued = options.waitForEvent('download');
    await issue.getByRole('button', { name: 'It is them: issue the welcome file' }).click();
    const welcome = await issued;
    expect(welcome.suggestedFilename()).toBe(`${PATIENT}.directseal-welcome`);
    const welcomeFile = join(work, welcome.suggestedFilename());
    await welcome.saveAs(welcomeFile);
    await options.close();

    const page = await setupTab(patient);
    await page.getByLabel('Welcome file from your practice', { exact: true }).setInputFiles(welcomeFile);
    const compare = page.getByRole('group', { name: 'Check the welcome file' });
    await compare.getByRole('heading', { name: 'From Lakeside Family Practice' }).waitFor();
    // The letters the patient compares are the practice CA's fingerprint, as the practice's Settings shows it.
    const shown = (await compare.locator('.ds-fingerprint').getAttribute('title'))!;
    expect(shown).toBe(ca.fingerprint);
    await shoot(page, '9-patient-compares-fingerprint');
    await compare.getByRole('button', { name: 'The letters match: set up' }).click();
    await page.getByText(`You are set up: your certificate for ${PATIENT} is in place.`).waitFor();

    const [identity] = await service(patient, 'identities.list');
    expect(identity).toMatchObject({ address: PATIENT, state: 'ready' });
    const contacts = await service(patient, 'contacts.list');
    expect(contacts.map((c: { address: string; certificates: { status: string }[] }) => [c.address, c.certificates[0]!.status])).toEqual([[pki.doctor.address, 'trusted']]);

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: /You are ready for secure mail/ }).waitFor();
    await page.getByText('click Open securely').waitFor();
    await shoot(page, '10-patient-finished');
  });

  it('a physician sets up with the .p12 from their HISP, skips what they do later, and is told what to do next', async () => {
    const physician = await launchExtension({ keepSetup: true });
    try {
      const page = await setupTab(physician);
      await page.getByRole('button', { name: /I am a physician/ }).click();
      await choosePassphrase(page);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Skip for now' }).click();

      await page.getByRole('heading', { level: 1, name: 'Your Direct identity' }).waitFor();
      await page.getByText(/A HISP \(Health Information Service Provider\) is/).waitFor();
      await page.getByLabel('Identity file (.p12 or .pfx)').setInputFiles(pki.doctor.p12);
      await page.getByLabel('Passphrase of the file').fill(pki.password);
      await page.getByRole('button', { name: 'Import identity' }).click();
      await page.locator('.setup-step__nav button:not([aria-disabled])', { hasText: 'Continue' }).waitFor();
      await shoot(page, '11-physician-identity');

      await continueTo(page, 'Trust anchors');
      await page.getByText(/A trust anchor is the certificate of an authority/).waitFor();
      await page.getByLabel('Anchor files').setInputFiles(pki.anchorPem);
      await page.getByRole('button', { name: 'Import anchors' }).click();
      await page.getByText('Added 1 trust anchor.').waitFor();
      await shoot(page, '12-physician-anchors');

      await continueTo(page, 'Your first contact');
      await page.getByRole('button', { name: 'Skip for now' }).click();
      await page.getByRole('heading', { level: 1, name: /You are set up/ }).waitFor();
      await page.getByText('You left 2 steps for later: Your security phrase, Your first contact.').waitFor();
      await shoot(page, '13-physician-finished');

      // Setup resumes where it stands: opened again, it shows the finished state, not the role question.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: /You are set up/ }).waitFor();
      expect((await service(physician, 'identities.list'))[0].state).toBe('ready');
    } finally {
      await physician.close();
    }
  });
  it('a practice sets up its identity, anchors and its CA for patients, each step explained', async () => {
    const ext = await launchExtension({ keepSetup: true });
    try {
      const page = await setupTab(ext);
      await page.getByRole('button', { name: /I set up a practice/ }).click();
      await page.getByText('Step 1 of 6').waitFor();
      await choosePassphrase(page);
      await continueTo(page, 'Your security phrase');
      await page.getByRole('button', { name: 'Skip for now' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your Direct identity' }).waitFor();
      await page.getByLabel('Identity file (.p12 or .pfx)').setInputFiles(pki.doctor.p12);
      await page.getByLabel('Passphrase of the file').fill(pki.password);
      await page.getByRole('button', { name: 'Import identity' }).click();
      await continueTo(page, 'Trust anchors');
      await page.getByLabel('Anchor files').setInputFiles(pki.anchorPem);
      await page.getByRole('button', { name: 'Import anchors' }).click();
      await page.getByText('Added 1 trust anchor.').waitFor();

      await continueTo(page, 'Patients without a HISP');
      await page.getByText(/For patients who have no HISP, your practice can issue their certificates itself/).waitFor();
      await page.getByLabel('Practice name').fill('Lakeside Family Practice');
      await page.getByLabel('Backup passphrase', { exact: true }).fill('ca backup passphrase');
      await page.getByLabel('Backup passphrase again').fill('ca backup passphrase');
      const backup = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Create CA and backup' }).click();
      expect((await backup).suggestedFilename()).toBe('practice-ca-backup.p12');
      await page.getByRole('button', { name: 'I kept the backup file safe' }).click();
      await page.getByText('Ready to issue').waitFor();
      await shoot(page, '14-practice-ca');

      await continueTo(page, 'Your first contact');
      await shoot(page, '15-practice-contact');
      await page.getByRole('button', { name: 'Skip for now' }).click();
      await page.getByRole('heading', { level: 1, name: /Your practice is set up/ }).waitFor();
      await page.getByText(/Issue patients’ certificates/).waitFor();
      await shoot(page, '16-practice-finished');
      expect((await service(ext, 'ca.status')).backupConfirmed).toBe(true);
    } finally {
      await ext.close();
    }
  });
});
