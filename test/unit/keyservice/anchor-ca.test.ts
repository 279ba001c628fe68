/**
 * A trust anchor must be a CA certificate (issue 10, part 3): a correspondent's own certificate offered as an
 * anchor is refused with the sentence that says to add it as a contact, and nothing of the file is kept.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_SENTENCES } from '../../../utils/errors';
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
  return async <T extends RequestType>(type: T, request: KeyServiceApi[T]['request']) => (await service.handle({ ...request, type })) as Outcome<ReplyOf<T>>;
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

  it('keeps roots, intermediates and CA bundles', async () => {
    const send = await install();
    for (const ca of [pki.anchorPem, pki.intermediateDer, pki.bundleP7bDer]) expect((await send('anchors.import', { bytes: toWire(bytes(ca)) })).ok).toBe(true);
    const list = await send('anchors.list', {});
    expect(list.ok && list.value.length).toBe(2);
  });
});
