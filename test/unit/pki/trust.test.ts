/** Path validation to Direct anchors (with CRLs), the Direct address binding, and CSR generation, against openssl. */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateIdentityRequest } from '../../../utils/pki/csr';
import { directBinding, keyMatchesCertificate, readCertificates, readCrls, validateCertificatePath } from '../../../utils/pki';
import { isDirectSealError } from '../../../utils/errors';
import { anchorDer, bytes, certDer, intermediateDer, openssl, opensslResult, tempDir, testPki, type TestPki } from '../../support/pki-fixture';

const DAY = 86_400_000;
let pki: TestPki;
let dir: string;
beforeAll(async () => {
  pki = await testPki();
  dir = tempDir('ds-pki-trust-');
}, 120_000);

const codes = (r: { problems: { code: string }[] }) => r.problems.map((p) => p.code);

describe('validateCertificatePath', () => {
  it('trusts a leaf through an intermediate from the pool up to the root anchor', async () => {
    const r = await validateCertificatePath({ leaf: certDer(pki.doctor), intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date() });
    expect(r.problems).toEqual([]);
    expect(r.status).toBe('trusted');
    expect(r.chain).toEqual([certDer(pki.doctor), intermediateDer(pki), anchorDer(pki)]);
  });

  it('ignores the leaf and unrelated certificates in the pool', async () => {
    const r = await validateCertificatePath({
      leaf: certDer(pki.doctor),
      intermediates: [certDer(pki.doctor), bytes(pki.strangerAnchorDer), certDer(pki.patient), intermediateDer(pki)],
      anchors: [bytes(pki.strangerAnchorDer), anchorDer(pki)],
      at: new Date(),
    });
    expect(r.status).toBe('trusted');
    expect(r.chain).toHaveLength(3);
  });

  it('trusts with the intermediate as the anchor (no root needed)', async () => {
    const r = await validateCertificatePath({ leaf: certDer(pki.doctor), intermediates: [], anchors: [intermediateDer(pki)], at: new Date() });
    expect(r.status).toBe('trusted');
    expect(r.chain).toEqual([certDer(pki.doctor), intermediateDer(pki)]);
  });

  it('trusts the leaf itself as the anchor', async () => {
    const r = await validateCertificatePath({ leaf: certDer(pki.doctor), intermediates: [], anchors: [certDer(pki.doctor)], at: new Date() });
    expect(r.status).toBe('trusted');
    expect(r.chain).toEqual([certDer(pki.doctor)]);
  });

  it('is untrusted (ISSUER_MISSING, naming the issuer) when the intermediate is missing', async () => {
    const r = await validateCertificatePath({ leaf: certDer(pki.doctor), intermediates: [], anchors: [anchorDer(pki)], at: new Date() });
    expect(r.status).toBe('untrusted');
    expect(codes(r)).toEqual(['ISSUER_MISSING']);
    expect(r.problems[0]!.detail).toMatch(/Intermediate/i);
    expect(r.chain).toEqual([certDer(pki.doctor)]);
  });

  it('is untrusted for a stranger chain (eve)', async () => {
    const r = await validateCertificatePath({ leaf: certDer(pki.eve), intermediates: [bytes(pki.strangerAnchorDer)], anchors: [anchorDer(pki)], at: new Date() });
    expect(r.status).toBe('untrusted');
    expect(codes(r)).toContain('SIGNER_UNTRUSTED');
  });

  it('refuses an expired certificate at the checking time (CERT_EXPIRED)', async () => {
    const r = await validateCertificatePath({ leaf: certDer(pki.expired), intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date() });
    expect(r.status).toBe('untrusted');
    expect(codes(r)).toEqual(['CERT_EXPIRED']);
  });

  it('refuses a certificate before its notBefore (CERT_EXPIRED)', async () => {
    const r = await validateCertificatePath({
      leaf: certDer(pki.doctor), intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date(Date.now() - 10 * DAY),
    });
    expect(codes(r)).toEqual(['CERT_EXPIRED']);
  });

  it('trusts a certificate that was valid at the signing time though expired now', async () => {
    const r = await validateCertificatePath({
      leaf: certDer(pki.expired), intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date(Date.now() - 10 * DAY),
    });
    expect(r.problems).toEqual([]);
    expect(r.status).toBe('trusted');
  });

  it.each(['crlDer', 'crlPem'] as const)('refuses a revoked certificate with the CRL (%s): CERT_REVOKED; others on the CRL issuer pass', async (which) => {
    const crls = readCrls(bytes(pki[which]));
    const revoked = await validateCertificatePath({ leaf: certDer(pki.revoked), intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date(), crls });
    expect(revoked.status).toBe('untrusted');
    expect(codes(revoked)).toEqual(['CERT_REVOKED']);
    const fine = await validateCertificatePath({ leaf: certDer(pki.doctor), intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date(), crls });
    expect(fine.status).toBe('trusted');
    expect(fine.warnings).toEqual([]);
  });

  it('finds a revoked serial whose first octet has the high bit set (DER adds a 00 octet)', async () => {
    const ca = join(dir, 'highbit');
    mkdirSync(join(ca, 'newcerts'), { recursive: true });
    const serial = '8F3C5A0000000000000000000000ABCD';
    const key = join(ca, 'leaf.key.pem');
    const csr = join(ca, 'leaf.csr');
    const leafPath = join(ca, 'leaf.pem');
    const ext = join(ca, 'leaf.ext');
    writeFileSync(ext, 'subjectAltName=email:high@doctor.test\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-noenc', '-keyout', key, '-out', csr, '-subj', '/CN=High Serial']);
    openssl(['x509', '-req', '-in', csr, '-CA', pki.intermediatePem, '-CAkey', join(pki.dir, 'intermediate.key.pem'), '-set_serial', `0x${serial}`,
      '-days', '30', '-extfile', ext, '-out', leafPath]);
    const leaf = readCertificates(bytes(leafPath))[0]!;
    expect(openssl(['x509', '-in', leafPath, '-noout', '-serial']).toString().trim()).toBe(`serial=${serial}`);
    const yymmdd = (ms: number) => new Date(ms).toISOString().replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d).*$/, '$1$2$3$4$5$6Z');
    writeFileSync(join(ca, 'index.txt'), `R\t${yymmdd(Date.now() + 30 * DAY)}\t${yymmdd(Date.now() - DAY)}\t${serial}\tunknown\t/CN=High Serial\n`);
    writeFileSync(join(ca, 'crlnumber'), '3000\n');
    writeFileSync(join(ca, 'ca.cnf'), `[ ca ]\ndefault_ca = c\n[ c ]\ndir = ${ca}\ndatabase = $dir/index.txt\nnew_certs_dir = $dir/newcerts\ncrlnumber = $dir/crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\n`);
    openssl(['ca', '-config', join(ca, 'ca.cnf'), '-cert', pki.intermediatePem, '-keyfile', join(pki.dir, 'intermediate.key.pem'), '-gencrl', '-out', join(ca, 'crl.pem')]);
    const crls = readCrls(bytes(join(ca, 'crl.pem')));
    const r = await validateCertificatePath({ leaf, intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date(), crls });
    expect(codes(r)).toEqual(['CERT_REVOKED']);
    // openssl agrees.
    expect(opensslResult(['verify', '-crl_check', '-CAfile', pki.anchorPem, '-untrusted', pki.intermediatePem, '-CRLfile', join(ca, 'crl.pem'), leafPath]).stderr)
      .toMatch(/certificate revoked/);
  });

  it('without a CRL the revoked certificate is trusted (revocation is only checked where a CRL is given)', async () => {
    const r = await validateCertificatePath({ leaf: certDer(pki.revoked), intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date() });
    expect(r.status).toBe('trusted');
  });

  it('ignores, with a warning, a CRL naming the intermediate but signed by another key', async () => {
    // An impostor CA with the intermediate's exact name and a new key, publishing a CRL that revokes `revoked`.
    const ca = join(dir, 'impostor');
    mkdirSync(join(ca, 'newcerts'), { recursive: true });
    copyFileSync(join(pki.dir, 'int-ca', 'index.txt'), join(ca, 'index.txt'));
    writeFileSync(join(ca, 'crlnumber'), '2000\n');
    writeFileSync(join(ca, 'serial'), '01\n');
    writeFileSync(join(ca, 'ca.cnf'), `[ ca ]\ndefault_ca = c\n[ c ]\ndir = ${ca}\ndatabase = $dir/index.txt\nnew_certs_dir = $dir/newcerts\nserial = $dir/serial\ncrlnumber = $dir/crlnumber\ndefault_md = sha256\ndefault_crl_days = 30\n`);
    const subject = openssl(['x509', '-in', pki.intermediatePem, '-noout', '-subject', '-nameopt', 'compat']).toString().replace(/^subject=/, '').trim();
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-noenc', '-keyout', join(ca, 'key.pem'), '-out', join(ca, 'cert.pem'), '-days', '30', '-subj', subject,
      '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    openssl(['ca', '-config', join(ca, 'ca.cnf'), '-cert', join(ca, 'cert.pem'), '-keyfile', join(ca, 'key.pem'), '-gencrl', '-out', join(ca, 'crl.pem')]);
    const crlText = openssl(['crl', '-in', join(ca, 'crl.pem'), '-noout', '-text']).toString();
    const revokedSerial = openssl(['x509', '-in', pki.revoked.certPem, '-noout', '-serial']).toString().replace('serial=', '').trim();
    expect(crlText.replace(/\s/g, '')).toContain(revokedSerial); // it does list the revoked serial
    expect(opensslResult(['crl', '-in', join(ca, 'crl.pem'), '-noout', '-CAfile', pki.intermediatePem]).stderr).toMatch(/verify failure/i);

    const r = await validateCertificatePath({
      leaf: certDer(pki.revoked), intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date(),
      crls: readCrls(bytes(join(ca, 'crl.pem'))),
    });
    expect(r.status).toBe('trusted');
    expect(r.warnings.map((w) => w.sentence).join('\n')).toMatch(/CRL.*bad signature.*ignored/);
  });

  it('refuses a path through a non-CA certificate (a leaf that issued a certificate)', async () => {
    const key = join(dir, 'under-leaf.key.pem');
    const csr = join(dir, 'under-leaf.csr');
    const out = join(dir, 'under-leaf.pem');
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-noenc', '-keyout', key, '-out', csr, '-subj', '/CN=Mallory']);
    const ext = join(dir, 'under-leaf.ext');
    writeFileSync(ext, 'subjectAltName=email:mallory@doctor.test\n');
    openssl(['x509', '-req', '-in', csr, '-CA', pki.doctor.certPem, '-CAkey', pki.doctor.keyPem, '-CAcreateserial', '-days', '5', '-extfile', ext, '-out', out]);
    const leaf = readCertificates(bytes(out))[0]!;
    const r = await validateCertificatePath({ leaf, intermediates: [certDer(pki.doctor), intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date() });
    expect(r.status).toBe('untrusted');
    expect(codes(r)).toContain('SIGNER_UNTRUSTED');
    expect(r.problems.map((p) => p.detail).join('\n')).toMatch(/not a CA/);
    // openssl agrees.
    expect(opensslResult(['verify', '-CAfile', pki.anchorPem, '-untrusted', pki.doctor.chainPem, out]).code).not.toBe(0);
  });
});

describe('validateCertificatePath against hostile input', () => {
  it('finishes quickly on a pool of certificates that all sign one another (no exhaustive path search)', { timeout: 60_000 }, async () => {
    // A message may carry any certificates: twelve "CN=Loop" CA certificates with one key each verify every other one.
    const key = join(dir, 'loop.key.pem');
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key]);
    const pool: Uint8Array[] = [];
    for (let i = 1; i <= 12; i++) {
      const out = join(dir, `loop-${i}.pem`);
      openssl(['req', '-x509', '-key', key, '-subj', '/CN=Loop', '-set_serial', String(i), '-days', '5', '-out', out,
        '-addext', 'basicConstraints=critical,CA:true']);
      pool.push(readCertificates(bytes(out))[0]!);
    }
    const leafKey = join(dir, 'loop-leaf.key.pem');
    const csr = join(dir, 'loop-leaf.csr');
    const leafPath = join(dir, 'loop-leaf.pem');
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-noenc', '-keyout', leafKey, '-out', csr, '-subj', '/CN=loop@loop.test']);
    openssl(['x509', '-req', '-in', csr, '-CA', join(dir, 'loop-1.pem'), '-CAkey', key, '-set_serial', '99', '-days', '5', '-out', leafPath]);
    const r = await validateCertificatePath({ leaf: readCertificates(bytes(leafPath))[0]!, intermediates: pool, anchors: [anchorDer(pki)], at: new Date() });
    expect(r.status).toBe('untrusted');
    expect(codes(r)).toContain('SIGNER_UNTRUSTED');
  });
});

describe('directBinding', () => {
  it('binds an rfc822Name certificate to its address, case-insensitively', () => {
    expect(directBinding(certDer(pki.doctor), 'dr.house@doctor.test')).toBe('address');
    expect(directBinding(certDer(pki.doctor), 'Dr.House@DOCTOR.test')).toBe('address');
    expect(directBinding(certDer(pki.doctor), '  dr.house@doctor.test ')).toBe('address');
  });

  it('binds an organization (dNSName) certificate to any address at its domain', () => {
    expect(directBinding(certDer(pki.org), 'records@clinic.test')).toBe('domain');
    expect(directBinding(certDer(pki.org), 'Front.Desk@CLINIC.TEST')).toBe('domain');
  });

  it.each([
    ['doctor', 'someone.else@doctor.test'],
    ['doctor', 'dr.house@doctor.test.evil'],
    ['doctor', 'pat@patient.test'],
    ['org', 'records@sub.clinic.test'],
    ['org', 'records@clinic.test.evil'],
    ['org', 'clinic.test@evil.test'],
  ] as const)('does not bind %s to %s', (who, address) => {
    expect(directBinding(certDer(pki[who]), address)).toBeNull();
  });
});

describe('generateIdentityRequest', () => {
  it('makes a CSR openssl verifies, naming the address as rfc822Name, whose key matches the certificate a CA issues', async () => {
    const req = await generateIdentityRequest({ address: 'Dr.Wilson@Doctor.Test', commonName: 'James Wilson', organization: 'Doctor Test Practice' });
    const csr = join(dir, 'wilson.csr');
    writeFileSync(csr, req.csrPem);
    const verified = opensslResult(['req', '-in', csr, '-verify', '-noout', '-text']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('email:dr.wilson@doctor.test');
    expect(verified.stdout).toMatch(/Subject: CN\s*=\s*James Wilson, O\s*=\s*Doctor Test Practice/);
    expect(verified.stdout).toContain('E-mail Protection');
    expect(openssl(['req', '-in', csr, '-outform', 'DER'])).toEqual(Buffer.from(req.csrDer));

    const certPath = join(dir, 'wilson.pem');
    openssl(['x509', '-req', '-in', csr, '-CA', pki.intermediatePem, '-CAkey', join(pki.dir, 'intermediate.key.pem'), '-CAcreateserial',
      '-days', '30', '-copy_extensions', 'copy', '-out', certPath]);
    const cert = readCertificates(bytes(certPath))[0]!;
    expect(keyMatchesCertificate(req.privateKeyPkcs8, cert)).toBe(true);
    expect(keyMatchesCertificate(req.privateKeyPkcs8, certDer(pki.doctor))).toBe(false);
    expect(directBinding(cert, 'dr.wilson@doctor.test')).toBe('address');
    const path = await validateCertificatePath({ leaf: cert, intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date() });
    expect(path.status).toBe('trusted');
  });

  it('refuses something that is not a Direct address (USAGE)', async () => {
    await expect(generateIdentityRequest({ address: 'not an address' })).rejects.toSatisfy((e) => isDirectSealError(e, 'USAGE'));
  });
});
