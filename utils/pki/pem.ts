/** PEM armour (RFC 7468), with the RFC 1421 headers of legacy encrypted keys kept. */
import { latin1 } from '../bytes';
import { decodeBase64, encodeBase64String } from '../mime/base64';

export interface PemBlock {
  label: string;
  der: Uint8Array;
  /** RFC 1421 headers such as Proc-Type and DEK-Info (legacy OpenSSL encrypted keys), when present. */
  headers?: Record<string, string>;
}

const BLOCK = /-----BEGIN ([A-Z0-9 #]+?)-----\r?\n?([\s\S]*?)-----END \1-----/g;

/**
 * The bytes of base64 text, or null when the text is not base64. Any whitespace is ignored (the base64 decoder
 * skips only CR, LF, space and tab); padding, if present, must complete the last group.
 */
export function base64Bytes(text: string): Uint8Array | null {
  try {
    return decodeBase64(text.replace(/\s+/g, '')).slice(); // exactly sized, not a view of a larger buffer
  } catch {
    return null;
  }
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
    const der = base64Bytes(body);
    if (!der || der.length === 0) continue;
    out.push(headers ? { label, der, headers } : { label, der });
  }
  return out;
}

/** PEM text for `der`, 64-column lines, LF line ends, final newline. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = encodeBase64String(der);
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
