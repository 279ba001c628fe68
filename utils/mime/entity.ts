/**
 * Byte-exact MIME entities, for signatures: the header block, the body, and the parts of a multipart body exactly
 * as they are on the wire (RFC 2046 5.1.1), with no re-encoding.
 */
import { fromLatin1, indexOf, latin1 } from '../bytes';
import { DirectSealError } from '../errors';
import { decodeBase64 } from './base64';
import { decodeQuotedPrintable } from './qp';

export interface HeaderField {
  name: string;
  /** Unfolded (line breaks before blanks removed), trimmed; UTF-8 when the raw bytes are valid UTF-8, else Latin-1. */
  value: string;
}

export interface Entity {
  headers: HeaderField[];
  /** The header block including the empty line that ends it: concat(headerBytes, body) is the input. */
  headerBytes: Uint8Array;
  body: Uint8Array;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function malformed(detail: string): DirectSealError {
  return new DirectSealError('MESSAGE_MALFORMED', detail);
}

/** Offset where the body starts: after the first empty line (CRLF CRLF or LF LF, also mixed), or -1. */
function bodyStart(bytes: Uint8Array): number {
  if (bytes[0] === 10) return 1;
  if (bytes[0] === 13 && bytes[1] === 10) return 2;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) {
    if (bytes[i + 1] === 10) return i + 2;
    if (bytes[i + 1] === 13 && bytes[i + 2] === 10) return i + 3;
  }
  return -1;
}

function headerValue(raw: Uint8Array): string {
  let text: string;
  try {
    text = utf8Strict.decode(raw);
  } catch {
    text = latin1(raw);
  }
  return text.replace(/\r?\n(?=[ \t])/g, '').replace(/^[ \t]+|[ \t\r\n]+$/g, '');
}

/** Parses header lines; throws MESSAGE_MALFORMED on a line that is neither a field nor a continuation. */
export function parseHeaderBlock(block: Uint8Array): HeaderField[] {
  const fields: HeaderField[] = [];
  let start = -1; // start of the current field
  let colon = -1;
  const flush = (end: number) => {
    if (start < 0) return;
    fields.push({ name: latin1(block, start, colon).trim(), value: headerValue(block.subarray(colon + 1, end)) });
    start = -1;
  };
  let lineStart = 0;
  while (lineStart < block.length) {
    let lf = block.indexOf(10, lineStart);
    if (lf === -1) lf = block.length;
    const lineEnd = lf > lineStart && block[lf - 1] === 13 ? lf - 1 : lf;
    const first = block[lineStart]!;
    if (lineEnd === lineStart) {
      // The empty line ending the block.
      flush(lineStart);
      break;
    }
    if (first === 32 || first === 9) {
      if (start < 0) throw malformed('header continuation line without a field');
    } else {
      flush(lineStart);
      const c = block.indexOf(58, lineStart);
      if (c === -1 || c >= lineEnd || c === lineStart) throw malformed(`not a header line: ${JSON.stringify(latin1(block, lineStart, Math.min(lineEnd, lineStart + 60)))}`);
      for (let k = lineStart; k < c; k++) {
        const b = block[k]!;
        // Field names are printable ASCII except ':'; tolerate blanks before the colon (obsolete syntax).
        if (b < 33 && b !== 32 && b !== 9) throw malformed('control character in a header name');
        if (b > 126) throw malformed('8-bit character in a header name');
      }
      start = lineStart;
      colon = c;
    }
    lineStart = lf + 1;
  }
  flush(block.length);
  return fields;
}

/**
 * Splits an entity at the first empty line. With no empty line, everything is header and the body is empty.
 * The body is a view of the input, not a copy.
 */
export function splitEntity(bytes: Uint8Array): Entity {
  const b = bodyStart(bytes);
  const headerBytes = b < 0 ? bytes : bytes.subarray(0, b);
  return { headers: parseHeaderBlock(headerBytes), headerBytes, body: b < 0 ? bytes.subarray(bytes.length) : bytes.subarray(b) };
}

/** The first value of a header, by case-insensitive name. */
export function header(entity: { headers: readonly HeaderField[] }, name: string): string | undefined {
  const lower = name.toLowerCase();
  return entity.headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/** Every value of a header, by case-insensitive name. */
export function headerAll(entity: { headers: readonly HeaderField[] }, name: string): string[] {
  const lower = name.toLowerCase();
  return entity.headers.filter((h) => h.name.toLowerCase() === lower).map((h) => h.value);
}

function isBlank(b: number | undefined): boolean {
  return b === 32 || b === 9;
}

/** Where the delimiter line at `at` ends (after its CRLF/LF), or -1 when it is not a delimiter line; `close` for "--". */
function delimiterLine(body: Uint8Array, at: number, dashLen: number): { next: number; close: boolean } | -1 {
  let j = at + dashLen;
  let close = false;
  if (body[j] === 45 && body[j + 1] === 45) {
    close = true;
    j += 2;
  }
  while (isBlank(body[j])) j++; // transport padding
  if (j >= body.length) return { next: body.length, close };
  if (body[j] === 10) return { next: j + 1, close };
  if (body[j] === 13 && body[j + 1] === 10) return { next: j + 2, close };
  return -1;
}

/**
 * The body parts of a multipart body, each exactly as on the wire: from after its delimiter line up to, not
 * including, the line break that precedes the next delimiter (RFC 2046: that CRLF belongs to the delimiter).
 * Delimiters are lines "--boundary" (optionally "--" and blanks after it); a line that merely starts with the
 * boundary followed by other characters is content. Works on LF-only input too (parts then keep their LF line
 * ends: canonicalize with toCrlf before hashing). Preamble and epilogue are dropped.
 * Throws MESSAGE_MALFORMED when there is no delimiter or no close delimiter.
 */
export function splitMultipart(body: Uint8Array, boundary: string): Uint8Array[] {
  if (!boundary || boundary.length > 200) throw malformed('multipart boundary missing or too long');
  const dash = fromLatin1('--' + boundary);
  const parts: Uint8Array[] = [];
  let partStart = -1;
  for (let i = indexOf(body, dash); i !== -1; i = indexOf(body, dash, i + 1)) {
    if (i > 0 && body[i - 1] !== 10) continue; // not at the start of a line
    const line = delimiterLine(body, i, dash.length);
    if (line === -1) continue;
    if (partStart >= 0) {
      let end = i > 0 ? i - 1 : 0; // drop the LF...
      if (end > 0 && body[end - 1] === 13) end--; // ...and the CR before it
      parts.push(body.subarray(partStart, Math.max(partStart, end)));
    }
    if (line.close) {
      if (partStart < 0) throw malformed('multipart close delimiter before any part');
      return parts;
    }
    partStart = line.next;
    i = line.next - 1;
  }
  throw malformed(partStart < 0 ? `multipart boundary "${boundary}" not found` : 'multipart body has no close delimiter');
}

/**
 * Decodes a body by Content-Transfer-Encoding; 7bit, 8bit, binary and none pass through; others throw.
 * `inPlace`: base64 is decoded over the body's own bytes (see decodeBase64), for a caller that owns the input.
 */
export function decodeTransferEncoding(body: Uint8Array, cte: string | undefined, inPlace = false): Uint8Array {
  const enc = (cte ?? '').trim().toLowerCase();
  switch (enc) {
    case 'base64':
      return decodeBase64(body, inPlace);
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case '':
    case '7bit':
    case '8bit':
    case 'binary':
      return body;
    default:
      throw malformed(`unknown Content-Transfer-Encoding: ${enc}`);
  }
}
