/**
 * Finds the CMS in whatever the user gives us: a full .eml whose top entity is application/pkcs7-mime, a
 * webmail message carrying smime.p7m as an attachment, a bare smime.p7m (DER or base64), or a PEM armored block.
 */
import { DirectSealError } from '../errors';
import { latin1 } from '../bytes';
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

export function locateCms(input: Uint8Array): LocatedCms {
  if (input.length === 0) throw new DirectSealError('MESSAGE_MALFORMED', 'empty input');
  if (input[0] === 0x30) return { der: input };
  const head = latin1(input, 0, Math.min(input.length, 512));
  const pem = /-----BEGIN (PKCS7|CMS)-----/.exec(head) ?? /-----BEGIN (PKCS7|CMS)-----/.exec(latin1(input));
  if (pem) return { der: pemBody(latin1(input), pem[1]!) };
  if (/^[A-Za-z0-9+/=\r\n\t ]+$/.test(head) && !head.includes(':')) return { der: decodeBase64(input) };
  const entity = splitEntity(input);
  const der = findPkcs7(entity, 0);
  if (!der) throw new DirectSealError('MESSAGE_MALFORMED', 'no application/pkcs7-mime part or smime.p7m attachment');
  return { der, carrier: entity };
}

function pemBody(text: string, label: string): Uint8Array {
  const start = text.indexOf(`-----BEGIN ${label}-----`) + label.length + 16;
  const end = text.indexOf(`-----END ${label}-----`, start);
  if (end < 0) throw new DirectSealError('MESSAGE_MALFORMED', 'PEM block without its END line');
  return decodeBase64(text.slice(start, end).trim());
}

function findPkcs7(entity: Entity, depth: number): Uint8Array | undefined {
  const ct = parseContentType(header(entity, 'content-type'));
  const filename = parseContentDisposition(header(entity, 'content-disposition')).params.filename ?? ct.params.name ?? '';
  const isSignedOnly = ct.params['smime-type']?.toLowerCase() === 'signed-data';
  if ((PKCS7_TYPES.has(ct.type) && !isSignedOnly) || (ct.type === 'application/octet-stream' && /\.p7m$/i.test(filename))) {
    return decodeTransferEncoding(entity.body, header(entity, 'content-transfer-encoding'));
  }
  if (!ct.type.startsWith('multipart/') || depth >= MAX_DEPTH || ct.type === 'multipart/signed') return undefined;
  const boundary = ct.params.boundary;
  if (!boundary) throw new DirectSealError('MESSAGE_MALFORMED', 'multipart without a boundary');
  for (const part of splitMultipart(entity.body, boundary)) {
    const found = findPkcs7(splitEntity(part), depth + 1);
    if (found) return found;
  }
  return undefined;
}
