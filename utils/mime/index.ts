/** The MIME layer: pure TypeScript, no DOM and no Node-only APIs (runs in Node, the CLI and a service worker). */
export { encodeBase64, encodeBase64String, decodeBase64 } from './base64';
export { toCrlf, isCrlf } from './canonical';
export { encodeQuotedPrintable, decodeQuotedPrintable } from './qp';
export { FOLD_AT, isPlainAscii, encodeWords, decodeWords, encodeHeaderValue, sanitizeValue, foldHeader, formatHeader } from './headers';
export {
  parseParams,
  parseContentType,
  parseContentDisposition,
  decodeCharset,
  formatParam,
  formatParam2047,
  formatParams,
} from './params';
export type { ContentType, ContentDisposition } from './params';
export { parseAddressList, parseMailbox, addressOf, formatAddrSpec, formatMailbox, formatAddressList } from './address';
export type { Mailbox } from './address';
export { splitEntity, parseHeaderBlock, header, headerAll, splitMultipart, decodeTransferEncoding } from './entity';
export type { Entity, HeaderField } from './entity';
export { buildMessage, buildEntity, buildMultipartBody, generateBoundary, generateMessageId, formatDate } from './build';
export type { MessageInput, AttachmentInput } from './build';
export { parseMessage } from './parse';
export type { ParsedMessage, ParsedAddress, ParsedAttachment } from './parse';
export { guessContentType } from './mimetypes';
