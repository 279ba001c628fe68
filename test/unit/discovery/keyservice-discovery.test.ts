/**
 * `contacts.discover` in the key service against a real DNS-over-HTTPS front end (dnsdist) and BIND on
 * loopback: what is found is judged against the install's anchors, kept as a contact from 'dns' only when
 * usable, reused for its TTL, and makes the recipient sealable (openssl decrypts with the recipient's key).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyServiceApi, Outcome, ReplyOf, RequestType } from '../../../utils/keyservice/api';
import { createKeyService } from '../../../utils/keyservice/service';
import { fromWire, toWire } from '../../../utils/keyservice/wire';
import { openStore } from '../../../utils/store/open';
import { memoryStagingArea } from '../../../utils/store/staging';
import { buildMessage } from '../../../utils/mime/build';
import { bytes, certDer, intermediateDer, openssl, tempDir, testPki, type TestPki } from '../../support/pki-fixture';
import { startLoopbackDns, zoneFile, type LoopbackDns } from './support/loopback-dns';

let pki: TestPki;
let dns: LoopbackDns;

beforeAll(async () => {
  pki = await testPki();
  dns = startLoopbackDns({
    'patient.test': zoneFile('patient.test', [
      { name: 'pat', type: 'PKIX', data: certDer(pki.patient), ttl: 30 },
      { name: 'pat', type: 'PKIX', data: intermediateDer(pki), ttl: 30 },
      { name: 'mallory', type: 'PKIX', data: certDer(pki.doctor) },
    ]),
    'clinic.test': zoneFile('clinic.test', [{ name: '@', type: 'PKIX', data: certDer(pki.org) }]),
  });
}, 120_000);
afterAll(() => dns?.stop());

async function install() {
  let now = Date.now();
  const factory = new IDBFactory();
  const rewrite = { staging: memoryStagingArea() };
  const store = await openStore(factory, rewrite);
  const service = await createKeyService({ store, factory, rewrite, version: 'test', clock: { now: () => now, setTimer: () => 0, clearTimer: () => undefined } });
  const send = async (type: string, request: object) => (await service.handle({ ...request, type })) as Outcome<unknown>;
  const call = async <T extends RequestType>(type: T, request: KeyServiceApi[T]['request']): Promise<ReplyOf<T>> => {
    const out = await send(type, request);
    if (!out.ok) throw new Error(`${type}: ${out.error.code} ${out.error.detail ?? ''}`);
    return out.value as ReplyOf<T>;
  };
  const fail = async <T extends RequestType>(type: T, request: KeyServiceApi[T]['request']) => {
    const out = await send(type, request);
    if (out.ok) throw new Error(`${type} succeeded`);
    return out.error;
  };
  await call('lock.enable', { passphrase: 'lock-passphrase', idleMinutes: 15 });
  return { call, fail, advance: (ms: number) => (now += ms) };
}

const b64 = (path: string) => toWire(bytes(path));

describe('contacts.discover (real DoH on loopback)', () => {
  it('finds the address-bound certificate, keeps it as a dns contact, and the recipient becomes sealable', async () => {
    const doc = await install();
    await doc.call('identities.importP12', { p12: b64(pki.doctor.p12), passphrase: pki.password });
    await doc.call('anchors.import', { bytes: b64(pki.anchorPem) });
    expect(await doc.call('discovery.setResolver', { resolver: dns.doh })).toEqual({ resolver: dns.doh });
    expect(await doc.call('contacts.lookup', { addresses: [pki.patient.address] })).toEqual({ [pki.patient.address]: 'none' });

    const found = await doc.call('contacts.discover', { address: pki.patient.address });
    expect(found).toMatchObject({ address: pki.patient.address, status: 'trusted', cached: false });
    expect(found.certificates).toEqual([
      expect.objectContaining({ owner: 'pat.patient.test', record: 'PKIX', ttl: 30, usable: true, via: `DNS-over-HTTPS ${dns.doh}` }),
    ]);
    const contacts = await doc.call('contacts.list', {});
    expect(contacts).toMatchObject([{ address: pki.patient.address, certificates: [{ source: 'dns', status: 'trusted' }] }]);

    const message = buildMessage({ from: pki.doctor.address, to: [pki.patient.address], subject: 'Results', text: 'Found in DNS.\n' });
    const { sealed } = await doc.call('message.seal', { message: toWire(message) });
    const dir = tempDir('ds-disc-');
    writeFileSync(join(dir, 'sealed.eml'), fromWire(sealed));
    const inner = openssl(['cms', '-decrypt', '-in', join(dir, 'sealed.eml'), '-inkey', pki.patient.keyPem, '-recip', pki.patient.certPem]).toString('latin1');
    expect(inner).toContain('Found in DNS.');

    // Within the TTL the answer is reused; after it, DNS is asked again.
    expect((await doc.call('contacts.discover', { address: pki.patient.address })).cached).toBe(true);
    doc.advance(31_000);
    expect((await doc.call('contacts.discover', { address: pki.patient.address })).cached).toBe(false);
  });

  it('a domain certificate when the address has none', async () => {
    const doc = await install();
    await doc.call('anchors.import', { bytes: b64(pki.bundleP7bPem) });
    await doc.call('discovery.setResolver', { resolver: dns.doh });
    const found = await doc.call('contacts.discover', { address: 'front.desk@clinic.test' });
    expect(found.status).toBe('trusted');
    expect(found.certificates[0]).toMatchObject({ owner: 'clinic.test', usable: true });
    expect(await doc.call('contacts.lookup', { addresses: ['front.desk@clinic.test'] })).toEqual({ 'front.desk@clinic.test': 'trusted' });
  });

  it('keeps nothing it cannot use: bound to another address, not vouched for by an anchor, or absent', async () => {
    const doc = await install();
    await doc.call('discovery.setResolver', { resolver: dns.doh });
    // No anchor yet: the patient's certificate is found but not trusted.
    const untrusted = await doc.fail('contacts.discover', { address: pki.patient.address });
    expect(untrusted.code).toBe('DISCOVERY_UNUSABLE');
    expect(untrusted.detail).toContain('ISSUER_MISSING');
    await doc.call('anchors.import', { bytes: b64(pki.anchorPem) });
    const mismatch = await doc.fail('contacts.discover', { address: 'mallory@patient.test' });
    expect(mismatch.code).toBe('DISCOVERY_UNUSABLE');
    expect(mismatch.detail).toContain('CERT_ADDRESS_MISMATCH');
    expect((await doc.fail('contacts.discover', { address: 'nobody@patient.test' })).code).toBe('DISCOVERY_NOT_FOUND');
    expect((await doc.fail('contacts.discover', { address: 'not an address' })).code).toBe('DISCOVERY_ADDRESS');
    expect(await doc.call('contacts.list', {})).toEqual([]);
  });

  it('the resolver: https, or http only on this computer; an unreachable one says so', async () => {
    const doc = await install();
    expect((await doc.call('discovery.settings', {})).resolver).toBe('https://cloudflare-dns.com/dns-query');
    expect((await doc.fail('discovery.setResolver', { resolver: 'http://dns.example.org/dns-query' })).code).toBe('RESOLVER_INVALID');
    await doc.call('discovery.setResolver', { resolver: 'http://127.0.0.1:9/dns-query' });
    expect((await doc.fail('contacts.discover', { address: pki.patient.address })).code).toBe('DISCOVERY_FAILED');
  });
});
