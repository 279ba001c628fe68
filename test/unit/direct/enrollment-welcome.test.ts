/**
 * The patient's enrollment request file and the practice's welcome file (issue 10.1): a round trip through
 * the practice CA, and the refusals a patient or practice can meet (another key, another type, garbage, a
 * changed file).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { utf8 } from '../../../utils/bytes';
import { isDirectSealError, type ErrorCode } from '../../../utils/errors';
import { createPracticeCa, issueCertificate, type IssuerKey } from '../../../utils/pki/ca';
import { certificateInfo, keyMatchesCertificate } from '../../../utils/pki';
import { generateIdentityRequest } from '../../../utils/pki/csr';
import { enrollmentFilename, isEnrollmentFile, readEnrollmentRequest, requestDer, writeEnrollmentRequest } from '../../../utils/direct/enrollment';
import { readWelcome, welcomeFilename, writeWelcome } from '../../../utils/direct/welcome';

const PATIENT = 'pat.lee@mail.example.test';
const PRACTICE = 'front.desk@direct.lakeside.test';

async function codeOf(p: Promise<unknown>): Promise<ErrorCode | string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return isDirectSealError(e) ? e.code : String(e);
  }
}

describe('enrollment request and welcome file', () => {
  let ca: IssuerKey;
  let hisp: IssuerKey;
  let practiceCert: Uint8Array;
  let patient: Awaited<ReturnType<typeof generateIdentityRequest>>;
  let other: Awaited<ReturnType<typeof generateIdentityRequest>>;
  let enrollmentText: string;
  let welcomeText: string;

  beforeAll(async () => {
    ca = await createPracticeCa({ practiceName: 'Lakeside Family Practice', modulusLength: 2048 });
    hisp = await createPracticeCa({ practiceName: 'Example HISP', modulusLength: 2048 });
    const practiceReq = await generateIdentityRequest({ address: PRACTICE, modulusLength: 2048 });
    practiceCert = await issueCertificate({ ca: hisp, request: utf8(practiceReq.csrPem), address: PRACTICE });
    patient = await generateIdentityRequest({ address: PATIENT, commonName: 'Pat Lee', modulusLength: 2048 });
    other = await generateIdentityRequest({ address: PATIENT, modulusLength: 2048 });
    enrollmentText = writeEnrollmentRequest({ name: 'Pat Lee', address: ' Pat.Lee@Mail.Example.Test ', phone: '555 0100', dateOfBirth: '1980-04-02' }, patient.csrPem);
    const enrollment = await readEnrollmentRequest(utf8(enrollmentText));
    const leaf = await issueCertificate({ ca, request: requestDer(enrollment), address: enrollment.address, commonName: enrollment.name });
    welcomeText = await writeWelcome({
      ca,
      practiceName: 'Lakeside Family Practice',
      practiceCertificates: [practiceCert],
      practiceAnchors: [hisp.certificate],
      patientCertificate: leaf,
      patientName: enrollment.name,
    });
  }, 60_000);

  it('an enrollment request carries the details and the request, and reads back the same', async () => {
    const read = await readEnrollmentRequest(utf8(enrollmentText));
    expect(read).toMatchObject({ name: 'Pat Lee', address: PATIENT, phone: '555 0100', dateOfBirth: '1980-04-02' });
    expect(read.certificateRequest).toContain('BEGIN CERTIFICATE REQUEST');
    expect(JSON.parse(enrollmentText).type).toBe('directseal-enrollment-request');
    expect(isEnrollmentFile(utf8(enrollmentText))).toBe(true);
    expect(isEnrollmentFile(utf8(patient.csrPem))).toBe(false);
    expect(enrollmentFilename(PATIENT)).toBe(`${PATIENT}.directseal-request`);
  });

  it('refuses an enrollment file of another type, garbage, a request for another address, a broken request', async () => {
    const json = JSON.parse(enrollmentText);
    expect(await codeOf(readEnrollmentRequest(utf8(JSON.stringify({ ...json, type: 'directseal-welcome' }))))).toBe('ENROLLMENT_FILE_INVALID');
    expect(await codeOf(readEnrollmentRequest(utf8('%PDF-1.4 not json')))).toBe('ENROLLMENT_FILE_INVALID');
    expect(await codeOf(readEnrollmentRequest(utf8(JSON.stringify({ ...json, name: '' }))))).toBe('ENROLLMENT_FILE_INVALID');
    expect(await codeOf(readEnrollmentRequest(utf8(JSON.stringify({ ...json, address: 'someone.else@mail.example.test' }))))).toBe('ENROLLMENT_FILE_INVALID');
    // One character of the request's signature changed: the request no longer proves the key.
    const pem: string = json.certificateRequest;
    const lines = pem.split('\n');
    const i = lines.length - 4;
    lines[i] = lines[i]!.slice(0, 10) + (lines[i]![10] === 'A' ? 'B' : 'A') + lines[i]!.slice(11);
    expect(await codeOf(readEnrollmentRequest(utf8(JSON.stringify({ ...json, certificateRequest: lines.join('\n') }))))).toBe('CERT_REQUEST_INVALID');
  });

  it('a welcome file carries the certificate for the patient’s key, the CA as anchor, the practice as contact', async () => {
    const welcome = await readWelcome(utf8(welcomeText));
    expect(welcome.practiceName).toBe('Lakeside Family Practice');
    expect(welcome.practiceAddress).toBe(PRACTICE);
    expect(welcome.patientAddress).toBe(PATIENT);
    expect(keyMatchesCertificate(patient.privateKeyPkcs8, welcome.patientCertificate)).toBe(true);
    expect(keyMatchesCertificate(other.privateKeyPkcs8, welcome.patientCertificate)).toBe(false);
    expect(welcome.caCertificate).toEqual(ca.certificate);
    expect(welcome.caFingerprint).toBe((await certificateInfo(ca.certificate)).fingerprintSha256);
    expect(welcome.anchors).toEqual([ca.certificate, hisp.certificate]);
    expect(welcome.practiceCertificates).toEqual([practiceCert]);
    expect(welcomeFilename(PATIENT)).toBe(`${PATIENT}.directseal-welcome`);
  });

  it('refuses a welcome file that was changed, of another type, or garbage', async () => {
    const outer = JSON.parse(welcomeText);
    // The practice's contact swapped for another certificate, signature kept: the change shows.
    const content = JSON.parse(outer.content);
    const swapped = { ...content, practice: { ...content.practice, address: 'mallory@direct.evil.test' } };
    expect(await codeOf(readWelcome(utf8(JSON.stringify({ ...outer, content: JSON.stringify(swapped, null, 2) }))))).toBe('WELCOME_FILE_INVALID');
    expect(await codeOf(readWelcome(utf8(JSON.stringify({ ...outer, type: 'directseal-enrollment-request' }))))).toBe('WELCOME_FILE_INVALID');
    expect(await codeOf(readWelcome(utf8(enrollmentText)))).toBe('WELCOME_FILE_INVALID');
    expect(await codeOf(readWelcome(utf8('garbage')))).toBe('WELCOME_FILE_INVALID');
    expect(await codeOf(readWelcome(utf8(JSON.stringify({ ...outer, signature: 'AAAA' }))))).toBe('WELCOME_FILE_INVALID');
  });

  it('refuses a welcome file whose patient certificate another CA issued, even when that CA signed the file', async () => {
    const welcome = await readWelcome(utf8(welcomeText));
    // The HISP signs a file naming itself as the CA, around a certificate the practice CA issued.
    const forged = await writeWelcome({ ca: hisp, practiceName: 'Lakeside', practiceCertificates: [practiceCert], patientCertificate: welcome.patientCertificate });
    expect(await codeOf(readWelcome(utf8(forged)))).toBe('WELCOME_FILE_INVALID');
  });
});
