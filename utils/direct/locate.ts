/**
 * Finds the CMS in whatever the user gives us: a full .eml whose top entity is application/pkcs7-mime, a
 * webmail message carrying smime.p7m as an attachment, a bare smime.p7m (DER or base64), or a PEM armored block.
 *
 * Memory: the input may be a 70 MB .eml. Nothing here turns it into a string or copies it: the PEM header is
 * searched in the bytes, entities and parts are views of the input, and the CMS is base64-decoded into one
 * new buffer (or over the input itself when the caller consumes it; for DER and 7bit/8bit/binary bodies it is
 * a view of the input).
 */
import { DirectSealError } from '../errors';
import { fromLatin1, indexOf, latin1 } from '../bytes';
import { decodeBase64 } from '../mime/base64';
import { decodeTransferEncoding, header, splitEntity, splitMultipart, type Entity } from '../mime/entity';
import { parseContentDisposition, parseContentType } from '../mime/params';

export interface LocatedCms {
  der: Uint8Array;
  /** The headers of the message that carried it (From, To, Date...), when there was one. */
  carrier?: Entity;
}

const PKCS7_TYPES = new Set(['application/pkcs7-mime', 'application/x-pkcs7-mime']);
const MAX_DEPTH = 8;
const PEM_LABELS = ['PKCS7', 'CMS'] as const;
const BEGIN = fromLatin1('-----BEGIN ');
const DASHES = fromLatin1('-----');

/**
 * `consume`: the caller hands the input over (it will not read it again, whatever the outcome): a base64 CMS is
 * then decoded over the input's own bytes instead of into a new buffer, and `der` is a view of the input.
 */
export function locateCms(input: Uint8Array, consume = false): LocatedCms {
  if (input.length === 0) throw new DirectSealError('MESSAGE_MALFORMED', 'empty input');
  if (input[0] === 0x30) return { der: input };
  const pem = findPemBegin(input);
  if (pem) return { der: pemBody(input, pem.label, pem.bodyStart, consume) };
  const head = latin1(input, 0, Math.min(input.length, 512));
  if (/^[A-Za-z0-9+/=\r\n\t ]+$/.test(head) && !head.includes(':')) return { der: decodeBase64(input, consume) };
  const entity = splitEntity(input);
  const der = findPkcs7(entity, 0, consume);
  if (!der) throw new DirectSealError('MESSAGE_MALFORMED', 'no application/pkcs7-mime part or smime.p7m attachment');
  return { der, carrier: entity };
}

/** The first "-----BEGIN PKCS7-----" or "-----BEGIN CMS-----" in the bytes: its label and where its body starts. */
function findPemBegin(input: Uint8Array): { label: string; bodyStart: number } | undefined {
  for (let i = indexOf(input, BEGIN); i !== -1; i = indexOf(input, BEGIN, i + 1)) {
    for (const label of PEM_LABELS) {
      const at = i + BEGIN.length;
      if (startsWith(input, at, label) && startsWith(input, at + label.length, '-----')) {
        return { label, bodyStart: at + label.length + DASHES.length };
      }
    }
  }
  return undefined;
}

function startsWith(bytes: Uint8Array, at: number, ascii: string): boolean {
  if (at + ascii.length > bytes.length) return false;
  for (let k = 0; k < ascii.length; k++) if (bytes[at + k] !== ascii.charCodeAt(k)) return false;
  return true;
}

/** What String.prototype.trim removes, among Latin-1 characters. */
function isTrimmed(b: number): boolean {
  return (b >= 9 && b <= 13) || b === 32 || b === 0xa0;
}

/** The base64 between the BEGIN line and its END line, decoded straight from the input's bytes. */
function pemBody(input: Uint8Array, label: string, start: number, consume: boolean): Uint8Array {
  let end = indexOf(input, fromLatin1(`-----END ${label}-----`), start);
  if (end < 0) throw new DirectSealError('MESSAGE_MALFORMED', 'PEM block without its END line');
  while (start < end && isTrimmed(input[start]!)) start++;
  while (end > start && isTrimmed(input[end - 1]!)) end--;
  return decodeBase64(input.subarray(start, end), consume);
}

function findPkcs7(entity: Entity, depth: number, consume: boolean): Uint8Array | undefined {
  const ct = parseContentType(header(entity, 'content-type'));
  const filename = parseContentDisposition(header(entity, 'content-disposition')).params.filename ?? ct.params.name ?? '';
  const isSignedOnly = ct.params['smime-type']?.toLowerCase() === 'signed-data';
  if ((PKCS7_TYPES.has(ct.type) && !isSignedOnly) || (ct.type === 'application/octet-stream' && /\.p7m$/i.test(filename))) {
    return decodeTransferEncoding(entity.body, header(entity, 'content-transfer-encoding'), consume);
  }
  if (!ct.type.startsWith('multipart/') || depth >= MAX_DEPTH || ct.type === 'multipart/signed') return undefined;
  const boundary = ct.params.boundary;
  if (!boundary) throw new DirectSealError('MESSAGE_MALFORMED', 'multipart without a boundary');
  for (const part of splitMultipart(entity.body, boundary)) {
    const found = findPkcs7(splitEntity(part), depth + 1, consume);
    if (found) return found;
  }
  return undefined;
}
