/**
 * Just enough certificate handling for the page to show a fingerprint before the service has accepted the file:
 * PEM or DER in, SHA-256 over the DER out, in the service's format (colon-separated uppercase hex).
 */
import { decodeBase64 } from '@/utils/mime/base64';

export function firstCertificateDer(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 200_000)));
  const m = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END/.exec(text);
  return m ? decodeBase64(m[1]!.replace(/\s+/g, '')) : bytes;
}

export async function sha256Fingerprint(der: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', der.slice()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
}
