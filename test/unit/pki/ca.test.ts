/**
 * A practice's own CA for patients (issue 10, part 1): the CA certificate and the certificates it issues
 * are what openssl accepts as an S/MIME chain, what our own path validation and Direct binding accept, and
 * a message sealed to an issued certificate opens with the patient's key and verifies against the CA.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPracticeCa, issueCertificate } from '../../../utils/pki/ca';
import { generateIdentityRequest } from '../../../utils/pki/csr';
import { toPem, validateCertificatePath, directBinding, checkEncryptionKeyUsage, checkSigningKeyUsage } from '../../../utils/pki';
import { localPrivateKey } from '../../../utils/cms/keys';
import { seal } from '../../../utils/direct/seal';
import { open } from '../../../utils/direct/open';
import { isDirectSealError } from '../../../utils/errors';
import { opensslResult, tempDir } from '../../support/pki-fixture';

const PATIENT = 'pat.patient@mail.example.test';

async function practiceAndPatient() {
  const ca = await createPracticeCa({ practiceName: 'Lakeside Family Practice', modulusLength: 2048 });
  const request = await generateIdentityRequest({ address: PATIENT, commonName: 'Pat Patient' });
  return { ca, request };
}

describe('practice CA', () => {
  it('issues a certificate openssl verifies for S/MIME signing and encryption under the CA', async () => {
    const { ca, request } = await practiceAndPatient();
    const leaf = await issueCertificate({ ca, request: new TextEncoder().encode(request.csrPem), address: PATIENT });
    const dir = tempDir('ds-ca-');
    writeFileSync(join(dir, 'ca.pem'), toPem('CERTIFICATE', ca.certificate));
    writeFileSync(join(dir, 'leaf.pem'), toPem('CERTIFICATE', leaf));
    for (const purpose of ['smimesign', 'smimeencrypt']) {
      const r = opensslResult(['verify', '-CAfile', join(dir, 'ca.pem'), '-purpose', purpose, join(dir, 'leaf.pem')]);
      expect(`${purpose}: ${r.stdout}${r.stderr}`).toContain(': OK');
    }
    const text = opensslResult(['x509', '-in', join(dir, 'leaf.pem'), '-noout', '-ext', 'subjectAltName,basicConstraints,keyUsage']).stdout;
    expect(text).toContain(`email:${PATIENT}`);
    expect(text).toContain('CA:FALSE');
    expect(text).toMatch(/Digital Signature, Key Encipherment/);
  });

  it('is judged by our own path validation and Direct binding like a HISP-issued certificate', async () => {
    const { ca, request } = await practiceAndPatient();
    const leaf = await issueCertificate({ ca, request: request.csrDer, address: PATIENT });
    const path = await validateCertificatePath({ leaf, intermediates: [], anchors: [ca.certificate], at: new Date() });
    expect(path.status).toBe('trusted');
    expect(directBinding(leaf, PATIENT)).toBeTruthy();
    expect(checkEncryptionKeyUsage(leaf)).toBe(true);
    expect(checkSigningKeyUsage(leaf)).toBe(true);
  });

  it('a message sealed to the patient opens with the patient key and verifies against the practice CA', async () => {
    const { ca, request } = await practiceAndPatient();
    const leaf = await issueCertificate({ ca, request: request.csrDer, address: PATIENT });
    const doctorRequest = await generateIdentityRequest({ address: 'dr.lee@direct.lakeside.test' });
    const doctor = await issueCertificate({ ca, request: doctorRequest.csrDer, address: 'dr.lee@direct.lakeside.test' });
    const message = new TextEncoder().encode(`From: dr.lee@direct.lakeside.test\r\nTo: ${PATIENT}\r\nSubject: Welcome\r\n\r\nHello Pat.\r\n`);
    const sealed = await seal(message, { certificate: doctor, chain: [], key: localPrivateKey(doctorRequest.privateKeyPkcs8) }, [leaf]);
    const opened = await open(sealed, [{ certificate: leaf, key: localPrivateKey(request.privateKeyPkcs8) }], [ca.certificate]);
    expect(opened.verdict.status).toBe('verified');
    expect(new TextDecoder().decode(opened.message)).toContain('Hello Pat.');
  });

  it('refuses a request for another address, a request whose signature does not match, and a non-CA issuer', async () => {
    const { ca, request } = await practiceAndPatient();
    const code = (p: Promise<unknown>) => p.then(() => 'issued', (e: unknown) => (isDirectSealError(e) ? e.code : String(e)));
    expect(await code(issueCertificate({ ca, request: request.csrDer, address: 'someone.else@mail.example.test' }))).toBe('CERT_REQUEST_INVALID');
    const tampered = request.csrDer.slice();
    tampered[tampered.length - 5]! ^= 0x01; // inside the signature
    expect(await code(issueCertificate({ ca, request: tampered, address: PATIENT }))).toBe('CERT_REQUEST_INVALID');
    expect(await code(issueCertificate({ ca, request: new TextEncoder().encode('not a request'), address: PATIENT }))).toBe('CERT_REQUEST_INVALID');
    const leaf = await issueCertificate({ ca, request: request.csrDer, address: PATIENT });
    expect(await code(issueCertificate({ ca: { certificate: leaf, privateKeyPkcs8: request.privateKeyPkcs8 }, request: request.csrDer, address: PATIENT }))).toBe('USAGE');
  });

  it('never issues past the CA\'s own end of validity', async () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const ca = await createPracticeCa({ practiceName: 'Short Lived Clinic', modulusLength: 2048, validYears: 1, now });
    const request = await generateIdentityRequest({ address: PATIENT });
    const leaf = await issueCertificate({ ca, request: request.csrDer, address: PATIENT, validDays: 3650, now });
    const dir = tempDir('ds-ca-');
    writeFileSync(join(dir, 'ca.pem'), toPem('CERTIFICATE', ca.certificate));
    writeFileSync(join(dir, 'leaf.pem'), toPem('CERTIFICATE', leaf));
    const end = (f: string) => opensslResult(['x509', '-in', join(dir, f), '-noout', '-enddate']).stdout.trim();
    expect(end('leaf.pem')).toBe(end('ca.pem'));
  });
});
