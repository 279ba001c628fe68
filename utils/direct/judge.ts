/**
 * One signature judged: intact, its chain to a trust anchor at the time that counts, key usage, revocation where a
 * CRL is given, and its certificate bound to the signed From. The time that counts is the signing time the
 * signer claims, unless that claim lies far before the message arrived (then now).
 */
import type { SignerResult } from '../cms/signed';
import { certificateInfo, checkSigningKeyUsage, directBinding } from '../pki';
import { validateCertificatePathOnline, type PkiFetch } from '../pki/online-path';
import { reason, statusOf, type Reason, type SignatureVerdict } from './verdict';
import type { SignedFrom } from './sender';
import { claimedLongBefore } from './arrival';
import { warning, type Warning } from '../pki/warnings';

/** Clock skew tolerated between a claimed signing time and our clock. */
const FUTURE_SKEW_MS = 10 * 60 * 1000;

export interface JudgeContext {
  anchors: Uint8Array[];
  /** CA certificates held beside the message's own (contacts' chains): a path may use them too. */
  intermediates?: Uint8Array[] | undefined;
  crls?: Uint8Array[] | undefined;
  /** Fetches a missing issuer and CRLs (utils/pki/online-path.ts), when the caller allows. */
  fetchPki?: PkiFetch | undefined;
  now: Date;
  /** When the message arrived, when known. */
  arrivedAt?: Date | undefined;
}

/** One signature: intact, its chain to an anchor at the time that counts, key usage, and bound to the From. */
export async function judgeSignature(
  signer: SignerResult,
  certificates: Uint8Array[],
  from: SignedFrom,
  { anchors, intermediates = [], crls, fetchPki, now, arrivedAt }: JudgeContext,
): Promise<SignatureVerdict> {
  const reasons: Reason[] = [];
  const warnings: Warning[] = [];
  const algorithms = { digest: signer.digestAlgorithm, signature: signer.signatureAlgorithm };
  if (signer.problem) reasons.push(reason(signer.problem.code, signer.problem.detail));
  const cert = signer.certificate;
  if (!cert) return { status: statusOf(reasons), reasons, warnings, algorithms };

  const claimed = signer.signingTime;
  let at = claimed ?? now;
  let longBefore = false;
  if (!claimed) warnings.push(warning('NO_SIGNING_TIME'));
  if (at.getTime() > now.getTime() + FUTURE_SKEW_MS) {
    warnings.push(warning('SIGNING_TIME_IN_FUTURE'));
    at = now;
  } else if (claimed && arrivedAt && claimedLongBefore(claimed, arrivedAt)) {
    // A signing time is the signer's claim: far before the arrival it is not believed, and a certificate that
    // expired since counts as expired (claimedLongBeforeArrival says so; the reader shows both times).
    longBefore = true;
    at = now;
  }
  const path = await validateCertificatePathOnline({ leaf: cert, intermediates: [...certificates, ...intermediates], anchors, at, crls }, fetchPki);
  for (const p of path.problems) reasons.push(reason(p.code, p.detail));
  if (path.status !== 'trusted' && !path.problems.length) reasons.push(reason('SIGNER_UNTRUSTED'));
  warnings.push(...(path.warnings ?? []));
  if (!checkSigningKeyUsage(cert)) reasons.push(reason('CERT_KEY_USAGE', 'the certificate does not allow digital signatures'));

  const info = await certificateInfo(cert);
  // Without an arrival time the claim stands; the reader is told when the certificate expired since.
  const expiredSince = claimed && !arrivedAt && info.notAfter < now && claimed <= info.notAfter ? info.notAfter : undefined;
  const fromAddress = from.address;
  const binding = fromAddress ? directBinding(cert, fromAddress) : null;
  if (!fromAddress) reasons.push(reason('SIGNER_ADDRESS_MISMATCH', from.problem));
  else if (!binding) reasons.push(reason('SIGNER_ADDRESS_MISMATCH', `signed by ${info.emailAddresses.join(', ') || info.subject}, From is ${fromAddress}`));
  return {
    status: statusOf(reasons),
    signerAddress: binding ? fromAddress : info.emailAddresses[0] ?? fromAddress,
    signerSubject: info.subject,
    signerCertificate: cert,
    signerChain: path.chain.slice(1),
    binding: binding ?? undefined,
    signingTime: claimed,
    ...(longBefore ? { claimedLongBeforeArrival: true } : {}),
    ...(expiredSince ? { expiredSinceClaim: expiredSince } : {}),
    reasons,
    warnings,
    ...(path.notFetched ? { notFetched: path.notFetched } : {}),
    algorithms,
  };
}
