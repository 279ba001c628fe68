/**
 * What the extension keeps in IndexedDB, at the current schema version. Times are milliseconds since the
 * epoch (numbers clone and index everywhere; Dates do too, but numbers compare without surprises).
 */
import type { DBSchema } from 'idb';
import type { PassphraseWrappedKey, VaultWrappedKey, WrappedKey } from '../custody/wrapped-key';
import type { VaultSealed } from '../custody/vault';
import type { OutgoingSettings } from '../direct/outer-subject';
import type { SentRecord } from '../direct/sent-log';

export const DB_NAME = 'directseal';
/** Where builds before the staging area (store/staging.ts) staged a rewrite; finished or dropped at start. */
export const EARLIER_STAGING_DB_NAME = 'directseal-next';

/** The kept copy of what the user imported or downloaded, so a key is never lost (DESIGN.md section 4). */
export interface IdentityBackup {
  kind: 'p12';
  /** The .p12 exactly as imported or generated, sealed under the vault (its own passphrase may be weak). */
  sealed?: VaultSealed;
  /** Earlier versions kept the .p12 itself; sealed under the vault when the database is rewritten. */
  bytes?: Uint8Array;
  createdAt: number;
}

export interface IdentityRecord {
  id: string;
  /** The Direct address, lowercased. */
  address: string;
  /** DER certificates, the identity's own first; empty while a generated key awaits its certificate. */
  certificateChain: Uint8Array[];
  wrappedKey: WrappedKey;
  /**
   * Earlier versions only: non-extractable CryptoKeys, which Chromium writes to disk with the key material in
   * the clear. Never written now; gone when the database is rewritten at the passphrase's setting.
   */
  cryptoKeys?: { sign: CryptoKey; oaep: CryptoKey };
  /** The PKCS#10 request of a generated key, kept until its certificate is imported. */
  csrPem?: string;
  backup: IdentityBackup | undefined;
  /** The user has the backup (downloaded it, or imported it): until then a generated key is not usable. */
  backupConfirmed: boolean;
  createdAt: number;
}

export type AnchorSource = 'file' | 'bundle';

export interface AnchorRecord {
  /** SHA-256 of the DER, lowercase hex. */
  fingerprint: string;
  der: Uint8Array;
  subject: string;
  notAfter: number;
  addedAt: number;
  source: AnchorSource;
}

export type CertificateSource = 'file' | 'signed-mail' | 'dns' | 'manual';
export type CertificateStatus = 'trusted' | 'untrusted' | 'expired' | 'accepted-by-fingerprint';

export interface ContactCertificate {
  der: Uint8Array;
  /** CA certificates that came with it (a file's chain, a signed message's certificates), for path building. */
  chain?: Uint8Array[];
  /** SHA-256 of the DER, lowercase hex. */
  fingerprint: string;
  source: CertificateSource;
  status: CertificateStatus;
  addedAt: number;
}

export interface ContactRecord {
  /** The contact's address, lowercased. */
  address: string;
  certificates: ContactCertificate[];
}

export interface Settings {
  /** The passphrase lock is on: the vault secret rests only under the passphrase (lockCheck). */
  lockEnabled: boolean;
  /** The vault is forgotten after this many minutes without use. */
  idleMinutes: number;
  /**
   * The vault secret (custody/vault.ts) under the passphrase, null when the lock is off: unlocking it proves
   * the passphrase and gives the key to everything else.
   */
  lockCheck: PassphraseWrappedKey | null;
  /**
   * The vault secret in the clear, set only when the user explicitly chose to have no passphrase: then
   * anyone who copies this computer's disk can use the keys. Null otherwise.
   */
  unprotectedVault: Uint8Array | null;
  /** DNS-over-HTTPS endpoint for DNS CERT lookups (RFC 4398). */
  dohResolver: string;
  /** The practice's own CA for patients without a HISP; null until the practice makes one. */
  practiceCa: PracticeCaRecord | null;
  /** The personal security indicator shown in every DirectSeal frame; null until the user picks one. */
  securityIndicator: SecurityIndicator | null;
  /** What sealed messages show outside their encryption (utils/direct/outer-subject.ts); null until set. */
  outgoing: OutgoingSettings | null;
  /** Opening a message may fetch a missing issuer (AIA) and CRLs (distribution points); off until the practice turns it on. */
  fetchOnline: boolean;
  /** How delivery notifications (MDNs) are sent for opened messages, and when a sent one counts as not confirmed. */
  deliveryNotifications: DeliveryNotificationSettings;
}

export interface DeliveryNotificationSettings {
  /** 'automatic': the MDN goes to the webmail's compose when the message's frame closes; 'one-click': on the user's click. */
  send: 'automatic' | 'one-click';
  /** A recipient with no notification after this long is shown as "not confirmed". */
  timeoutMinutes: number;
}

/** A practice CA (utils/pki/ca.ts): its certificate, and its key under the vault like any identity's. */
export interface PracticeCaRecord {
  practiceName: string;
  certificate: Uint8Array;
  wrappedKey: VaultWrappedKey;
  /** Like a generated key: no certificate is issued until the user confirmed they kept the backup .p12. */
  backupConfirmed: boolean;
  createdAt: number;
}

/** A phrase and a colour the user chose, so a look-alike frame drawn by a web page is visibly fake. */
export interface SecurityIndicator {
  phrase: string;
  /** One of keyservice/indicator.ts INDICATOR_COLORS. */
  color: string;
}

/** A compose draft, encrypted at rest under the vault; compose owns what the plaintext is. */
export interface DraftRecord {
  id: string;
  /** 'vault': under the vault secret. Absent: an earlier version's draft under the KEK. */
  kind?: 'vault';
  iv: Uint8Array;
  ciphertext: Uint8Array;
  updatedAt: number;
}

/** Internal values of the extension itself. */
export interface MetaValues {
  /**
   * Earlier versions only: a non-extractable key-encryption key, which Chromium writes to disk in the clear
   * next to what it wraps. Read to migrate; never written now.
   */
  kek: CryptoKey;
  /** In an earlier build's staging database only: every record of a rewrite is there (store/rewrite.ts). */
  moveReady: true;
}

export interface DirectSealSchema extends DBSchema {
  identities: { key: string; value: IdentityRecord; indexes: { byAddress: string } };
  anchors: { key: string; value: AnchorRecord };
  contacts: { key: string; value: ContactRecord };
  settings: { key: keyof Settings; value: Settings[keyof Settings] };
  drafts: { key: string; value: DraftRecord };
  meta: { key: keyof MetaValues; value: MetaValues[keyof MetaValues] };
  sent: { key: string; value: SentRecord };
}
