/**
 * A SignedData that repeats its SignerInfo must not multiply the work of hashing the content: at most 16 signers
 * are read (real messages have one), and the content is hashed once per algorithm, not once per signer.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sign, verifySignedData } from '../../../utils/cms/signed';
import { children, encoded, readExact } from '../../../utils/cms/ber';
import { explicit, oid, sequence, set } from '../../../utils/cms/der';
import { OID } from '../../../utils/cms/oids';
import { isDirectSealError } from '../../../utils/errors';
import type { Signer } from '../../../utils/cms/keys';
import { identityOf, testPki } from '../../support/pki-fixture';

let doctor: Signer;
beforeAll(async () => {
  doctor = await identityOf(await testPki(), (await testPki()).doctor);
}, 120_000);
afterEach(() => vi.restoreAllMocks());

/** An encapsulated SignedData over `content` whose one SignerInfo appears `n` times. */
async function repeatedSigners(content: Uint8Array, n: number): Promise<Uint8Array> {
  const der = await sign(content, doctor, { detached: false });
  const sd = children(children(children(readExact(der))[1]!)[0]!);
  const signerInfo = encoded(children(sd[sd.length - 1]!)[0]!);
  const fields = sd.slice(0, -1).map(encoded);
  return sequence(oid(OID.signedData), explicit(0, sequence(...fields, set(...Array.from({ length: n }, () => signerInfo)))));
}

describe('signers of one SignedData', () => {
  const content = new Uint8Array(2_000_000).map((_, i) => i & 0xff);

  it('16 repeated signers verify, and the content is hashed once', async () => {
    const der = await repeatedSigners(content, 16);
    const digest = vi.spyOn(crypto.subtle, 'digest');
    const r = await verifySignedData(der);
    expect(r.signers).toHaveLength(16);
    expect(r.signers.every((s) => s.ok)).toBe(true);
    const overContent = digest.mock.calls.filter(([, data]) => (data as Uint8Array).byteLength === content.length);
    expect(overContent).toHaveLength(1);
  });

  it('a 17th is MESSAGE_MALFORMED at once, before any hashing', async () => {
    const der = await repeatedSigners(content, 2_000);
    const digest = vi.spyOn(crypto.subtle, 'digest');
    const error = await verifySignedData(der).then(() => undefined, (e: unknown) => e);
    expect(isDirectSealError(error, 'MESSAGE_MALFORMED')).toBe(true);
    expect(String(error)).toMatch(/2000 signers \(at most 16/);
    expect(digest).not.toHaveBeenCalled();
  });
});
