/**
 * Certificates from verified signed mail become contacts (utils/keyservice/messages.ts): the signer of a
 * verified message is then sealable without any file or DNS lookup; a signer nobody vouches for is not kept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toWire } from '../../../utils/keyservice/wire';
import { buildMessage } from '../../../utils/mime/build';
import { bytes, testPki, type TestPki } from '../../support/pki-fixture';
import { installKeyService } from '../../support/key-service';

let pki: TestPki;
beforeAll(async () => {
  pki = await testPki();
});

async function install() {
  const { call } = await installKeyService();
  await call('lock.enable', { passphrase: 'lock-passphrase', idleMinutes: 15 });
  return call;
}

const file = (path: string) => toWire(bytes(path));
const letter = (from: string, to: string) => toWire(buildMessage({ from, to: [to], subject: 'Hello', text: 'Hello.\n' }));

describe('harvesting certificates from verified signed mail', () => {
  it('keeps a verified signer as a contact from signed mail, who can then be written to', async () => {
    const doc = await install();
    const pat = await install();
    await doc('identities.importP12', { p12: file(pki.doctor.p12), passphrase: pki.password });
    await pat('identities.importP12', { p12: file(pki.patient.p12), passphrase: pki.password });
    for (const i of [doc, pat]) await i('anchors.import', { bytes: file(pki.anchorPem) });
    await doc('contacts.add', { certificate: file(pki.patient.chainPem) });
    expect(await pat('contacts.lookup', { addresses: [pki.doctor.address] })).toEqual({ [pki.doctor.address]: 'none' });

    const { sealed } = await doc('message.seal', { message: letter(pki.doctor.address, pki.patient.address) });
    expect((await pat('message.open', { sealed })).verdict.status).toBe('verified');
    expect(await pat('contacts.list', {})).toMatchObject([{ address: pki.doctor.address, certificates: [{ source: 'signed-mail', status: 'trusted' }] }]);
    // The reply needs nothing else: the harvested certificate (and the chain the message carried) is enough.
    const reply = await pat('message.seal', { message: letter(pki.patient.address, pki.doctor.address) });
    expect((await doc('message.open', { sealed: reply.sealed })).verdict.status).toBe('verified');
  });

  it('does not keep a signer who does not chain to an anchor', async () => {
    const eve = await install();
    const pat = await install();
    await eve('identities.importP12', { p12: file(pki.eve.p12), passphrase: pki.password });
    await pat('identities.importP12', { p12: file(pki.patient.p12), passphrase: pki.password });
    await eve('anchors.import', { bytes: file(pki.anchorPem) });
    await pat('anchors.import', { bytes: file(pki.anchorPem) });
    await eve('contacts.add', { certificate: file(pki.patient.chainPem) });
    const { sealed } = await eve('message.seal', { message: letter(pki.eve.address, pki.patient.address) });
    expect((await pat('message.open', { sealed })).verdict.status).not.toBe('verified');
    expect(await pat('contacts.list', {})).toEqual([]);
  });
});
