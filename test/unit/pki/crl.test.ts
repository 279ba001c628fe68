/**
 * CRLs are read in bounded time and memory: a big CA's list of a million entries (27 MB) is checked in a child
 * process with a heap limit, and a CRL that cannot be read has its own code instead of failing the message.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCertificates, readCrls, validateCertificatePath } from '../../../utils/pki';
import { parseCertificate } from '../../../utils/pki/cert';
import { crlSignedBy, readCrl, revocationDate } from '../../../utils/pki/crl';
import { isDirectSealError } from '../../../utils/errors';
import { runBounded } from '../../support/bounded';
import { anchorDer, bytes, certDer, intermediateDer, openssl, tempDir, testPki, type TestPki } from '../../support/pki-fixture';
import { bigCrl } from './support/big-crl';

let pki: TestPki;
let dir: string;
beforeAll(async () => {
  pki = await testPki();
  dir = tempDir('ds-crl-');
}, 120_000);

const intermediateKey = () => join(pki.dir, 'intermediate.key.pem');
const serialOf = (der: Uint8Array) => parseCertificate(der).serial;

describe('a CRL of a million entries', () => {
  it('is read and searched within 400 MB peak (a child with a 160 MB heap): revoked found, others trusted', () => {
    const crl = bigCrl({ issuerCertificate: intermediateDer(pki), issuerKeyPem: intermediateKey(), entries: 1_000_000, alsoRevoked: [serialOf(certDer(pki.revoked))] });
    expect(crl.length).toBeGreaterThan(27_000_000);
    const crlPath = join(dir, 'big.crl');
    writeFileSync(crlPath, crl);
    const run = runBounded(resolve('test/unit/pki/children/crl-check.ts'), [crlPath, pki.anchorDer, pki.intermediateDer, pki.doctor.certPem, pki.revoked.certPem], {
      heapMb: 160,
      timeoutMs: 25_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.result).toEqual({ [pki.doctor.certPem]: ['trusted'], [pki.revoked.certPem]: ['untrusted', 'CERT_REVOKED'] });
    // Measured: 190 MB (of which 108 MB is Node and tsx, 27 MB the file); the old reader took 3.3 GB (and 89 s).
    expect(run.maxRssMb).toBeLessThan(400);
  }, 40_000);
});

describe('reading CRLs', () => {
  it('reads the test CA\'s CRL once: the same view for every later lookup', () => {
    const [der] = readCrls(bytes(pki.crlDer));
    const view = readCrl(der!);
    expect(readCrl(der!)).toBe(view);
    expect(view.entryCount).toBe(1);
    expect(revocationDate(view, serialOf(certDer(pki.revoked)))).toBeInstanceOf(Date);
    expect(revocationDate(view, serialOf(certDer(pki.doctor)))).toBeUndefined();
  });

  it('finds a serial however its leading zero octets are written', () => {
    const crl = readCrl(bigCrl({ issuerCertificate: intermediateDer(pki), issuerKeyPem: intermediateKey(), entries: 10, alsoRevoked: [Uint8Array.of(0x00, 0x00, 0x7f, 0x01)] }));
    expect(crl.entryCount).toBe(11);
    expect(revocationDate(crl, Uint8Array.of(0x7f, 0x01))).toEqual(new Date(Date.UTC(2026, 0, 2)));
    expect(revocationDate(crl, Uint8Array.of(0x00, 0x7f, 0x01))).toEqual(new Date(Date.UTC(2026, 0, 2)));
    expect(revocationDate(crl, Uint8Array.of(0x7f, 0x02))).toBeUndefined();
  });

  it.each([
    ['truncated', (c: Uint8Array) => c.subarray(0, c.length - 40)],
    ['an entry without its date', (c: Uint8Array) => { const x = c.slice(); const at = x.indexOf(0x17, 120); x[at] = 0x04; return x; }],
    ['a certificate instead', () => certDer(pki.doctor)],
    ['text', () => new TextEncoder().encode('hello, not a CRL')],
  ])('refuses a CRL that cannot be read (%s) with CRL_UNREADABLE', (_, make) => {
    const good = bigCrl({ issuerCertificate: intermediateDer(pki), issuerKeyPem: intermediateKey(), entries: 20 });
    let error: unknown;
    try {
      readCrls(make(good));
    } catch (e) {
      error = e;
    }
    expect(isDirectSealError(error, 'CRL_UNREADABLE')).toBe(true);
  });

  it('a CRL that cannot be read makes the path untrusted with CRL_UNREADABLE, never a thrown MESSAGE_MALFORMED', async () => {
    const broken = bigCrl({ issuerCertificate: intermediateDer(pki), issuerKeyPem: intermediateKey(), entries: 5 }).subarray(0, 100);
    const r = await validateCertificatePath({ leaf: certDer(pki.doctor), intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date(), crls: [broken] });
    expect(r.status).toBe('untrusted');
    expect(r.problems.map((p) => p.code)).toEqual(['CRL_UNREADABLE']);
  });

  it('ignores, with a warning, a big CRL whose signature does not verify', async () => {
    const crl = bigCrl({ issuerCertificate: intermediateDer(pki), issuerKeyPem: intermediateKey(), entries: 1000, alsoRevoked: [serialOf(certDer(pki.doctor))] });
    crl[200] = crl[200]! ^ 1; // an entry changed after signing
    const r = await validateCertificatePath({ leaf: certDer(pki.doctor), intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date(), crls: [crl] });
    expect(r.status).toBe('trusted');
    expect(r.warnings.map((w) => w.sentence).join('\n')).toMatch(/bad signature and was ignored/);
    expect(r.warnings.map((w) => w.code)).toContain('CRL_BAD_SIGNATURE');
  });

  it('checks an ECDSA (P-256) CA\'s CRL signature, and refuses it under another key', async () => {
    const key = join(dir, 'ec-ca.key');
    const cert = join(dir, 'ec-ca.pem');
    openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-noenc', '-keyout', key, '-out', cert, '-days', '30', '-subj', '/CN=EC CA']);
    const ca = parseCertificate(readCertificates(bytes(cert))[0]!);
    const crl = readCrl(bigCrl({ issuerCertificate: ca.der, issuerKeyPem: key, entries: 50, ecdsa: true }));
    expect(await crlSignedBy(crl, ca)).toBe(true);
    expect(await crlSignedBy(crl, parseCertificate(intermediateDer(pki)))).toBe(false);
  });

  it('warns when the CRL was out of date at the checked time', async () => {
    const crl = bigCrl({ issuerCertificate: intermediateDer(pki), issuerKeyPem: intermediateKey(), entries: 3, nextUpdate: new Date(Date.now() - 3_600_000) });
    const r = await validateCertificatePath({ leaf: certDer(pki.doctor), intermediates: [intermediateDer(pki)], anchors: [anchorDer(pki)], at: new Date(), crls: [crl] });
    expect(r.status).toBe('trusted');
    expect(r.warnings.map((w) => w.sentence).join('\n')).toMatch(/out of date/);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'CRL_OUT_OF_DATE', params: expect.objectContaining({ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }) }));
  });
});
