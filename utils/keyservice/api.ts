/**
 * The requests extension pages send to the background key service, and its replies. Pure types and codecs:
 * the background routes them (entrypoints/background.ts), pages call them (components/client.ts).
 *
 * Bytes travel as base64 strings: Chromium's runtime messaging serializes to JSON, where a Uint8Array would
 * arrive as a plain object.
 */
import type { ErrorCode } from '../errors';
import type { SignatureVerdict, Verdict } from '../direct/verdict';
import type { OutgoingSettings } from '../direct/outer-subject';
import type { DeliveryNotificationSettings, SecurityIndicator } from '../store/schema';
import type { DeliveryState, NotifiedState } from '../direct/sent-log';
import type { KeyTransportScheme, SignatureScheme } from '../cms/keys';

/** The shortest passphrase the key service takes for the lock, a backup or the practice CA (pages ask more). */
export const MIN_PASSPHRASE_FLOOR = 8;

/** The name a new key's backup is saved under (a page names the same file when it tells the user where it is). */
export const backupFilename = (address: string): string => `${address}-key-backup.p12`;

export type { DeliveryNotificationSettings, SecurityIndicator } from '../store/schema';
export type { DeliveryState } from '../direct/sent-log';

export type Base64 = string;

export type IdentityState =
  /** Generated here; the CSR went to the CA and the certificate has not been imported yet. */
  | 'awaiting-certificate'
  /** Generated here; the user has not yet saved the backup .p12, so the key may not be used. */
  | 'awaiting-backup'
  | 'ready';

export interface IdentitySummary {
  id: string;
  address: string;
  state: IdentityState;
  /** Absent while awaiting the certificate. */
  subject?: string;
  issuer?: string;
  notAfter?: number;
  /** SHA-256 of the certificate, colon-separated uppercase hex. */
  fingerprint?: string;
  /** Expires within 30 days (and not yet expired). */
  expiresSoon: boolean;
  expired: boolean;
  /** The PKCS#10 request, kept until the certificate arrives. */
  csrPem?: string;
  /**
   * What keeps the key from whoever reads the disk: the user's passphrase, or nothing (the user chose no
   * passphrase, or an earlier version stored it before the passphrase was set).
   */
  protection: 'passphrase' | 'none';
  createdAt: number;
}

export interface AnchorSummary {
  fingerprint: string;
  subject: string;
  notAfter: number;
  expired: boolean;
  addedAt: number;
}

export type ImportedAnchor = AnchorSummary & { alreadyTrusted: boolean };

export type ContactCertificateStatus = 'trusted' | 'untrusted' | 'expired' | 'accepted-by-fingerprint';

export interface ContactSummary {
  address: string;
  certificates: {
    fingerprint: string;
    subject: string;
    issuer: string;
    notAfter: number;
    status: ContactCertificateStatus;
    /** Why it is not trusted, in the error's own sentence. */
    problem?: string;
    /** That reason's stable code: ISSUER_MISSING asks for the full chain, SIGNER_UNTRUSTED allows a fingerprint check. */
    problemCode?: ErrorCode;
    /** With ISSUER_MISSING: the name of the issuer whose certificate is needed. */
    missingIssuer?: string;
    source: 'file' | 'signed-mail' | 'dns' | 'manual';
    addedAt: number;
  }[];
}

export interface PracticeCaSummary {
  practiceName: string;
  subject: string;
  notAfter: number;
  /** SHA-256, colon-separated: what patients compare when they import the CA as their trust anchor. */
  fingerprint: string;
  certificatePem: string;
  backupConfirmed: boolean;
}

export interface LockStatus {
  /**
   * 'unset': no passphrase chosen yet, so no key can be stored. 'passphrase': keys rest only under it.
   * 'unprotected': keys rest where anyone who copies the disk can use them (chosen, or an earlier version's).
   */
  mode: 'unset' | 'passphrase' | 'unprotected';
  /** mode is 'passphrase' */
  enabled: boolean;
  unlocked: boolean;
  idleMinutes: number;
  /** The store still holds an earlier version's key-encryption key (rewritten away when the passphrase is set). */
  earlierVersion: boolean;
}

export interface SealOptions {
  cipher?: 'aes-256-cbc' | 'aes-128-cbc' | 'aes-256-gcm';
  oaep?: boolean;
}

/** An unsent compose, kept encrypted at rest so it survives a crash or a closed tab. */
export interface ComposeDraft {
  from: string;
  to: string;
  subject: string;
  text: string;
  attachments: { name: string; type: string; content: Base64 }[];
}

/** A certificate found in DNS (CERT), as judged before use. */
export interface DiscoveredCertificate {
  fingerprint: string;
  subject: string;
  /** The DNS name whose CERT record held it. */
  owner: string;
  record: 'PKIX' | 'IPKIX';
  /** IPKIX: the URL it was fetched from. */
  url?: string;
  ttl: number;
  via: string;
  usable: boolean;
  code?: ErrorCode;
  problem?: string;
}

/** One sent message in the sent log, each recipient's state as of the request. */
export interface SentSummary {
  messageId: string;
  sentAt: number;
  recipients: { address: string; state: DeliveryState; notifiedAt?: number }[];
}

/** Every request with its reply type. */
export interface KeyServiceApi {
  status: { request: Record<string, never>; reply: { version: string } };

  'identities.list': { request: Record<string, never>; reply: IdentitySummary[] };
  'identities.importP12': { request: { p12: Base64; passphrase: string }; reply: IdentitySummary };
  'identities.importPem': { request: { key: Base64; certificates: Base64; passphrase?: string }; reply: IdentitySummary };
  'identities.generate': {
    request: { address: string; commonName?: string; organization?: string; modulusLength: 2048 | 3072; backupPassphrase: string };
    reply: { identity: IdentitySummary; backupP12: Base64; backupFilename: string; csrPem: string };
  };
  'identities.confirmBackup': { request: { id: string }; reply: IdentitySummary };
  'identities.importCertificate': { request: { id: string; certificates: Base64 }; reply: IdentitySummary };
  /**
   * With a passphrase: a fresh .p12 of the key and chain under it; without: the kept backup as it was.
   * `lockPassphrase`: the DirectSeal lock passphrase, asked again (required while the lock is on).
   */
  'identities.exportBackup': { request: { id: string; passphrase?: string; lockPassphrase?: string }; reply: { p12: Base64; filename: string } };
  'identities.delete': { request: { id: string }; reply: { deleted: true } };
  /** A practice's welcome file: the certificate for a key made here, its CA as anchor, the practice as contact. */
  'identities.importWelcome': {
    request: { welcome: Base64 };
    reply: { identity: IdentitySummary; practiceName: string; practiceAddress: string; caFingerprint: string };
  };

  'anchors.list': { request: Record<string, never>; reply: AnchorSummary[] };
  /** Each certificate of the file; `alreadyTrusted`: it was an anchor before, and is kept as it was. */
  'anchors.import': { request: { bytes: Base64 }; reply: ImportedAnchor[] };
  'anchors.remove': { request: { fingerprint: string }; reply: { removed: true } };

  'contacts.list': { request: Record<string, never>; reply: ContactSummary[] };
  /** `acceptFingerprint`: keep a certificate that does not chain to an anchor, as checked by the user. */
  'contacts.add': { request: { certificate: Base64; acceptFingerprint?: string }; reply: ContactSummary[] };
  'contacts.remove': { request: { address: string; fingerprint?: string }; reply: { removed: true } };
  /** Which recipients have a usable certificate (compose shows it per address). */
  'contacts.lookup': { request: { addresses: string[] }; reply: Record<string, ContactCertificateStatus | 'none'> };
  /** Finds the address's certificate in DNS (CERT, over the practice's DoH resolver); keeps the usable ones as contacts. */
  'contacts.discover': {
    request: { address: string };
    reply: { address: string; status: ContactCertificateStatus | 'none'; certificates: DiscoveredCertificate[]; cached: boolean };
  };
  'discovery.settings': { request: Record<string, never>; reply: { resolver: string } };
  'discovery.setResolver': { request: { resolver: string }; reply: { resolver: string } };

  'lock.status': { request: Record<string, never>; reply: LockStatus };
  /** Sets the passphrase (before the first key; on an unprotected install the store is rewritten under it). */
  'lock.enable': { request: { passphrase: string; idleMinutes: number }; reply: LockStatus };
  /** The explicit choice of no passphrase, before any key: anyone who copies the disk can then use the keys. */
  'lock.noPassphrase': { request: { understood: true }; reply: LockStatus };
  /** Back to no passphrase, by the same explicit choice. */
  'lock.disable': { request: { passphrase: string; understood: true }; reply: LockStatus };
  'lock.unlock': { request: { passphrase: string }; reply: LockStatus };
  'lock.lock': { request: Record<string, never>; reply: LockStatus };

  'drafts.save': { request: { id: string; draft: ComposeDraft }; reply: { updatedAt: number } };
  'drafts.list': { request: Record<string, never>; reply: { id: string; updatedAt: number; draft: ComposeDraft }[] };
  'drafts.delete': { request: { id: string }; reply: { deleted: true } };

  /**
   * Seals a MIME message (RFC 5322, From = one of our identities) for the addresses in its To/Cc, all in the
   * background. The whole message crosses runtime messaging as base64 JSON (64 MiB cap, about ten copies):
   * for small messages and tests only. Pages seal beside the background (utils/keyservice/beside.ts):
   * message.sealParties, then message.sign for the signed attributes alone.
   */
  'message.seal': { request: { message: Base64; options?: SealOptions }; reply: { sealed: Base64 } };
  /** Opens in the background, the whole message as base64 JSON; pages open beside it (message.openParties, message.unwrapKey). */
  'message.open': { request: { sealed: Base64 }; reply: { message: Base64; verdict: WireVerdict } };
  /** What a page needs to seal by itself: the signing identity's certificates and every recipient's usable certificates. */
  'message.sealParties': {
    request: { from: string; recipients: string[] };
    reply: { signer: { identity: string; certificate: Base64; chain: Base64[] }; recipients: Base64[] };
  };
  /** Signs a CMS SignedData's signed attributes (a DER SET with contentType and messageDigest; a few hundred bytes), nothing else. */
  'message.sign': { request: { identity: string; signedAttributes: Base64; scheme: SignatureScheme }; reply: { signature: Base64 } };
  /** What a page needs to open by itself: our identities' certificates and the trust anchors. */
  'message.openParties': {
    request: Record<string, never>;
    reply: { identities: { identity: string; certificate: Base64 }[]; anchors: Base64[]; intermediates: Base64[]; fetchOnline: boolean };
  };
  /** A missing issuer (AIA caIssuers) or a CRL (distribution point) for a message being opened beside. */
  'pki.fetch': { request: { url: string; kind: 'issuer' | 'crl' }; reply: { bytes: Base64 } };
  'pki.settings': { request: Record<string, never>; reply: { fetchOnline: boolean } };
  'pki.setFetchOnline': { request: { fetchOnline: boolean }; reply: { fetchOnline: boolean } };
  /** Decrypts one recipient info's encrypted content-encryption key (PKCS#1 v1.5: random bytes on bad padding, never an error). */
  'message.unwrapKey': {
    request: { identity: string; encryptedKey: Base64; scheme: KeyTransportScheme; keyLength: number };
    reply: { key: Base64 };
  };
  /** After a page verified a signed message: keep its signer as a contact (judged again here against the anchors). */
  'message.rememberSigner': { request: { certificate: Base64; chain: Base64[] }; reply: { remembered: boolean } };

  /** The practice CA for patients without a HISP (keyservice/practice-ca.ts). */
  'ca.status': { request: Record<string, never>; reply: PracticeCaSummary | null };
  'ca.create': { request: { practiceName: string; backupPassphrase: string }; reply: { ca: PracticeCaSummary; backupP12: Base64; backupFilename: string } };
  'ca.confirmBackup': { request: Record<string, never>; reply: PracticeCaSummary };
  /** `request`: the patient's PKCS#10 (PEM or DER). Reply: their certificate then the CA's, PEM. */
  'ca.issue': { request: { request: Base64; address: string; patientName?: string }; reply: { pem: string; filename: string } };
  /**
   * `enrollment`: the patient's enrollment request file (utils/direct/enrollment.ts). Reply: the welcome file
   * (utils/direct/welcome.ts) with their certificate, the CA and `practiceIdentity` (default: the first ready one).
   */
  'ca.issueWelcome': {
    request: { enrollment: Base64; practiceIdentity?: string };
    reply: { welcome: string; filename: string; patientAddress: string; caFingerprint: string };
  };

  /** The personal security indicator: null until chosen. */
  'indicator.get': { request: Record<string, never>; reply: SecurityIndicator | null };
  'indicator.set': { request: SecurityIndicator; reply: SecurityIndicator };

  /** What sealed messages show outside their encryption: the practice's name, phone, outer subject, cover note. */
  'outgoing.get': { request: Record<string, never>; reply: OutgoingSettings };
  'outgoing.set': { request: OutgoingSettings; reply: OutgoingSettings };

  /** The sent log (keyservice/delivery.ts): a message just sealed, with the Message-ID its MDNs will name. */
  'delivery.recordSent': { request: { messageId: string; from: string; recipients: string[] }; reply: { recorded: true } };
  /** An MDN the page opened: matched to the sent log when verified and signed by its Final-Recipient. */
  'delivery.noteNotification': {
    request: { verified: boolean; signerAddress?: string; originalMessageId?: string; finalRecipient?: string; disposition?: string };
    reply:
      | { matched: true; address: string; state: NotifiedState; sentAt: number }
      | { matched: false; reason: 'unknown-message' | 'unknown-recipient' | 'incomplete' | 'not-from-recipient' };
  };
  /** Newest first; `limit` of them (default: all kept). */
  'delivery.list': { request: { limit?: number }; reply: SentSummary[] };
  'delivery.settings': { request: Record<string, never>; reply: DeliveryNotificationSettings };
  'delivery.setSettings': { request: DeliveryNotificationSettings; reply: DeliveryNotificationSettings };
}

export type RequestType = keyof KeyServiceApi;
export type RequestOf<T extends RequestType> = { type: T } & KeyServiceApi[T]['request'];
export type ReplyOf<T extends RequestType> = KeyServiceApi[T]['reply'];
export type AnyRequest = { [T in RequestType]: RequestOf<T> }[RequestType];

/** One signature's judgement as it crosses the message boundary: certificate as base64, dates as epoch ms. */
export type WireSignatureVerdict = Omit<SignatureVerdict, 'signerCertificate' | 'signerChain' | 'signingTime' | 'expiredSinceClaim'> & {
  signerCertificate?: Base64;
  signingTime?: number;
  expiredSinceClaim?: number;
};

/** A verdict as it crosses the message boundary: certificate as base64, dates as epoch ms. */
export type WireVerdict = Omit<Verdict, 'signerCertificate' | 'signerChain' | 'signingTime' | 'expiredSinceClaim' | 'arrivedAt' | 'otherSignatures'> & {
  signerCertificate?: Base64;
  signingTime?: number;
  expiredSinceClaim?: number;
  arrivedAt?: number;
  otherSignatures: WireSignatureVerdict[];
};

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WireError };

export interface WireError {
  code: ErrorCode | 'FORBIDDEN_SENDER' | 'UNKNOWN_REQUEST' | 'INTERNAL';
  sentence: string;
  detail?: string;
}

export const REQUEST_TYPES: readonly RequestType[] = [
  'status',
  'identities.list',
  'identities.importP12',
  'identities.importPem',
  'identities.generate',
  'identities.confirmBackup',
  'identities.importCertificate',
  'identities.exportBackup',
  'identities.delete',
  'anchors.list',
  'anchors.import',
  'anchors.remove',
  'contacts.list',
  'contacts.add',
  'contacts.remove',
  'contacts.lookup',
  'contacts.discover',
  'discovery.settings',
  'discovery.setResolver',
  'lock.status',
  'lock.enable',
  'lock.noPassphrase',
  'lock.disable',
  'lock.unlock',
  'lock.lock',
  'drafts.save',
  'drafts.list',
  'drafts.delete',
  'message.seal',
  'message.open',
  'ca.status',
  'ca.create',
  'ca.confirmBackup',
  'ca.issue',
  'message.sealParties',
  'message.sign',
  'message.openParties',
  'message.unwrapKey',
  'message.rememberSigner',
  'pki.fetch',
  'pki.settings',
  'pki.setFetchOnline',
  'indicator.get',
  'indicator.set',
  'outgoing.get',
  'outgoing.set',
  'ca.issueWelcome',
  'identities.importWelcome',
  'delivery.recordSent',
  'delivery.noteNotification',
  'delivery.list',
  'delivery.settings',
  'delivery.setSettings',
];
