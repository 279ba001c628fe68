/**
 * The schema's history, one step per version: step i brings the database from version i to i + 1.
 * Steps never change once released; a new shape is a new step, so a profile at any earlier version upgrades
 * by running the steps it missed, in order, inside the one upgrade transaction (all or nothing).
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { CertificateSource, CertificateStatus, ContactRecord } from './schema';

/**
 * Steps see the database untyped: each runs against the shape of its own version, not the current one.
 * A step may await only requests on `tx`: awaiting anything else (WebCrypto, fetch) lets IndexedDB commit
 * the upgrade before the step is done.
 */
export type UpgradeTransaction = IDBPTransaction<unknown, string[], 'versionchange'>;
export type Migration = (db: IDBPDatabase<unknown>, tx: UpgradeTransaction) => Promise<void> | void;

/** v1: identities, trust anchors, contacts with a single certificate each, and internal meta (the KEK). */
function v1(db: IDBPDatabase<unknown>): void {
  db.createObjectStore('identities', { keyPath: 'id' });
  db.createObjectStore('anchors', { keyPath: 'fingerprint' });
  db.createObjectStore('contacts', { keyPath: 'address' });
  db.createObjectStore('meta');
}

/** v2: settings and compose drafts; identities found by Direct address (sealing picks the sender's). */
function v2(db: IDBPDatabase<unknown>, tx: UpgradeTransaction): void {
  db.createObjectStore('settings');
  db.createObjectStore('drafts', { keyPath: 'id' });
  tx.objectStore('identities').createIndex('byAddress', 'address');
}

/** A contact as v1 and v2 stored it: one certificate, and no record of where it came from. */
export interface ContactRecordV1 {
  address: string;
  certificate: { der: Uint8Array; fingerprint: string; status: CertificateStatus; addedAt: number };
}

/**
 * v3: a contact holds several certificates (renewals, a second HISP), each with its source. v1 and v2 could
 * only import certificates from files, so that is the source of every older one.
 */
async function v3(_db: IDBPDatabase<unknown>, tx: UpgradeTransaction): Promise<void> {
  let cursor = await tx.objectStore('contacts').openCursor();
  while (cursor) {
    await cursor.update(contactFromV1(cursor.value as ContactRecordV1));
    cursor = await cursor.continue();
  }
}

const V1_SOURCE: CertificateSource = 'file';

export function contactFromV1(old: ContactRecordV1): ContactRecord {
  const { der, fingerprint, status, addedAt } = old.certificate;
  return { address: old.address, certificates: [{ der, fingerprint, source: V1_SOURCE, status, addedAt }] };
}

/** v4: the sent log (utils/direct/sent-log.ts): what was sealed for whom, and the notifications that answered. */
function v4(db: IDBPDatabase<unknown>): void {
  db.createObjectStore('sent', { keyPath: 'messageId' });
}

export const MIGRATIONS: readonly Migration[] = [v1, v2, v3, v4];
export const SCHEMA_VERSION = MIGRATIONS.length;
