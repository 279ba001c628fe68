/**
 * Chains that build from what a certificate points to (DCDT D17, D18): a missing intermediate fetched by AIA
 * caIssuers, CRLs fetched from the distribution point of a path that reaches an anchor; every failed fetch said
 * in the warnings, none turning a good path bad or a bad one good. The fetch here is a table of URLs (the real
 * network is the e2e test's, test/e2e/online-chain.test.ts).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMessage } from '../../../utils/mime/build';
import { seal } from '../../../utils/direct/seal';
import { open } from '../../../utils/direct/open';
import { localPrivateKey } from '../../../utils/cms/keys';
import { readCertificates } from '../../../utils/pki';
import { parseCertificate } from '../../../utils/pki/cert';
import { caIssuersUrls, crlDistributionUrls } from '../../../utils/pki/locations';
import { validateCertificatePathOnline, type PkiFetch, type PkiFetchKind } from '../../../utils/pki/online-path';
import { cachedPkiFetch, keepUntil, memoryPkiFetchCache } from '../../../utils/pki/pki-fetch';
import { anchorDer, bytes, certDer, identityOf, intermediateDer, keyPkcs8, tempDir, testPki, type TestPki } from '../../support/pki-fixture';
import { onlineLeaf } from '../../support/online-leaf';
import { bigCrl } from './support/big-crl';

const ISSUER_URL = 'http://pki.test/intermediate.cer';
const CRL_URL = 'http://pki.test/intermediate.crl';

let pki: TestPki;
let leaf: Uint8Array;
let crlClean: Uint8Array;
let crlRevoking: Uint8Array;

beforeAll(async () => {
  pki = await testPki();
  const dir = tempDir('ds-online-path-');
  leaf = readCertificates(bytes(onlineLeaf(pki, dir, { name: 'aia', serial: '0x4a1a', issuerUrls: ['ldap://pki.test/cn=x', ISSUER_URL], crlUrls: ['ldap://pki.test/crl', CRL_URL] })))[0]!;
  const issuerKeyPem = join(pki.dir, 'intermediate.key.pem');
  crlClean = bigCrl({ issuerCertificate: intermediateDer(pki), issuerKeyPem, entries: 3, nextUpdate: new Date(Date.now() + 86_400_000) });
  crlRevoking = bigCrl({ issuerCertificate: intermediateDer(pki), issuerKeyPem, entries: 3, alsoRevoked: [parseCertificate(leaf).serial], nextUpdate: new Date(Date.now() + 86_400_000) });
}, 120_000);

/** A fetch over a table of URLs, recording what was asked. */
function table(entries: Record<string, Uint8Array | Error>): PkiFetch & { asked: string[] } {
  const asked: string[] = [];
  const f = async (url: string, kind: PkiFetchKind) => {
    asked.push(`${kind} ${url}`);
    const v = entries[url];
    if (v === undefined) throw new Error('HTTP 404');
    if (v instanceof Error) throw v;
    return v;
  };
  return Object.assign(f, { asked });
}

const request = () => ({ leaf, intermediates: [leaf], anchors: [anchorDer(pki)], at: new Date() });
const codes = (r: { problems: { code: string }[] }) => r.problems.map((p) => p.code);

describe('where a certificate points', () => {
  it('reads the http(s) caIssuers and CRL distribution point URIs, leaving out ldap', () => {
    const cert = parseCertificate(leaf);
    expect(caIssuersUrls(cert)).toEqual([ISSUER_URL]);
    expect(crlDistributionUrls(cert)).toEqual([CRL_URL]);
    expect(caIssuersUrls(parseCertificate(certDer(pki.doctor)))).toEqual([]);
  });
});

describe('a missing intermediate', () => {
  it('is ISSUER_MISSING without fetching, and trusted once fetched from the caIssuers URL', async () => {
    const offline = await validateCertificatePathOnline(request());
    expect(codes(offline)).toEqual(['ISSUER_MISSING']);
    const fetch = table({ [ISSUER_URL]: intermediateDer(pki), [CRL_URL]: crlClean });
    const online = await validateCertificatePathOnline(request(), fetch);
    expect(online.status).toBe('trusted');
    expect(online.chain).toHaveLength(3);
    expect(online.warnings).toEqual([]);
    expect(fetch.asked).toEqual([`issuer ${ISSUER_URL}`, `crl ${CRL_URL}`]);
  });

  it('stays ISSUER_MISSING when the fetch fails, and says which URL failed and why', async () => {
    const online = await validateCertificatePathOnline(request(), table({ [ISSUER_URL]: new Error('connection refused') }));
    expect(online.status).toBe('untrusted');
    expect(codes(online)).toEqual(['ISSUER_MISSING']);
    expect(online.warnings.map((w) => w.sentence).join('\n')).toContain(`could not be fetched from ${ISSUER_URL}: connection refused`);
    expect(online.warnings).toContainEqual(expect.objectContaining({ code: 'ISSUER_NOT_FETCHED', params: expect.objectContaining({ url: ISSUER_URL, detail: 'connection refused' }) }));
  });

  it('is not trusted when the fetched "issuer" did not sign it (a stranger\'s CA at the URL)', async () => {
    const fetch = table({ [ISSUER_URL]: bytes(pki.strangerAnchorDer) });
    const online = await validateCertificatePathOnline(request(), fetch);
    expect(online.status).toBe('untrusted');
    expect(fetch.asked.filter((a) => a.startsWith('crl'))).toEqual([]); // no path to an anchor: no CRL fetched
  });

  it('fetches nothing for a certificate whose issuer is at hand', async () => {
    const fetch = table({});
    const r = await validateCertificatePathOnline({ ...request(), intermediates: [leaf, intermediateDer(pki)] }, fetch);
    expect(r.status).toBe('trusted');
    expect(fetch.asked).toEqual([`crl ${CRL_URL}`]); // the CRL still is: the path reaches an anchor
    expect(r.warnings.map((w) => w.sentence).join('\n')).toMatch(/revocation of ".*" was not checked: its CRL could not be fetched \(http:\/\/pki\.test\/intermediate\.crl: HTTP 404\)/);
    expect(r.warnings.map((w) => w.code)).toContain('CRL_NOT_FETCHED');
    expect(r.notFetched).toEqual(r.warnings.filter((w) => w.code === 'CRL_NOT_FETCHED'));
  });
});

describe('the CRL from the distribution point', () => {
  const withIntermediate = () => ({ ...request(), intermediates: [leaf, intermediateDer(pki)] });

  it('finds a revoked certificate: CERT_REVOKED', async () => {
    const r = await validateCertificatePathOnline(withIntermediate(), table({ [CRL_URL]: crlRevoking }));
    expect(codes(r)).toEqual(['CERT_REVOKED']);
  });

  it('a CRL that cannot be read is a warning, not a problem of the certificate', async () => {
    const r = await validateCertificatePathOnline(withIntermediate(), table({ [CRL_URL]: new TextEncoder().encode('<html>captive portal</html>') }));
    expect(r.status).toBe('trusted');
    expect(r.warnings.map((w) => w.sentence).join('\n')).toContain('was not checked');
  });

  it('a path that does not reach an anchor fetches no CRL (its distribution point is the sender\'s word)', async () => {
    const fetch = table({ [CRL_URL]: crlRevoking });
    const r = await validateCertificatePathOnline({ ...withIntermediate(), anchors: [bytes(pki.strangerAnchorDer)] }, fetch);
    expect(r.status).toBe('untrusted');
    expect(fetch.asked).toEqual([]);
  });
});

describe('a message whose signature carries only the signer\'s certificate (as the Java RI sends)', () => {
  it('opens verified when the intermediate is fetched, and says why not when it cannot be', async () => {
    const signer = { certificate: leaf, chain: [], key: localPrivateKey(await keyPkcs8(pki.doctor)) };
    const msg = buildMessage({ from: pki.doctor.address, to: [pki.patient.address], subject: 'AIA', text: 'hello\n' });
    const sealed = await seal(msg, signer, [certDer(pki.patient)]);
    const patient = await identityOf(pki, pki.patient);
    const fetched = await open(sealed, [patient], [anchorDer(pki)], { fetchPki: table({ [ISSUER_URL]: intermediateDer(pki), [CRL_URL]: crlClean }) });
    expect(fetched.verdict.status).toBe('verified');
    const failed = await open(sealed, [patient], [anchorDer(pki)], { fetchPki: table({}) });
    expect(failed.verdict.status).not.toBe('verified');
    expect(failed.verdict.reasons.map((r) => r.code)).toContain('ISSUER_MISSING');
    expect(failed.verdict.warnings.map((w) => w.sentence).join('\n')).toContain(`could not be fetched from ${ISSUER_URL}: HTTP 404`);
  });
});

describe('the fetch cache', () => {
  it('keeps an issuer and a CRL until the CRL\'s nextUpdate, and keeps nothing that is not what was asked for', async () => {
    let now = Date.now();
    const fetch = table({ [ISSUER_URL]: intermediateDer(pki), [CRL_URL]: crlClean, 'http://pki.test/junk': new Uint8Array([1, 2, 3]) });
    const cached = cachedPkiFetch(fetch, memoryPkiFetchCache(), () => now);
    await cached(ISSUER_URL, 'issuer');
    await cached(ISSUER_URL, 'issuer');
    await cached(CRL_URL, 'crl');
    await cached(CRL_URL, 'crl');
    await cached('http://pki.test/junk', 'crl');
    await cached('http://pki.test/junk', 'crl');
    expect(fetch.asked).toEqual([`issuer ${ISSUER_URL}`, `crl ${CRL_URL}`, 'crl http://pki.test/junk', 'crl http://pki.test/junk']);
    now += 2 * 86_400_000; // past the CRL's nextUpdate (a day), within the week an issuer is kept
    await cached(CRL_URL, 'crl');
    await cached(ISSUER_URL, 'issuer');
    expect(fetch.asked.slice(4)).toEqual([`crl ${CRL_URL}`]);
  });

  it('keeps a CRL without a future nextUpdate for an hour', () => {
    const now = Date.now();
    const stale = bigCrl({ issuerCertificate: intermediateDer(pki), issuerKeyPem: join(pki.dir, 'intermediate.key.pem'), entries: 1, nextUpdate: new Date(now - 1000) });
    expect(keepUntil(stale, 'crl', now)).toBe(now + 3_600_000);
    expect(keepUntil(crlClean, 'issuer', now)).toBeUndefined();
  });
});
