/** Reading certificates, private keys and PKCS#12 files in the forms people are handed (made by openssl). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isDirectSealError, type ErrorCode } from '../../../utils/errors';
import { keyMatchesCertificate, readCertificates, readPkcs12, readPrivateKey, writePkcs12 } from '../../../utils/pki';
import { bytes, certDer, intermediateDer, anchorDer, keyPkcs8, openssl, opensslResult, tempDir, testPki, type TestPki } from '../../support/pki-fixture';

const rejectsWith = (code: ErrorCode) => (e: unknown) => isDirectSealError(e, code);
const text = (s: string) => new TextEncoder().encode(s);
const pass = 'test-pass';

let pki: TestPki;
let dir: string;
beforeAll(async () => {
  pki = await testPki();
  dir = tempDir('ds-pki-read-');
}, 120_000);

describe('readCertificates', () => {
  it('reads a PEM certificate with text around it (openssl x509 -text output)', () => {
    const withText = openssl(['x509', '-in', pki.doctor.certPem, '-text']);
    const framed = new Uint8Array(Buffer.concat([Buffer.from('Here is my Direct certificate:\n\n'), withText, Buffer.from('\nThanks, Greg\n')]));
    expect(framed.length).toBeGreaterThan(bytes(pki.doctor.certDer).length * 2);
    expect(readCertificates(framed)).toEqual([bytes(pki.doctor.certDer)]);
  });

  it('reads DER, and bare base64 of the DER', () => {
    const der = bytes(pki.doctor.certDer);
    expect(readCertificates(der)).toEqual([der]);
    const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n');
    expect(readCertificates(text(b64))).toEqual([der]);
  });

  it('reads a chain of PEM blocks in file order', () => {
    expect(readCertificates(bytes(pki.doctor.chainPem))).toEqual([bytes(pki.doctor.certDer), intermediateDer(pki)]);
  });

  it.each(['bundleP7bDer', 'bundleP7bPem'] as const)('reads a certs-only PKCS#7 bundle (%s)', (which) => {
    expect(readCertificates(bytes(pki[which]))).toEqual([anchorDer(pki), intermediateDer(pki)]);
  });

  it('reads a bare base64 .p7b', () => {
    const b64 = Buffer.from(bytes(pki.bundleP7bDer)).toString('base64');
    expect(readCertificates(text(b64))).toEqual([anchorDer(pki), intermediateDer(pki)]);
  });

  it('reads an OpenSSL TRUSTED CERTIFICATE, without its trust settings', () => {
    const trusted = openssl(['x509', '-in', pki.anchorPem, '-trustout', '-addtrust', 'emailProtection']);
    expect(trusted.toString()).toContain('BEGIN TRUSTED CERTIFICATE');
    expect(readCertificates(new Uint8Array(trusted))).toEqual([anchorDer(pki)]);
  });

  it.each([
    ['garbage bytes', () => new Uint8Array([0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, 0x00, 0xff])],
    ['garbage starting like DER', () => new Uint8Array([0x30, 0x82, 0x01, 0x00, 0x01, 0x02])],
    ['plain text', () => text('this is not a certificate\n')],
    ['an empty file', () => new Uint8Array(0)],
    ['a PEM private key', () => bytes(pki.doctor.keyPem)],
    ['a CRL', () => bytes(pki.crlPem)],
  ])('refuses %s with NOT_A_CERTIFICATE', (_label, make) => {
    expect(() => readCertificates(make())).toThrow(expect.objectContaining({ code: 'NOT_A_CERTIFICATE' }));
  });

  it('refuses a DER private key with NOT_A_CERTIFICATE', async () => {
    expect(() => readCertificates(bytes(pki.doctor.p12))).toThrow(expect.objectContaining({ code: 'NOT_A_CERTIFICATE' }));
    const der = await keyPkcs8(pki.doctor);
    expect(() => readCertificates(der)).toThrow(expect.objectContaining({ code: 'NOT_A_CERTIFICATE' }));
  });
});

describe('readPrivateKey', () => {
  // openssl's own PKCS#8 DER of the doctor's key, the reference every form must come back as.
  let reference: Uint8Array;
  beforeAll(() => {
    reference = new Uint8Array(openssl(['pkcs8', '-topk8', '-nocrypt', '-in', pki.doctor.keyPem, '-outform', 'DER']));
  });

  it('reads PKCS#8 PEM and DER', async () => {
    expect(await readPrivateKey(bytes(pki.doctor.keyPem))).toEqual(reference);
    expect(await readPrivateKey(reference)).toEqual(reference);
    expect(keyMatchesCertificate(reference, certDer(pki.doctor))).toBe(true);
    expect(keyMatchesCertificate(reference, certDer(pki.patient))).toBe(false);
  });

  it.each(['aes-256-cbc', 'des3'])('reads encrypted PKCS#8 (PBES2 %s) with the right passphrase, BAD_PASSPHRASE otherwise', async (cipher) => {
    const pem = openssl(['pkcs8', '-topk8', '-v2', cipher, '-in', pki.doctor.keyPem, '-passout', `pass:${pass}`]);
    expect(pem.toString()).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    const der = openssl(['pkcs8', '-topk8', '-v2', cipher, '-in', pki.doctor.keyPem, '-passout', `pass:${pass}`, '-outform', 'DER']);
    for (const form of [pem, der]) {
      const input = new Uint8Array(form);
      expect(await readPrivateKey(input, pass)).toEqual(reference);
      await expect(readPrivateKey(input, 'wrong-pass')).rejects.toSatisfy(rejectsWith('BAD_PASSPHRASE'));
      await expect(readPrivateKey(input)).rejects.toSatisfy(rejectsWith('BAD_PASSPHRASE'));
    }
  });

  it('reads encrypted PKCS#8 with a legacy PKCS#12 PBE (pbeWithSHA1And3-KeyTripleDES-CBC)', async () => {
    const pem = openssl(['pkcs8', '-topk8', '-v1', 'PBE-SHA1-3DES', '-in', pki.doctor.keyPem, '-passout', `pass:${pass}`]);
    expect(await readPrivateKey(new Uint8Array(pem), pass)).toEqual(reference);
    await expect(readPrivateKey(new Uint8Array(pem), 'nope')).rejects.toSatisfy(rejectsWith('BAD_PASSPHRASE'));
  });

  it('reads PKCS#1 ("RSA PRIVATE KEY") PEM and DER', async () => {
    const pem = openssl(['rsa', '-in', pki.doctor.keyPem, '-traditional']);
    expect(pem.toString()).toContain('BEGIN RSA PRIVATE KEY');
    expect(await readPrivateKey(new Uint8Array(pem))).toEqual(reference);
    const der = openssl(['rsa', '-in', pki.doctor.keyPem, '-traditional', '-outform', 'DER']);
    expect(await readPrivateKey(new Uint8Array(der))).toEqual(reference);
  });

  it('reads a traditional encrypted PEM (Proc-Type: 4,ENCRYPTED; DEK-Info AES-256-CBC and DES-EDE3-CBC)', async () => {
    for (const cipher of ['-aes256', '-des3']) {
      const pem = openssl(['rsa', '-in', pki.doctor.keyPem, '-traditional', cipher, '-passout', `pass:${pass}`]);
      expect(pem.toString()).toContain('Proc-Type: 4,ENCRYPTED');
      expect(await readPrivateKey(new Uint8Array(pem), pass)).toEqual(reference);
      await expect(readPrivateKey(new Uint8Array(pem), 'wrong-pass')).rejects.toSatisfy(rejectsWith('BAD_PASSPHRASE'));
      await expect(readPrivateKey(new Uint8Array(pem))).rejects.toSatisfy(rejectsWith('BAD_PASSPHRASE'));
    }
  });

  it('reads an EC key (SEC 1 "EC PRIVATE KEY" and PKCS#8) that WebCrypto can sign with and that matches its certificate', async () => {
    const keyPath = join(dir, 'ec.key.pem');
    const certPath = join(dir, 'ec.pem');
    openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyPath]);
    openssl(['req', '-x509', '-key', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=ec@ec.test', '-addext', 'subjectAltName=email:ec@ec.test']);
    const sec1 = bytes(keyPath);
    expect(Buffer.from(sec1).toString()).toContain('BEGIN EC PRIVATE KEY');
    const fromSec1 = await readPrivateKey(sec1);
    const fromPkcs8 = await readPrivateKey(new Uint8Array(openssl(['pkcs8', '-topk8', '-nocrypt', '-in', keyPath])));
    const cert = readCertificates(bytes(certPath))[0]!;
    for (const pkcs8 of [fromSec1, fromPkcs8]) {
      expect(keyMatchesCertificate(pkcs8, cert)).toBe(true);
      expect(keyMatchesCertificate(pkcs8, certDer(pki.doctor))).toBe(false);
      const key = await crypto.subtle.importKey('pkcs8', pkcs8.slice(), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
      expect(key.type).toBe('private');
    }
  });

  it.each([
    ['a certificate', () => bytes(pki.doctor.certPem)],
    ['garbage', () => new Uint8Array([1, 2, 3, 4, 5])],
  ])('refuses %s with NO_PRIVATE_KEY', async (_label, make) => {
    await expect(readPrivateKey(make())).rejects.toSatisfy(rejectsWith('NO_PRIVATE_KEY'));
  });

  it('sends a .p12 to readPkcs12 (NO_PRIVATE_KEY)', async () => {
    await expect(readPrivateKey(bytes(pki.doctor.p12), pass)).rejects.toSatisfy(rejectsWith('NO_PRIVATE_KEY'));
  });
});

describe('readPkcs12', () => {
  interface Variant {
    label: string;
    file: () => string;
  }
  const exportArgs = (extra: string[], out: string) => [
    'pkcs12', '-export', '-inkey', pki.doctor.keyPem, '-in', pki.doctor.certPem, '-certfile', pki.intermediatePem,
    '-passout', `pass:${pass}`, '-out', out, ...extra,
  ];
  const variants: Variant[] = [
    { label: 'modern (PBES2/AES-256, HMAC-SHA-256)', file: () => pki.doctor.p12 },
    { label: 'legacy (-legacy: 3DES key, RC2-40 certs, SHA-1 MAC)', file: () => pki.doctor.p12Legacy },
    {
      label: '-keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-RC2-40',
      file: () => {
        const out = join(dir, 'sha1-3des-rc2.p12');
        openssl(exportArgs(['-legacy', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-RC2-40'], out));
        return out;
      },
    },
    {
      label: '-certpbe NONE (certificates unencrypted)',
      file: () => {
        const out = join(dir, 'certpbe-none.p12');
        openssl(exportArgs(['-certpbe', 'NONE'], out));
        return out;
      },
    },
    {
      label: '-keypbe NONE -certpbe NONE (nothing encrypted, MAC only)',
      file: () => {
        const out = join(dir, 'all-none.p12');
        openssl(exportArgs(['-keypbe', 'NONE', '-certpbe', 'NONE'], out));
        return out;
      },
    },
    {
      label: '-nomac (no integrity MAC: the passphrase is judged by decryption alone)',
      file: () => {
        const out = join(dir, 'nomac.p12');
        openssl(exportArgs(['-nomac'], out));
        return out;
      },
    },
    {
      label: '-legacy -nomac',
      file: () => {
        const out = join(dir, 'legacy-nomac.p12');
        openssl(exportArgs(['-legacy', '-nomac'], out));
        return out;
      },
    },
  ];

  for (const v of variants) {
    it(`reads ${v.label}; wrong passphrase gives BAD_PASSPHRASE`, async () => {
      const file = bytes(v.file());
      // openssl itself reads what we read.
      expect(opensslResult(['pkcs12', '-in', v.file(), '-passin', `pass:${pass}`, '-nokeys', '-legacy']).code).toBe(0);
      const p12 = await readPkcs12(file, pass);
      expect(p12.certificate).toEqual(bytes(pki.doctor.certDer));
      expect(p12.chain).toEqual([intermediateDer(pki)]);
      expect(p12.privateKeyPkcs8).toEqual(await keyPkcs8(pki.doctor));
      for (const wrong of ['wrong-pass', '', 'test-pas', 'Test-pass', 'x'.repeat(40)]) {
        await expect(readPkcs12(file, wrong)).rejects.toSatisfy(rejectsWith('BAD_PASSPHRASE'));
      }
    });
  }

  it.each([
    ['-nomac (key encrypted, certificates in the clear)', ['-nomac']],
    ['-nomac -certpbe AES-256-CBC', ['-nomac', '-certpbe', 'AES-256-CBC']],
    ['-legacy -nomac', ['-legacy', '-nomac']],
  ])('without a MAC (%s), every wrong passphrase is BAD_PASSPHRASE, even when the padding happens to look right', async (_label, extra) => {
    // About one wrong passphrase in 256 decrypts to valid CBC padding; 1,500 tries meet that case with near certainty.
    const out = join(dir, `nomac-${extra.join('')}.p12`);
    // -iter before -nomac: openssl 3.0's -iter turns the MAC back on.
    openssl(exportArgs(['-iter', '1', ...extra], out));
    expect(opensslResult(['pkcs12', '-info', '-noout', '-legacy', '-in', out, '-passin', `pass:${pass}`]).stderr).toContain('MAC is absent');
    const file = bytes(out);
    expect((await readPkcs12(file, pass)).certificate).toEqual(bytes(pki.doctor.certDer));
    const codes = new Map<string, number>();
    for (let i = 0; i < 1500; i++) {
      try {
        await readPkcs12(file, `wrong-${i}`);
        codes.set('opened', (codes.get('opened') ?? 0) + 1);
      } catch (e) {
        const code = isDirectSealError(e) ? e.code : String(e);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }
    expect(Object.fromEntries(codes)).toEqual({ BAD_PASSPHRASE: 1500 });
  });

  it('refuses a certificates-only .p12 with NO_PRIVATE_KEY', async () => {
    const out = join(dir, 'certs-only.p12');
    openssl(['pkcs12', '-export', '-nokeys', '-in', pki.doctor.certPem, '-passout', `pass:${pass}`, '-out', out]);
    await expect(readPkcs12(bytes(out), pass)).rejects.toSatisfy(rejectsWith('NO_PRIVATE_KEY'));
  });

  it('refuses a PEM certificate and garbage with NO_PRIVATE_KEY', async () => {
    await expect(readPkcs12(bytes(pki.doctor.certPem), pass)).rejects.toSatisfy(rejectsWith('NO_PRIVATE_KEY'));
    await expect(readPkcs12(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x03]), pass)).rejects.toSatisfy(rejectsWith('NO_PRIVATE_KEY'));
  });
});

describe('writePkcs12', () => {
  it.each([
    ['an ASCII passphrase', 'backup-pass', 2048],
    ['a non-ASCII passphrase, default iterations', 'pâss wörd ✓', undefined],
  ] as const)('writes a .p12 (%s) that openssl opens and readPkcs12 reads back', async (_label, passphrase, iterations) => {
    const input = { privateKeyPkcs8: await keyPkcs8(pki.doctor), certificate: certDer(pki.doctor), chain: [intermediateDer(pki)] };
    const written = await writePkcs12(input, passphrase, iterations);
    const file = join(dir, `written-${iterations ?? 'default'}.p12`);
    writeFileSync(file, written);
    const info = opensslResult(['pkcs12', '-info', '-nodes', '-in', file, '-passin', `pass:${passphrase}`]);
    expect(info.stderr).not.toMatch(/invalid password|error/i);
    expect(info.code).toBe(0);
    expect(info.stdout).toContain('BEGIN PRIVATE KEY');
    expect(info.stdout.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    // openssl's key is ours.
    const keyPem = info.stdout.slice(info.stdout.indexOf('-----BEGIN PRIVATE KEY'), info.stdout.indexOf('-----END PRIVATE KEY') + 25);
    expect(await readPrivateKey(text(keyPem))).toEqual(input.privateKeyPkcs8);
    expect(opensslResult(['pkcs12', '-info', '-nodes', '-in', file, '-passin', 'pass:wrong']).code).not.toBe(0);

    const back = await readPkcs12(written, passphrase);
    expect(back.privateKeyPkcs8).toEqual(input.privateKeyPkcs8);
    expect(back.certificate).toEqual(input.certificate);
    expect(back.chain).toEqual(input.chain);
    await expect(readPkcs12(written, 'wrong')).rejects.toSatisfy(rejectsWith('BAD_PASSPHRASE'));
  });
});
