/**
 * `directseal discover` as a process against a real DNS server (BIND) and a real DNS-over-HTTPS front end
 * (dnsdist) on loopback, serving CERT records made from a fresh openssl PKI: DCDT-like cases (address-bound,
 * domain only, none, IPKIX, an answer too big for UDP, a certificate bound to another address, untrusted, expired).
 */
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_SENTENCES } from '../../../utils/errors';
import { readCertificates } from '../../../utils/pki';
import { bytes, certDer, intermediateDer, testPki, type TestPki } from '../../support/pki-fixture';
import { serveFiles, startLoopbackDns, zoneFile, type LoopbackDns } from './support/loopback-dns';

const BIN = resolve('bin/directseal.mjs');

function directseal(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout: out, stderr: err }));
  });
}

let pki: TestPki;
let dns: LoopbackDns;
let http: { base: string; server: Server };

beforeAll(async () => {
  pki = await testPki();
  http = await serveFiles({ '/doctor.der': certDer(pki.doctor) });
  const inter = intermediateDer(pki);
  dns = startLoopbackDns({
    // The patient's name holds the leaf and its issuing CA: about 2 KB, more than UDP carries (1232 with EDNS).
    'patient.test': zoneFile('patient.test', [
      { name: 'pat', type: 'PKIX', data: certDer(pki.patient) },
      { name: 'pat', type: 'PKIX', data: inter },
      // Someone else's certificate published at mallory's name.
      { name: 'mallory', type: 'PKIX', data: certDer(pki.doctor) },
    ]),
    'clinic.test': zoneFile('clinic.test', [
      { name: '@', type: 'PKIX', data: certDer(pki.org) },
      // An address-bound record that is not usable (someone else's): the domain's certificate still serves.
      { name: 'temp', type: 'PKIX', data: certDer(pki.doctor) },
    ]),
    'doctor.test': zoneFile('doctor.test', [
      { name: 'dr.house', type: 'IPKIX', data: `${http.base}/doctor.der` },
      { name: 'old', type: 'PKIX', data: certDer(pki.expired) },
      { name: 'lost', type: 'IPKIX', data: `${http.base}/missing.der` },
      // An IPKIX record naming an LDAP URL (a browser, and this command, cannot follow it), and a PGP record.
      { name: 'ldap', type: 'IPKIX', data: 'ldap://ldap.doctor.test/cn=ldap,dc=doctor,dc=test?userSMIMECertificate' },
      { name: 'pgp', type: 'PGP', data: new Uint8Array([1, 2, 3, 4]) },
    ]),
    'evil.test': zoneFile('evil.test', [{ name: 'eve', type: 'PKIX', data: certDer(pki.eve) }]),
  });
}, 120_000);

afterAll(() => {
  dns?.stop();
  http?.server.close();
});

const pemDer = (pem: string): Uint8Array[] => readCertificates(new TextEncoder().encode(pem));
const errorLine = (code: keyof typeof ERROR_SENTENCES) => `error: ${code}: ${ERROR_SENTENCES[code]}`;

describe('directseal discover (real BIND + dnsdist on loopback)', () => {
  const anchor = () => ['--anchor', pki.anchorPem, '--anchor', pki.intermediatePem];

  it('finds the address-bound certificate over DoH and says where it came from', async () => {
    const r = await directseal(['discover', pki.patient.address, '--doh', dns.doh, ...anchor()]);
    expect(r.stderr).toMatch(/found: .* for pat@patient\.test: CERT PKIX at pat\.patient\.test \(address-bound name\), TTL 60 s, via DNS-over-HTTPS http:\/\/127\.0\.0\.1:\d+\/dns-query/);
    expect(r.code).toBe(0);
    // The intermediate published beside it is chain material, not printed as a recipient certificate.
    expect(pemDer(r.stdout)).toEqual([certDer(pki.patient)]);
  });

  it('asks again over TCP when the UDP answer is truncated (a record set over 512 and 1232 bytes)', async () => {
    const r = await directseal(['discover', pki.patient.address, '--dns', dns.dns, ...anchor()]);
    expect(r.stderr).toContain(`via DNS ${dns.dns} over TCP (the UDP answer was truncated)`);
    expect(r.code).toBe(0);
    expect(pemDer(r.stdout)).toEqual([certDer(pki.patient)]);
  });

  it('a single record over 512 bytes comes over UDP with EDNS, and over DoH', async () => {
    expect(certDer(pki.org).length).toBeGreaterThan(512);
    for (const via of [['--dns', dns.dns], ['--doh', dns.doh]]) {
      const r = await directseal(['discover', pki.org.address, ...via!, ...anchor()]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(via![0] === '--dns' ? `via DNS ${dns.dns} over UDP` : 'via DNS-over-HTTPS');
      expect(pemDer(r.stdout)).toEqual([certDer(pki.org)]);
    }
  });

  it('falls back to the domain when the address-bound name has nothing', async () => {
    const r = await directseal(['discover', pki.org.address, '--doh', dns.doh, ...anchor()]);
    expect(r.stderr).toMatch(/found: .* for clinic\.test: CERT PKIX at clinic\.test \(domain\)/);
    expect(r.code).toBe(0);
  });

  it('an unusable address-bound record does not hide the domain certificate', async () => {
    const r = await directseal(['discover', 'temp@clinic.test', '--dns', dns.dns, ...anchor()]);
    expect(r.stderr).toMatch(/refused: .* CERT PKIX at temp\.clinic\.test \(address-bound name\).*CERT_ADDRESS_MISMATCH/);
    expect(r.stderr).toMatch(/found: .* for clinic\.test: CERT PKIX at clinic\.test \(domain\)/);
    expect(r.code).toBe(0);
    expect(pemDer(r.stdout)).toEqual([certDer(pki.org)]);
  });

  it('exits 1 with DISCOVERY_NOT_FOUND when no record exists', async () => {
    for (const via of [['--doh', dns.doh], ['--dns', dns.dns]]) {
      const r = await directseal(['discover', 'nobody@patient.test', ...via!]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(errorLine('DISCOVERY_NOT_FOUND'));
    }
  });

  it('fetches the certificate an IPKIX record points to', async () => {
    const r = await directseal(['discover', pki.doctor.address, '--doh', dns.doh, ...anchor()]);
    expect(r.stderr).toContain(`CERT IPKIX at dr.house.doctor.test (address-bound name) -> ${http.base}/doctor.der`);
    expect(r.code).toBe(0);
    expect(pemDer(r.stdout)).toEqual([certDer(pki.doctor)]);
  });

  it('an IPKIX URL that does not answer is named, and nothing is usable', async () => {
    const r = await directseal(['discover', 'lost@doctor.test', '--doh', dns.doh]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`note: IPKIX ${http.base}/missing.der: HTTP 404`);
    expect(r.stderr).toContain(errorLine('DISCOVERY_NOT_FOUND'));
  });

  it('names an IPKIX URL that is not http(s), and a CERT type Direct does not use', async () => {
    const ldap = await directseal(['discover', 'ldap@doctor.test', '--doh', dns.doh]);
    expect(ldap.code).toBe(1);
    expect(ldap.stderr).toContain('note: IPKIX "ldap://ldap.doctor.test/');
    expect(ldap.stderr).toContain('only http:// and https:// URLs are fetched');
    const pgp = await directseal(['discover', 'pgp@doctor.test', '--dns', dns.dns]);
    expect(pgp.code).toBe(1);
    expect(pgp.stderr).toContain('note: pgp.doctor.test: CERT type 3 is not one Direct uses');
    expect(pgp.stderr).toContain(errorLine('DISCOVERY_NOT_FOUND'));
  });

  it('refuses a certificate bound to another address', async () => {
    const r = await directseal(['discover', 'mallory@patient.test', '--doh', dns.doh, ...anchor()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/refused: .* for dr\.house@doctor\.test: CERT PKIX at mallory\.patient\.test .*: CERT_ADDRESS_MISMATCH: .*\(bound to dr\.house@doctor\.test, not mallory@patient\.test\)/);
    expect(r.stderr).toContain(errorLine('DISCOVERY_UNUSABLE'));
  });

  it('refuses a certificate that does not chain to the given anchor, and an expired one', async () => {
    const eve = await directseal(['discover', pki.eve.address, '--doh', dns.doh, ...anchor()]);
    expect(eve.code).toBe(1);
    expect(eve.stderr).toContain(': ISSUER_MISSING: ');
    expect(eve.stderr).toContain(errorLine('DISCOVERY_UNUSABLE'));
    const old = await directseal(['discover', pki.expired.address, '--dns', dns.dns, ...anchor()]);
    expect(old.code).toBe(1);
    expect(old.stderr).toContain(': CERT_EXPIRED: ');
  });

  it('exits 1 with DISCOVERY_FAILED when the resolver cannot be reached', async () => {
    const r = await directseal(['discover', pki.patient.address, '--doh', 'http://127.0.0.1:9/dns-query']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(errorLine('DISCOVERY_FAILED'));
    expect(r.stderr).toContain('pat.patient.test: http://127.0.0.1:9/dns-query: fetch failed');
  });

  it('refuses a plain-http resolver on another computer, and --doh with --dns', async () => {
    const r = await directseal(['discover', pki.patient.address, '--doh', 'http://dns.example.org/dns-query']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: RESOLVER_INVALID: ');
    expect((await directseal(['discover', pki.patient.address, '--doh', dns.doh, '--dns', dns.dns])).code).toBe(2);
  });

  it('the DER that comes back is byte for byte the published file', async () => {
    const r = await directseal(['discover', pki.patient.address, '--dns', dns.dns]);
    expect(Buffer.from(pemDer(r.stdout)[0]!)).toEqual(Buffer.from(bytes(pki.patient.certDer)));
  });
});
