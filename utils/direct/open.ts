/**
 * open: find the CMS, decrypt it with one of our identities, verify the signature, the chain to a trust anchor
 * (intermediates from the message), validity at signing time, key usage, revocation where a CRL is given, and
 * the binding of the signer's certificate to the From address; then unwrap the protected message.
 *
 * What the reader is shown is exactly the entity whose From was bound: one message/rfc822 wrapper per signature
 * is header protection and is opened; anything nested deeper stays an attached message.
 */
import { DirectSealError } from '../errors';
import { header, splitEntity, type Entity } from '../mime/entity';
import { addressOf } from '../mime/address';
import { contentTypeOf, openEnvelope } from '../cms/enveloped';
import { OID } from '../cms/oids';
import type { Recipient } from '../cms/keys';
import type { PkiFetch } from '../pki/online-path';
import { locateCms } from './locate';
import { decidingIndex, reason, statusOf, type Reason, type SignatureVerdict, type Verdict, type VerdictSender } from './verdict';
import { foreignAddressesInName, signedFrom, type SignedFrom } from './sender';
import { arrivalOf } from './arrival';
import { peel } from './signatures';
import { judgeSignature } from './judge';

export interface OpenOptions {
  crls?: Uint8Array[];
  /** CA certificates the user already holds (contacts' and identities' chains), besides the message's own. */
  intermediates?: Uint8Array[];
  /** Fetches a missing issuer and the path's CRLs (utils/pki/online-path.ts); nothing is fetched without it. */
  fetchPki?: PkiFetch;
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
  const context = { anchors: trustAnchors, intermediates: options.intermediates, crls: options.crls, fetchPki: options.fetchPki, now: options.now ?? new Date(), arrivedAt };
  for (const s of signatures) judged.push(await judgeSignature(s.signer, s.certificates, from, context));
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

