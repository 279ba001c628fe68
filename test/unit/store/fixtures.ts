/** Sample records for store tests; every test opens its own fresh fake IndexedDB. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openStore } from '../../../utils/store/open';
import type { AnchorRecord, ContactCertificate, IdentityRecord } from '../../../utils/store/schema';
import { memoryStagingArea } from '../../../utils/store/staging';

export const freshFactory = (): IDBFactory => new IDBFactory();

/** A store as the key service opens it, on `factory` (a fresh one unless given), staging its rewrites in memory. */
export const freshStore = (factory: IDBFactory = freshFactory()) => openStore(factory, { staging: memoryStagingArea() });

const bytes = (...b: number[]) => new Uint8Array(b);

export function sampleIdentity(overrides: Partial<IdentityRecord> = {}): IdentityRecord {
  return {
    id: 'id-1',
    address: 'Dr.Smith@Direct.Example-Practice.org',
    certificateChain: [bytes(0x30, 1, 2), bytes(0x30, 3, 4)],
    wrappedKey: { kind: 'kek', alg: 'AES-GCM', iv: bytes(...new Array(12).fill(7)), ciphertext: bytes(9, 9, 9) },
    backup: { kind: 'p12', bytes: bytes(0x30, 0x82, 5), createdAt: 1_700_000_000_000 },
    backupConfirmed: true,
    createdAt: 1_700_000_000_000,
    ...overrides,
  };
}

export function sampleAnchor(fingerprint: string, overrides: Partial<AnchorRecord> = {}): AnchorRecord {
  return {
    fingerprint,
    der: bytes(0x30, 0x82, fingerprint.length),
    subject: `CN=Anchor ${fingerprint}`,
    notAfter: 1_900_000_000_000,
    addedAt: 1_700_000_000_000,
    source: 'bundle',
    ...overrides,
  };
}

export function sampleCertificate(fingerprint: string, overrides: Partial<ContactCertificate> = {}): ContactCertificate {
  return {
    der: bytes(0x30, fingerprint.charCodeAt(0)),
    fingerprint,
    source: 'file',
    status: 'trusted',
    addedAt: 1_700_000_000_000,
    ...overrides,
  };
}
