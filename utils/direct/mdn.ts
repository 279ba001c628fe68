/**
 * Direct delivery notifications (MDN, RFC 8098, as the Applicability Statement and DTS 450-461 use them):
 * the "processed" (or "dispatched") MDN a receiver sends for a message it opened and verified, and reading
 * one that arrives, so a sender can match it to what it sent by Original-Message-ID. An MDN is sealed like any
 * Direct message (signed, then encrypted to the original sender). Never an MDN for an MDN.
 */
import { concat, utf8 } from '../bytes';
import { addressOf } from '../mime/address';
import { buildEntity, formatDate, generateBoundary, generateMessageId } from '../mime/build';
import { header, splitEntity, splitMultipart, type Entity } from '../mime/entity';
import { parseContentType } from '../mime/params';
import { parseHeaderBlock } from '../mime/entity';

export type Disposition = 'processed' | 'dispatched' | 'failed';

export interface MdnRequest {
  /** The opened message (the signed entity, as `open` returns it). */
  original: Uint8Array;
  /** The address that opened it: Final-Recipient, and the MDN's From. */
  finalRecipient: string;
  disposition?: Disposition;
  /** Reporting-UA: the host part names the receiving system (RFC 8098 3.2.1). */
  reportingUa?: string;
  now?: Date;
}

export const REPORTING_UA = 'directseal; DirectSeal';

/** True when the message is itself a delivery notification (then no MDN is ever sent for it). */
export function isMdn(message: Uint8Array | Entity): boolean {
  const entity = message instanceof Uint8Array ? splitEntity(message) : message;
  const ct = parseContentType(header(entity, 'content-type'));
  return ct.type === 'multipart/report' && (ct.params['report-type'] ?? '').toLowerCase() === 'disposition-notification';
}

/**
 * The MDN for `original`, as an RFC 5322 message to seal back to its sender; undefined when the original is
 * an MDN, or names no sender to answer.
 */
export function buildMdn(request: MdnRequest): Uint8Array | undefined {
  const original = splitEntity(request.original);
  if (isMdn(original)) return undefined;
  const to = addressOf(header(original, 'disposition-notification-to')) ?? addressOf(header(original, 'from'));
  if (!to) return undefined;
  const disposition = request.disposition ?? 'processed';
  const originalId = header(original, 'message-id');
  const now = request.now ?? new Date();
  const boundary = generateBoundary();
  const human = utf8(`${SENTENCES[disposition]}\r\n`);
  const fields = [
    `Reporting-UA: ${request.reportingUa ?? REPORTING_UA}`,
    `Final-Recipient: rfc822; ${request.finalRecipient}`,
    ...(originalId ? [`Original-Message-ID: ${originalId}`] : []),
    `Disposition: automatic-action/MDN-sent-automatically; ${disposition}`,
  ];
  const body = concat([
    utf8(`--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`),
    human,
    utf8(`--${boundary}\r\nContent-Type: message/disposition-notification\r\n\r\n${fields.join('\r\n')}\r\n`),
    utf8(`--${boundary}--\r\n`),
  ]);
  // No Disposition-Notification-To on an MDN (DTS 452): nobody answers it.
  return buildEntity(
    [
      ['From', request.finalRecipient],
      ['To', to],
      ['Date', formatDate(now)],
      ['Message-ID', generateMessageId(request.finalRecipient)],
      ['Subject', `${TITLES[disposition]}: ${header(original, 'subject') ?? ''}`.trim()],
      ['MIME-Version', '1.0'],
      ['Content-Type', `multipart/report; report-type=disposition-notification; boundary="${boundary}"`],
    ],
    body,
  );
}

const TITLES: Record<Disposition, string> = { processed: 'Processed', dispatched: 'Delivered', failed: 'Failed' };
const SENTENCES: Record<Disposition, string> = {
  processed: 'Your message was received and opened by a Direct system; this notice confirms it was processed.',
  dispatched: 'Your message was delivered to its recipient.',
  failed: 'Your message could not be delivered to its recipient.',
};

export interface MdnReport {
  originalMessageId?: string;
  finalRecipient?: string;
  disposition?: Disposition | string;
}

/** The fields of an MDN that arrived (undefined when the message is no MDN), for matching what was sent. */
export function readMdn(message: Uint8Array): MdnReport | undefined {
  const entity = splitEntity(message);
  if (!isMdn(entity)) return undefined;
  const boundary = parseContentType(header(entity, 'content-type')).params.boundary;
  if (!boundary) return {};
  for (const part of splitMultipart(entity.body, boundary)) {
    const p = splitEntity(part);
    if (parseContentType(header(p, 'content-type')).type !== 'message/disposition-notification') continue;
    const fields = { headers: parseHeaderBlock(p.body) };
    const disposition = header(fields, 'disposition')?.split(';').pop()?.trim().toLowerCase();
    const finalRecipient = header(fields, 'final-recipient')?.replace(/^\s*rfc822\s*;\s*/i, '').trim().toLowerCase();
    const originalMessageId = header(fields, 'original-message-id');
    return { ...(originalMessageId ? { originalMessageId } : {}), ...(finalRecipient ? { finalRecipient } : {}), ...(disposition ? { disposition } : {}) };
  }
  return {};
}
