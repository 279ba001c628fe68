/**
 * Odd but well-formed signer certificates get a verdict, not NOT_A_CERTIFICATE: 10,000 addresses (asn1js's
 * default limit is 10,000 elements), a 1 MB name. Opened in a child with a heap limit, within a time bound.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seal } from '../../../utils/direct/seal';
import { buildMessage } from '../../../utils/mime/build';
import { localPrivateKey, type Signer } from '../../../utils/cms/keys';
import { readCertificates } from '../../../utils/pki';
import { parseCertificate, MAX_CERTIFICATE_BYTES } from '../../../utils/pki/cert';
import { isDirectSealError } from '../../../utils/errors';
import { runBounded } from '../../support/bounded';
import { certDer, intermediateDer, keyPkcs8, tempDir, testPki, type TestPki } from '../../support/pki-fixture';
import { nameOf, namesOf, reissueWith } from './support/reissue';

let pki: TestPki;
let dir: string;
beforeAll(async () => {
  pki = await testPki();
  dir = tempDir('ds-odd-cert-');
}, 120_000);

const intermediateKey = () => join(pki.dir, 'intermediate.key.pem');

async function sealedBy(certificate: Uint8Array, name: string): Promise<string> {
  const signer: Signer = { certificate, chain: [intermediateDer(pki)], key: localPrivateKey(await keyPkcs8(pki.doctor)) };
  const msg = buildMessage({ from: 'dr.house@doctor.test', to: ['pat@patient.test'], subject: 'odd', text: 'hello\n' });
  const sealed = await seal(msg, signer, [certDer(pki.patient)]);
  const path = join(dir, `${name}.eml`);
  writeFileSync(path, sealed);
  return path;
}

function openBounded(path: string) {
  return runBounded(resolve('test/unit/pki/children/open-file.ts'), [path, pki.patient.keyPem, pki.patient.certPem, pki.anchorDer], { heapMb: 256, timeoutMs: 25_000 });
}

describe('a signer certificate with 10,000 addresses', () => {
  it('is read, and the message opens verified within 500 MB', async () => {
    const emails = Array.from({ length: 9_999 }, (_, i) => `clerk${i}@doctor.test`).concat('dr.house@doctor.test');
    const cert = reissueWith(certDer(pki.doctor), { emails }, intermediateKey());
    expect(parseCertificate(cert).emails).toHaveLength(10_000);
    const run = openBounded(await sealedBy(cert, 'many-addresses'));
    expect(run.stderr).toBe('');
    expect(run.result).toMatchObject({ status: 'verified', reasons: [] });
    expect(run.maxRssMb).toBeLessThan(500);
  }, 60_000);
});

describe('a signer certificate with a 1 MB name', () => {
  it.each([
    ['one 1 MB value', () => nameOf('N'.repeat(1_000_000))],
    ['10,000 RDNs of 100 characters (50,000 elements)', () => namesOf(Array.from({ length: 10_000 }, (_, i) => `Unit ${i} `.padEnd(100, 'x')))],
  ])('is read, and the message gets its verdict within 500 MB (%s)', async (label, name) => {
    const cert = reissueWith(certDer(pki.doctor), { subject: name() }, intermediateKey());
    expect(parseCertificate(cert).subjectRaw.length).toBeGreaterThan(1_000_000);
    const run = openBounded(await sealedBy(cert, `big-name-${label.length}`));
    expect(run.stderr).toBe('');
    expect(run.result).toMatchObject({ status: 'verified', reasons: [] });
    expect(run.maxRssMb).toBeLessThan(500);
  }, 60_000);
});

describe('beyond the bounds', () => {
  it(`a certificate over ${MAX_CERTIFICATE_BYTES} bytes is NOT_A_CERTIFICATE, saying why`, () => {
    const cert = reissueWith(certDer(pki.doctor), { subject: nameOf('N'.repeat(MAX_CERTIFICATE_BYTES)) }, intermediateKey());
    let error: unknown;
    try {
      readCertificates(cert);
    } catch (e) {
      error = e;
    }
    expect(isDirectSealError(error, 'NOT_A_CERTIFICATE')).toBe(true);
    expect((error as Error).message).toMatch(/larger than DirectSeal reads/);
  });
});
