/**
 * The common face of the real S/MIME peers (OpenSSL, NSS cmsutil, gpgsm, BouncyCastle), so a matrix test can say
 * "whatever A seals, B opens" without knowing any tool's flags.
 */
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { Identity } from './pki.js';

export type PeerName = 'openssl' | 'nss' | 'gpgsm' | 'bouncycastle';
export type Cipher = 'aes-256-cbc' | 'aes-128-cbc' | 'aes-256-gcm';
/** detached = multipart/signed (what Direct requires); opaque = application/pkcs7-mime; smime-type=signed-data. */
export type SignedForm = 'detached' | 'opaque';

export const CIPHERS: readonly Cipher[] = ['aes-256-cbc', 'aes-128-cbc', 'aes-256-gcm'];
export const SIGNED_FORMS: readonly SignedForm[] = ['detached', 'opaque'];

export interface SealOptions {
  signer: Identity;
  recipients: Identity[];
  /** aes-256-gcm means AuthEnvelopedData (RFC 5083/5084). */
  cipher: Cipher;
  /** RSAES-OAEP key transport (SHA-256, MGF1-SHA-256) instead of RSAES-PKCS1-v1_5. */
  oaep: boolean;
  /** OAEP hash (OAEP and MGF1 alike), default sha256; sha1 is RFC 4055's default and the Java RI's. Only openssl honours it. */
  oaepHash?: 'sha1' | 'sha256';
  /** Default 'detached'. */
  signedForm?: SignedForm;
  /** The MIME entity to sign: headers CRLF CRLF body, CRLF line ends throughout (canonical form). */
  inner: Uint8Array;
}

export interface OpenOptions {
  recipient: Identity;
  /** Path of the PEM trust anchor the peer verifies the signer's chain against (the only one it trusts). */
  anchorPem: string;
  /** A full .eml whose top-level entity is application/pkcs7-mime (enveloped-data or authEnveloped-data), base64. */
  sealed: Uint8Array;
}

export interface OpenResult {
  /** The entity that was signed, as recovered (even when verification failed). */
  inner: Uint8Array;
  /** True only if the peer's own verify step succeeded: signature good and chain up to anchorPem valid. */
  verified: boolean;
  /** The peer's own words (status lines / stderr), for assertion messages. */
  detail: string;
  /** How the decrypted entity was signed. */
  signedForm: SignedForm;
  /** The decrypted (signed) entity, before the signature was taken off. */
  decrypted: Uint8Array;
}

/** What supports() is asked. Seal questions may name the signer: some peers refuse to sign with a bad cert. */
export type Capability =
  | { direction: 'seal'; cipher: Cipher; oaep: boolean; signedForm?: SignedForm; signer?: Identity }
  | { direction: 'open'; cipher: Cipher; oaep: boolean; signedForm?: SignedForm };

export interface Peer {
  readonly name: PeerName;
  /**
   * What seal() returns. Every peer here returns 'eml': a full RFC 5322 message (Date, From, To,
   * Message-ID) whose top entity is application/pkcs7-mime, base64. cmsutil and gpgsm only write bare
   * DER; the harness wraps it (see mime.ts envelopedEml) so callers always get the same shape.
   */
  readonly sealOutput: 'eml';
  /** Honest capability answer, from what this exact tool version was observed to do. */
  supports(c: Capability): boolean;
  seal(o: SealOptions): Promise<Uint8Array>;
  open(o: OpenOptions): Promise<OpenResult>;
  /** Stop background processes (gpg-agent) the peer started. Files stay under the work dir. */
  close(): Promise<void>;
}

/** A fresh directory for one seal/open call, under the peer's work dir. */
export function callDir(workDir: string, label: string): Promise<string> {
  return mkdtemp(join(workDir, `${label}-`));
}

/** Sort + join anchor paths: the key of a peer-side store (NSS db, GNUPGHOME) trusting exactly these. */
export function anchorKey(anchors: readonly string[]): string {
  return [...new Set(anchors)].sort().join('|');
}
