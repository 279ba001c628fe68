/**
 * A contact's certificate imported without its intermediate (issue 10, part 3): the reply names the missing
 * issuer (ISSUER_MISSING) so the page asks for the full chain before any fingerprint comparison; with the
 * chain file the same certificate is trusted; a self-made one stays SIGNER_UNTRUSTED (compare fingerprints).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyServiceApi, Outcome, ReplyOf, RequestType } from '../../../utils/keyservice/api';
import { createKeyService } from '../../../utils/keyservice/service';
import { toWire } from '../../../utils/keyservice/wire';
import { openStore } from '../../../utils/store/open';
import { bytes, testPki, type TestPki } from '../../support/pki-fixture';

let pki: TestPki;
beforeAll(async () => {
  pki = await testPki();
});

async function install() {
  const factory = new IDBFactory();
  const store = await openStore(factory);
  const service = await createKeyService({ store, factory, version: 'test' });
  const send = async <T extends RequestType>(type: T, request: KeyServiceApi[T]['request']) => {
    const out = (await service.handle({ ...request, type })) as Outcome<ReplyOf<T>>;
    if (!out.ok) throw new Error(`${type}: ${out.error.code}`);
    return out.value;
  };
  await send('anchors.import', { bytes: toWire(bytes(pki.anchorPem)) });
  return send;
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
