/** Recipients: an address and the certificates known for it, each with where it came from and its status. */
import type { Store } from './open';
import type { ContactCertificate, ContactRecord } from './schema';
import { normalizeAddress } from './address';

/**
 * Adds certificates to a contact (creating it), in one transaction. A certificate already known (same
 * fingerprint) is replaced, so a re-check can update its status or source.
 */
export async function addContactCertificates(
  store: Store,
  address: string,
  certificates: readonly ContactCertificate[],
): Promise<ContactRecord> {
  const key = normalizeAddress(address);
  const tx = store.transaction('contacts', 'readwrite');
  const current = (await tx.store.get(key)) ?? { address: key, certificates: [] };
  const next = { address: key, certificates: mergeCertificates(current.certificates, certificates) };
  await tx.store.put(next);
  await tx.done;
  return next;
}

export async function addContactCertificate(store: Store, address: string, certificate: ContactCertificate): Promise<ContactRecord> {
  return addContactCertificates(store, address, [certificate]);
}

export function mergeCertificates(
  known: readonly ContactCertificate[],
  added: readonly ContactCertificate[],
): ContactCertificate[] {
  const byFingerprint = new Map(known.map((c) => [c.fingerprint.toLowerCase(), c]));
  for (const c of added) byFingerprint.set(c.fingerprint.toLowerCase(), { ...c, fingerprint: c.fingerprint.toLowerCase() });
  return [...byFingerprint.values()];
}

export async function getContact(store: Store, address: string): Promise<ContactRecord | undefined> {
  return store.get('contacts', normalizeAddress(address));
}

export async function listContacts(store: Store): Promise<ContactRecord[]> {
  return store.getAll('contacts');
}

/** Removes one certificate; a contact left with none is removed too, so no empty contact lingers. */
export async function removeContactCertificate(store: Store, address: string, fingerprint: string): Promise<void> {
  const key = normalizeAddress(address);
  const tx = store.transaction('contacts', 'readwrite');
  const current = await tx.store.get(key);
  if (current) {
    const certificates = current.certificates.filter((c) => c.fingerprint !== fingerprint.toLowerCase());
    if (certificates.length > 0) await tx.store.put({ address: key, certificates });
    else await tx.store.delete(key);
  }
  await tx.done;
}

export async function deleteContact(store: Store, address: string): Promise<void> {
  await store.delete('contacts', normalizeAddress(address));
}
