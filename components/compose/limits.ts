/**
 * The webmail's own attachment limit, checked before sealing: the sealed smime.p7m the frame hands over must
 * fit, or the webmail's upload fails after all the work. Pure, so it is tested without a browser.
 */
import { t } from '../i18n/current';

const PROVIDER_NAMES: Record<string, string> = { roundcube: 'Roundcube', gmail: 'Gmail', outlook: 'Outlook on the web' };

export interface AttachmentLimit {
  /** The adapter's name (FrameStart.provider). */
  provider: string;
  bytes: number;
}

/** From the frame's start: only a positive number is a limit (the start comes from the host page's side). */
export function attachmentLimitOf(start: { provider: string; maxAttachmentBytes?: unknown }): AttachmentLimit | undefined {
  const bytes = start.maxAttachmentBytes;
  return typeof bytes === 'number' && Number.isFinite(bytes) && bytes > 0 ? { provider: start.provider, bytes } : undefined;
}

/**
 * About how big the smime.p7m of a message with these files will be: each file base64-encoded in 76-column
 * lines (4/3 and a CRLF every 57 bytes), the text, and a few KB of headers, signature, certificates and one
 * encrypted key per recipient. The DER envelope adds no further encoding.
 */
export function sealedSizeEstimate(fileSizes: number[], textLength: number, recipients = 1): number {
  const encoded = fileSizes.reduce((n, size) => n + Math.ceil(size / 57) * 78 + 512, 0);
  return encoded + Math.ceil(textLength * 1.1) + 8192 + 512 * recipients;
}

const webmailName = (limit: AttachmentLimit): string => PROVIDER_NAMES[limit.provider] ?? t('compose.thisWebmail');

const mb = (bytes: number) => `${bytes >= 10_000_000 ? Math.round(bytes / 1e6) : Math.round(bytes / 1e5) / 10} MB`;

/** In DirectSeal's words, before any work: "Roundcube accepts at most 30 MB; …". Undefined when it fits. */
export function overLimitSentence(limit: AttachmentLimit | undefined, estimate: number): string | undefined {
  if (!limit || estimate <= limit.bytes) return undefined;
  return t('compose.overLimit', { webmail: webmailName(limit), limit: mb(limit.bytes), size: mb(estimate) });
}

/** What the sealed view says instead of attaching. */
export function notAttachedSentence(limit: AttachmentLimit): string {
  return t('compose.notAttached', { webmail: webmailName(limit), limit: mb(limit.bytes) });
}
