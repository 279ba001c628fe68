/**
 * What the extension keeps in IndexedDB, at the current schema version. Times are milliseconds since the
 * epoch (numbers clone and index everywhere; Dates do too, but numbers compare without surprises).
 */
import type { DBSchema } from 'idb';
import type { PassphraseWrappedKey, WrappedKey } from '../custody/wrapped-key';

export const DB_NAME = 'directseal';

/** The kept copy of what the user imported or downloaded, so a key is never lost (DESIGN.md section 4). */
export interface IdentityBackup {
  kind: 'p12';
  /** The passphrase-encrypted .p12 exactly as imported or generated. */
  bytes: Uint8Array;
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
   * Non-extractable WebCrypto keys for the operations WebCrypto can do itself (signing, RSA-OAEP), so they
   * need no unwrapping. Absent under the passphrase lock, where nothing usable may rest unencrypted.
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
  /** Keys rest under the passphrase lock instead of the install's KEK. */
  lockEnabled: boolean;
  /** Unlocked keys are forgotten after this many minutes without use. */
  idleMinutes: number;
  /** Random bytes under the passphrase lock, null when it is off: unlocking them proves the passphrase. */
  lockCheck: PassphraseWrappedKey | null;
  /** DNS-over-HTTPS endpoint for DNS CERT lookups (RFC 4398). */
  dohResolver: string;
  /** The personal security indicator shown in every DirectSeal frame; null until the user picks one. */
  securityIndicator: SecurityIndicator | null;
}

/** A phrase and a colour the user chose, so a look-alike frame drawn by a web page is visibly fake. */
export interface SecurityIndicator {
  phrase: string;
  /** One of keyservice/indicator.ts INDICATOR_COLORS. */
  color: string;
}

/** A compose draft, encrypted at rest with the per-install key; compose owns what the plaintext is. */
export interface DraftRecord {
  id: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  updatedAt: number;
}

/** Internal values of the extension itself. */
export interface MetaValues {
  /** The install's non-extractable key-encryption key (custody/kek.ts). */
  kek: CryptoKey;
}

export interface DirectSealSchema extends DBSchema {
  identities: { key: string; value: IdentityRecord; indexes: { byAddress: string } };
  anchors: { key: string; value: AnchorRecord };
  contacts: { key: string; value: ContactRecord };
  settings: { key: keyof Settings; value: Settings[keyof Settings] };
  drafts: { key: string; value: DraftRecord };
  meta: { key: keyof MetaValues; value: MetaValues[keyof MetaValues] };
}
