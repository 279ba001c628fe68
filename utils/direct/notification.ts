/**
 * Delivery notifications around a message DirectSeal seals or opens: the sender asks for them as Direct does
 * (inside the signed message, so no relay can add or strip the request), and the receiver prepares the
 * "processed" MDN for a verified message it opened, and reads one that arrived (utils/direct/mdn.ts).
 */
import { addressOf, parseAddressList } from '../mime/address';
import { header, splitEntity } from '../mime/entity';
import { buildMdn, isMdn, readMdn, type MdnReport } from './mdn';

/**
 * The request for notification (DIRECT-CONFORMANCE item 11): Disposition-Notification-To names the sender, and
 * the options ask for the "dispatched" MDN on final delivery as well (optional: a receiver that cannot send it
 * still accepts the message).
 */
export function notificationRequestHeaders(from: string): Record<string, string> {
  return {
    'Disposition-Notification-To': from,
    'Disposition-Notification-Options': 'X-DIRECT-FINAL-DESTINATION-DELIVERY=optional,true',
  };
}

/**
 * The address of ours the message was sent to: the Final-Recipient of our MDN. The first of our identities in
 * To or Cc; else the first of ours (a Bcc, or a list address), since the message was encrypted to one of them.
 */
export function finalRecipientFor(message: Uint8Array, ownAddresses: readonly string[]): string | undefined {
  const own = ownAddresses.map((a) => a.toLowerCase());
  const entity = splitEntity(message);
  const named = ['to', 'cc'].flatMap((h) => parseAddressList(header(entity, h) ?? '')).map((m) => m.address.toLowerCase());
  return named.find((a) => own.includes(a)) ?? own[0];
}

/** What an opened message means for notifications: an MDN to offer, an MDN that arrived, or neither. */
export type NotificationSide =
  | { kind: 'answer'; mdn: Uint8Array; to: string; originalMessageId?: string }
  | { kind: 'arrived'; report: MdnReport }
  | { kind: 'none' };

/**
 * Only a verified message gets an MDN (the signer is bound, so its certificate is ours to seal to); an MDN never
 * gets one (DTS 452), and an MDN that arrived is reported for the sent log to match.
 */
export function notificationSide(message: Uint8Array, verified: boolean, ownAddresses: readonly string[], now: Date = new Date()): NotificationSide {
  const report = readMdn(message);
  if (report) return { kind: 'arrived', report };
  if (!verified || isMdn(message)) return { kind: 'none' };
  const finalRecipient = finalRecipientFor(message, ownAddresses);
  if (!finalRecipient) return { kind: 'none' };
  const mdn = buildMdn({ original: message, finalRecipient, now });
  if (!mdn) return { kind: 'none' };
  const entity = splitEntity(mdn);
  const to = addressOf(header(entity, 'to'));
  if (!to) return { kind: 'none' };
  const originalMessageId = header(splitEntity(message), 'message-id');
  return { kind: 'answer', mdn, to, ...(originalMessageId ? { originalMessageId } : {}) };
}
