/**
 * Sealing and opening beside the key service (utils/keyservice/beside.ts): the core runs in the caller, the
 * background only signs the signed attributes and unwraps one content key. Real PKI from openssl, the real
 * store on fake-indexeddb, and every request counted: the message itself never crosses.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyServiceApi, Outcome, ReplyOf, RequestType } from '../../../utils/keyservice/api';
import { createKeyService } from '../../../utils/keyservice/service';
import { openBeside, sealBeside, type Ask } from '../../../utils/keyservice/beside';
import { fromWire, toWire } from '../../../utils/keyservice/wire';
import { openStore } from '../../../utils/store/open';
import { memoryStagingArea } from '../../../utils/store/staging';
import { buildMessage } from '../../../utils/mime/build';
import { fromUtf8 } from '../../../utils/bytes';
import { wrapMessage } from '../../../utils/direct/wrap';
import { bytes, openssl, opensslResult, tempDir, testPki, type Identity, type TestPki } from '../../support/pki-fixture';

const PASS = 'test-pass';

interface Install {
  ask: Ask;
  /** Every request the caller sent, with the size of its JSON. */
  sent: { type: string; bytes: number }[];
  fail<T extends RequestType>(type: T, request: KeyServiceApi[T]['request']): Promise<string>;
}

async function install(pki: TestPki, me: Identity, contact: Identity): Promise<Install> {
  const factory = new IDBFactory();
  const rewrite = { staging: memoryStagingArea() };
  const service = await createKeyService({ store: await openStore(factory, rewrite), factory, rewrite, version: 'test' });
  const sent: Install['sent'] = [];
  const ask: Ask = async <T extends RequestType>(type: T, request: KeyServiceApi[T]['request']) => {
    const message = { ...request, type };
    sent.push({ type, bytes: JSON.stringify(message).length });
    const out = (await service.handle(message)) as Outcome<ReplyOf<T>>;
    if (!out.ok) throw Object.assign(new Error(`${type}: ${out.error.code} ${out.error.detail ?? ''}`), { code: out.error.code });
    return out.value;
  };
  // Keys rest only under the DirectSeal passphrase, chosen before the first one is stored.
  await ask('lock.enable', { passphrase: 'beside test lock passphrase', idleMinutes: 60 });
  await ask('identities.importP12', { p12: toWire(bytes(me.p12)), passphrase: PASS });
  await ask('anchors.import', { bytes: toWire(bytes(pki.anchorPem)) });
  await ask('contacts.add', { certificate: toWire(bytes(contact.chainPem)) });
  sent.length = 0;
  return {
    ask,
    sent,
    async fail(type, request) {
      const out = await service.handle({ ...request, type });
      if (out.ok) throw new Error(`${type} succeeded but should have failed`);
      return out.error.code;
    },
  };
}

/** A message with a 2 MB attachment: big next to anything that should cross to the background. */
function letter(from: string, to: string): Uint8Array {
  const scan = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 31) & 0xff);
  return buildMessage({ from, to: [to], subject: 'Scan', text: 'The scan is attached.', attachments: [{ filename: 'scan.bin', contentType: 'application/octet-stream', content: scan }] });
}

describe('sealing and opening beside the key service', () => {
  let pki: TestPki;
  let work: string;
  beforeAll(async () => {
    pki = await testPki();
    work = tempDir('ds-beside-');
  });

  it('seals in the caller with only the signed attributes signed in the background; openssl opens and verifies it', async () => {
    const doc = await install(pki, pki.doctor, pki.patient);
    for (const options of [{}, { cipher: 'aes-256-gcm' as const, oaep: true }]) {
      doc.sent.length = 0;
      const sealed = await sealBeside(doc.ask, letter(pki.doctor.address, pki.patient.address), options);
      expect(doc.sent.map((s) => s.type)).toEqual(['message.sealParties', 'message.sign']);
      expect(Math.max(...doc.sent.map((s) => s.bytes))).toBeLessThan(2048);
      const path = join(work, 'sealed.eml');
      writeFileSync(path, sealed);
      const decrypted = openssl(['cms', '-decrypt', '-in', path, '-recip', pki.patient.certPem, '-inkey', pki.patient.keyPem]);
      writeFileSync(join(work, 'decrypted.eml'), decrypted);
      const verified = opensslResult(['cms', '-verify', '-in', join(work, 'decrypted.eml'), '-CAfile', pki.anchorPem, '-certfile', pki.intermediatePem]);
      expect(verified.code, verified.stderr).toBe(0);
      expect(verified.stdout).toContain('The scan is attached.');
    }
  });

  it('opens an openssl message in the caller with only the content key unwrapped in the background: verified', async () => {
    const doc = await install(pki, pki.doctor, pki.patient);
    const inner = join(work, 'inner.eml');
    writeFileSync(inner, wrapMessage(letter(pki.patient.address, pki.doctor.address)));
    for (const oaep of [false, true]) {
      const signed = openssl(['cms', '-sign', '-binary', '-md', 'sha256', '-in', inner, '-signer', pki.patient.certPem, '-inkey', pki.patient.keyPem, '-certfile', pki.intermediatePem]);
      writeFileSync(join(work, 'signed.eml'), signed);
      const sealed = openssl(['cms', '-encrypt', '-binary', '-aes256', '-in', join(work, 'signed.eml'),
        ...(oaep ? ['-recip', pki.doctor.certPem, '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'] : [pki.doctor.certPem])]);
      doc.sent.length = 0;
      const opened = await openBeside(doc.ask, new Uint8Array(sealed));
      expect(opened.verdict).toMatchObject({ status: 'verified', signerAddress: pki.patient.address });
      expect(fromUtf8(opened.message)).toContain('The scan is attached.');
      expect(doc.sent.map((s) => s.type)).toEqual(['message.openParties', 'message.unwrapKey', 'message.rememberSigner']);
      expect(Math.max(...doc.sent.filter((s) => s.type !== 'message.openParties').map((s) => s.bytes))).toBeLessThan(8192);
    }
  });

  it('a message sealed beside opens beside at the recipient, and the sender\'s copy at the sender', async () => {
    const doc = await install(pki, pki.doctor, pki.patient);
    const pat = await install(pki, pki.patient, pki.doctor);
    const sealed = await sealBeside(doc.ask, letter(pki.doctor.address, pki.patient.address));
    expect((await openBeside(pat.ask, sealed.slice())).verdict.status).toBe('verified');
    expect((await openBeside(doc.ask, sealed.slice(), { consumeInput: true })).verdict.status).toBe('verified');
  });

  it('a locked key says KEY_LOCKED, sealing and opening, so the page offers the unlock (not a decryption failure)', async () => {
    const doc = await install(pki, pki.doctor, pki.patient);
    const sealed = await sealBeside(doc.ask, letter(pki.doctor.address, pki.patient.address));
    await doc.ask('lock.lock', {});
    await expect(openBeside(doc.ask, sealed)).rejects.toMatchObject({ code: 'KEY_LOCKED' });
    await expect(sealBeside(doc.ask, letter(pki.doctor.address, pki.patient.address))).rejects.toMatchObject({ code: 'KEY_LOCKED' });
    await doc.ask('lock.unlock', { passphrase: 'beside test lock passphrase' });
    expect((await openBeside(doc.ask, sealed)).verdict.status).toBe('verified');
  });

  it('signs nothing but CMS signed attributes, and only for a ready identity', async () => {
    const doc = await install(pki, pki.doctor, pki.patient);
    const { signer } = await doc.ask('message.sealParties', { from: pki.doctor.address, recipients: [pki.patient.address] });
    const scheme = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
    // A certificate request's body, or any bytes: refused.
    const csrInfo = openssl(['req', '-new', '-key', pki.doctor.keyPem, '-subj', '/CN=forged', '-outform', 'DER']);
    expect(await doc.fail('message.sign', { identity: signer.identity, signedAttributes: toWire(new Uint8Array(csrInfo)), scheme })).toBe('MESSAGE_MALFORMED');
    expect(await doc.fail('message.sign', { identity: signer.identity, signedAttributes: toWire(new Uint8Array(32)), scheme })).toBe('MESSAGE_MALFORMED');
    expect(await doc.fail('message.sign', { identity: 'nobody', signedAttributes: toWire(new Uint8Array(32)), scheme })).toBe('MESSAGE_MALFORMED');
    // Real signed attributes (a SET with contentType and messageDigest) are signed.
    const attrs = fromWire('MUswGAYJKoZIhvcNAQkDMQsGCSqGSIb3DQEHATAvBgkqhkiG9w0BCQQxIgQgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    const { signature } = await doc.ask('message.sign', { identity: signer.identity, signedAttributes: toWire(attrs), scheme });
    expect(fromWire(signature).length).toBe(256);
    expect(await doc.fail('message.sign', { identity: 'nobody', signedAttributes: toWire(attrs), scheme })).toBe('NO_IDENTITY');
    expect(await doc.fail('message.sign', { identity: signer.identity, signedAttributes: toWire(attrs), scheme: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' } })).toBe('ALGORITHM_UNSUPPORTED');
  });
});
