/**
 * A contact's certificate imported without its intermediate (issue 10, part 3): the reply names the missing
 * issuer (ISSUER_MISSING) so the page asks for the full chain before any fingerprint comparison; with the
 * chain file the same certificate is trusted; a self-made one stays SIGNER_UNTRUSTED (compare fingerprints).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toWire } from '../../../utils/keyservice/wire';
import { bytes, testPki, type TestPki } from '../../support/pki-fixture';
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
