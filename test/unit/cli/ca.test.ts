/**
 * `directseal ca init`, `ca issue` and `request` (issue 10, part 1) as practice IT runs them: a practice CA,
 * a patient's key and request, the issued certificate; openssl accepts the chain, and the patient opens a
 * message the doctor sealed to that certificate with `--key KEY.p12 --cert CERT.pem`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { directseal } from '../../support/directseal-process';
import { openssl, opensslResult, tempDir } from '../../support/pki-fixture';

const PASS = 'practice-pass-1';
const PATIENT = 'pat.patient@mail.example.test';
const DOCTOR = 'dr.lee@direct.lakeside.test';

describe('directseal ca and request', () => {
  let dir: string;
  const at = (f: string) => join(dir, f);

  beforeAll(async () => {
    dir = tempDir('ds-cli-ca-');
    const init = await directseal(['ca', 'init', '--name', 'Lakeside Family Practice', '--out', at('ca.p12'), '--pass', PASS, '--cert-out', at('ca.pem')]);
    expect(init.stderr).toContain('practice CA made');
    expect(init.code).toBe(0);
    for (const [who, address] of [['patient', PATIENT], ['doctor', DOCTOR]] as const) {
      const req = await directseal(['request', '--address', address, '--name', who, '--key-out', at(`${who}-key.p12`), '--pass', PASS, '--out', at(`${who}-req.pem`)]);
      expect(req.code, req.stderr).toBe(0);
      const issued = await directseal(['ca', 'issue', '--ca', at('ca.p12'), '--pass', PASS, '--request', at(`${who}-req.pem`), '--address', address, '--out', at(`${who}.pem`)]);
      expect(issued.code, issued.stderr).toBe(0);
    }
  }, 120_000);

  it('issues a chain (certificate, then CA) that openssl verifies for S/MIME', () => {
    const pem = readFileSync(at('patient.pem'), 'utf8');
    expect(pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    for (const purpose of ['smimesign', 'smimeencrypt']) {
      const r = opensslResult(['verify', '-CAfile', at('ca.pem'), '-purpose', purpose, at('patient.pem')]);
      expect(r.stdout).toContain(': OK');
    }
    expect(openssl(['x509', '-in', at('ca.pem'), '-noout', '-subject']).toString()).toContain('Lakeside Family Practice Patient CA');
  });

  it('keeps each key only in a passphrase-encrypted .p12 that openssl reads', () => {
    const key = openssl(['pkcs12', '-in', at('patient-key.p12'), '-nocerts', '-nodes', '-passin', `pass:${PASS}`]).toString();
    expect(key).toContain('BEGIN PRIVATE KEY');
    expect(opensslResult(['pkcs12', '-in', at('patient-key.p12'), '-nocerts', '-nodes', '-passin', 'pass:wrong-pass']).code).not.toBe(0);
  });

  it('the doctor seals to the issued certificate; the patient opens it verified with KEY.p12 + CERT.pem', async () => {
    writeFileSync(at('msg.eml'), `From: ${DOCTOR}\r\nTo: ${PATIENT}\r\nSubject: Welcome\r\n\r\nHello Pat, welcome to secure mail.\r\n`);
    const sealed = await directseal(['seal', '--key', at('doctor-key.p12'), '--pass', PASS, '--cert', at('doctor.pem'), '--to', at('patient.pem'), '--in', at('msg.eml'), '--out', at('sealed.eml')]);
    expect(sealed.code, sealed.stderr).toBe(0);
    const opened = await directseal(['open', '--key', at('patient-key.p12'), '--pass', PASS, '--cert', at('patient.pem'), '--anchor', at('ca.pem'), '--in', at('sealed.eml'), '--out', at('inner.eml')]);
    expect(opened.stderr).toContain(`verified: signed by ${DOCTOR}`);
    expect(opened.code).toBe(0);
    expect(readFileSync(at('inner.eml'), 'utf8')).toContain('welcome to secure mail');
  });

  it('open --mdn writes the processed notification; the doctor opens it, matched by Message-ID, and never answers it', async () => {
    const sentId = /^Message-ID: (.+)\r$/m.exec(readFileSync(at('sealed.eml'), 'latin1'))?.[1];
    expect(sentId).toMatch(/^<[0-9a-f]{32}@direct\.lakeside\.test>$/);
    const opened = await directseal(['open', '--key', at('patient-key.p12'), '--pass', PASS, '--cert', at('patient.pem'), '--anchor', at('ca.pem'), '--in', at('sealed.eml'), '--mdn', at('mdn.eml')]);
    expect(opened.code, opened.stderr).toBe(0);
    const back = await directseal(['open', '--key', at('doctor-key.p12'), '--pass', PASS, '--cert', at('doctor.pem'), '--anchor', at('ca.pem'), '--in', at('mdn.eml'), '--mdn', at('mdn-of-mdn.eml')]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stderr).toContain(`notification: processed by ${PATIENT} for ${sentId}`);
    expect(back.stderr).toContain('no delivery notification written: the message is itself a notification');
    expect(() => readFileSync(at('mdn-of-mdn.eml'))).toThrow();
  });

  it('refuses a request for another address, a weak passphrase, and a missing verb, with codes', async () => {
    const other = await directseal(['ca', 'issue', '--ca', at('ca.p12'), '--pass', PASS, '--request', at('patient-req.pem'), '--address', 'someone@else.test', '--out', at('x.pem')]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/^error: CERT_REQUEST_INVALID: .*names another address/m);
    const weak = await directseal(['ca', 'init', '--name', 'X Clinic', '--out', at('weak.p12'), '--pass', 'short']);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/^error: USAGE: /m);
    const none = await directseal(['ca']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('directseal ca init');
    const wrongKeyPass = await directseal(['open', '--key', at('patient-key.p12'), '--pass', 'not-the-pass', '--cert', at('patient.pem'), '--anchor', at('ca.pem'), '--in', at('sealed.eml')]);
    expect(wrongKeyPass.code).toBe(1);
    expect(wrongKeyPass.stderr).toMatch(/^error: BAD_PASSPHRASE: /m);
    const wrongPass = await directseal(['ca', 'issue', '--ca', at('ca.p12'), '--pass', 'not-the-pass', '--request', at('patient-req.pem'), '--address', PATIENT]);
    expect(wrongPass.code).toBe(1);
    expect(wrongPass.stderr).toMatch(/^error: BAD_PASSPHRASE: /m);
  });
});
