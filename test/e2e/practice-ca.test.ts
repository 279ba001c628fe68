/**
 * A practice without a HISP gives a patient a Direct certificate from the options page (issue 10, part 1):
 * it makes its CA (the backup .p12 is downloaded first and confirmed), issues from a request the patient's
 * DirectSeal made, and openssl verifies the certificate under the CA for S/MIME.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, ROOT, type LaunchedExtension } from './support/browser';
import { provision, service } from './support/service';

const SHOTS = join(ROOT, 'artifacts/e2e');
const PATIENT = 'pat.patient@mail.example.test';

describe('practice CA in the options page', () => {
  let practice: LaunchedExtension;
  let patient: LaunchedExtension;
  let work: string;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'ds-practice-ca-'));
    practice = await launchExtension();
    patient = await launchExtension();
    await provision(practice);
    await provision(patient);
  });
  afterAll(async () => {
    await practice?.close();
    await patient?.close();
  });

  it('makes the CA with its backup first, and issues only once the backup is confirmed', async () => {
    const page = await practice.context.newPage();
    await page.goto(practice.url('options.html#practice-ca'));
    const section = page.getByRole('region', { name: 'Patients without a HISP' });
    const form = section.getByRole('form', { name: 'Create a practice CA' });
    await form.getByLabel('Practice name').fill('Lakeside Family Practice');
    await form.getByLabel('Backup passphrase', { exact: true }).fill('ca backup passphrase');
    await form.getByLabel('Backup passphrase again').fill('ca backup passphrase');
    const backup = page.waitForEvent('download');
    await form.getByRole('button', { name: 'Create CA and backup' }).click();
    const file = await backup;
    expect(file.suggestedFilename()).toBe('practice-ca-backup.p12');
    const p12 = join(work, 'ca-backup.p12');
    await file.saveAs(p12);
    // The backup holds the CA key and certificate, under the passphrase.
    expect(execFileSync('openssl', ['pkcs12', '-in', p12, '-nodes', '-passin', 'pass:ca backup passphrase']).toString()).toContain('BEGIN PRIVATE KEY');
    const card = section.getByRole('article', { name: 'Practice CA of Lakeside Family Practice' });
    await card.getByText('Backup not confirmed').waitFor();
    await expect(service(practice, 'ca.issue', { request: '', address: PATIENT })).rejects.toThrow(/BACKUP_REQUIRED/);
    await card.getByRole('button', { name: 'I kept the backup file safe' }).click();
    await card.getByText('Ready to issue').waitFor();
    await page.close();
  });

  it('issues the patient a certificate from the request their DirectSeal made; openssl verifies it for S/MIME', async () => {
    // The patient's side: a new key and its request, as Settings → Create a new key makes them.
    const made = await service(patient, 'identities.generate', { address: PATIENT, commonName: 'Pat Patient', modulusLength: 2048, backupPassphrase: 'patient backup pass' });
    writeFileSync(join(work, 'request.csr'), made.csrPem);

    const page = await practice.context.newPage();
    await page.goto(practice.url('options.html#practice-ca'));
    const issue = page.getByRole('form', { name: 'Issue a patient certificate' });
    await issue.getByLabel("Patient's request file").setInputFiles(join(work, 'request.csr'));
    await issue.getByLabel("Patient's e-mail address").fill(PATIENT);
    const issued = page.waitForEvent('download');
    await issue.getByRole('button', { name: 'Issue certificate' }).click();
    const file = await issued;
    expect(file.suggestedFilename()).toBe(`${PATIENT}-certificate.pem`);
    const chain = join(work, 'chain.pem');
    await file.saveAs(chain);
    await page.locator('#practice-ca').screenshot({ path: join(SHOTS, 'options-practice-ca.png') });
    const caPem = join(work, 'ca.pem');
    writeFileSync(caPem, (await service(practice, 'ca.status')).certificatePem);
    for (const purpose of ['smimesign', 'smimeencrypt']) {
      expect(execFileSync('openssl', ['verify', '-CAfile', caPem, '-purpose', purpose, chain]).toString()).toContain(': OK');
    }
    // The patient imports it on the pending identity and the CA as their anchor: the identity is ready.
    await service(patient, 'identities.confirmBackup', { id: made.identity.id });
    const ready = await service(patient, 'identities.importCertificate', { id: made.identity.id, certificates: readFileSync(chain).toString('base64') });
    expect(ready.state).toBe('ready');
    await service(patient, 'anchors.import', { bytes: readFileSync(caPem).toString('base64') });
    await page.close();
  });

  it('refuses a request made for another address', async () => {
    const page = await practice.context.newPage();
    await page.goto(practice.url('options.html#practice-ca'));
    const issue = page.getByRole('form', { name: 'Issue a patient certificate' });
    await issue.getByLabel("Patient's request file").setInputFiles(join(work, 'request.csr'));
    await issue.getByLabel("Patient's e-mail address").fill('someone.else@mail.example.test');
    await issue.getByRole('button', { name: 'Issue certificate' }).click();
    await issue.getByRole('alert').filter({ hasText: 'names another address' }).waitFor();
    await page.close();
  });
});
