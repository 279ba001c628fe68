/**
 * The CLI side of patient enrollment (issue 10.1): `request --enrollment` makes the patient's enrollment
 * request file, `ca issue --welcome` turns it into the welcome file a patient's DirectSeal imports; openssl
 * accepts the issued certificate, and the refusals come with their codes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEnrollmentRequest } from '../../../utils/direct/enrollment';
import { readWelcome } from '../../../utils/direct/welcome';
import { keyMatchesCertificate, readPkcs12Key, toPem } from '../../../utils/pki';
import { directseal } from '../../support/directseal-process';
import { opensslResult, tempDir } from '../../support/pki-fixture';

const PASS = 'practice-pass-1';
const PATIENT = 'pat.lee@mail.example.test';
const PRACTICE = 'front.desk@direct.lakeside.test';

describe('directseal request --enrollment and ca issue --welcome', () => {
  let dir: string;
  const at = (f: string) => join(dir, f);

  beforeAll(async () => {
    dir = tempDir('ds-cli-enroll-');
    // The practice's own Direct certificate, from its "HISP" (here another small CA), and its patient CA.
    for (const [ca, name] of [['hisp', 'Example HISP'], ['ca', 'Lakeside Family Practice']] as const) {
      const init = await directseal(['ca', 'init', '--name', name, '--out', at(`${ca}.p12`), '--pass', PASS, '--cert-out', at(`${ca}.pem`)]);
      expect(init.code, init.stderr).toBe(0);
    }
    const practiceReq = await directseal(['request', '--address', PRACTICE, '--key-out', at('practice-key.p12'), '--pass', PASS, '--out', at('practice-req.pem')]);
    expect(practiceReq.code, practiceReq.stderr).toBe(0);
    const practice = await directseal(['ca', 'issue', '--ca', at('hisp.p12'), '--pass', PASS, '--request', at('practice-req.pem'), '--address', PRACTICE, '--out', at('practice.pem')]);
    expect(practice.code, practice.stderr).toBe(0);
  }, 120_000);

  it('a patient’s enrollment request becomes a welcome file for their key, with the CA and the practice', async () => {
    const req = await directseal(['request', '--address', PATIENT, '--name', 'Pat Lee', '--dob', '1980-04-02', '--key-out', at('pat-key.p12'), '--pass', PASS, '--enrollment', at('pat.directseal-request')]);
    expect(req.code, req.stderr).toBe(0);
    expect(req.stdout.length).toBe(0); // the request is inside the enrollment file, not on stdout
    const enrollment = await readEnrollmentRequest(new Uint8Array(readFileSync(at('pat.directseal-request'))));
    expect(enrollment).toMatchObject({ name: 'Pat Lee', address: PATIENT, dateOfBirth: '1980-04-02' });

    const issued = await directseal([
      'ca', 'issue', '--ca', at('ca.p12'), '--pass', PASS, '--request', at('pat.directseal-request'),
      '--welcome', at('pat.directseal-welcome'), '--practice-cert', at('practice.pem'), '--practice-anchor', at('hisp.pem'),
    ]);
    expect(issued.code, issued.stderr).toBe(0);
    expect(issued.stderr).toContain('Pat Lee <pat.lee@mail.example.test>, born 1980-04-02');

    const welcome = await readWelcome(new Uint8Array(readFileSync(at('pat.directseal-welcome'))));
    expect(welcome.practiceName).toBe('Lakeside Family Practice');
    expect(welcome.practiceAddress).toBe(PRACTICE);
    expect(welcome.patientAddress).toBe(PATIENT);
    const key = await readPkcs12Key(new Uint8Array(readFileSync(at('pat-key.p12'))), PASS);
    expect(keyMatchesCertificate(key, welcome.patientCertificate)).toBe(true);
    expect(welcome.anchors.map((a) => toPem('CERTIFICATE', a))).toEqual([readFileSync(at('ca.pem'), 'utf8'), readFileSync(at('hisp.pem'), 'utf8')]);
    writeFileSync(at('pat-cert.pem'), toPem('CERTIFICATE', welcome.patientCertificate));
    expect(opensslResult(['verify', '-CAfile', at('ca.pem'), '-purpose', 'smimeencrypt', at('pat-cert.pem')]).stdout).toContain(': OK');
  }, 60_000);

  it('refuses: --welcome without the practice certificate, another address than the request’s, a damaged request file', async () => {
    const req = await directseal(['request', '--address', PATIENT, '--name', 'Pat Lee', '--key-out', at('p2-key.p12'), '--pass', PASS, '--enrollment', at('p2.directseal-request')]);
    expect(req.code, req.stderr).toBe(0);
    const base = ['ca', 'issue', '--ca', at('ca.p12'), '--pass', PASS, '--welcome', at('p2.directseal-welcome')];
    const noPractice = await directseal([...base, '--request', at('p2.directseal-request')]);
    expect(noPractice.code).toBe(2);
    expect(noPractice.stderr).toContain('error: USAGE');
    const other = await directseal([...base, '--request', at('p2.directseal-request'), '--address', 'someone@else.test', '--practice-cert', at('practice.pem')]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('error: CERT_REQUEST_INVALID');
    const json = JSON.parse(readFileSync(at('p2.directseal-request'), 'utf8'));
    writeFileSync(at('broken.directseal-request'), JSON.stringify({ ...json, certificateRequest: 'not a request' }));
    const broken = await directseal([...base, '--request', at('broken.directseal-request'), '--practice-cert', at('practice.pem')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('error: ENROLLMENT_FILE_INVALID');
    const noName = await directseal(['request', '--address', PATIENT, '--key-out', at('p3-key.p12'), '--pass', PASS, '--enrollment', at('p3.directseal-request')]);
    expect(noName.code).toBe(2);
  }, 60_000);
});
