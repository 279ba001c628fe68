/**
 * The words the read view puts around a verdict: who the message is from, what a display name claims, the
 * signing time against the arrival, the other signatures. Pure (no DOM), so each sentence is tested.
 */
import type { ErrorCode } from '@/utils/errors';
import type { WireSignatureVerdict, WireVerdict } from '@/utils/keyservice/api';
import type { ParsedAddress } from '@/utils/mime/parse';
import { formatDateTime } from '../ui/format';

const DAY = 86_400_000;

export interface ShownSender {
  /** The address to show as From: the one the signature was checked against. */
  address: string;
  /** A display name to show beside it, when it does not pose as another address. */
  name?: string;
  /** A display name that shows another address: shown only as a warning, never as the sender. */
  misleadingName?: string;
}

/**
 * The From line: the signed From the verdict checked (for a verified message, the signer's bound address),
 * never a From the display parsed on its own; the parsed one only when the verdict has none.
 */
export function shownSender(verdict: WireVerdict, parsed: ParsedAddress | undefined): ShownSender | undefined {
  const from = verdict.from ?? (parsed ? { address: parsed.address.toLowerCase(), ...(parsed.name ? { name: parsed.name } : {}) } : undefined);
  if (!from) return undefined;
  if (from.nameShowsOtherAddress?.length) return { address: from.address, misleadingName: from.name! };
  return from.name && from.name.toLowerCase() !== from.address ? { address: from.address, name: from.name } : { address: from.address };
}

/** The sentence that goes with a display name posing as another address. */
export function misleadingNameWarning(verdict: WireVerdict): string | undefined {
  const from = verdict.from;
  if (!from?.nameShowsOtherAddress?.length || !from.name) return undefined;
  return `The sender's name reads “${from.name}”, but the message is from ${from.address}. Do not take it for a message from ${from.nameShowsOtherAddress.join(' or ')}.`;
}

/** The signing time as what it is, the signer's claim, held against the arrival when that is far later. */
export function signingTimeNote(verdict: WireVerdict): string | undefined {
  const { claimedLongBeforeArrival, signingTime, arrivedAt, expiredSinceClaim } = verdict;
  if (expiredSinceClaim !== undefined && signingTime !== undefined) {
    return (
      `The signer's certificate expired ${formatDateTime(expiredSinceClaim)}. The signature claims it was made before, ` +
      `${formatDateTime(signingTime)}, but a signer can claim any time and DirectSeal cannot tell when this message arrived: ` +
      'if it arrived after the certificate expired, do not rely on it.'
    );
  }
  if (!claimedLongBeforeArrival || signingTime === undefined || arrivedAt === undefined) return undefined;
  const days = Math.max(1, Math.round((arrivedAt - signingTime) / DAY));
  return (
    `The signature claims it was made ${formatDateTime(signingTime)}, ${days} day${days === 1 ? '' : 's'} before the message ` +
    `arrived (${formatDateTime(arrivedAt)}). A signer can claim any time, so DirectSeal checked the certificate as of today.`
  );
}

/** When something the sender's certificate points to could not be downloaded (utils/pki/online-path.ts). */
export function notFetchedNote(verdict: WireVerdict): string | undefined {
  if (!verdict.notFetched?.length) return undefined;
  return verdict.status === 'verified'
    ? 'DirectSeal could not download the revocation list of the sender’s certificate, so it could not check whether the certificate was withdrawn. The technical details say what failed.'
    : 'DirectSeal could not download part of the sender’s certificate chain, so it could not check who sent this. The technical details say what failed.';
}

const STATUS_WORDS = { verified: 'verified', untrusted: 'not verified', invalid: 'invalid' } as const;

/**
 * Why another signature did not verify, in a few words: the full sentences speak of the whole message, and
 * beside a verdict they would contradict it ("treat the message as suspicious" under "Verified").
 */
const SHORT_REASONS: Partial<Record<ErrorCode, string>> = {
  SIGNATURE_INVALID: 'the signature does not match the content',
  SIGNER_UNTRUSTED: 'no path to your trust anchors',
  ISSUER_MISSING: "its issuer's certificate is missing",
  SIGNER_ADDRESS_MISMATCH: 'not bound to the From address',
  CERT_EXPIRED: 'certificate expired or not yet valid',
  CERT_REVOKED: 'certificate revoked',
  CERT_KEY_USAGE: 'certificate not made for signing mail',
  ALGORITHM_UNSUPPORTED: 'an algorithm DirectSeal does not support',
  MESSAGE_MALFORMED: 'damaged',
};

export interface OtherSignatureLine {
  who: string;
  status: WireSignatureVerdict['status'];
  /** "verified", "not verified", "invalid". */
  statusWords: string;
  /** Why it did not verify, in a few words each. */
  why: string[];
}

/** One line per signature that did not decide the verdict. */
export function otherSignatureLines(verdict: WireVerdict): OtherSignatureLine[] {
  return verdict.otherSignatures.map((s) => ({
    who: s.signerAddress ?? s.signerSubject ?? 'an unknown signer',
    status: s.status,
    statusWords: STATUS_WORDS[s.status],
    why: [...new Set(s.reasons.map((r) => SHORT_REASONS[r.code] ?? r.sentence))],
  }));
}

/** The headline and the advice a patient reads first: plain words, different for "unknown" and "forged". */
export interface VerdictWords {
  title: string;
  advice: string;
}

const FORGERY_SIGNS: ReadonlySet<string> = new Set(['SIGNATURE_INVALID', 'SIGNER_ADDRESS_MISMATCH', 'CERT_REVOKED']);

export function verdictWords(verdict: WireVerdict, from: string | undefined): VerdictWords {
  const who = verdict.signerAddress ?? from;
  if (verdict.status === 'verified') {
    return {
      title: `Signed by ${who}`,
      advice: `DirectSeal checked the signature: this message really comes from ${who ?? 'its signer'} and was not changed on the way.`,
    };
  }
  if (verdict.status === 'untrusted') {
    return {
      title: 'DirectSeal cannot tell who sent this',
      advice:
        `The message is signed${who ? ` as ${who}` : ''}, but not by anyone DirectSeal can check for you. ` +
        'Before you act on it, confirm with the sender another way, for example by phone.',
    };
  }
  if (verdict.reasons.some((r) => r.code === 'MESSAGE_UNSIGNED')) {
    return {
      title: 'Not signed: anyone could have sent this',
      advice: 'Its content is hidden below. Do not act on it or open its attachments unless you confirmed with the sender another way.',
    };
  }
  const forged = verdict.reasons.some((r) => FORGERY_SIGNS.has(r.code));
  return {
    title: forged ? 'Warning: this message may be forged' : 'Do not trust this message',
    advice:
      'It may have been forged or changed on the way. Its content is hidden below. Do not act on it, do not open its ' +
      'attachments and do not reply with personal information; contact the sender another way.',
  };
}

/**
 * The reasons for the technical details. On a message that may be forged, no sentence may suggest trusting
 * its signer ("import the sender's trust anchor"): those are given as a few words instead.
 */
export function detailReasons(verdict: WireVerdict): string[] {
  return verdict.reasons.map((r) => (verdict.status === 'invalid' ? (SHORT_REASONS[r.code] ?? r.sentence) : r.sentence));
}
