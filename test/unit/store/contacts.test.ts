import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../utils/store/open';
import {
  addContactCertificate,
  addContactCertificates,
  deleteContact,
  getContact,
  listContacts,
  removeContactCertificate,
} from '../../../utils/store/contacts';
import { freshStore, sampleCertificate } from './fixtures';

let store: Store;
beforeEach(async () => {
  store = await freshStore();
});
afterEach(() => store.close());

describe('contacts', () => {
  it('creates a contact under its lowercased address', async () => {
    await addContactCertificate(store, 'Patient@HISP.example', sampleCertificate('aa'));
    expect(await getContact(store, 'patient@hisp.example')).toEqual({
      address: 'patient@hisp.example',
      certificates: [sampleCertificate('aa')],
    });
  });

  it('keeps several certificates, each with its source and status', async () => {
    await addContactCertificate(store, 'p@h.example', sampleCertificate('aa', { source: 'file' }));
    await addContactCertificates(store, 'p@h.example', [
      sampleCertificate('bb', { source: 'signed-mail' }),
      sampleCertificate('cc', { source: 'manual', status: 'accepted-by-fingerprint' }),
    ]);
    const contact = await getContact(store, 'p@h.example');
    expect(contact!.certificates.map((c) => [c.fingerprint, c.source, c.status])).toEqual([
      ['aa', 'file', 'trusted'],
      ['bb', 'signed-mail', 'trusted'],
      ['cc', 'manual', 'accepted-by-fingerprint'],
    ]);
  });

  it('replaces a certificate seen again (same fingerprint) instead of duplicating it', async () => {
    await addContactCertificate(store, 'p@h.example', sampleCertificate('aa', { status: 'trusted' }));
    await addContactCertificate(store, 'p@h.example', sampleCertificate('AA', { status: 'expired', source: 'dns' }));
    const { certificates } = (await getContact(store, 'p@h.example'))!;
    expect(certificates).toHaveLength(1);
    expect(certificates[0]).toMatchObject({ fingerprint: 'aa', status: 'expired', source: 'dns' });
  });

  it('removes one certificate, and the contact with its last one', async () => {
    await addContactCertificates(store, 'p@h.example', [sampleCertificate('aa'), sampleCertificate('bb')]);
    await removeContactCertificate(store, 'P@h.example', 'AA');
    expect((await getContact(store, 'p@h.example'))!.certificates.map((c) => c.fingerprint)).toEqual(['bb']);
    await removeContactCertificate(store, 'p@h.example', 'bb');
    expect(await getContact(store, 'p@h.example')).toBeUndefined();
    await removeContactCertificate(store, 'nobody@h.example', 'bb');
  });

  it('lists and deletes', async () => {
    await addContactCertificate(store, 'a@h.example', sampleCertificate('aa'));
    await addContactCertificate(store, 'b@h.example', sampleCertificate('bb'));
    expect((await listContacts(store)).map((c) => c.address)).toEqual(['a@h.example', 'b@h.example']);
    await deleteContact(store, 'A@h.example');
    expect((await listContacts(store)).map((c) => c.address)).toEqual(['b@h.example']);
  });
});
