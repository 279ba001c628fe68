/** Reading received mail with postal-mime, mapped to plain data with Uint8Array attachment content. */
import PostalMime from 'postal-mime';
import type { Address, Attachment } from 'postal-mime';
import { utf8 } from '../bytes';
import { asDirectSealError } from '../errors';
import type { HeaderField } from './entity';
import { liftBigAttachments, liftedContent } from './lift';

export { addressOf } from './address';

export interface ParsedAddress {
  name?: string;
  address: string;
}

export interface ParsedAttachment {
  filename?: string;
  /** Lowercased MIME type. */
  mimeType: string;
  /** Decoded bytes (transfer encoding removed). */
  content: Uint8Array;
  /** Lowercased Content-Disposition token ("attachment", "inline"), when the part had one. */
  disposition?: string;
  /** Content-ID with angle brackets, for inline images referenced from the HTML. */
  contentId?: string;
}

export interface ParsedMessage {
  from?: ParsedAddress;
  to: ParsedAddress[];
  cc: ParsedAddress[];
  subject?: string;
  /** ISO 8601 when the Date header parses, else the raw header value. */
  date?: string;
  messageId?: string;
  /** Decoded to a string, LF line ends. */
  text?: string;
  /** Decoded to a string, LF line ends; not sanitized (use DOMPurify before display). */
  html?: string;
  attachments: ParsedAttachment[];
  /** Every header of the (inner, when wrapped) message, in order, values unfolded but not decoded. */
  headers: HeaderField[];
}

/** postal-mime keeps CRLF from quoted-printable and base64 bodies but not from 7bit ones: make text LF throughout. */
const lf = (t: string): string => t.replace(/\r\n/g, '\n');

function mailbox(a: { name?: string; address?: string }): ParsedAddress | undefined {
  if (!a.address) return undefined;
  return a.name ? { name: a.name, address: a.address } : { address: a.address };
}

function flatten(list: Address[] | undefined): ParsedAddress[] {
  const out: ParsedAddress[] = [];
  for (const a of list ?? []) {
    for (const m of a.group ?? [a]) {
      const p = mailbox(m);
      if (p) out.push(p);
    }
  }
  return out;
}

function contentBytes(c: Attachment['content']): Uint8Array {
  if (c instanceof Uint8Array) return c;
  if (typeof c === 'string') return utf8(c);
  return new Uint8Array(c);
}

/**
 * Parses a message exactly as given: a message/rfc822 inside it, at the top or in a part, is an attached
 * message (an attachment of type message/rfc822), never read as if it were this message. The Direct wrapper
 * (header protection) is opened by utils/direct/open, which alone knows which entity the signature vouches for.
 * Throws MESSAGE_MALFORMED when postal-mime refuses the input.
 */
export async function parseMessage(input: Uint8Array): Promise<ParsedMessage> {
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  const lifted = liftBigAttachments(input);
  try {
    email = await PostalMime.parse(lifted?.message ?? input, { attachmentEncoding: 'arraybuffer', forceRfc822Attachments: true });
  } catch (e) {
    throw asDirectSealError(e, 'MESSAGE_MALFORMED');
  }
  const from = email.from ? flatten([email.from])[0] : undefined;
  const out: ParsedMessage = {
    to: flatten(email.to),
    cc: flatten(email.cc),
    attachments: email.attachments.map((a) => {
      const decoded = contentBytes(a.content);
      const att: ParsedAttachment = { mimeType: a.mimeType, content: (lifted && liftedContent(lifted, decoded)) ?? decoded };
      if (a.filename) att.filename = a.filename;
      if (a.disposition) att.disposition = a.disposition;
      if (a.contentId) att.contentId = a.contentId;
      return att;
    }),
    headers: email.headers.map((h) => ({ name: h.originalKey, value: h.value })),
  };
  if (from) out.from = from;
  if (email.subject !== undefined) out.subject = email.subject;
  if (email.date !== undefined) out.date = email.date;
  if (email.messageId !== undefined) out.messageId = email.messageId;
  if (email.text !== undefined) out.text = lf(email.text);
  if (email.html !== undefined) out.html = lf(email.html);
  return out;
}
