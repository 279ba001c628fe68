/** The verdict a person sees first: verified, signed but untrusted, or invalid, with the reasons. */
import { ERROR_SENTENCES, type ErrorCode } from '../errors';

export type VerdictStatus = 'verified' | 'untrusted' | 'invalid';

export interface Reason {
  code: ErrorCode;
  sentence: string;
  detail?: string;
}

export interface Verdict {
  status: VerdictStatus;
  /** The Direct address the signer's certificate is bound to (or the From address when binding failed). */
  signerAddress?: string;
  signerSubject?: string;
  signerCertificate?: Uint8Array;
  /** The CA certificates of the signer's path (to the anchor when trusted), for keeping the signer as a contact. */
  signerChain?: Uint8Array[];
  binding?: 'address' | 'domain';
  signingTime?: Date;
  wrapped: boolean;
  reasons: Reason[];
  /** Non-fatal observations (a SHA-1 certificate signature in the chain, a missing signing time). */
  warnings: string[];
  algorithms: { contentEncryption: string; keyTransport: string; digest?: string; signature?: string };
}

/** Problems that mean the content may be forged or altered; the rest mean "we cannot vouch for the signer". */
const INVALIDATING: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'SIGNATURE_INVALID',
  'MESSAGE_UNSIGNED',
  'SIGNER_ADDRESS_MISMATCH',
  'CERT_REVOKED',
  'ALGORITHM_UNSUPPORTED',
  'MESSAGE_MALFORMED',
]);

export const reason = (code: ErrorCode, detail?: string): Reason => ({ code, sentence: ERROR_SENTENCES[code], detail });

export function statusOf(reasons: readonly Reason[]): VerdictStatus {
  if (reasons.length === 0) return 'verified';
  return reasons.some((r) => INVALIDATING.has(r.code)) ? 'invalid' : 'untrusted';
}
