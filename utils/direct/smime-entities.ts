/**
 * The S/MIME entities of RFC 8551 section 3 that carry CMS: multipart/signed (detached), and
 * application/pkcs7-mime (opaque signed-data, enveloped-data, authEnveloped-data), all base64, CRLF.
 */
import { concat, indexOf, utf8 } from '../bytes';
import { Base64Writer, base64Length, encodeBase64 } from '../mime/base64';
import { generateBoundary } from '../mime/build';
import { MICALG, type HashName } from '../cms/oids';
import type { DerSink } from '../cms/der';

const CRLF = '\r\n';

export type SmimeType = 'signed-data' | 'enveloped-data' | 'authEnveloped-data';

export function pkcs7MimeHeaders(smimeType: SmimeType): string {
  return [
    `Content-Type: application/pkcs7-mime; smime-type=${smimeType}; name="smime.p7m"`,
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="smime.p7m"',
  ].join(CRLF);
}

/** application/pkcs7-mime entity; `extraHeaders` (outer message headers) go first. */
export function pkcs7MimeEntity(der: Uint8Array, smimeType: SmimeType, extraHeaders: string[] = []): Uint8Array {
  const entity = pkcs7MimeWriter(smimeType, extraHeaders);
  entity.begin(der.length);
  entity.write(der);
  return entity.bytes();
}

/**
 * pkcs7MimeEntity for DER that is streamed (see envelopeInto): each piece is base64-encoded as it arrives,
 * straight into the entity's one buffer, so the DER itself is never held whole.
 */
export function pkcs7MimeWriter(smimeType: SmimeType, extraHeaders: string[] = []): DerSink & { bytes(): Uint8Array } {
  const head = utf8([...extraHeaders, pkcs7MimeHeaders(smimeType)].join(CRLF) + CRLF + CRLF);
  let out = new Uint8Array(0);
  let body: Base64Writer | undefined;
  return {
    begin(derLength) {
      out = new Uint8Array(head.length + base64Length(derLength) + CRLF.length);
      out.set(head);
      body = new Base64Writer(out, head.length);
    },
    write(bytes) {
      body!.write(bytes);
    },
    bytes() {
      const end = body!.end();
      out.set(utf8(CRLF), end);
      if (end + CRLF.length !== out.length) throw new Error('pkcs7-mime entity: the DER was not the announced length');
      return out;
    },
  };
}

/**
 * multipart/signed (RFC 1847, RFC 8551 3.5.3) as the parts to join: the content part exactly as signed, given
 * as parts itself and not copied, then smime.p7s. Encryption can take the parts as they are.
 */
export function multipartSignedParts(signedEntity: readonly Uint8Array[], signatureDer: Uint8Array, hash: HashName): Uint8Array[] {
  let boundary = generateBoundary();
  while (occursIn(signedEntity, utf8(boundary))) boundary = generateBoundary();
  const head =
    `Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=${MICALG[hash]};${CRLF}` +
    ` boundary="${boundary}"${CRLF}${CRLF}` +
    `This is a cryptographically signed message in MIME format.${CRLF}${CRLF}--${boundary}${CRLF}`;
  const signaturePart =
    `${CRLF}--${boundary}${CRLF}` +
    `Content-Type: application/pkcs7-signature; name="smime.p7s"${CRLF}` +
    `Content-Transfer-Encoding: base64${CRLF}` +
    `Content-Disposition: attachment; filename="smime.p7s"${CRLF}${CRLF}`;
  return [utf8(head), ...signedEntity, utf8(signaturePart), encodeBase64(signatureDer), utf8(`${CRLF}--${boundary}--${CRLF}`)];
}

/** multipart/signed (RFC 1847, RFC 8551 3.5.3): the content part exactly as signed, then smime.p7s. */
export function multipartSigned(signedEntity: Uint8Array, signatureDer: Uint8Array, hash: HashName): Uint8Array {
  return concat(multipartSignedParts([signedEntity], signatureDer, hash));
}

/** Whether `needle` occurs in the concatenation of `parts`, also across their joins, without joining them. */
function occursIn(parts: readonly Uint8Array[], needle: Uint8Array): boolean {
  if (parts.some((p) => indexOf(p, needle) !== -1)) return true;
  let join = 0;
  for (const p of parts.slice(0, -1)) {
    join += p.length;
    if (indexOf(bytesBetween(parts, join - needle.length + 1, join + needle.length - 1), needle) !== -1) return true;
  }
  return false;
}

/** Bytes [from, to) of the concatenation of `parts`. */
function bytesBetween(parts: readonly Uint8Array[], from: number, to: number): Uint8Array {
  const pieces: Uint8Array[] = [];
  let offset = 0;
  for (const p of parts) {
    const start = Math.max(from - offset, 0);
    const end = Math.min(to - offset, p.length);
    if (start < end) pieces.push(p.subarray(start, end));
    offset += p.length;
  }
  return concat(pieces);
}
