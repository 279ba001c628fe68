/** Building RFC 5322 messages and MIME entities: CRLF everywhere, 7-bit safe, one allocation for the output. */
import { concat, fromLatin1, toHex, totalLength, utf8 } from '../bytes';
import { randomBytes } from '../crypto';
import { DirectSealError } from '../errors';
import { formatAddrSpec, formatAddressList, parseMailbox } from './address';
import { Base64Writer, base64Length, encodeBase64 } from './base64';
import { withHeadroom } from '../headroom';
import { toCrlf } from './canonical';
import { encodeHeaderValue, foldHeader, isPlainAscii } from './headers';
import { guessContentType } from './mimetypes';
import { formatParam, formatParam2047, formatParams } from './params';
import { encodeQuotedPrintable } from './qp';

export interface AttachmentInput {
  filename: string;
  /** Defaults to a type guessed from the file name extension, else application/octet-stream. */
  contentType?: string;
  content: Uint8Array;
}

/** An attachment read piece by piece into its place in the message (a picked file): never held whole. */
export interface AttachmentSource extends SizedAttachment {
  /** Its bytes in order, in pieces; each piece is used before the next is asked for (a reader may reuse its buffer). */
  pieces(): AsyncIterable<Uint8Array>;
}

export interface BuildOptions {
  /** Free bytes kept before the message, for a prefix written later without a copy (utils/headroom.ts). */
  headroom?: number;
}

export interface MessageInput {
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: AttachmentInput[];
  date?: Date;
  /** With or without angle brackets. */
  messageId?: string;
  /** Extra header fields; a name that matches a built-in header (From, Subject, Date...) replaces it. */
  headers?: Record<string, string>;
}

const CRLF = fromLatin1('\r\n');
const FIELD_NAME = /^[!-9;-~]+$/;
/** Structure headers the builder owns. */
const RESERVED = new Set(['content-type', 'content-transfer-encoding', 'mime-version']);

/** A boundary that cannot occur in base64 or quoted-printable content ("=_" is neither). */
export function generateBoundary(): string {
  return `=_DirectSeal_${toHex(randomBytes(15))}`;
}

/** Header lines + CRLF CRLF + body. Values are folded (and RFC 2047-encoded only if they are not ASCII). */
export function buildEntity(headers: readonly (readonly [string, string])[], body: Uint8Array): Uint8Array {
  return concat([headerBlock(headers), CRLF, body]);
}

/** Each header as a folded line ending in CRLF. */
function headerBlock(headers: readonly (readonly [string, string])[]): Uint8Array {
  let s = '';
  for (const [name, value] of headers) {
    if (!FIELD_NAME.test(name)) throw new DirectSealError('USAGE', `invalid header name: ${JSON.stringify(name)}`);
    s += foldHeader(name, isPlainAscii(value) ? value : encodeHeaderValue(value)) + '\r\n';
  }
  return fromLatin1(s);
}

/**
 * A multipart body from entities: "--b CRLF part CRLF --b CRLF part CRLF --b-- CRLF", optional preamble.
 * One allocation for the whole body.
 */
export function buildMultipartBody(parts: readonly Uint8Array[], boundary: string, preamble?: string): Uint8Array {
  const open = fromLatin1(`--${boundary}\r\n`);
  const between = fromLatin1(`\r\n--${boundary}\r\n`);
  const close = fromLatin1(`\r\n--${boundary}--\r\n`);
  const chunks: Uint8Array[] = [];
  if (preamble) chunks.push(toCrlf(utf8(preamble.endsWith('\n') ? preamble : preamble + '\n')));
  parts.forEach((p, k) => chunks.push(k === 0 ? open : between, p));
  chunks.push(close);
  return concat(chunks);
}

/** A text part: 7bit when ASCII with short lines, else quoted-printable or base64 UTF-8 (whichever is smaller). */
function textEntity(text: string, subtype: 'plain' | 'html'): Uint8Array[] {
  const bytes = toCrlf(utf8(text));
  let cte: string;
  let body: Uint8Array;
  if (isSevenBitShortLines(bytes)) {
    cte = '7bit';
    body = bytes;
  } else {
    const qp = encodeQuotedPrintable(bytes);
    const b64Len = Math.ceil(bytes.length / 3) * 4 * (78 / 76);
    if (qp.length <= b64Len) {
      cte = 'quoted-printable';
      body = qp;
    } else {
      cte = 'base64';
      body = encodeBase64(bytes);
    }
  }
  const head = headerBlock([
    ['Content-Type', `text/${subtype}; charset=utf-8`],
    ['Content-Transfer-Encoding', cte],
  ]);
  return [head, CRLF, body];
}

function isSevenBitShortLines(bytes: Uint8Array): boolean {
  let lineLen = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 10) {
      lineLen = 0;
      continue;
    }
    if (b > 126 || b === 0 || (b === 13 && bytes[i + 1] !== 10)) return false;
    if (++lineLen > 998) return false;
  }
  return true;
}

/**
 * Where an attachment's base64 goes in a message laid out before it is encoded: the message is allocated once
 * and each attachment encoded straight into its place (no encoded copy, no joined copy; 100 MB attachments).
 */
interface Slot {
  attachment: number;
  length: number;
}
type Chunk = Uint8Array | Slot;

/** What the layout needs of an attachment: its name, type and size, not its bytes. */
interface SizedAttachment {
  filename: string;
  contentType?: string;
  size: number;
}

function attachmentEntity(a: SizedAttachment, index: number): Chunk[] {
  const type = sanitizeType(a.contentType) ?? guessContentType(a.filename);
  const head = headerBlock([
    ['Content-Type', formatParams(type, [formatParam2047('name', a.filename)])],
    ['Content-Disposition', formatParams('attachment', formatParam('filename', a.filename))],
    ['Content-Transfer-Encoding', 'base64'],
  ]);
  return [head, CRLF, { attachment: index, length: base64Length(a.size) }];
}

/**
 * A caller's content type, kept only when it is a plain "type/subtype" with optional parameters. message/* and
 * multipart/* may not be base64 encoded (RFC 2046), so those travel as application/octet-stream.
 */
function sanitizeType(t: string | undefined): string | undefined {
  const v = t?.replace(/[\r\n]+/g, ' ').trim();
  if (!v || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+\/[!#$%&'*+\-.^_`|~0-9A-Za-z]+(\s*;.*)?$/.test(v)) return undefined;
  return /^(message|multipart)\//i.test(v) ? 'application/octet-stream' : v;
}

/** Multipart entity chunks around already-built part chunks. */
function multipartEntity(subtype: string, parts: Chunk[][]): Chunk[] {
  const boundary = generateBoundary();
  const chunks: Chunk[] = [headerBlock([['Content-Type', `multipart/${subtype}; boundary="${boundary}"`]]), CRLF];
  parts.forEach((p, k) => chunks.push(fromLatin1(`${k === 0 ? '' : '\r\n'}--${boundary}\r\n`), ...p));
  chunks.push(fromLatin1(`\r\n--${boundary}--\r\n`));
  return chunks;
}

/** RFC 5322 date-time in UTC: "Tue, 24 Nov 2026 09:05:00 +0000". */
export function formatDate(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** A fresh Message-ID, `<random@domain-of-from>`. */
export function generateMessageId(fromAddress: string): string {
  const spec = formatAddrSpec(parseMailbox(fromAddress).address);
  return `<${toHex(randomBytes(16))}@${spec.slice(spec.lastIndexOf('@') + 1)}>`;
}

/**
 * An RFC 5322 message: CRLF line ends, 7-bit only, lines <= 998 (headers folded at 78). Body: text/plain, or
 * multipart/alternative (text + html), inside multipart/mixed when there are attachments (base64, RFC 2231
 * filename* plus an RFC 2047 name= fallback).
 */
export function buildMessage(m: MessageInput): Uint8Array {
  const attachments = m.attachments ?? [];
  const { bytes, slots } = place(layout(m, attachments.map((a) => ({ ...a, size: a.content.length }))), 0);
  for (const slot of slots) {
    const writer = new Base64Writer(bytes, slot.offset);
    writer.write(attachments[slot.attachment]!.content);
    writer.end();
  }
  return bytes;
}

/** buildMessage with attachments read a piece at a time, each encoded into its place as it arrives. */
export async function buildMessageFrom(
  m: Omit<MessageInput, 'attachments'> & { attachments: AttachmentSource[] },
  options: BuildOptions = {},
): Promise<Uint8Array> {
  const { bytes, slots } = place(layout(m, m.attachments), options.headroom ?? 0);
  for (const slot of slots) {
    const source = m.attachments[slot.attachment]!;
    const writer = new Base64Writer(bytes, slot.offset);
    let read = 0;
    for await (const piece of source.pieces()) {
      // A file that grew since its size was taken would spill into the next part; one that shrank, short it.
      read += piece.length;
      if (read > source.size) throw changedWhileRead(source);
      writer.write(piece);
    }
    if (read !== source.size || writer.end() !== slot.offset + slot.length) throw changedWhileRead(source);
  }
  return bytes;
}

const changedWhileRead = (a: AttachmentSource) =>
  new DirectSealError('ATTACHMENT_UNREADABLE', `the attachment ${JSON.stringify(a.filename)} changed while it was read; attach it again`);

/** The message's chunks, with a slot where each attachment's base64 goes. */
function layout(m: Omit<MessageInput, 'attachments'>, attachments: readonly SizedAttachment[]): Chunk[] {
  if (m.to.length === 0 && !(m.cc && m.cc.length > 0)) throw new DirectSealError('USAGE', 'a message needs at least one recipient');
  const fields: [string, string][] = [
    ['From', formatAddressList([m.from])],
    ['To', formatAddressList(m.to)],
  ];
  if (m.cc && m.cc.length > 0) fields.push(['Cc', formatAddressList(m.cc)]);
  fields.push(['Subject', encodeHeaderValue(m.subject)]);
  fields.push(['Date', formatDate(m.date ?? new Date())]);
  const id = m.messageId?.trim();
  fields.push(['Message-ID', id ? (id.startsWith('<') ? id : `<${id}>`) : generateMessageId(m.from)]);
  for (const [name, value] of Object.entries(m.headers ?? {})) {
    if (!FIELD_NAME.test(name) || RESERVED.has(name.toLowerCase())) {
      throw new DirectSealError('USAGE', `header not allowed here: ${JSON.stringify(name)}`);
    }
    const encoded = encodeHeaderValue(value);
    const existing = fields.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (existing >= 0) fields[existing] = [name, encoded];
    else fields.push([name, encoded]);
  }
  fields.push(['MIME-Version', '1.0']);

  let body: Chunk[] = m.html === undefined ? textEntity(m.text, 'plain') : multipartEntity('alternative', [textEntity(m.text, 'plain'), textEntity(m.html, 'html')]);
  if (attachments.length > 0) body = multipartEntity('mixed', [body, ...attachments.map(attachmentEntity)]);
  return [headerBlock(fields), ...body];
}

/** The chunks copied into one buffer (with `headroom` free bytes before it), the slots left for their base64. */
function place(chunks: readonly Chunk[], headroom: number): { bytes: Uint8Array; slots: (Slot & { offset: number })[] } {
  const bytes = withHeadroom(totalLength(chunks), headroom);
  const slots: (Slot & { offset: number })[] = [];
  let o = 0;
  for (const c of chunks) {
    if (c instanceof Uint8Array) bytes.set(c, o);
    else slots.push({ ...c, offset: o });
    o += c.length;
  }
  return { bytes, slots };
}
