/**
 * A contact's certificate imported without its intermediate (issue 10, part 3): the reply names the missing
 * issuer (ISSUER_MISSING) so the page asks for the full chain before any fingerprint comparison; with the
 * chain file the same certificate is trusted; a self-made one stays SIGNER_UNTRUSTED (compare fingerprints).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toWire } from '../../../utils/keyservice/wire';
import { bytes, certDer, keyPkcs8, testPki, type TestPki } from '../../support/pki-fixture';
import { localPrivateKey } from '../../../utils/cms/keys';
import { seal } from '../../../utils/direct/seal';
import { buildMessage } from '../../../utils/mime/build';
import { installKeyService } from '../../support/key-service';

let pki: TestPki;
beforeAll(async () => {
  pki = await testPki();
});

async function install() {
  const { call } = await installKeyService();
  await call('anchors.import', { bytes: toWire(bytes(pki.anchorPem)) });
  return call;
}

describe('a contact without its intermediate', () => {
  it('is untrusted with ISSUER_MISSING and the issuer named, and nothing is kept', async () => {
    const send = await install();
    const [contact] = await send('contacts.add', { certificate: toWire(bytes(pki.patient.certPem)) });
    const cert = contact!.certificates[0]!;
    expect(cert.status).toBe('untrusted');
    expect(cert.problemCode).toBe('ISSUER_MISSING');
    expect(cert.missingIssuer).toMatch(/DirectSeal Test Intermediate/);
    expect(await send('contacts.list', {})).toEqual([]);
  });

  it('is trusted once the full chain comes with it', async () => {
    const send = await install();
    const [contact] = await send('contacts.add', { certificate: toWire(bytes(pki.patient.chainPem)) });
    expect(contact!.certificates[0]!.status).toBe('trusted');
    expect(contact!.certificates[0]!.problemCode).toBeUndefined();
  });

  it('a chain that ends at a root nobody trusts is SIGNER_UNTRUSTED: the case for comparing fingerprints', async () => {
    const send = await install();
    const [contact] = await send('contacts.add', { certificate: toWire(bytes(pki.eve.chainPem)) });
    expect(contact!.certificates[0]!.problemCode).toBe('SIGNER_UNTRUSTED');
    expect(contact!.certificates[0]!.missingIssuer).toBeUndefined();
  });
});

describe('a message that carries only its signer\'s certificate (as the Java RI sends)', () => {
  it('opens verified through the intermediate a contact\'s chain brought, and names the issuer without it', async () => {
    const signer = { certificate: certDer(pki.doctor), chain: [], key: localPrivateKey(await keyPkcs8(pki.doctor)) };
    const msg = buildMessage({ from: pki.doctor.address, to: [pki.patient.address], subject: 'RI-style', text: 'hello\n' });
    const sealed = toWire(await seal(msg, signer, [certDer(pki.patient)]));
    const send = await install();
    await send('lock.enable', { passphrase: 'lock passphrase for this test', idleMinutes: 15 });
    // The patient's key with its certificate alone, so the only intermediate held is the one a contact brings.
    await send('identities.importPem', { key: toWire(bytes(pki.patient.keyPem)), certificates: toWire(bytes(pki.patient.certPem)) });
    const before = await send('message.open', { sealed });
    expect(before.verdict.reasons.map((r) => r.code)).toContain('ISSUER_MISSING');
    await send('contacts.add', { certificate: toWire(bytes(pki.doctor.chainPem)) });
    const after = await send('message.open', { sealed });
    expect(after.verdict.status).toBe('verified');
    const parties = await send('message.openParties', {});
    expect(parties.intermediates).toHaveLength(1);
  });
});
