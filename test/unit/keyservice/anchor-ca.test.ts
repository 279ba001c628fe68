/**
 * A trust anchor must be a CA certificate (issue 10, part 3): a correspondent's own certificate offered as an
 * anchor is refused with the sentence that says to add it as a contact, and nothing of the file is kept.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_SENTENCES } from '../../../utils/errors';
import { toWire } from '../../../utils/keyservice/wire';
import { bytes, testPki, type TestPki } from '../../support/pki-fixture';
import { installKeyService } from '../../support/key-service';

let pki: TestPki;
beforeAll(async () => {
  pki = await testPki();
});

async function install() {
  return (await installKeyService()).send;
}

describe('trust anchors are CA certificates', () => {
  it('refuses a leaf (alone, or inside a chain file) with the sentence that says to add it as a contact', async () => {
    const send = await install();
    for (const leaf of [pki.patient.certPem, pki.patient.chainPem, pki.org.certDer]) {
      const out = await send('anchors.import', { bytes: toWire(bytes(leaf)) });
      expect(out.ok).toBe(false);
      if (!out.ok) {
        expect(out.error.code).toBe('ANCHOR_NOT_CA');
        expect(out.error.sentence).toBe(ERROR_SENTENCES.ANCHOR_NOT_CA);
        expect(out.error.sentence).toContain('add it as a contact');
      }
    }
    expect(await send('anchors.list', {})).toEqual({ ok: true, value: [] });
  });

  it('says which anchors of a file were trusted already, and keeps those as they were', async () => {
    const { call } = await installKeyService();
    const [root] = await call('anchors.import', { bytes: toWire(bytes(pki.anchorPem)) });
    expect(root).toMatchObject({ alreadyTrusted: false });
    await new Promise((r) => setTimeout(r, 5)); // a later import has a later clock
    const again = await call('anchors.import', { bytes: toWire(bytes(pki.bundleP7bDer)) });
    expect(again.map((a) => [a.subject.includes('Intermediate') ? 'intermediate' : 'root', a.alreadyTrusted])).toEqual([
      ['root', true],
      ['intermediate', false],
    ]);
    expect(again[0]!.addedAt).toBe(root!.addedAt);
    expect((await call('anchors.list', {})).find((a) => a.fingerprint === root!.fingerprint)?.addedAt).toBe(root!.addedAt);
  });

  it('keeps roots, intermediates and CA bundles', async () => {
    const send = await install();
    for (const ca of [pki.anchorPem, pki.intermediateDer, pki.bundleP7bDer]) expect((await send('anchors.import', { bytes: toWire(bytes(ca)) })).ok).toBe(true);
    const list = await send('anchors.list', {});
    expect(list.ok && list.value.length).toBe(2);
  });
});
