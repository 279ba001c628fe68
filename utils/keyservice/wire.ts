/** Converting between the key service's in-memory values and what crosses runtime messaging. */
import { decodeBase64, encodeBase64String } from '../mime/base64';
import { ERROR_SENTENCES } from '../errors';
import { isDirectSealError } from '../errors';
import type { SignatureVerdict, Verdict } from '../direct/verdict';
import type { WireError, WireVerdict } from './api';

export const toWire = (bytes: Uint8Array): string => encodeBase64String(bytes);
export const fromWire = (text: string): Uint8Array => decodeBase64(text);

export function wireVerdict(v: Verdict): WireVerdict {
  const { arrivedAt, otherSignatures, ...decided } = v;
  return {
    ...wireSignature(decided),
    ...(arrivedAt ? { arrivedAt: arrivedAt.getTime() } : {}),
    otherSignatures: otherSignatures.map(wireSignature),
  };
}

/** Bytes and dates of one judgement made plain; the chain stays in the background (pages do not need it). */
function wireSignature<T extends SignatureVerdict | Omit<Verdict, 'arrivedAt' | 'otherSignatures'>>(
  v: T,
): Omit<T, 'signerCertificate' | 'signerChain' | 'signingTime' | 'expiredSinceClaim'> & { signerCertificate?: string; signingTime?: number; expiredSinceClaim?: number } {
  const { signerCertificate, signerChain: _chain, signingTime, expiredSinceClaim, ...rest } = v;
  return {
    ...rest,
    ...(signerCertificate ? { signerCertificate: toWire(signerCertificate) } : {}),
    ...(signingTime ? { signingTime: signingTime.getTime() } : {}),
    ...(expiredSinceClaim ? { expiredSinceClaim: expiredSinceClaim.getTime() } : {}),
  };
}

const INTERNAL_SENTENCE = 'Something went wrong inside DirectSeal; try again, and if it keeps happening, reload the extension.';

export function wireError(e: unknown): WireError {
  if (isDirectSealError(e)) return { code: e.code, sentence: ERROR_SENTENCES[e.code], ...(e.detail ? { detail: e.detail } : {}) };
  return { code: 'INTERNAL', sentence: INTERNAL_SENTENCE, detail: e instanceof Error ? e.message : String(e) };
}
