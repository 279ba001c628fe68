/**
 * Enrollment through the key service (issue 10.1): the practice issues a welcome file from a patient's
 * enrollment request; the patient's DirectSeal imports it and is ready (certificate, anchors, the practice as
 * a contact), and refuses one made for another key without changing anything.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { utf8 } from '../../../utils/bytes';
import { writeEnrollmentRequest } from '../../../utils/direct/enrollment';
import { toWire } from '../../../utils/keyservice/wire';
import { bytes, testPki, type TestPki } from '../../support/pki-fixture';
import { installKeyService } from '../../support/key-service';

const PATIENT = 'pat.lee@mail.example.test';
const LOCK = { passphrase: 'unit lock passphrase', idleMinutes: 15 };

let pki: TestPki;
beforeAll(async () => {
  pki = await testPki();
});

async function practice() {
  const svc = await installKeyService();
  await svc.call('lock.enable', LOCK);
  await svc.call('identities.importP12', { p12: toWire(bytes(pki.doctor.p12)), passphrase: pki.password });
  await svc.call('anchors.import', { bytes: toWire(bytes(pki.anchorPem)) });
  await svc.call('ca.create', { practiceName: 'Lakeside Family Practice', backupPassphrase: 'ca backup passphrase' });
  await svc.call('ca.confirmBackup', {});
  return svc;
}

/** A patient's DirectSeal after setup's first steps: passphrase, key made, backup confirmed; and its request file. */
async function patient() {
  const svc = await installKeyService();
  await svc.call('lock.enable', LOCK);
  const made = await svc.call('identities.generate', { address: PATIENT, commonName: 'Pat Lee', modulusLength: 2048, backupPassphrase: 'patient backup pass' });
  await svc.call('identities.confirmBackup', { id: made.identity.id });
  const enrollment = writeEnrollmentRequest({ name: 'Pat Lee', address: PATIENT, dateOfBirth: '1980-04-02' }, made.csrPem);
  return { ...svc, enrollment };
}

describe('welcome file through the key service', () => {
  it('the patient imports the welcome file the practice issued and is ready, with the practice as a trusted contact', async () => {
    const doc = await practice();
    const pat = await patient();
    const issued = await doc.call('ca.issueWelcome', { enrollment: toWire(utf8(pat.enrollment)) });
    expect(issued.filename).toBe(`${PATIENT}.directseal-welcome`);
    const ca = await doc.call('ca.status', {});
    expect(issued.caFingerprint).toBe(ca!.fingerprint);

    const done = await pat.call('identities.importWelcome', { welcome: toWire(utf8(issued.welcome)) });
    expect(done.practiceName).toBe('Lakeside Family Practice');
    expect(done.practiceAddress).toBe(pki.doctor.address);
    expect(done.identity.state).toBe('ready');
    expect(done.identity.address).toBe(PATIENT);
    const anchors = await pat.call('anchors.list', {});
    expect(anchors.map((a) => a.fingerprint.toUpperCase())).toContain(ca!.fingerprint.replace(/:/g, ''));
    expect(anchors).toHaveLength(2); // the practice CA, and the root the practice's own certificate chains to
    const contacts = await pat.call('contacts.list', {});
    expect(contacts.map((c) => [c.address, c.certificates[0]!.status])).toEqual([[pki.doctor.address, 'trusted']]);
    // The patient can write to the practice at once.
    const lookup = await pat.call('contacts.lookup', { addresses: [pki.doctor.address] });
    expect(lookup[pki.doctor.address]).toBe('trusted');

    // Importing it again changes nothing and says the same.
    const again = await pat.call('identities.importWelcome', { welcome: toWire(utf8(issued.welcome)) });
    expect(again.identity.id).toBe(done.identity.id);
    expect(await pat.call('identities.list', {})).toHaveLength(1);
  }, 120_000);

  it('refuses a welcome file made for another key, and keeps nothing of it', async () => {
    const doc = await practice();
    const pat = await patient();
    const stranger = await patient();
    const issued = await doc.call('ca.issueWelcome', { enrollment: toWire(utf8(stranger.enrollment)) });
    const out = await pat.send('identities.importWelcome', { welcome: toWire(utf8(issued.welcome)) });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.code).toBe('WELCOME_KEY_MISMATCH');
    expect(await pat.call('anchors.list', {})).toEqual([]);
    expect(await pat.call('contacts.list', {})).toEqual([]);
    expect((await pat.call('identities.list', {}))[0]!.state).toBe('awaiting-certificate');
  }, 120_000);

  it('the practice needs its own identity and refuses what is not an enrollment request', async () => {
    const doc = await practice();
    const pat = await patient();
    const garbage = await doc.send('ca.issueWelcome', { enrollment: toWire(utf8('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n')) });
    expect(!garbage.ok && garbage.error.code).toBe('ENROLLMENT_FILE_INVALID');
    const list = await doc.call('identities.list', {});
    await doc.call('identities.delete', { id: list[0]!.id });
    const none = await doc.send('ca.issueWelcome', { enrollment: toWire(utf8(pat.enrollment)) });
    expect(!none.ok && none.error.code).toBe('NO_IDENTITY');
  }, 120_000);
});
