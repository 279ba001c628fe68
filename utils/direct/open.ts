/**
 * open: find the CMS, decrypt it with one of our identities, verify the signature, the chain to a trust anchor
 * (intermediates from the message), validity at signing time, key usage, revocation where a CRL is given, and
 * the binding of the signer's certificate to the From address; then unwrap the protected message.
 *
 * What the reader is shown is exactly the entity whose From was bound: one message/rfc822 wrapper per signature
 * is header protection and is opened; anything nested deeper stays an attached message.
 */
import { DirectSealError } from '../errors';
import { decodeTransferEncoding, header, headerAll, splitEntity, splitMultipart, type Entity } from '../mime/entity';
import { parseContentType } from '../mime/params';
import { addressOf } from '../mime/address';
import { contentTypeOf, openEnvelope } from '../cms/enveloped';
import { verifySignedData, type SignerResult } from '../cms/signed';
import { OID } from '../cms/oids';
import type { Recipient } from '../cms/keys';
import { certificateInfo, checkSigningKeyUsage, directBinding, validateCertificatePath } from '../pki';
import { locateCms } from './locate';
import { isWrapped } from './wrap';
import { decidingIndex, reason, statusOf, type Reason, type SignatureVerdict, type Verdict, type VerdictSender } from './verdict';
import { foreignAddressesInName, signedFrom, type SignedFrom } from './sender';
import { arrivalOf, claimedLongBefore } from './arrival';

export interface OpenOptions {
  crls?: Uint8Array[];
  /** Verification time when the message carries no signing time (default: now). */
  now?: Date;
  /**
   * When the message was received, if the caller knows (a mailbox's delivery time). The latest of this, the
   * carrier's topmost Received stamp and its Date is the arrival a claimed signing time is held against.
   */
  receivedAt?: Date;
  /**
   * The caller hands `input` over and will not read it again, whatever the outcome (the CLI, a file read for
   * this one call): the CMS is base64-decoded and decrypted over the input's own bytes, and the returned message
   * is a view of it. Saves a buffer the size of the message; the verdict is the same.
   */
  consumeInput?: boolean;
}

export interface OpenedMessage {
  /**
   * The message the sender wrote, whose From the signer was bound to (unwrapped from the one message/rfc822 of
   * header protection). Show it as it is: a message/rfc822 inside it is an attached message, never the message.
   */
  message: Uint8Array;
  verdict: Verdict;
}

/** Clock skew tolerated between a claimed signing time and our clock. */
const FUTURE_SKEW_MS = 10 * 60 * 1000;
/** Signatures nested in signatures that are unpacked (S/MIME triple wrapping has two). */
const MAX_SIGNATURE_LAYERS = 3;

export async function open(
  input: Uint8Array,
  identities: Recipient[],
  trustAnchors: Uint8Array[],
  options: OpenOptions = {},
): Promise<OpenedMessage> {
  const located = locateCms(input, options.consumeInput);
  const contentType = contentTypeOf(located.der);
  if (contentType !== OID.envelopedData && contentType !== OID.authEnvelopedData) {
    throw new DirectSealError('MESSAGE_MALFORMED', 'not an encrypted Direct message (no EnvelopedData)');
  }
  // A DER that locate decoded (from base64 or PEM) into a new buffer is ours alone, and so is the input when the
  // caller consumes it: decrypt AES-CBC over the DER's own ciphertext rather than into a new buffer the size of
  // the message. A DER that is the caller's input, or a view of it, is otherwise never written to.
  const inPlace = options.consumeInput === true || located.der.buffer !== input.buffer;
  const decrypted = await openEnvelope(located.der, identities, { inPlace });
  const algorithms = { contentEncryption: decrypted.contentEncryption, keyTransport: decrypted.keyTransport };
  const { message, signatures, wrapped } = await peel(decrypted.content);
  const from = signedFrom(splitEntity(message), located.carrier);
  const sender = senderOf(from);
  if (signatures.length === 0) {
    return {
      message,
      verdict: { status: 'invalid', wrapped, reasons: [reason('MESSAGE_UNSIGNED')], warnings: [], otherSignatures: [], algorithms, ...(sender ? { from: sender } : {}) },
    };
  }
  // The latest time known: a later arrival only ever makes a claimed signing time look older, never younger.
  const arrivedAt = latest(options.receivedAt, arrivalOf(located.carrier));
  const judged: SignatureVerdict[] = [];
  for (const s of signatures) judged.push(await judge(s.signer, s.certificates, from, trustAnchors, arrivedAt, options));
  const deciding = decidingIndex(judged);
  const { algorithms: signatureAlgorithms, ...decided } = judged[deciding]!;
  const reasons = [...decided.reasons, ...messageReasons(from, located.carrier)];
  const verdict: Verdict = {
    ...decided,
    status: statusOf(reasons),
    reasons,
    otherSignatures: judged.filter((_, i) => i !== deciding),
    wrapped,
    algorithms: { ...algorithms, ...signatureAlgorithms },
    ...(sender ? { from: sender } : {}),
    ...(arrivedAt ? { arrivedAt } : {}),
  };
  return { message, verdict };
}

function latest(...times: (Date | undefined)[]): Date | undefined {
  const known = times.filter((t): t is Date => t !== undefined);
  return known.length ? new Date(Math.max(...known.map((t) => t.getTime()))) : undefined;
}

interface Signature {
  signer: SignerResult;
  certificates: Uint8Array[];
}

/**
 * The signatures around the message and the message itself. Each signature layer may carry one message/rfc822
 * wrapper (header protection), which is opened; a further signature inside is unpacked too, unless the entity
 * already has a From (then it is the message, and whatever it contains is its content). Nothing else is opened.
 */
async function peel(content: Uint8Array): Promise<{ message: Uint8Array; signatures: Signature[]; wrapped: boolean }> {
  let message = content;
  let wrapped = false;
  const signatures: Signature[] = [];
  for (let layer = 0; layer < MAX_SIGNATURE_LAYERS; layer++) {
    const entity = splitEntity(message);
    if (layer > 0 && headerAll(entity, 'from').length > 0) break;
    const signed = await unpackSignature(entity);
    if (!signed) {
      if (layer === 0 && isWrapped(entity)) {
        // Unsigned but wrapped: the wrapper is still only header protection.
        wrapped = true;
        message = entity.body;
      }
      break;
    }
    signatures.push(...signed.signers.map((signer) => ({ signer, certificates: signed.certificates })));
    message = signed.content;
    const inner = splitEntity(message);
    if (isWrapped(inner)) {
      wrapped = true;
      message = inner.body;
    }
  }
  return { message, signatures, wrapped };
}

function senderOf(from: SignedFrom): VerdictSender | undefined {
  if (!from.address) return undefined;
  const sender: VerdictSender = { address: from.address };
  if (from.name) {
    sender.name = from.name;
    const others = foreignAddressesInName(from.name, from.address);
    if (others.length) sender.nameShowsOtherAddress = others;
  }
  return sender;
}

/** What holds for the whole message, whoever signed it: the unprotected outer From must agree with the signed one. */
function messageReasons(from: SignedFrom, carrier: Entity | undefined): Reason[] {
  const outerFrom = carrier && addressOf(header(carrier, 'from'));
  if (outerFrom && from.address && outerFrom !== from.address) {
    return [reason('SIGNER_ADDRESS_MISMATCH', `the outer From ${outerFrom} differs from the protected From ${from.address}`)];
  }
  return [];
}

interface SignedParts {
  content: Uint8Array;
  signers: SignerResult[];
  certificates: Uint8Array[];
}

/** multipart/signed or opaque signed-data; undefined for an unsigned entity. */
async function unpackSignature(entity: Entity): Promise<SignedParts | undefined> {
  const ct = parseContentType(header(entity, 'content-type'));
  let result;
  if (ct.type === 'multipart/signed') {
    const boundary = ct.params.boundary;
    if (!boundary) throw new DirectSealError('MESSAGE_MALFORMED', 'multipart/signed without a boundary');
    const [content, signaturePart] = splitMultipart(entity.body, boundary);
    if (!content || !signaturePart) throw new DirectSealError('MESSAGE_MALFORMED', 'multipart/signed needs two parts');
    const sig = splitEntity(signaturePart);
    result = await verifySignedData(decodeTransferEncoding(sig.body, header(sig, 'content-transfer-encoding')), content);
  } else if (ct.type === 'application/pkcs7-mime' || ct.type === 'application/x-pkcs7-mime') {
    const der = decodeTransferEncoding(entity.body, header(entity, 'content-transfer-encoding'));
    if (contentTypeOf(der) !== OID.signedData) return undefined;
    result = await verifySignedData(der);
  } else {
    return undefined;
  }
  // A SignedData with no signer is no signature, but its content is still unpacked (a signature may be inside).
  return { content: result.content, signers: result.signers, certificates: result.certificates };
}

/** One signature: intact, its chain to an anchor at the time that counts, key usage, and bound to the From. */
async function judge(
  signer: SignerResult,
  certificates: Uint8Array[],
  from: SignedFrom,
  anchors: Uint8Array[],
  arrivedAt: Date | undefined,
  options: OpenOptions,
): Promise<SignatureVerdict> {
  const reasons: Reason[] = [];
  const warnings: string[] = [];
  const algorithms = { digest: signer.digestAlgorithm, signature: signer.signatureAlgorithm };
  if (signer.problem) reasons.push(reason(signer.problem.code, signer.problem.detail));
  const cert = signer.certificate;
  if (!cert) return { status: statusOf(reasons), reasons, warnings, algorithms };

  const now = options.now ?? new Date();
  const claimed = signer.signingTime;
  let at = claimed ?? now;
  let longBefore = false;
  if (!claimed) warnings.push('the signature carries no signing time; validity was checked for now');
  if (at.getTime() > now.getTime() + FUTURE_SKEW_MS) {
    warnings.push('the signing time lies in the future; validity was checked for now');
    at = now;
  } else if (claimed && arrivedAt && claimedLongBefore(claimed, arrivedAt)) {
    // A signing time is the signer's claim: far before the arrival, it is not believed, and a certificate
    // that expired since counts as expired.
    // (claimedLongBeforeArrival says so; the reader shows both times.)
    longBefore = true;
    at = now;
  }
  const path = await validateCertificatePath({ leaf: cert, intermediates: certificates, anchors, at, crls: options.crls });
  for (const p of path.problems) reasons.push(reason(p.code, p.detail));
  if (path.status !== 'trusted' && !path.problems.length) reasons.push(reason('SIGNER_UNTRUSTED'));
  warnings.push(...(path.warnings ?? []));
  if (!checkSigningKeyUsage(cert)) reasons.push(reason('CERT_KEY_USAGE', 'the certificate does not allow digital signatures'));

  const info = await certificateInfo(cert);
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
    algorithms,
  };
}
