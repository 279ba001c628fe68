/**
 * Header protection as the Direct Applicability Statement requires: the whole original message travels as a
 * message/rfc822 entity inside the signature; the outer headers carry only routing fields.
 */
import { utf8 } from '../bytes';
import { prepend } from '../headroom';
import { header, type Entity } from '../mime/entity';
import { parseContentType } from '../mime/params';

const WRAP_HEADER = 'Content-Type: message/rfc822\r\n\r\n';

/** The headroom (utils/headroom.ts) a message built for sealing keeps, so that wrapping it copies nothing. */
export const WRAP_HEADROOM = WRAP_HEADER.length;

export function wrapMessage(message: Uint8Array): Uint8Array {
  return prepend(utf8(WRAP_HEADER), message);
}

export function isWrapped(entity: Entity): boolean {
  return parseContentType(header(entity, 'content-type')).type === 'message/rfc822';
}

/** Outer headers copied from the original: routing and delivery-notification fields, never the Subject. */
export const ROUTING_HEADERS = [
  'from',
  'to',
  'cc',
  'date',
  'message-id',
  'disposition-notification-to',
  'disposition-notification-options',
] as const;
