import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../utils/store/open';
import { importRecords } from '../../../utils/store/import';
import { getIdentity, listIdentities } from '../../../utils/store/identities';
import { listAnchors } from '../../../utils/store/anchors';
import { getContact, listContacts, addContactCertificate } from '../../../utils/store/contacts';
import type { IdentityRecord } from '../../../utils/store/schema';
import { freshStore, sampleAnchor, sampleCertificate, sampleIdentity } from './fixtures';

let store: Store;
beforeEach(async () => {
  store = await freshStore();
});
afterEach(() => store.close());

describe('importRecords', () => {
  it('writes identities, anchors and contacts together', async () => {
    await addContactCertificate(store, 'p@h.example', sampleCertificate('aa'));
    await importRecords(store, {
      identities: [sampleIdentity()],
      anchors: [sampleAnchor('e'.repeat(64))],
      contacts: [{ address: 'P@h.example', certificates: [sampleCertificate('bb')] }],
    });
    expect(await getIdentity(store, 'id-1')).toMatchObject({ address: 'dr.smith@direct.example-practice.org' });
    expect(await listAnchors(store)).toHaveLength(1);
    expect((await getContact(store, 'p@h.example'))!.certificates.map((c) => c.fingerprint)).toEqual(['aa', 'bb']);
  });

  it('stores nothing when one record fails (a record without its key)', async () => {
    const keyless = { ...sampleIdentity(), id: undefined } as unknown as IdentityRecord;
    await expect(
      importRecords(store, {
        identities: [sampleIdentity({ id: 'ok' }), keyless],
        anchors: [sampleAnchor('e'.repeat(64))],
        contacts: [{ address: 'p@h.example', certificates: [sampleCertificate('bb')] }],
      }),
    ).rejects.toThrow();
    expect(await listIdentities(store)).toEqual([]);
    expect(await listAnchors(store)).toEqual([]);
    expect(await listContacts(store)).toEqual([]);
  });

  it('stores nothing when a later record cannot be cloned', async () => {
    const uncloneable = { ...sampleAnchor('f'.repeat(64)), der: Symbol('x') } as unknown as ReturnType<typeof sampleAnchor>;
    await expect(
      importRecords(store, { identities: [sampleIdentity()], anchors: [sampleAnchor('e'.repeat(64)), uncloneable] }),
    ).rejects.toThrow();
    expect(await listIdentities(store)).toEqual([]);
    expect(await listAnchors(store)).toEqual([]);
  });
});
