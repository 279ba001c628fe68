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
import type { SessionKeeper } from '../../../utils/custody/session-store';
import type { Clock } from '../../../utils/custody/session';
import { fromWire, toWire } from '../../../utils/keyservice/wire';
import { openStore } from '../../../utils/store/open';
import type { RewriteSupport } from '../../../utils/store/rewrite';
import { memoryStagingArea } from '../../../utils/store/staging';
import type { DirectSealSchema } from '../../../utils/store/schema';
import type { StoreNames, StoreValue } from 'idb';
import { buildMessage } from '../../../utils/mime/build';
import { bytes, certDer, keyPkcs8, openssl, testPki, type TestPki } from '../../support/pki-fixture';
import { fromUtf8, latin1 } from '../../../utils/bytes';
import { mapSessionKeeper } from '../../../utils/custody/session-store';
import { lockKey } from '../../../utils/custody/passphrase';
import { wrapPrivateKey } from '../../../utils/custody/wrap';

const PASS = 'test-pass';
const LOCK = 'lock-passphrase';

interface Install {
  factory: IDBFactory;
  /** Where its rewrites stage (the extension's Cache Storage, which outlives the worker like the database). */
  rewrite: RewriteSupport;
  /** Every record of one object store, read through a connection of the test's own (a rewrite replaces the database). */
  records<N extends StoreNames<DirectSealSchema>>(name: N): Promise<StoreValue<DirectSealSchema, N>[]>;
  service: KeyService;
  call<T extends RequestType>(type: T, request: KeyServiceApi[T]['request']): Promise<ReplyOf<T>>;
  fail<T extends RequestType>(type: T, request: KeyServiceApi[T]['request']): Promise<string>;
}

/**
 * A new install as a user sets it up: the passphrase first (`lock: false` leaves that choice to the test).
 * A restart of the same profile passes the same `factory` and `rewrite`.
 */
async function install(opts: { lock?: boolean; factory?: IDBFactory; rewrite?: RewriteSupport; keeper?: SessionKeeper; clock?: Clock } = {}): Promise<Install> {
  const factory = opts.factory ?? new IDBFactory();
  const rewrite = opts.rewrite ?? { staging: memoryStagingArea() };
  const store = await openStore(factory, rewrite);
  const service = await createKeyService({ store, factory, rewrite, version: 'test', ...(opts.keeper ? { keeper: opts.keeper } : {}), ...(opts.clock ? { clock: opts.clock } : {}) });
  const send = (type: string, request: object) => service.handle({ ...request, type }) as Promise<Outcome<unknown>>;
  if (opts.lock ?? true) {
    const out = await send('lock.enable', { passphrase: LOCK, idleMinutes: 15 });
    if (!out.ok) throw new Error(`lock.enable: ${JSON.stringify(out.error)}`);
  }
  return {
    factory,
    rewrite,
    async records(name) {
      const own = await openStore(factory, rewrite);
      try {
        return await own.getAll(name);
      } finally {
        own.close();
      }
    },
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

  it('stores no key before the passphrase is chosen (or explicitly declined)', async () => {
    const doc = await install({ lock: false });
    expect(await doc.call('lock.status', {})).toMatchObject({ mode: 'unset', enabled: false });
    expect(await doc.fail('identities.importP12', { p12: file(pki.doctor.p12), passphrase: PASS })).toBe('LOCK_NOT_SET');
    expect(await doc.fail('identities.generate', { address: 'x@doctor.test', modulusLength: 2048, backupPassphrase: 'backup-passphrase' })).toBe('LOCK_NOT_SET');
    expect(await doc.records('identities')).toEqual([]);
  });

  it('imports a .p12 (modern and legacy), lists it, and refuses a wrong passphrase leaving nothing behind', async () => {
    const doc = await install();
    expect(await doc.fail('identities.importP12', { p12: file(pki.doctor.p12), passphrase: 'wrong' })).toBe('BAD_PASSPHRASE');
    expect(await doc.call('identities.list', {})).toEqual([]);
    const modern = await doc.call('identities.importP12', { p12: file(pki.doctor.p12), passphrase: PASS });
    expect(modern).toMatchObject({ address: pki.doctor.address, state: 'ready', protection: 'passphrase', expired: false });
    expect(modern.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await doc.call('identities.importP12', { p12: file(pki.patient.p12Legacy), passphrase: PASS });
    // The same certificate again replaces rather than duplicates.
    await doc.call('identities.importP12', { p12: file(pki.doctor.p12Legacy), passphrase: PASS });
    const list = await doc.call('identities.list', {});
    expect(list.map((i) => i.address).sort()).toEqual([pki.doctor.address, pki.patient.address].sort());
  });

  it('keeps no private key in the clear, no CryptoKey and no KEK in any record', async () => {
    const doc = await install();
    await doc.call('identities.importPem', { key: file(pki.doctor.keyPem), certificates: file(pki.doctor.chainPem) });
    const keyDer = new Uint8Array(openssl(['pkey', '-in', pki.doctor.keyPem, '-outform', 'DER']));
    const found = { cryptoKeys: 0, clear: 0 };
    const probe = latin1(keyDer.subarray(keyDer.length - 48, keyDer.length - 16));
    const walk = (v: unknown): void => {
      if (v instanceof CryptoKey) found.cryptoKeys++;
      else if (v instanceof Uint8Array) found.clear += latin1(v).includes(probe) ? 1 : 0;
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const name of ['identities', 'settings', 'meta', 'drafts'] as const) (await doc.records(name)).forEach(walk);
    expect(found).toEqual({ cryptoKeys: 0, clear: 0 });
    expect(await doc.records('meta')).toEqual([]);
    const [record] = await doc.records('identities');
    expect(record!.wrappedKey.kind).toBe('vault');
    expect(record!.cryptoKeys).toBeUndefined();
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
    const full = await doc.call('identities.exportBackup', { id: made.identity.id, passphrase: 'another-passphrase', lockPassphrase: LOCK });
    const fullPath = join(pki.dir, 'new-full.p12');
    writeFileSync(fullPath, fromWire(full.p12));
    const dump = openssl(['pkcs12', '-in', fullPath, '-passin', 'pass:another-passphrase', '-nodes']).toString();
    expect(dump).toContain('PRIVATE KEY');
    expect(dump).toContain('BEGIN CERTIFICATE');
  });

  it('refuses a passphrase under the floor of 8 wherever it would protect something, whatever a page asked for', async () => {
    const fresh = await install({ lock: false });
    expect(await fresh.fail('lock.enable', { passphrase: 'seven77', idleMinutes: 15 })).toBe('BAD_PASSPHRASE');
    const doc = await install();
    expect(await doc.fail('ca.create', { practiceName: 'Clinic', backupPassphrase: 'seven77' })).toBe('BAD_PASSPHRASE');
    const imported = await doc.call('identities.importP12', { p12: file(pki.doctor.p12), passphrase: pki.password });
    expect(await doc.fail('identities.exportBackup', { id: imported.id, passphrase: 'seven77', lockPassphrase: LOCK })).toBe('BAD_PASSPHRASE');
    // Eight is enough for the service (the pages ask for ten).
    expect(await fresh.call('lock.enable', { passphrase: 'eight888', idleMinutes: 15 })).toMatchObject({ mode: 'passphrase' });
  });

  it('passphrase lock: locked keys cannot sign or open, a wrong passphrase is refused, unlock restores', async () => {
    const doc = await install();
    await doc.call('identities.importP12', { p12: file(pki.doctor.p12), passphrase: PASS });
    await doc.call('anchors.import', { bytes: file(pki.anchorPem) });
    await doc.call('contacts.add', { certificate: file(pki.patient.chainPem) });
    expect(await doc.call('lock.status', {})).toEqual({ mode: 'passphrase', enabled: true, unlocked: true, idleMinutes: 15, earlierVersion: false });
    const { sealed } = await doc.call('message.seal', { message: letter(pki.doctor.address, pki.patient.address) });
    await doc.call('lock.lock', {});
    expect(await doc.fail('message.seal', { message: letter(pki.doctor.address, pki.patient.address) })).toBe('KEY_LOCKED');
    expect(await doc.fail('message.open', { sealed })).toBe('KEY_LOCKED');
    expect(await doc.fail('identities.importP12', { p12: file(pki.patient.p12), passphrase: PASS })).toBe('KEY_LOCKED');
    expect(await doc.fail('lock.unlock', { passphrase: 'wrong-passphrase' })).toBe('BAD_PASSPHRASE');
    expect((await doc.call('lock.unlock', { passphrase: LOCK })).unlocked).toBe(true);
    await doc.call('message.seal', { message: letter(pki.doctor.address, pki.patient.address) });
    expect((await doc.call('message.open', { sealed })).verdict.status).toBe('verified');
  });

  it('turning the lock off is an explicit choice, said as such, and leaves the keys usable', async () => {
    const doc = await install();
    await doc.call('identities.importP12', { p12: file(pki.doctor.p12), passphrase: PASS });
    expect(await doc.fail('lock.disable', { passphrase: LOCK } as never)).toBe('USAGE');
    expect(await doc.fail('lock.disable', { passphrase: 'wrong-passphrase', understood: true })).toBe('BAD_PASSPHRASE');
    expect(await doc.call('lock.disable', { passphrase: LOCK, understood: true })).toMatchObject({ mode: 'unprotected', enabled: false });
    expect((await doc.call('identities.list', {}))[0]!.protection).toBe('none');
    await doc.call('anchors.import', { bytes: file(pki.anchorPem) });
    await doc.call('contacts.add', { certificate: file(pki.patient.chainPem) });
    await doc.call('message.seal', { message: letter(pki.doctor.address, pki.patient.address) });
  });

  it('no passphrase only by explicit choice, before any key; setting one later rewrites the store under it', async () => {
    const doc = await install({ lock: false });
    expect(await doc.fail('lock.noPassphrase', {} as never)).toBe('USAGE');
    expect(await doc.call('lock.noPassphrase', { understood: true })).toMatchObject({ mode: 'unprotected', enabled: false, unlocked: false });
    expect(await doc.fail('lock.noPassphrase', { understood: true })).toBe('USAGE');
    await doc.call('identities.importP12', { p12: file(pki.doctor.p12), passphrase: PASS });
    await doc.call('drafts.save', { id: 'd1', draft: { from: pki.doctor.address, to: '', subject: 'kept', text: '', attachments: [] } });
    expect((await doc.call('identities.list', {}))[0]!.protection).toBe('none');
    // Said in the code's own words: the vault secret rests in the clear.
    const plain = await openStore(doc.factory, doc.rewrite);
    expect(await plain.get('settings', 'unprotectedVault')).toBeInstanceOf(Uint8Array);
    plain.close();
    const before = (await doc.records('identities'))[0]!;

    expect(await doc.call('lock.enable', { passphrase: LOCK, idleMinutes: 10 })).toMatchObject({ mode: 'passphrase', unlocked: true });
    const after = (await doc.records('identities'))[0]!;
    // A new vault: the old ciphertext (whose vault secret rested in the clear) is not what rests now.
    expect(after.wrappedKey.ciphertext).not.toEqual(before.wrappedKey.ciphertext);
    expect(after.backup?.sealed?.ciphertext).not.toEqual(before.backup?.sealed?.ciphertext);
    const own = await openStore(doc.factory, doc.rewrite);
    expect(await own.get('settings', 'unprotectedVault')).toBeUndefined();
    own.close();
    expect(await doc.call('drafts.list', {})).toMatchObject([{ id: 'd1', draft: { subject: 'kept' } }]);
    await doc.call('lock.lock', {});
    await doc.call('lock.unlock', { passphrase: LOCK });
    expect(await doc.call('identities.list', {})).toMatchObject([{ address: pki.doctor.address, protection: 'passphrase' }]);
  });

  it('asks the lock passphrase again to export a backup', async () => {
    const doc = await install();
    const imported = await doc.call('identities.importP12', { p12: file(pki.doctor.p12), passphrase: PASS });
    expect(await doc.fail('identities.exportBackup', { id: imported.id })).toBe('BAD_PASSPHRASE');
    expect(await doc.fail('identities.exportBackup', { id: imported.id, lockPassphrase: 'not-the-lock' })).toBe('BAD_PASSPHRASE');
    expect(await doc.fail('identities.exportBackup', { id: imported.id, passphrase: 'a-new-passphrase' })).toBe('BAD_PASSPHRASE');
    const kept = await doc.call('identities.exportBackup', { id: imported.id, lockPassphrase: LOCK });
    // The kept backup comes back byte for byte, though it rests sealed under the vault.
    expect(fromWire(kept.p12)).toEqual(bytes(pki.doctor.p12));
    expect(latin1((await doc.records('identities'))[0]!.backup!.sealed!.ciphertext)).not.toContain(latin1(bytes(pki.doctor.p12).subarray(100, 140)));
  });

  it('an unlocked session outlives the service worker within the idle time, not beyond', async () => {
    let now = 1_000_000_000;
    const clock: Clock = { now: () => now, setTimer: () => 0, clearTimer: () => undefined };
    const kept = new Map();
    const keeper = mapSessionKeeper(kept);
    const factory = new IDBFactory();
    const rewrite = { staging: memoryStagingArea() };
    const first = await install({ factory, rewrite, keeper, clock });
    await first.call('identities.importP12', { p12: file(pki.doctor.p12), passphrase: PASS });
    // The worker stops: a new service on the same database and the same storage.session.
    now += 14 * 60_000;
    const second = await install({ factory, rewrite, keeper, clock, lock: false });
    expect(await second.call('lock.status', {})).toMatchObject({ enabled: true, unlocked: true });
    await second.call('drafts.save', { id: 'd', draft: { from: '', to: 'x', subject: '', text: '', attachments: [] } });
    now += 16 * 60_000;
    const third = await install({ factory, rewrite, keeper, clock, lock: false });
    expect(await third.call('lock.status', {})).toMatchObject({ enabled: true, unlocked: false });
    expect(kept.size).toBe(0);
    expect(await third.call('drafts.list', {})).toEqual([]);
  });

  it('an earlier version\'s install (KEK, clear CryptoKeys) keeps working, says so, and is rewritten when the passphrase is set', async () => {
    const factory = new IDBFactory();
    const pkcs8 = await plantLegacyInstall(factory, { lockedWith: undefined });
    const doc = await install({ factory, lock: false });
    expect(await doc.call('lock.status', {})).toMatchObject({ mode: 'unprotected', enabled: false, earlierVersion: true });
    expect(await doc.call('identities.list', {})).toMatchObject([{ address: pki.doctor.address, protection: 'none' }]);
    await doc.call('anchors.import', { bytes: file(pki.anchorPem) });
    await doc.call('contacts.add', { certificate: file(pki.patient.chainPem) });
    await doc.call('message.seal', { message: letter(pki.doctor.address, pki.patient.address) });
    // No new key joins the unprotected ones.
    expect(await doc.fail('identities.importP12', { p12: file(pki.patient.p12), passphrase: PASS })).toBe('LOCK_NOT_SET');

    await doc.call('lock.enable', { passphrase: LOCK, idleMinutes: 15 });
    await expectNothingOfAnEarlierVersion(doc, pkcs8);
    expect(await doc.call('lock.status', {})).toMatchObject({ mode: 'passphrase', unlocked: true, earlierVersion: false });
    expect(await doc.call('drafts.list', {})).toMatchObject([{ id: 'old', draft: { subject: 'from before' } }]);
    await doc.call('message.seal', { message: letter(pki.doctor.address, pki.patient.address) });
    const kept = await doc.call('identities.exportBackup', { id: 'legacy-1', lockPassphrase: LOCK });
    expect(fromWire(kept.p12)).toEqual(bytes(pki.doctor.p12));
  });

  it('an earlier version\'s lock (keys wrapped one by one, the KEK still there) is rewritten at the next unlock', async () => {
    const factory = new IDBFactory();
    const pkcs8 = await plantLegacyInstall(factory, { lockedWith: LOCK });
    const doc = await install({ factory, lock: false });
    expect(await doc.call('lock.status', {})).toMatchObject({ mode: 'passphrase', unlocked: false, earlierVersion: true });
    expect(await doc.fail('lock.unlock', { passphrase: 'wrong-passphrase' })).toBe('BAD_PASSPHRASE');
    expect((await doc.records('meta')).length).toBe(1);
    await doc.call('lock.unlock', { passphrase: LOCK });
    await expectNothingOfAnEarlierVersion(doc, pkcs8);
    await doc.call('anchors.import', { bytes: file(pki.anchorPem) });
    await doc.call('contacts.add', { certificate: file(pki.patient.chainPem) });
    await doc.call('message.seal', { message: letter(pki.doctor.address, pki.patient.address) });
    await doc.call('lock.lock', {});
    await doc.call('lock.unlock', { passphrase: LOCK });
    await doc.call('message.seal', { message: letter(pki.doctor.address, pki.patient.address) });
  });

  it('a rewrite stopped half way (the old database would not delete) loses no key, and the passphrase opens them', async () => {
    const real = new IDBFactory();
    await plantLegacyInstall(real, { lockedWith: undefined });
    let crash = true;
    // The crash: deleting the old database fails once, after the new records were staged.
    const factory = new Proxy(real, {
      get(target, prop) {
        if (prop === 'deleteDatabase') {
          return (name: string) => {
            if (name === 'directseal' && crash) {
              crash = false;
              throw new Error('the browser stopped here');
            }
            return target.deleteDatabase(name);
          };
        }
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const rewrite = { staging: memoryStagingArea() };
    const doc = await install({ factory, rewrite, lock: false });
    expect(await doc.fail('lock.enable', { passphrase: LOCK, idleMinutes: 15 })).toBe('INTERNAL');
    // The next start (a new service on the same profile) finds the move finished: locked under the new passphrase.
    const next = await install({ factory: real, rewrite, lock: false });
    expect(await next.call('lock.status', {})).toMatchObject({ mode: 'passphrase', unlocked: false, earlierVersion: false });
    await next.call('lock.unlock', { passphrase: LOCK });
    await expectNothingOfAnEarlierVersion(next, await keyPkcs8(pki.doctor));
    await next.call('anchors.import', { bytes: file(pki.anchorPem) });
    await next.call('contacts.add', { certificate: file(pki.patient.chainPem) });
    await next.call('message.seal', { message: letter(pki.doctor.address, pki.patient.address) });
  });

  it('requests that arrive during a rewrite wait for it instead of failing on the closed database', async () => {
    const factory = new IDBFactory();
    await plantLegacyInstall(factory, { lockedWith: undefined });
    const doc = await install({ factory, lock: false });
    const results = await Promise.all([
      doc.call('identities.list', {}),
      doc.call('lock.enable', { passphrase: LOCK, idleMinutes: 15 }),
      doc.call('identities.list', {}),
      doc.call('anchors.import', { bytes: file(pki.anchorPem) }),
      doc.call('lock.status', {}),
    ]);
    expect(results[2]).toMatchObject([{ protection: 'passphrase' }]);
    expect(results[4]).toMatchObject({ mode: 'passphrase', unlocked: true });
    expect(await doc.call('anchors.list', {})).toHaveLength(1);
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
    const [stored] = await doc.records('drafts');
    expect(latin1(stored!.ciphertext)).not.toContain('MARKER');
    expect(await doc.call('drafts.list', {})).toMatchObject([{ id: 'd1', draft }]);
    // Locked: the vault key is gone, so no draft is listed, and none can be saved.
    await doc.call('lock.lock', {});
    expect(await doc.call('drafts.list', {})).toEqual([]);
    expect(await doc.fail('drafts.save', { id: 'd2', draft })).toBe('KEY_LOCKED');
    await doc.call('lock.unlock', { passphrase: LOCK });
    expect(await doc.call('drafts.list', {})).toMatchObject([{ id: 'd1', draft }]);
    await doc.call('drafts.delete', { id: 'd1' });
    expect(await doc.call('drafts.list', {})).toEqual([]);
    expect(await doc.fail('drafts.delete', { id: 'd1' })).toBe('NOT_FOUND');
  });
});

/**
 * A profile as an earlier version left it (schema v3): the KEK in meta, the key wrapped under it next to clear
 * CryptoKeys, the .p12 backup as it was, a draft under the KEK; or, `lockedWith` a passphrase, that version's
 * lock (each key under the passphrase, the KEK still in meta). Returns the PKCS#8 planted.
 */
async function plantLegacyInstall(factory: IDBFactory, opts: { lockedWith: string | undefined }): Promise<Uint8Array> {
  const pki = await testPki();
  const pkcs8 = await keyPkcs8(pki.doctor);
  const kek = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const certificate = certDer(pki.doctor);
  const store = await openStore(factory, { staging: memoryStagingArea() }); // plants records, never rewrites
  const wrappedKey = opts.lockedWith ? await lockKey(pkcs8, opts.lockedWith) : await wrapPrivateKey(pkcs8, kek);
  const cryptoKeys = opts.lockedWith
    ? {}
    : {
        cryptoKeys: {
          sign: await crypto.subtle.importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']),
          oaep: await crypto.subtle.importKey('pkcs8', pkcs8 as Uint8Array<ArrayBuffer>, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['decrypt']),
        },
      };
  await store.put('identities', {
    id: 'legacy-1',
    address: pki.doctor.address,
    certificateChain: [certificate],
    wrappedKey,
    ...cryptoKeys,
    backup: { kind: 'p12', bytes: bytes(pki.doctor.p12), createdAt: 1 },
    backupConfirmed: true,
    createdAt: 1,
  });
  await store.put('meta', kek, 'kek');
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const draft = new TextEncoder().encode(JSON.stringify({ from: pki.doctor.address, to: '', subject: 'from before', text: '', attachments: [] }));
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode('directseal/draft/v1') }, kek, draft));
  await store.put('drafts', { id: 'old', iv, ciphertext, updatedAt: 1 });
  if (opts.lockedWith) {
    await store.put('settings', true, 'lockEnabled');
    await store.put('settings', await lockKey(crypto.getRandomValues(new Uint8Array(32)), opts.lockedWith), 'lockCheck');
  }
  store.close();
  return pkcs8;
}

/** After the rewrite: no KEK, no CryptoKey, no clear backup, every key and draft under the vault. */
async function expectNothingOfAnEarlierVersion(doc: Install, pkcs8: Uint8Array): Promise<void> {
  expect(await doc.records('meta')).toEqual([]);
  const [record] = await doc.records('identities');
  expect(record!.wrappedKey.kind).toBe('vault');
  expect(record!.cryptoKeys).toBeUndefined();
  expect(record!.backup?.bytes).toBeUndefined();
  expect(record!.backup?.sealed).toBeDefined();
  expect(latin1(record!.wrappedKey.ciphertext)).not.toContain(latin1(pkcs8.subarray(pkcs8.length - 40)));
  expect((await doc.records('drafts')).map((d) => d.kind)).toEqual(['vault']);
}
