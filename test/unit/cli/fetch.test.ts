/**
 * `directseal open --fetch`: a message carrying only its signer's certificate verifies once the CLI fetched the
 * intermediate its AIA names and the CRL its distribution point names, from a real HTTP server on loopback;
 * without --fetch nothing is asked of any server and the missing issuer is named.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localPrivateKey } from '../../../utils/cms/keys';
import { seal } from '../../../utils/direct/seal';
import { buildMessage } from '../../../utils/mime/build';
import { readCertificates } from '../../../utils/pki';
import { directseal } from '../../support/directseal-process';
import { onlineLeaf } from '../../support/online-leaf';
import { bytes, certDer, intermediateDer, keyPkcs8, tempDir, testPki, type TestPki } from '../../support/pki-fixture';
import { bigCrl } from '../pki/support/big-crl';

let pki: TestPki;
let dir: string;
let server: Server;
let sealed: string;
const asked: string[] = [];
let served: Record<string, Uint8Array>;

beforeAll(async () => {
  pki = await testPki();
  dir = tempDir('ds-cli-fetch-');
  const crl = bigCrl({ issuerCertificate: intermediateDer(pki), issuerKeyPem: join(pki.dir, 'intermediate.key.pem'), entries: 2, nextUpdate: new Date(Date.now() + 86_400_000) });
  served = { '/ca.cer': intermediateDer(pki), '/ca.crl': crl };
  server = createServer((req, res) => {
    asked.push(req.url ?? '');
    const body = served[req.url ?? ''];
    if (body) res.writeHead(200).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const leaf = readCertificates(bytes(onlineLeaf(pki, dir, { name: 'cli-aia', serial: '0x6101', issuerUrls: [`${base}/ca.cer`], crlUrls: [`${base}/ca.crl`] })))[0]!;
  const signer = { certificate: leaf, chain: [], key: localPrivateKey(await keyPkcs8(pki.doctor)) };
  sealed = join(dir, 'sealed.eml');
  writeFileSync(sealed, await seal(buildMessage({ from: pki.doctor.address, to: [pki.patient.address], subject: 'AIA', text: 'hello\n' }), signer, [certDer(pki.patient)]));
}, 120_000);

afterAll(() => server?.close());

const openArgs = (out: string, extra: string[] = []) => ['open', '--key', pki.patient.p12, '--pass', 'test-pass', '--anchor', pki.anchorPem, '--in', sealed, '--out', out, ...extra];

describe('directseal open --fetch', () => {
  it('without --fetch asks no server and names the missing issuer', async () => {
    const r = await directseal(openArgs(join(dir, 'offline.eml')));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: ISSUER_MISSING');
    expect(asked).toEqual([]);
  });

  it('with --fetch fetches the issuer and the CRL, and verifies', async () => {
    const out = join(dir, 'online.eml');
    const r = await directseal(openArgs(out, ['--fetch']));
    expect(r.stderr).toBe(`verified: signed by ${pki.doctor.address}\n`);
    expect(r.code).toBe(0);
    expect(asked).toEqual(['/ca.cer', '/ca.crl']);
    expect(readFileSync(out, 'utf8')).toContain('hello');
  });

  it('with --fetch and a CRL that cannot be fetched: verified, the warning on stderr in English and in --json by its code', async () => {
    const crl = served['/ca.crl']!;
    delete served['/ca.crl'];
    try {
      const r = await directseal(openArgs(join(dir, 'no-crl.eml'), ['--fetch', '--json']));
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^warning: revocation of ".+" was not checked: its CRL could not be fetched \(http:\/\/127\.0\.0\.1:\d+\/ca\.crl: .*404.*\)$/m);
      const verdict = JSON.parse(r.stdout.toString());
      expect(verdict.warnings).toEqual([
        { code: 'CRL_NOT_FETCHED', params: { subject: expect.any(String), failures: expect.stringContaining('/ca.crl') }, sentence: expect.stringMatching(/^revocation of ".+" was not checked/) },
      ]);
      expect(verdict.notFetched).toEqual(verdict.warnings);
    } finally {
      served['/ca.crl'] = crl;
    }
  });
});
