/**
 * The messages between a content script and the DirectSeal frame (an extension page in an iframe) it opens
 * over the webmail. Only ciphertext, addresses and the cover note cross this boundary; the frame talks to
 * the background for everything else. Each side checks the other's origin and the per-frame nonce.
 */

export type FrameView = 'write' | 'read' | 'field';

/** Content script → frame, once the frame said it is ready. */
export type FrameInit =
  | { ds: 'init'; nonce: string; view: 'write'; recipients: string[]; provider: string }
  | { ds: 'init'; nonce: string; view: 'read'; sealed: Uint8Array; name: string; provider: string }
  /** `text`: what the user already typed in the field, to be sealed (the page had it anyway). */
  | { ds: 'init'; nonce: string; view: 'field'; provider: string; text?: string };

/** Content script → frame, after it handled a result: what became of it, in words for the user. */
export interface FrameDone {
  ds: 'done';
  nonce: string;
  ok: boolean;
  message: string;
}

export function isFrameDone(data: unknown, nonce: string): data is FrameDone {
  const d = data as { ds?: unknown; nonce?: unknown } | null;
  return !!d && d.ds === 'done' && d.nonce === nonce;
}

/** Frame → content script. */
export type FrameEvent =
  | { ds: 'ready'; nonce: string }
  /** The sealed message as the attachment to add (DER EnvelopedData), and the cover note for the draft. */
  | { ds: 'sealed'; nonce: string; p7m: Uint8Array; filename: string; coverSubject: string; coverBody: string; reply?: boolean }
  /** For text-only fields: the armored PKCS7 block that replaces the field's text. */
  | { ds: 'armored'; nonce: string; text: string }
  | { ds: 'close'; nonce: string };

const EVENTS = new Set(['ready', 'sealed', 'armored', 'close']);

export function isFrameEvent(data: unknown, nonce: string): data is FrameEvent {
  const d = data as { ds?: unknown; nonce?: unknown } | null;
  return !!d && typeof d.ds === 'string' && EVENTS.has(d.ds) && d.nonce === nonce;
}

export function isFrameInit(data: unknown, nonce: string): data is FrameInit {
  const d = data as { ds?: unknown; nonce?: unknown } | null;
  return !!d && d.ds === 'init' && d.nonce === nonce;
}

/** The cover note: says a secure message is attached and how to read it; never the subject or any content. */
export const COVER_SUBJECT = 'Secure message';
export const COVER_BODY = [
  'This email carries a secure Direct message (smime.p7m), signed and encrypted for you.',
  '',
  'To read it, open the attachment with DirectSeal or your Direct/S/MIME mail program.',
].join('\n');
