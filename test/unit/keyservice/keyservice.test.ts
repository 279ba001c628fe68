/**
 * The background key service end to end in Node: real PKI made by openssl, the real store on fake-indexeddb,
 * two installs (doctor and patient) exchanging a sealed message through the service's requests only.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyServiceApi, Outcome, ReplyOf, RequestType } from '../../../utils/keyservice/api';
import { createKeyService, type KeyService } from '../../../utils/keyservice/service';
import { fromWire, toWire } from '../../../utils/keyservice/wire';
import { openStore, type Store } from '../../../utils/store/open';
import { buildMessage } from '../../../utils/mime/build';
import { bytes, openssl, testPki, type TestPki } from '../../support/pki-fixture';
import { fromUtf8, latin1 } from '../../../utils/bytes';

const PASS = 'test-pass';

interface Install {
  store: Store;
  service: KeyService;
  call<T extends RequestType>(type: T, request: KeyServiceApi[T]['request']): Promise<ReplyOf<T>>;
  fail<T extends RequestType>(type: T, request: KeyServiceApi[T]['request']): Promise<string>;
}

async function install(): Promise<Install> {
  const store = await openStore(new IDBFactory());
  const service = await createKeyService({ store, version: 'test' });
  const send = (type: string, request: object) => service.handle({ ...request, type }) as Promise<Outcome<unknown>>;
  return {
    store,
    service,
    async call(type, request) {
      const out = await send(type, request);
      if (!out.ok) throw new Error(`${type}: ${out.error.code} ${out.error.detail ?? ''}`);
      return out.value as never;
    },
    async fail(type, request) {
      const out = await send(type, request);
      if (out.ok) throw new Error(`${type} succeeded but should have failed`);
      return out.error.code;
    },
  };
}

const file = (path: string) => toWire(bytes(path));

function letter(from: string, to: string, text = 'Your lab results are normal.'): string {
  return toWire(buildMessage({ from, to: [to], subject: 'Résultats', text }));
}

describe('key service', () => {
  let pki: TestPki;
  beforeAll(async () => {
    pki = await testPki();
  });

  it('imports a .p12 (modern and legacy), lists it, and refuses a wrong passphrase leaving nothing behind', async () => {
    const doc = await install();
    expect(await doc.fail('identities.importP12', { p12: file(pki.doctor.p12), passphrase: 'wrong' })).toBe('BAD_PASSPHRASE');
    expect(await doc.call('identities.list', {})).toEqual([]);
    const modern = await doc.call('identities.importP12', { p12: file(pki.doctor.p12), passphrase: PASS });
    expect(modern).toMatchObject({ address: pki.doctor.address, state: 'ready', protection: 'browser-key', expired: false });
    expect(modern.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await doc.call('identities.importP12', { p12: file(pki.patient.p12Legacy), passphrase: PASS });
    // The same certificate again replaces rather than duplicates.
    await doc.call('identities.importP12', { p12: file(pki.doctor.p12Legacy), passphrase: PASS });
    const list = await doc.call('identities.list', {});
    expect(list.map((i) => i.address).sort()).toEqual([pki.doctor.address, pki.patient.address].sort());
  });

  it('keeps no private key in the clear and only non-extractable CryptoKeys', async () => {
    const doc = await install();
    await doc.call('identities.importPem', { key: file(pki.doctor.keyPem), certificates: file(pki.doctor.chainPem) });
    const [record] = await doc.store.getAll('identities');
    const keyDer = openssl(['pkey', '-in', pki.doctor.keyPem, '-outform', 'DER']);
    const stored = latin1(record!.wrappedKey.ciphertext);
    expect(stored.includes(latin1(new Uint8Array(keyDer.subarray(40, 72))))).toBe(false);
    expect(record!.cryptoKeys?.sign.extractable).toBe(false);
    expect(record!.cryptoKeys?.oaep.extractable).toBe(false);
  });

  it('seals from the doctor to the patient and the patient opens it verified (CBC/v1.5, GCM/OAEP)', async () => {
    const doc = await install();
    const pat = await install();
    await doc.call('identities.importP12', { p12: file(pki.doctor.p12), passphrase: PASS });
    await pat.call('identities.importP12', { p12: file(pki.patient.p12Legacy), passphrase: PASS });
    for (const i of [doc, pat]) await i.call('anchors.import', { bytes: file(pki.anchorPem) });
    const added = await doc.call('contacts.add', { certificate: file(pki.patient.chainPem) });
    expect(added[0]).toMatchObject({ address: pki.patient.address, certificates: [{ status: 'trusted', source: 'file' }] });
    expect(await doc.call('contacts.lookup', { addresses: [pki.patient.address, 'nobody@x.test'] })).toEqual({
      [pki.patient.address]: 'trusted',
      'nobody@x.test': 'none',
    });

    for (const options of [{}, { cipher: 'aes-256-gcm' as const, oaep: true }]) {
      const { sealed } = await doc.call('message.seal', { message: letter(pki.doctor.address, pki.patient.address), options });
      const opened = await pat.call('message.open', { sealed });
      expect(opened.verdict.status).toBe('verified');
      expect(opened.verdict.signerAddress).toBe(pki.doctor.address);
      expect(fromUtf8(fromWire(opened.message))).toContain('Your lab results are normal.');
      // The sender's copy opens too: the doctor is a recipient of their own message.
      expect((await doc.call('message.open', { sealed })).verdict.status).toBe('verified');
    }
    // Opening a verified message kept the signer's certificate as a contact (from signed mail).
    const contacts = await pat.call('contacts.list', {});
    expect(contacts.find((c) => c.address === pki.doctor.address)?.certificates[0]).toMatchObject({ source: 'signed-mail', status: 'trusted' });
    expect(await pat.call('contacts.lookup', { addresses: [pki.doctor.address] })).toEqual({ [pki.doctor.address]: 'trusted' });
    // The doctor already had the patient from a file: opening the patient's mail does not replace that record.
    const { sealed: back } = await pat.call('message.seal', { message: letter(pki.patient.address, pki.doctor.address) });
    expect((await doc.call('message.open', { sealed: back })).verdict.status).toBe('verified');
    // ...and opening one's own sent copy does not make oneself a contact.
    expect(await doc.call('contacts.list', {})).toMatchObject([{ address: pki.patient.address, certificates: [{ source: 'file', status: 'trusted' }] }]);
  });

  it('refuses to seal to an unknown or untrusted recipient, and from an address without identity', async () => {
    const doc = await install();
    await doc.call('identities.importP12', { p12: file(pki.doctor.p12), passphrase: PASS });
    expect(await doc.fail('message.seal', { message: letter(pki.doctor.address, pki.patient.address) })).toBe('NO_RECIPIENTS');
    // No anchor for eve's root: the reply shows the certificate as untrusted, and nothing is kept until accepted.
    const eve = (await doc.call('contacts.add', { certificate: file(pki.eve.certPem) }))[0]!;
    expect(eve.certificates[0]!.status).toBe('untrusted');
    expect(await doc.call('contacts.list', {})).toEqual([]);
    expect(await doc.fail('message.seal', { message: letter(pki.doctor.address, pki.eve.address) })).toBe('NO_RECIPIENTS');
    // Accepting by fingerprint makes it usable; a wrong fingerprint is refused.
    expect(await doc.fail('contacts.add', { certificate: file(pki.eve.certPem), acceptFingerprint: '00'.repeat(32) })).toBe('NOT_A_CERTIFICATE');
    await doc.call('contacts.add', { certificate: file(pki.eve.certPem), acceptFingerprint: eve.certificates[0]!.fingerprint });
    expect(await doc.call('contacts.lookup', { addresses: [pki.eve.address] })).toEqual({ [pki.eve.address]: 'accepted-by-fingerprint' });
    await doc.call('message.seal', { message: letter(pki.doctor.address, pki.eve.address) });
    expect(await doc.fail('message.seal', { message: letter('someone@else.test', pki.eve.address) })).toBe('NO_IDENTITY');
  });

  it('generates a key: backup first, then the CA-signed certificate, then it can seal', async () => {
    const doc = await install();
    const address = 'new.doctor@doctor.test';
    expect(await doc.fail('identities.generate', { address, modulusLength: 2048, backupPassphrase: 'short' })).toBe('BAD_PASSPHRASE');
    const made = await doc.call('identities.generate', { address, commonName: 'Dr New', modulusLength: 2048, backupPassphrase: 'backup-passphrase' });
    expect(made.identity.state).toBe('awaiting-backup');
    // The backup is a real .p12 that openssl opens with the passphrase.
    const backupPath = join(pki.dir, 'new-backup.p12');
    writeFileSync(backupPath, fromWire(made.backupP12));
    expect(openssl(['pkcs12', '-in', backupPath, '-passin', 'pass:backup-passphrase', '-nodes', '-nocerts']).toString()).toContain('PRIVATE KEY');
    await doc.call('anchors.import', { bytes: file(pki.anchorPem) });
    await doc.call('contacts.add', { certificate: file(pki.patient.chainPem) });
    expect(await doc.fail('message.seal', { message: letter(address, pki.patient.address) })).toBe('BACKUP_REQUIRED');
    expect((await doc.call('identities.confirmBackup', { id: made.identity.id })).state).toBe('awaiting-certificate');
    expect(await doc.fail('message.seal', { message: letter(address, pki.patient.address) })).toBe('NO_IDENTITY');

    // The CA (our test intermediate) signs the CSR, copying its subjectAltName.
    const csrPath = join(pki.dir, 'new.csr');
    writeFileSync(csrPath, made.csrPem);
    const certPath = join(pki.dir, 'new.pem');
    openssl(['x509', '-req', '-in', csrPath, '-CA', pki.intermediatePem, '-CAkey', join(pki.dir, 'intermediate.key.pem'),
      '-CAcreateserial', '-days', '30', '-copy_extensions', 'copy', '-out', certPath]);
    expect(await doc.fail('identities.importCertificate', { id: made.identity.id, certificates: file(pki.patient.certPem) })).toBe('KEY_CERT_MISMATCH');
    const chain = toWire(new Uint8Array([...bytes(certPath), ...bytes(pki.intermediatePem)]));
    const ready = await doc.call('identities.importCertificate', { id: made.identity.id, certificates: chain });
    expect(ready.state).toBe('ready');
    const { sealed } = await doc.call('message.seal', { message: letter(address, pki.patient.address) });
    const pat = await install();
    await pat.call('identities.importP12', { p12: file(pki.patient.p12), passphrase: PASS });
    await pat.call('anchors.import', { bytes: file(pki.anchorPem) });
    expect((await pat.call('message.open', { sealed })).verdict).toMatchObject({ status: 'verified', signerAddress: address });

    // A full backup under a new passphrase holds key and certificate.
    const full = await doc.call('identities.exportBackup', { id: made.identity.id, passphrase: 'another-passphrase' });
    const fullPath = join(pki.dir, 'new-full.p12');
    writeFileSync(fullPath, fromWire(full.p12));
    const dump = openssl(['pkcs12', '-in', fullPath, '-passin', 'pass:another-passphrase', '-nodes']).toString();
    expect(dump).toContain('PRIVATE KEY');
    expect(dump).toContain('BEGIN CERTIFICATE');
  });

  it('passphrase lock: keys rest only passphrase-wrapped, locked keys cannot sign, unlock restores', async () => {
    const doc = await install();
    await doc.call('identities.importP12', { p12: file(pki.doctor.p12), passphrase: PASS });
    await doc.call('anchors.import', { bytes: file(pki.anchorPem) });
    await doc.call('contacts.add', { certificate: file(pki.patient.chainPem) });
    expect(await doc.call('lock.enable', { passphrase: 'lock-passphrase', idleMinutes: 5 })).toEqual({ enabled: true, unlocked: true, idleMinutes: 5 });
    const [record] = await doc.store.getAll('identities');
    expect(record!.wrappedKey.kind).toBe('passphrase');
    expect(record!.cryptoKeys).toBeUndefined();
    await doc.call('message.seal', { message: letter(pki.doctor.address, pki.patient.address) });
    const { sealed } = await doc.call('message.seal', { message: letter(pki.doctor.address, pki.patient.address) });
    await doc.call('lock.lock', {});
    expect(await doc.fail('message.seal', { message: letter(pki.doctor.address, pki.patient.address) })).toBe('KEY_LOCKED');
    expect(await doc.fail('message.open', { sealed })).toBe('KEY_LOCKED');
    expect(await doc.fail('lock.unlock', { passphrase: 'wrong-passphrase' })).toBe('BAD_PASSPHRASE');
    expect((await doc.call('lock.unlock', { passphrase: 'lock-passphrase' })).unlocked).toBe(true);
    await doc.call('message.seal', { message: letter(pki.doctor.address, pki.patient.address) });
    expect(await doc.fail('lock.disable', { passphrase: 'wrong-passphrase' })).toBe('BAD_PASSPHRASE');
    expect((await doc.call('lock.disable', { passphrase: 'lock-passphrase' })).enabled).toBe(false);
    const [after] = await doc.store.getAll('identities');
    expect(after!.wrappedKey.kind).toBe('kek');
    expect(after!.cryptoKeys?.sign.extractable).toBe(false);
    await doc.call('message.seal', { message: letter(pki.doctor.address, pki.patient.address) });
  });

  it('anchors and contacts can be removed; unknown requests and missing items have codes', async () => {
    const doc = await install();
    const [anchor] = await doc.call('anchors.import', { bytes: file(pki.bundleP7bPem) }).then((a) => a.slice(0, 1));
    expect((await doc.call('anchors.list', {})).length).toBe(2);
    await doc.call('anchors.remove', { fingerprint: anchor!.fingerprint });
    expect((await doc.call('anchors.list', {})).length).toBe(1);
    expect(await doc.fail('anchors.remove', { fingerprint: anchor!.fingerprint })).toBe('NOT_FOUND');
    await doc.call('contacts.add', { certificate: file(pki.patient.certPem) });
    await doc.call('contacts.remove', { address: pki.patient.address });
    expect(await doc.call('contacts.list', {})).toEqual([]);
    expect(await doc.fail('identities.delete', { id: 'nope' })).toBe('NOT_FOUND');
    expect(await doc.fail('anchors.import', { bytes: toWire(new Uint8Array([1, 2, 3])) })).toBe('NOT_A_CERTIFICATE');
    const unknown = await doc.service.handle({ type: 'keys.steal' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } });
  });

  it('keeps compose drafts encrypted at rest and gives them back', async () => {
    const doc = await install();
    const draft = { from: pki.doctor.address, to: pki.patient.address, subject: 'MARKER-subject', text: 'MARKER-body', attachments: [{ name: 'a.pdf', type: 'application/pdf', content: toWire(new Uint8Array([1, 2, 3])) }] };
    await doc.call('drafts.save', { id: 'd1', draft });
    const [stored] = await doc.store.getAll('drafts');
    expect(latin1(stored!.ciphertext)).not.toContain('MARKER');
    expect(await doc.call('drafts.list', {})).toMatchObject([{ id: 'd1', draft }]);
    await doc.call('drafts.delete', { id: 'd1' });
    expect(await doc.call('drafts.list', {})).toEqual([]);
    expect(await doc.fail('drafts.delete', { id: 'd1' })).toBe('NOT_FOUND');
  });
});
