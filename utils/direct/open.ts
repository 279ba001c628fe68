/**
 * open: find the CMS, decrypt it with one of our identities, verify the signature, the chain to a trust anchor
 * (intermediates from the message), validity at signing time, key usage, revocation where a CRL is given, and
 * the binding of the signer's certificate to the From address; then unwrap the protected message.
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
import { reason, statusOf, type Reason, type Verdict } from './verdict';

export interface OpenOptions {
  crls?: Uint8Array[];
  /** Verification time when the message carries no signing time (default: now). */
  now?: Date;
  /**
   * The caller hands `input` over and will not read it again, whatever the outcome (the CLI, a file read for
   * this one call): the CMS is base64-decoded and decrypted over the input's own bytes, and the returned message
   * is a view of it. Saves a buffer the size of the message; the verdict is the same.
   */
  consumeInput?: boolean;
}

export interface OpenedMessage {
  /** The message the sender wrote (unwrapped from message/rfc822 when header protection was used). */
  message: Uint8Array;
  verdict: Verdict;
}

/** Clock skew tolerated between a claimed signing time and our clock. */
const FUTURE_SKEW_MS = 10 * 60 * 1000;

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
  const signed = await unpackSignature(splitEntity(decrypted.content));
  if (!signed) {
    const entity = splitEntity(decrypted.content);
    return {
      message: isWrapped(entity) ? entity.body : decrypted.content,
      verdict: { status: 'invalid', wrapped: isWrapped(entity), reasons: [reason('MESSAGE_UNSIGNED')], warnings: [], algorithms },
    };
  }
  const inner = splitEntity(signed.content);
  const wrapped = isWrapped(inner);
  const message = wrapped ? inner.body : signed.content;
  const from = signedFrom(wrapped ? splitEntity(message) : inner, located.carrier);
  const verdict = await judge(signed.signer, signed.certificates, from, located.carrier, trustAnchors, options);
  return { message, verdict: { ...verdict, wrapped, algorithms: { ...verdict.algorithms, ...algorithms } } };
}

interface SignedFrom {
  address?: string;
  /** Why there is no address to bind the signer to. */
  problem?: string;
}

/**
 * The From address the signer must be bound to: the one inside the signature. Only a signed part with no From
 * field at all (a body-only signature, without header protection) falls back to the carrier's From; a protected
 * From that does not name exactly one mailbox never does, or an unprotected header would vouch for it.
 */
function signedFrom(signedPart: Entity, carrier: Entity | undefined): SignedFrom {
  const fields = headerAll(signedPart, 'from');
  if (fields.length > 1) return { problem: 'the signed message has more than one From field' };
  if (fields.length === 1) {
    const address = addressOf(fields[0]);
    return address ? { address } : { problem: `the signed From "${fields[0]!.trim()}" does not name exactly one mailbox` };
  }
  const outer = carrier ? headerAll(carrier, 'from') : [];
  const address = outer.length === 1 ? addressOf(outer[0]) : undefined;
  return address ? { address } : { problem: 'the message has no From address' };
}

interface SignedParts {
  content: Uint8Array;
  signer: SignerResult;
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
  const signer = result.signers[0];
  if (!signer) return undefined; // a SignedData with no signer is no signature
  return { content: result.content, signer, certificates: result.certificates };
}

async function judge(
  signer: SignerResult,
  certificates: Uint8Array[],
  from: SignedFrom,
  carrier: Entity | undefined,
  anchors: Uint8Array[],
  options: OpenOptions,
): Promise<Omit<Verdict, 'wrapped'>> {
  const reasons: Reason[] = [];
  const warnings: string[] = [];
  const algorithms = { contentEncryption: '', keyTransport: '', digest: signer.digestAlgorithm, signature: signer.signatureAlgorithm };
  if (signer.problem) reasons.push(reason(signer.problem.code, signer.problem.detail));
  const cert = signer.certificate;
  if (!cert) return { status: statusOf(reasons), reasons, warnings, algorithms };

  const now = options.now ?? new Date();
  let at = signer.signingTime ?? now;
  if (!signer.signingTime) warnings.push('the signature carries no signing time; validity was checked for now');
  if (at.getTime() > now.getTime() + FUTURE_SKEW_MS) {
    warnings.push('the signing time lies in the future; validity was checked for now');
    at = now;
  }
  const path = await validateCertificatePath({ leaf: cert, intermediates: certificates, anchors, at, crls: options.crls });
  for (const p of path.problems) reasons.push(reason(p.code, p.detail));
  if (path.status !== 'trusted' && !path.problems.length) reasons.push(reason('SIGNER_UNTRUSTED'));
  warnings.push(...(path.warnings ?? []));
  if (!checkSigningKeyUsage(cert)) reasons.push(reason('CERT_KEY_USAGE', 'the certificate does not allow digital signatures'));

  const info = await certificateInfo(cert);
  const fromAddress = from.address;
  const binding = fromAddress ? directBinding(cert, fromAddress) : null;
  if (!fromAddress) reasons.push(reason('SIGNER_ADDRESS_MISMATCH', from.problem));
  else if (!binding) reasons.push(reason('SIGNER_ADDRESS_MISMATCH', `signed by ${info.emailAddresses.join(', ') || info.subject}, From is ${fromAddress}`));
  const outerFrom = carrier && addressOf(header(carrier, 'from'));
  if (outerFrom && fromAddress && outerFrom !== fromAddress) {
    reasons.push(reason('SIGNER_ADDRESS_MISMATCH', `the outer From ${outerFrom} differs from the protected From ${fromAddress}`));
  }
  return {
    status: statusOf(reasons),
    signerAddress: binding ? fromAddress : info.emailAddresses[0] ?? fromAddress,
    signerSubject: info.subject,
    signerCertificate: cert,
    signerChain: path.chain.slice(1),
    binding: binding ?? undefined,
    signingTime: signer.signingTime,
    reasons,
    warnings,
    algorithms,
  };
}
