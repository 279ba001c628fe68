/**
 * The words the read view puts around a verdict: who the message is from, what a display name claims, the
 * signing time against the arrival, the other signatures, in the view's language. Pure (no DOM), so each
 * sentence is tested.
 */
import type { ErrorCode } from '@/utils/errors';
import type { WireSignatureVerdict, WireVerdict } from '@/utils/keyservice/api';
import type { ParsedAddress } from '@/utils/mime/parse';
import { errorText, t } from '../i18n/current';
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
  return t('verdict.misleadingName', { name: from.name, address: from.address, others: from.nameShowsOtherAddress.join(t('verdict.or')) });
}

/** The signing time as what it is, the signer's claim, held against the arrival when that is far later. */
export function signingTimeNote(verdict: WireVerdict): string | undefined {
  const { claimedLongBeforeArrival, signingTime, arrivedAt, expiredSinceClaim } = verdict;
  if (expiredSinceClaim !== undefined && signingTime !== undefined) {
    return t('verdict.expiredSinceClaim', { expired: formatDateTime(expiredSinceClaim), signed: formatDateTime(signingTime) });
  }
  if (!claimedLongBeforeArrival || signingTime === undefined || arrivedAt === undefined) return undefined;
  const days = Math.max(1, Math.round((arrivedAt - signingTime) / DAY));
  const times = { signed: formatDateTime(signingTime), arrived: formatDateTime(arrivedAt), days };
  return days === 1 ? t('verdict.claimedBefore.one', times) : t('verdict.claimedBefore.other', times);
}

/** When something the sender's certificate points to could not be downloaded (utils/pki/online-path.ts). */
export function notFetchedNote(verdict: WireVerdict): string | undefined {
  if (!verdict.notFetched?.length) return undefined;
  return verdict.status === 'verified' ? t('verdict.notFetched.verified') : t('verdict.notFetched.other');
}

/**
 * Why another signature did not verify, in a few words: the full sentences speak of the whole message, and
 * beside a verdict they would contradict it ("treat the message as suspicious" under "Verified").
 */
const SHORT_REASONS = [
  'SIGNATURE_INVALID',
  'SIGNER_UNTRUSTED',
  'ISSUER_MISSING',
  'SIGNER_ADDRESS_MISMATCH',
  'CERT_EXPIRED',
  'CERT_REVOKED',
  'CERT_KEY_USAGE',
  'ALGORITHM_UNSUPPORTED',
  'MESSAGE_MALFORMED',
] as const satisfies readonly ErrorCode[];

const hasShortReason = (code: string): code is (typeof SHORT_REASONS)[number] => (SHORT_REASONS as readonly string[]).includes(code);

/** A reason in a few words where there are some; else its full sentence (in the view's language). */
const shortReason = (r: { code: string; sentence: string }): string => (hasShortReason(r.code) ? t(`verdict.short.${r.code}`) : fullReason(r));

const fullReason = (r: { code: string; sentence: string }): string => errorText(r.code, r.sentence);

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
    who: s.signerAddress ?? s.signerSubject ?? t('verdict.unknownSigner'),
    status: s.status,
    statusWords: t(`verdict.status.${s.status}`),
    why: [...new Set(s.reasons.map(shortReason))],
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
      title: t('verdict.title.verified', { who: who ?? '' }),
      advice: who ? t('verdict.advice.verified', { who }) : t('verdict.advice.verifiedNoWho'),
    };
  }
  if (verdict.status === 'untrusted') {
    return {
      title: t('verdict.title.untrusted'),
      advice: who ? t('verdict.advice.untrusted', { who }) : t('verdict.advice.untrustedNoWho'),
    };
  }
  if (verdict.reasons.some((r) => r.code === 'MESSAGE_UNSIGNED')) {
    return { title: t('verdict.title.unsigned'), advice: t('verdict.advice.unsigned') };
  }
  const forged = verdict.reasons.some((r) => FORGERY_SIGNS.has(r.code));
  return {
    title: forged ? t('verdict.title.forged') : t('verdict.title.invalid'),
    advice: t('verdict.advice.invalid'),
  };
}

/**
 * The reasons for the technical details. On a message that may be forged, no sentence may suggest trusting
 * its signer ("import the sender's trust anchor"): those are given as a few words instead.
 */
export function detailReasons(verdict: WireVerdict): string[] {
  return verdict.reasons.map((r) => (verdict.status === 'invalid' ? shortReason(r) : fullReason(r)));
}
