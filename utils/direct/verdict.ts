/** The verdict a person sees first: verified, signed but untrusted, or invalid, with the reasons. */
import { ERROR_SENTENCES, type ErrorCode } from '../errors';
import type { Warning } from '../pki/warnings';

export type VerdictStatus = 'verified' | 'untrusted' | 'invalid';

export interface Reason {
  code: ErrorCode;
  sentence: string;
  detail?: string;
}

/** One signature (one SignerInfo) judged on its own. */
export interface SignatureVerdict {
  status: VerdictStatus;
  /** The Direct address the signer's certificate is bound to (or its own first address when binding failed). */
  signerAddress?: string;
  signerSubject?: string;
  signerCertificate?: Uint8Array;
  /** The CA certificates of the signer's path (to the anchor when trusted), for keeping the signer as a contact. */
  signerChain?: Uint8Array[];
  binding?: 'address' | 'domain';
  /** The signing time the signer claims. */
  signingTime?: Date;
  /** Set when the claimed signing time lies far before the message arrived: validity was then judged for now. */
  claimedLongBeforeArrival?: boolean;
  /**
   * When the signer's certificate expired, if that was after the claimed signing time and the arrival is not
   * known (a bare smime.p7m, a webmail attachment): the claim stands, but a backdated signature looks like this.
   */
  expiredSinceClaim?: Date;
  reasons: Reason[];
  /** Non-fatal observations (a SHA-1 certificate signature in the chain, a missing signing time): code, params, English sentence. */
  warnings: Warning[];
  /** What could not be fetched for the chain (an issuer, a CRL: utils/pki/online-path.ts), each also a warning. */
  notFetched?: Warning[];
  algorithms: { digest?: string; signature?: string };
}

/** The From of the signed message: the mailbox a reader sees as the sender. */
export interface VerdictSender {
  /** The address the signature was checked against (bound to the signer when the message verifies). */
  address: string;
  /** The display name as the sender wrote it. */
  name?: string;
  /** Addresses the display name shows that are not `address` (it poses as someone else). */
  nameShowsOtherAddress?: string[];
}

/**
 * The message's verdict: the deciding signature's judgement (the first that verifies, else the best of the
 * rest), plus what holds for the message as a whole.
 */
export interface Verdict extends Omit<SignatureVerdict, 'algorithms'> {
  /** The From of the entity whose signature was judged; what the reader shows as From. */
  from?: VerdictSender;
  /** When the message arrived (its topmost Received stamp or its Date), when known. */
  arrivedAt?: Date;
  /** Every other signature on the message (more SignerInfos, nested signatures), each judged. */
  otherSignatures: SignatureVerdict[];
  wrapped: boolean;
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

const RANK: Record<VerdictStatus, number> = { verified: 0, untrusted: 1, invalid: 2 };

/** The signature that decides: one valid signature from a bound, trusted signer is enough; else the best one. */
export function decidingIndex(signatures: readonly SignatureVerdict[]): number {
  let best = 0;
  signatures.forEach((s, i) => {
    if (RANK[s.status] < RANK[signatures[best]!.status]) best = i;
  });
  return best;
}
