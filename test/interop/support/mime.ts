/**
 * The little MIME the harness needs around the peers' CMS: cmsutil and gpgsm read and write bare DER,
 * so the harness wraps their output as S/MIME entities and unwraps incoming .eml files itself.
 * Deliberately independent of DirectSeal's own MIME code: the harness must not share its bugs.
 * Everything works on Buffers with latin1 offsets so signed bytes are never re-encoded.
 */
import { randomBytes } from 'node:crypto';

export const CRLF = '\r\n';

export interface Header {
  name: string;
  value: string;
}

export interface Entity {
  headers: Header[];
  /** Exact bytes after the blank line. */
  body: Buffer;
}

export interface ContentType {
  /** Lower-cased "type/subtype". */
  type: string;
  /** Lower-cased parameter names; values unquoted. */
  params: Record<string, string>;
}

/** Split an entity at the first empty line (CRLF CRLF, or LF LF from tools that write bare LF). */
export function parseEntity(bytes: Uint8Array): Entity {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const s = buf.toString('latin1');
  let end = s.indexOf('\r\n\r\n');
  let sep = 4;
  const lf = s.indexOf('\n\n');
  if (end < 0 || (lf >= 0 && lf < end)) {
    end = lf;
    sep = 2;
  }
  if (end < 0) throw new Error('MIME entity has no header/body separator');
  const headers: Header[] = [];
  for (const line of s.slice(0, end).replace(/\r?\n[ \t]/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.push({ name: line.slice(0, i).trim(), value: line.slice(i + 1).trim() });
  }
  return { headers, body: buf.subarray(end + sep) };
}

export function header(e: Entity, name: string): string | undefined {
  const n = name.toLowerCase();
  return e.headers.find((h) => h.name.toLowerCase() === n)?.value;
}

export function contentType(e: Entity): ContentType {
  const raw = header(e, 'content-type') ?? 'text/plain';
  const [type = '', ...rest] = splitParams(raw);
  const params: Record<string, string> = {};
  for (const p of rest) {
    const i = p.indexOf('=');
    if (i < 0) continue;
    let v = p.slice(i + 1).trim();
    if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    params[p.slice(0, i).trim().toLowerCase()] = v;
  }
  return { type: type.trim().toLowerCase(), params };
}

/** Split on ';' outside quotes. */
function splitParams(v: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (const ch of v) {
    if (ch === '"') q = !q;
    if (ch === ';' && !q) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function decodeBody(e: Entity): Buffer {
  const cte = (header(e, 'content-transfer-encoding') ?? '7bit').toLowerCase();
  if (cte === 'base64') return Buffer.from(e.body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  return e.body;
}

/** The DER inside a top-level application/pkcs7-mime (or x-pkcs7-mime) entity. */
export function pkcs7MimeDer(bytes: Uint8Array): { der: Buffer; smimeType: string } {
  const e = parseEntity(bytes);
  const ct = contentType(e);
  if (ct.type !== 'application/pkcs7-mime' && ct.type !== 'application/x-pkcs7-mime') {
    throw new Error(`expected application/pkcs7-mime, got ${ct.type}`);
  }
  return { der: decodeBody(e), smimeType: (ct.params['smime-type'] ?? '').toLowerCase() };
}

export interface SignedParts {
  form: 'detached' | 'opaque';
  /** detached: the first part's exact bytes (what was signed); opaque: undefined (it is inside the CMS). */
  content?: Buffer;
  /** detached: the signature's DER; opaque: the whole SignedData DER. */
  cmsDer: Buffer;
}

/** Take a signed entity apart: multipart/signed (detached) or application/pkcs7-mime signed-data (opaque). */
export function splitSigned(bytes: Uint8Array): SignedParts {
  const e = parseEntity(bytes);
  const ct = contentType(e);
  if (ct.type === 'multipart/signed') {
    const boundary = ct.params['boundary'];
    if (!boundary) throw new Error('multipart/signed without boundary');
    const parts = splitMultipart(e.body, boundary);
    if (parts.length !== 2) throw new Error(`multipart/signed with ${parts.length} parts`);
    return { form: 'detached', content: parts[0]!, cmsDer: decodeBody(parseEntity(parts[1]!)) };
  }
  if (ct.type === 'application/pkcs7-mime' || ct.type === 'application/x-pkcs7-mime') {
    return { form: 'opaque', cmsDer: decodeBody(e) };
  }
  throw new Error(`not a signed entity: ${ct.type}`);
}

/**
 * Body parts of a multipart body, as exact byte slices. RFC 2046: the CRLF before a delimiter belongs to
 * the delimiter, so a part ends right before it.
 */
export function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const s = body.toString('latin1');
  const delim = `--${boundary}`;
  const starts: number[] = []; // offsets of delimiter lines
  let i = s.startsWith(delim) ? 0 : s.indexOf(`\n${delim}`);
  while (i >= 0) {
    const at = s[i] === '\n' ? i + 1 : i;
    const after = s.slice(at + delim.length, at + delim.length + 2);
    starts.push(at);
    if (after === '--') break;
    i = s.indexOf(`\n${delim}`, at + delim.length);
  }
  const parts: Buffer[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    const lineEnd = s.indexOf('\n', starts[k]!);
    let end = starts[k + 1]! - 1; // the LF before the next delimiter
    if (s[end - 1] === '\r') end -= 1;
    parts.push(body.subarray(lineEnd + 1, end));
  }
  return parts;
}

export function base64Lines(der: Uint8Array): string {
  return (Buffer.from(der).toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);
}

function newBoundary(): string {
  return `----=_harness_${randomBytes(12).toString('hex')}`;
}

/** RFC 8551 detached signature: the signed entity travels verbatim as the first part. */
export function multipartSigned(inner: Uint8Array, sigDer: Uint8Array, micalg = 'sha-256'): Buffer {
  const b = newBoundary();
  return Buffer.concat([
    Buffer.from(
      `MIME-Version: 1.0${CRLF}` +
        `Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=${micalg}; boundary="${b}"${CRLF}${CRLF}` +
        `This is a cryptographically signed message in MIME format.${CRLF}${CRLF}--${b}${CRLF}`,
      'latin1',
    ),
    Buffer.from(inner),
    Buffer.from(
      `${CRLF}--${b}${CRLF}Content-Type: application/pkcs7-signature; name="smime.p7s"${CRLF}` +
        `Content-Transfer-Encoding: base64${CRLF}Content-Disposition: attachment; filename="smime.p7s"${CRLF}${CRLF}` +
        `${base64Lines(sigDer)}${CRLF}--${b}--${CRLF}`,
      'latin1',
    ),
  ]);
}

/** An application/pkcs7-mime entity (headers + base64 body), optionally preceded by extra headers. */
export function pkcs7MimeEntity(der: Uint8Array, smimeType: string, extraHeaders = ''): Buffer {
  return Buffer.from(
    `${extraHeaders}MIME-Version: 1.0${CRLF}` +
      `Content-Type: application/pkcs7-mime; smime-type=${smimeType}; name="smime.p7m"${CRLF}` +
      `Content-Transfer-Encoding: base64${CRLF}Content-Disposition: attachment; filename="smime.p7m"${CRLF}${CRLF}` +
      `${base64Lines(der)}${CRLF}`,
    'latin1',
  );
}

// ContentInfo OIDs, DER-encoded with their tag and length, to tell the two envelope kinds apart.
const OID_ENVELOPED = Buffer.from('06092a864886f70d010703', 'hex'); // 1.2.840.113549.1.7.3
const OID_AUTH_ENVELOPED = Buffer.from('060b2a864886f70d0109100117', 'hex'); // 1.2.840.113549.1.9.16.1.23

/** 'enveloped-data' or 'authEnveloped-data' (RFC 8551 §3.4), from the ContentInfo's contentType. */
export function envelopeSmimeType(der: Uint8Array): 'enveloped-data' | 'authEnveloped-data' {
  const head = Buffer.from(der.subarray(0, 24));
  if (head.includes(OID_AUTH_ENVELOPED)) return 'authEnveloped-data';
  if (head.includes(OID_ENVELOPED)) return 'enveloped-data';
  throw new Error('not a CMS EnvelopedData/AuthEnvelopedData ContentInfo');
}

/**
 * A complete RFC 5322 message around an envelope, with only the Direct outer headers (Date, From, To,
 * Message-ID): what a HISP would hand to SMTP.
 */
export function envelopedEml(der: Uint8Array, from: string, to: readonly string[]): Buffer {
  const id = `<${randomBytes(9).toString('hex')}@harness.test>`;
  const outer =
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}${CRLF}From: ${from}${CRLF}` +
    `To: ${to.join(', ')}${CRLF}Message-ID: ${id}${CRLF}`;
  return pkcs7MimeEntity(der, envelopeSmimeType(der), outer);
}

/** Bare LF -> CRLF, for tools (openssl's S/MIME writer) that end base64 lines with LF only. */
export function toCrlf(bytes: Uint8Array): Buffer {
  return Buffer.from(Buffer.from(bytes).toString('latin1').replace(/\r?\n/g, CRLF), 'latin1');
}

export function hasBareLf(bytes: Uint8Array): boolean {
  return /(^|[^\r])\n/.test(Buffer.from(bytes).toString('latin1'));
}
