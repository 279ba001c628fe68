/**
 * Every failure the user can meet has a stable code and one sentence that says what to do.
 * Codes cross process and extension-context boundaries as plain strings, so never rename one.
 */
export const ERROR_SENTENCES = {
  NO_MATCHING_RECIPIENT:
    'This message was not encrypted for any of your identities; ask the sender to use your current Direct certificate.',
  SIGNATURE_INVALID:
    'The signature does not match the content, so the message may have been altered; do not rely on it and ask the sender to send it again.',
  SIGNER_UNTRUSTED:
    "The signer's certificate does not chain to a trust anchor you have imported; import the sender's trust anchor or bundle if you trust them.",
  SIGNER_ADDRESS_MISMATCH:
    "The signer's certificate is not bound to the From address; treat the message as suspicious and confirm with the sender.",
  CERT_EXPIRED: 'A certificate in use is expired or not yet valid; the owner must renew it with their HISP or CA.',
  CERT_REVOKED: 'A certificate in use has been revoked by its CA; do not trust it and ask the owner for a new one.',
  CERT_KEY_USAGE: 'A certificate is not allowed for this use (key usage); the owner needs a certificate issued for S/MIME.',
  MESSAGE_MALFORMED: 'The message is damaged or not a Direct/S/MIME message; ask the sender to send it again.',
  MESSAGE_UNSIGNED: 'The message carries no signature, so its sender cannot be confirmed; ask the sender to send a signed Direct message.',
  DECRYPTION_FAILED: 'The message could not be decrypted: it was damaged in transit or not meant for this key; ask the sender to send it again.',
  ALGORITHM_UNSUPPORTED: 'The message uses an algorithm DirectSeal does not support; ask the sender to use AES and RSA with SHA-256.',
  BAD_PASSPHRASE: 'The passphrase is wrong for this file; type it again, or ask whoever issued the file for the right one.',
  NO_PRIVATE_KEY: 'The file holds no private key; import the .p12/.pfx your HISP issued, or a PEM key together with its certificate.',
  NOT_A_CERTIFICATE: 'The file is not a certificate (PEM, DER or .p7b bundle); check that you picked the right file.',
  KEY_CERT_MISMATCH: 'The private key does not belong to this certificate; import the matching pair.',
  NO_RECIPIENTS: 'No recipient certificate was given; add the recipient\'s Direct certificate first.',
  INPUT_TOO_LARGE: 'The message is larger than DirectSeal accepts; send large files through your HISP instead.',
  KEY_LOCKED: 'Your keys are locked; unlock them with your DirectSeal passphrase in Settings.',
  LOCK_NOT_SET:
    'Choose your DirectSeal passphrase first: it is what keeps your private keys unreadable to anyone who copies this computer\'s disk.',
  KEY_STORE_DAMAGED:
    "A stored private key cannot be read in this browser (the profile was reset or damaged); delete the identity and import it again from its backup .p12.",
  BACKUP_REQUIRED: 'Save the backup .p12 of this new key first, and confirm you saved it; a key without a backup could be lost for good.',
  NO_IDENTITY: 'No Direct identity is set up for this address; import or create one in Settings.',
  CERT_ADDRESS_MISMATCH: 'The certificate is not issued for this Direct address; ask your CA or HISP for a certificate that names it.',
  NOT_FOUND: 'The item no longer exists (it may have been deleted in another window); reload the page.',
  ISSUER_MISSING:
    "The certificate of the authority that issued this certificate is missing, so DirectSeal cannot tell whether your trust anchors vouch for it; ask the sender or their HISP for the full chain (a .p7b file) and add it with the contact: it is trusted only if its root is one of your trust anchors.",
  CERT_REQUEST_INVALID:
    'The certificate request is damaged, is not signed by the key it carries, or names another address; ask for a new request made in DirectSeal.',
  USAGE: 'The command was called the wrong way; run `directseal --help` to see how to call it.',
  IO_ERROR: 'A file could not be read or written; check the path and its permissions.',
  ATTACHMENT_UNREADABLE:
    'An attachment could not be read: it was changed, moved or deleted after it was picked; remove it and attach it again.',
  CERT_WEAK_KEY:
    "A certificate's key is too weak to be safe (an RSA key under 2048 bits, or a bad public exponent): anyone could read what is encrypted to it or forge its signatures; the owner needs a new certificate.",
  KEY_FILE_UNSUPPORTED:
    'The key file (.p12/.pfx or encrypted key) is protected in a way DirectSeal does not read (an unusual algorithm, or far more iterations than any real file uses); export it again with the usual settings.',
  CRL_UNREADABLE:
    'A certificate revocation list (CRL) could not be read, so revocation was not checked with it; download the CRL again from its CA.',
  DISCOVERY_NOT_FOUND:
    "No Direct certificate for this address is published in DNS (neither for the address nor for its domain); ask the recipient for their certificate file, or check the address.",
  DISCOVERY_UNUSABLE:
    'Certificates are published in DNS for this address, but none can be used (not bound to the address, not trusted, or expired); ask the recipient for their certificate and their trust anchor.',
  DISCOVERY_FAILED:
    'The DNS resolver could not be reached or gave an answer DirectSeal cannot read; check the resolver (Settings → Certificate discovery, or --doh/--dns on the command line), or try again later.',
  DISCOVERY_ADDRESS: 'This address cannot be looked up in DNS; check that it is a Direct address like name@direct.example.org.',
  ANCHOR_NOT_CA:
    "This is a person's or organization's own certificate, not a certificate authority's, so it cannot be a trust anchor; add it as a contact instead (Settings → Contacts), where you can accept it by comparing its fingerprint.",
  FETCH_FAILED:
    'A certificate or revocation list could not be downloaded from the address the certificate names; check the network and try again, or turn fetching off in Settings → Certificate discovery.',
  RESOLVER_INVALID:
    'The resolver must be a DNS-over-HTTPS address starting with https:// (http:// only on this computer: 127.0.0.1 or localhost), for example https://cloudflare-dns.com/dns-query.',
  ENROLLMENT_FILE_INVALID:
    "This is not a DirectSeal enrollment request, or it is damaged; ask the patient to save the request file again from their DirectSeal setup.",
  WELCOME_FILE_INVALID:
    'This is not a DirectSeal welcome file from a practice, or it was changed on the way; ask your practice to give you the welcome file again.',
  WELCOME_KEY_MISMATCH:
    'This welcome file was made for another request, not for the key DirectSeal made in this browser; check that you picked your own welcome file, or give the practice your latest request file.',
} as const;

export type ErrorCode = keyof typeof ERROR_SENTENCES;

export class DirectSealError extends Error {
  readonly code: ErrorCode;
  /** Technical detail for logs and support; the user-facing text is `sentence`. */
  readonly detail?: string;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${ERROR_SENTENCES[code]} (${detail})` : ERROR_SENTENCES[code], options);
    this.name = 'DirectSealError';
    this.code = code;
    this.detail = detail;
  }

  get sentence(): string {
    return ERROR_SENTENCES[this.code];
  }
}

export function isDirectSealError(e: unknown, code?: ErrorCode): e is DirectSealError {
  return e instanceof DirectSealError && (code === undefined || e.code === code);
}

/** Wraps any thrown value: our own errors pass through, anything else becomes `fallback`. */
export function asDirectSealError(e: unknown, fallback: ErrorCode): DirectSealError {
  if (e instanceof DirectSealError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new DirectSealError(fallback, detail, { cause: e });
}
