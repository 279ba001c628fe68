/** PEM armour (RFC 7468), with the RFC 1421 headers of legacy encrypted keys kept. */
import { fromLatin1, latin1 } from '../bytes';

export interface PemBlock {
  label: string;
  der: Uint8Array;
  /** RFC 1421 headers such as Proc-Type and DEK-Info (legacy OpenSSL encrypted keys), when present. */
  headers?: Record<string, string>;
}

const BLOCK = /-----BEGIN ([A-Z0-9 #]+?)-----\r?\n?([\s\S]*?)-----END \1-----/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 to bytes; null when the text is not base64 (whitespace is ignored). */
export function base64Decode(text: string): Uint8Array | null {
  const clean = text.replace(/[\s]+/g, '');
  if (!BASE64.test(clean) || clean.length % 4 === 1) return null;
  try {
    return fromLatin1(atob(clean));
  } catch {
    return null;
  }
}

export function base64Encode(bytes: Uint8Array): string {
  return btoa(latin1(bytes));
}

/** Every well-formed PEM block in `text`, in order; text around the blocks and broken blocks are skipped. */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const label = m[1]!;
    let body = m[2]!;
    let headers: Record<string, string> | undefined;
    const split = /^((?:[A-Za-z-]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*)+)\r?\n/.exec(body);
    if (split) {
      headers = {};
      for (const line of split[1]!.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
      }
      body = body.slice(split[0].length);
    }
    const der = base64Decode(body);
    if (!der || der.length === 0) continue;
    out.push(headers ? { label, der, headers } : { label, der });
  }
  return out;
}

/** PEM text for `der`, 64-column lines, LF line ends, final newline. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = base64Encode(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** True when the bytes are text holding at least one PEM block marker (possibly after other text). */
export function isPem(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  // DER always starts with a SEQUENCE here; text never starts with 0x30 followed by a length octet >= 0x80.
  if (bytes[0] === 0x30 && bytes.length > 1 && bytes[1]! >= 0x80) return false;
  const text = latin1(bytes);
  return /-----BEGIN [A-Z0-9 #]+-----/.test(text) && /-----END [A-Z0-9 #]+-----/.test(text);
}
