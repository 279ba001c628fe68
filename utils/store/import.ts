/**
 * Several records of different kinds written as one transaction: an import either lands whole or not at all
 * (e.g. an identity together with the anchors of its chain the user chose to trust).
 */
import type { IDBPObjectStore } from 'idb';
import type { Store } from './open';
import type { AnchorRecord, ContactCertificate, DirectSealSchema, IdentityRecord } from './schema';
import { normalizedIdentity } from './identities';
import { normalizedAnchor } from './anchors';
import { mergeCertificates } from './contacts';
import { normalizeAddress } from './address';
import { allOrNothing } from './transaction';

export interface ImportBatch {
  identities?: readonly IdentityRecord[];
  anchors?: readonly AnchorRecord[];
  contacts?: readonly { address: string; certificates: readonly ContactCertificate[] }[];
}

const SCOPE: ['identities', 'anchors', 'contacts'] = ['identities', 'anchors', 'contacts'];
type ContactsInImport = IDBPObjectStore<DirectSealSchema, typeof SCOPE, 'contacts', 'readwrite'>;

export async function importRecords(store: Store, batch: ImportBatch): Promise<void> {
  const tx = store.transaction(SCOPE, 'readwrite');
  await allOrNothing(tx, [
    ...(batch.identities ?? []).map((i) => () => tx.objectStore('identities').put(normalizedIdentity(i))),
    ...(batch.anchors ?? []).map((a) => () => tx.objectStore('anchors').put(normalizedAnchor(a))),
    ...(batch.contacts ?? []).map((c) => () => mergeContact(tx.objectStore('contacts'), c.address, c.certificates)),
  ]);
}

async function mergeContact(contacts: ContactsInImport, address: string, added: readonly ContactCertificate[]): Promise<void> {
  const key = normalizeAddress(address);
  const current = await contacts.get(key);
  await contacts.put({ address: key, certificates: mergeCertificates(current?.certificates ?? [], added) });
}
